package crawl_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/crawl"
)

// TestHugeSitemaps: a site whose two sitemap indexes list the same 200,000
// pages in large files, read by four workers at once, is crawled without
// the crawl locking itself out of its archive (SQLITE_BUSY): every page
// listed is queued for the next run. (The frontier's cap is tested in
// archive.)
func TestHugeSitemaps(t *testing.T) {
	const files, perFile = 2, 100000
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		switch {
		case r.URL.Path == "/sitemap.xml" || r.URL.Path == "/wp-sitemap.xml":
			prefix := map[string]string{"/sitemap.xml": "a", "/wp-sitemap.xml": "b"}[r.URL.Path]
			b.WriteString(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
			for i := range files {
				fmt.Fprintf(&b, "<sitemap><loc>http://%s/%s-%d.xml</loc></sitemap>", r.Host, prefix, i)
			}
			b.WriteString(`</sitemapindex>`)
		case strings.HasSuffix(r.URL.Path, ".xml"):
			var file int
			fmt.Sscanf(r.URL.Path[3:], "%d", &file)
			b.WriteString(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
			for i := range perFile {
				fmt.Fprintf(&b, "<url><loc>http://%s/%d/%d/</loc></url>", r.Host, file, i)
			}
			b.WriteString(`</urlset>`)
		default:
			w.Header().Set("Content-Type", "text/html")
			b.WriteString(`<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.4"></head><body class="home blog"></body></html>`)
		}
		w.Write([]byte(b.String()))
	}))
	defer srv.Close()
	store := openStore(t)
	results, err := importer.Import(context.Background(), store, []string{srv.URL + "/"}, importer.Options{
		Mode: importer.ModeCrawl, MaxPages: 2*files + 10, MaxFailures: 1,
		Fetch: fetch.Options{Delay: -1, MaxRetries: 1, Backoff: time.Millisecond, Concurrency: 4},
	})
	if err != nil || len(results) != 1 {
		t.Fatalf("crawl: %d results, %v", len(results), err)
	}
	queued, done, failed, err := store.Frontier(crawl.Job(srv.URL + "/")).Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if known := queued + done + failed; known < files*perFile || failed > 0 {
		t.Errorf("the frontier knows %d URLs (%d failed), want every one of the %d pages listed and none failed", known, failed, files*perFile)
	}
	for _, w := range results[0].Warnings {
		if strings.Contains(w, "locked") || strings.Contains(w, "BUSY") {
			t.Errorf("warning: %s", w)
		}
	}
}
