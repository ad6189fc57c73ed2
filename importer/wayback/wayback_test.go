package wayback_test

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/waybacktest"
)

const corpusSite = "http://127.0.0.1:8088"

// options import from the test archive without politeness delays.
func options(ws *waybacktest.Server) importer.Options {
	return importer.Options{Mode: importer.ModeWayback, Wayback: importer.Wayback{URL: ws.URL},
		Fetch: fetch.Options{UserAgent: "parc/test", HTTPClient: ws.Client(), Delay: -1, Backoff: time.Millisecond, MaxRetries: 1}}
}

func openStore(t testing.TB) *archive.Store {
	t.Helper()
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// TestWaybackImport imports the corpus site from the test archive, listed
// in pages of 10 captures: every published post the export holds is there with its
// approved comments, post 1814 with the later capture's comment, and a
// rerun asks for no capture again.
func TestWaybackImport(t *testing.T) {
	ws := waybacktest.New(t)
	store := openStore(t)
	opts := options(ws)
	opts.Wayback.PageSize = 10
	results, err := importer.Import(context.Background(), store, []string{"127.0.0.1:8088"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	s := results[0].Captures
	// 92 + 2 captures less robots.txt, which the CDX filter leaves out.
	if s == nil || s.Read != 93 || s.Merged < 90 {
		t.Fatalf("captures %+v, want the 93 pages and feeds of both WARC files", s)
	}
	checked := 0
	for _, want := range corpustruth.Corpus(t).Posts {
		if want.Type != "post" || want.Status != "publish" || want.Password != "" || len(corpustruth.Approved(want)) == 0 {
			continue
		}
		checked++
		wantComments := corpustruth.Approved(want)
		if want.ID == corpustruth.LaterPost {
			wantComments[corpustruth.LaterComment] = corpustruth.LaterParent
		}
		if got := corpustruth.Thread(corpustruth.StoredPost(t, store, corpusSite, want.ID)); !maps.Equal(got, wantComments) {
			t.Errorf("post %d: comments %v, want %v", want.ID, got, wantComments)
		}
	}
	if checked < 5 {
		t.Fatalf("only %d posts with comments checked", checked)
	}
	for _, m := range corpustruth.StoredPost(t, store, corpusSite, corpustruth.LaterPost).Meta {
		if m.Key == "parc:captured" && m.Value != corpustruth.LaterCaptured {
			t.Errorf("post %d captured at %s, want %s", corpustruth.LaterPost, m.Value, corpustruth.LaterCaptured)
		}
	}
	if ws.CDXCalls() != 10 {
		t.Errorf("%d CDX requests, want 10 pages of at most 10 captures", ws.CDXCalls())
	}
	requests, distinct := ws.ReplayCount()
	if requests != distinct || distinct != 93 {
		t.Errorf("%d replay requests for %d captures, want each of the 93 asked once", requests, distinct)
	}
	again, err := importer.Import(context.Background(), store, []string{"127.0.0.1:8088"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := ws.ReplayCount(); after != requests {
		t.Errorf("the rerun asked for %d captures again", after-requests)
	}
	if c := again[0].Counts; c.Added != 0 || c.Updated != 0 {
		t.Errorf("the rerun changed %d records and added %d", c.Updated, c.Added)
	}
}

// TestWaybackResumes: an import interrupted after 20 captures keeps them;
// the rerun fetches only the others. A 429 with Retry-After is waited out.
func TestWaybackResumes(t *testing.T) {
	ws := waybacktest.New(t)
	store := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ws.OnReplay(func(w http.ResponseWriter, _ *http.Request, n int) bool {
		switch {
		case n == 3:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		case n == 21:
			cancel()
		}
		return false
	})
	_, err := importer.Import(ctx, store, []string{corpusSite}, options(ws))
	if err == nil {
		t.Fatal("the interrupted import reported no error")
	}
	ws.OnReplay(nil)
	if _, err := importer.Import(context.Background(), store, []string{corpusSite}, options(ws)); err != nil {
		t.Fatal(err)
	}
	requests, distinct := ws.ReplayCount()
	// The capture answered 429 is asked again, as may be the one in
	// flight when the import was interrupted; no other.
	if distinct != 93 || requests > distinct+2 {
		t.Errorf("%d replay requests for %d captures: the rerun asked again for what the first run had", requests, distinct)
	}
	if _, ok := corpustruth.Thread(corpustruth.StoredPost(t, store, corpusSite, corpustruth.LaterPost))[corpustruth.LaterComment]; !ok {
		t.Errorf("post %d lacks the later capture's comment", corpustruth.LaterPost)
	}
}

// TestWaybackDates: --to limits the captures to those taken until then.
func TestWaybackDates(t *testing.T) {
	ws := waybacktest.New(t)
	opts := options(ws)
	opts.Wayback.To = "20261201141040" // before the later capture
	results, err := importer.Import(context.Background(), openStore(t), []string{corpusSite}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if s := results[0].Captures; s.Read != 91 {
		t.Errorf("captures %+v, want the 91 pages and feeds of the first WARC file", s)
	}
}

// TestCDXNeverEnds: a CDX answer that never ends is cut at the fetch size
// limit and the import fails, naming the CDX request.
func TestCDXNeverEnds(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`[["timestamp","original"],`))
		row := []byte(`["20140101000000","http://blog.example/a"],`)
		for r.Context().Err() == nil {
			if _, err := w.Write(row); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	opts := importer.Options{Mode: importer.ModeWayback, Wayback: importer.Wayback{URL: srv.URL},
		Fetch: fetch.Options{HTTPClient: srv.Client(), Delay: -1, MaxRetries: -1, MaxBody: 1 << 20}}
	_, err := importer.Import(context.Background(), openStore(t), []string{"blog.example"}, opts)
	if err == nil || !strings.Contains(err.Error(), "/cdx/search/cdx") || !strings.Contains(err.Error(), "cut") {
		t.Fatalf("err = %v, want the CDX answer named as cut", err)
	}
}

// TestCDXPagingLoops: a server that gives the same resume key again is
// an error, not an endless listing.
func TestCDXPagingLoops(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`[["timestamp","original"],["20140101000000","http://blog.example/a"],[],["again"]]`))
	}))
	defer srv.Close()
	opts := importer.Options{Mode: importer.ModeWayback, Wayback: importer.Wayback{URL: srv.URL},
		Fetch: fetch.Options{HTTPClient: srv.Client(), Delay: -1, MaxRetries: -1}}
	_, err := importer.Import(context.Background(), openStore(t), []string{"blog.example"}, opts)
	if err == nil || !strings.Contains(err.Error(), "loops") {
		t.Fatalf("err = %v, want the looping paging named", err)
	}
}
