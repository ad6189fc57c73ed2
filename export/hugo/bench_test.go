package hugo_test

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/parc-archive/parc/export/hugo"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/internal/exporttest"
)

// BenchmarkExportHugo measures parc export hugo, comments included, on a
// generated archive (5,000 posts and 30,000 comments unless
// PARC_BENCH_POSTS and PARC_BENCH_COMMENTS say otherwise): seconds per
// export, posts per second, and the heap the export allocated.
func BenchmarkExportHugo(b *testing.B) {
	store := exporttest.BenchArchive(b)
	dir := filepath.Join(b.TempDir(), "site")
	runtime.GC()
	var items, comments int
	start := time.Now()
	for b.Loop() {
		counts, err := hugo.Write(context.Background(), store, dir, sitegen.Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		items, comments = counts.Items, counts.Comments
	}
	elapsed := time.Since(start)
	b.ReportMetric(elapsed.Seconds()/float64(b.N), "s/export")
	b.ReportMetric(float64(items)*float64(b.N)/elapsed.Seconds(), "posts/s")
	b.ReportMetric(float64(items), "posts")
	b.ReportMetric(float64(comments), "comments")
}
