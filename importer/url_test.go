package importer

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/parc-archive/parc/fetch"
)

// TestURLAskedPolitely: the request that tells a feed from a site to
// crawl counts as one of the site's requests: the politeness delay spans
// it as every other, and a feed's first page is not asked again.
func TestURLAskedPolitely(t *testing.T) {
	const delay = 200 * time.Millisecond
	tests := []struct {
		name, path, format string
	}{
		{"feed", "/feed/", "feed"},
		{"pages", "/", "crawl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var asked []string
			var at []time.Time
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				asked, at = append(asked, r.URL.RequestURI()), append(at, time.Now())
				mu.Unlock()
				switch r.URL.RequestURI() {
				case "/feed/":
					w.Header().Set("Content-Type", "application/rss+xml; charset=UTF-8")
					fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Blog</title><link>http://%[1]s/</link>
<item><title>Hello</title><link>http://%[1]s/2024/05/01/hello/</link><guid isPermaLink="false">http://%[1]s/?p=1</guid>
<pubDate>Wed, 01 May 2024 10:00:00 +0000</pubDate><description>Hi</description></item></channel></rss>`, r.Host)
				case "/":
					w.Header().Set("Content-Type", "text/html; charset=UTF-8")
					fmt.Fprint(w, `<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.4"></head><body class="home blog"><p>Hello</p></body></html>`)
				default:
					http.NotFound(w, r)
				}
			}))
			defer srv.Close()

			results, err := Import(context.Background(), openStore(t), []string{srv.URL + tt.path}, Options{Fetch: fetch.Options{Delay: delay, MaxRetries: -1}})
			if err != nil {
				t.Fatal(err)
			}
			if len(results) != 1 || results[0].Format != tt.format {
				t.Fatalf("results %+v: want one %s", results, tt.format)
			}
			mu.Lock()
			defer mu.Unlock()
			// Arrival times vary with the connection; half the delay tells
			// spaced requests from requests sent back to back.
			for i := 1; i < len(at); i++ {
				if gap := at[i].Sub(at[i-1]); gap < delay/2 {
					t.Errorf("%s asked %v after %s, within the %v delay", asked[i], gap, asked[i-1], delay)
				}
			}
			if tt.format != "feed" {
				return
			}
			feedAsked := 0
			for _, u := range asked {
				if u == tt.path {
					feedAsked++
				}
			}
			if feedAsked != 1 || results[0].Counts.Posts != 1 {
				t.Errorf("the feed was asked %d times (requests %q) for %d posts, want once for its one post", feedAsked, asked, results[0].Counts.Posts)
			}
		})
	}
}

// TestLocal: only an import of files and folders is read at the speed of
// the disk; a URL or a web archive's captures are fetched politely.
func TestLocal(t *testing.T) {
	for _, c := range []struct {
		args []string
		mode Mode
		want bool
	}{
		{[]string{"export.xml", "saved-pages/"}, ModeAuto, true},
		{[]string{"export.xml", "https://blog.example.org/"}, ModeAuto, false},
		{[]string{"HTTP://blog.example.org/feed/"}, ModeAuto, false},
		{[]string{"blog.example.org"}, ModeWayback, false},
	} {
		if got := Local(c.args, Options{Mode: c.mode}); got != c.want {
			t.Errorf("Local(%q, mode %v) = %v, want %v", c.args, c.mode, got, c.want)
		}
	}
}
