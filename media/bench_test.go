package media_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/internal/benchsize"
	"github.com/parc-archive/parc/media"
)

// BenchmarkStore measures hashing and writing files into the archive, one
// core, 1 MiB a file: the part of a fetch parc itself does.
func BenchmarkStore(b *testing.B) {
	store, err := archive.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	b.SetBytes(int64(len(data)))
	for i := 0; b.Loop(); i++ {
		url := fmt.Sprintf("https://blog.example.org/wp-content/uploads/%d.bin", i)
		if _, err := store.AddMedia(ctx, []archive.MediaRef{{URL: url, Site: "https://blog.example.org"}}); err != nil {
			b.Fatal(err)
		}
		data[0], data[1], data[2] = byte(i), byte(i>>8), byte(i>>16) // each file other bytes
		if _, err := store.StoreMedia(ctx, url, bytes.NewReader(data), "application/octet-stream"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFetchManyFiles fetches a blog of PARC_BENCH_POSTS posts, ten
// small images each (100,000 files at the default 10,000 posts) from a
// local server, and reports files per second and the peak live heap,
// which must stay flat as the blog grows.
func BenchmarkFetchManyFiles(b *testing.B) {
	posts := benchsize.Get(b, "PARC_BENCH_POSTS", 10000)
	png := []byte("\x89PNG\r\n\x1a\n" + strings.Repeat("x", 2000))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Write(append([]byte(r.URL.Path), png...)) // other bytes per file
	}))
	defer srv.Close()
	var export strings.Builder
	fmt.Fprintf(&export, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>B</title><link>%s</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>%s</wp:base_site_url>`, srv.URL, srv.URL)
	for p := range posts {
		fmt.Fprintf(&export, `<item><title>P%d</title><wp:post_id>%d</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><content:encoded><![CDATA[`, p, p+1)
		for i := range 10 {
			fmt.Fprintf(&export, `<img src="%s/wp-content/uploads/%d/%d.png">`, srv.URL, p, i)
		}
		export.WriteString(`]]></content:encoded></item>`)
	}
	export.WriteString(`</channel></rss>`)
	path := filepath.Join(b.TempDir(), "blog.xml")
	if err := os.WriteFile(path, []byte(export.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		store, err := archive.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := importer.Import(context.Background(), store, []string{path}, importer.Options{}); err != nil {
			b.Fatal(err)
		}
		peak := watchHeap()
		b.StartTimer()
		start := time.Now()
		res, err := media.Fetch(context.Background(), store, media.Options{Fetch: fetch.Options{Delay: -1, Concurrency: 4}})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Stored)/time.Since(start).Seconds(), "files/s")
		b.ReportMetric(float64(peak()>>20), "peak-heap-MiB")
		if res.Stored != posts*10 {
			b.Fatalf("stored %d of %d files", res.Stored, posts*10)
		}
		store.Close()
	}
}

// watchHeap samples the live heap until the returned function is called,
// which gives the peak.
func watchHeap() func() uint64 {
	done := make(chan uint64)
	stop := make(chan struct{})
	go func() {
		var peak uint64
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				done <- peak
				return
			case <-time.After(50 * time.Millisecond):
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
		}
	}()
	return func() uint64 {
		close(stop)
		return <-done
	}
}
