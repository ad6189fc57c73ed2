package crawl_test

import (
	"context"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
)

// BenchmarkReparse measures rebuilding posts from stored pages, the local
// half of every crawl: pages parsed and merged into the archive per second.
func BenchmarkReparse(b *testing.B) {
	site := newLiveSite(b)
	store := openStore(b)
	ctx := context.Background()
	if _, err := run(b, ctx, store, site.srv.URL, testOptions(site)); err != nil {
		b.Fatal(err)
	}
	pages := 0
	store.ForEachFetched(ctx, site.srv.URL, func(*archive.FetchedPage) error { pages++; return nil })
	for b.Loop() {
		if _, err := importer.Reparse(ctx, store, site.srv.URL, importer.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}
