package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/wxr"
)

// generatedThread is an archive of a few posts with 200 comments each, the
// page the serving targets are set for.
func generatedThread(tb testing.TB) (*archive.Store, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "generated.xml")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := wxr.Generate(f, 3, 200); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	store := importArchive(tb, path)
	entries, err := store.SiteEntries(context.Background(), "https://example.org")
	if err != nil || len(entries) == 0 {
		tb.Fatalf("generated archive has no entries: %v", err)
	}
	for _, e := range entries {
		if e.CommentCount >= 200 {
			srv, err := New(context.Background(), Config{Store: store})
			if err != nil {
				tb.Fatal(err)
			}
			return store, srv.snapshot.Load().sites[0].byKey[e.Key].path
		}
	}
	tb.Fatal("no post with 200 comments")
	return nil, ""
}

// BenchmarkPostWith200Comments serves a cached post page with 200
// comments through the whole handler, gzip on.
func BenchmarkPostWith200Comments(b *testing.B) {
	store, path := generatedThread(b)
	srv, err := New(context.Background(), Config{Store: store})
	if err != nil {
		b.Fatal(err)
	}
	handler := srv.Handler()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("status %d", w.Code)
			}
		}
	})
}

// BenchmarkRenderPostWith200Comments renders the page afresh each time:
// the cost of the first request after an import.
func BenchmarkRenderPostWith200Comments(b *testing.B) {
	store, path := generatedThread(b)
	srv, err := New(context.Background(), Config{Store: store})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, path, nil)
	b.ReportAllocs()
	for b.Loop() {
		r := &request{Request: req, snap: srv.snapshot.Load(), base: "http://example.org"}
		if resp := srv.route(context.Background(), r); resp.status != http.StatusOK {
			b.Fatalf("status %d", resp.status)
		}
	}
}
