package crawl_test

import (
	"context"
	"maps"
	"path/filepath"
	"testing"

	"github.com/parc-archive/parc/importer/warc"
)

// TestCrawlWritesWARC: a crawl with a WARC recorder writes every response
// it received, and importing that file into an empty archive gives the
// posts and threads the crawl gave.
func TestCrawlWritesWARC(t *testing.T) {
	site := newLiveSite(t)
	store := openStore(t)
	path := filepath.Join(t.TempDir(), "crawl.warc.gz")
	w, err := warc.Create(path, "parc/test")
	if err != nil {
		t.Fatal(err)
	}
	opts := testOptions(site)
	opts.Record = w
	if _, err := run(t, context.Background(), store, site.srv.URL+"/", opts); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	replayed := openStore(t)
	res, err := run(t, context.Background(), replayed, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Captures == nil || res.Captures.Read < len(site.requestCounts())-5 {
		t.Fatalf("captures %+v for %d requests the crawl made", res.Captures, len(site.requestCounts()))
	}
	for _, id := range []int64{1148, 1814} {
		crawled := archivedComments(t, store, site.srv.URL, id)
		if got := archivedComments(t, replayed, site.srv.URL, id); len(got) == 0 || !maps.Equal(got, crawled) {
			t.Errorf("post %d from the WARC: comments %v, the crawl gave %v", id, got, crawled)
		}
	}
}
