package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/wxr"
	"github.com/parc-archive/parc/internal/benchsize"
)

// generatedBlog imports a generated blog of posts posts with
// commentsPerPost comments each.
func generatedBlog(tb testing.TB, posts, commentsPerPost int) *archive.Store {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "generated.xml")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := wxr.Generate(f, posts, commentsPerPost); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return importArchive(tb, path)
}

// generatedThread is an archive of a few posts with 200 comments each, the
// page the serving targets are set for.
func generatedThread(tb testing.TB) (*archive.Store, string) {
	tb.Helper()
	store := generatedBlog(tb, 3, 200)
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

// siteBlocks is a post made of the dynamic blocks that list the whole
// site, as a sidebar or footer has them on every post of a block theme.
const siteBlocks = `<!-- wp:archives {"showPostCounts":true} /-->
<!-- wp:latest-posts {"orderBy":"title","order":"asc","displayPostDate":true} /-->
<!-- wp:latest-posts {"postsToShow":3} /-->
<!-- wp:categories {"showPostCounts":true} /-->
<!-- wp:tag-cloud /-->
<!-- wp:page-list /-->
<!-- wp:calendar /-->
<!-- wp:query {"query":{"perPage":3}} --><!-- wp:post-template --><!-- wp:post-title {"isLink":true} /--><!-- /wp:post-template --><!-- /wp:query -->`

// BenchmarkRenderSiteBlocks renders posts whose content has the blocks
// that list the whole site, one post after another as a static export
// renders them, on a blog of PARC_BENCH_POSTS posts (1,000 unless set).
func BenchmarkRenderSiteBlocks(b *testing.B) {
	store := generatedBlog(b, benchsize.Get(b, "PARC_BENCH_POSTS", 1000), 0)
	srv, err := New(context.Background(), Config{Store: store})
	if err != nil {
		b.Fatal(err)
	}
	sd := srv.snapshot.Load().sites[0]
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		e := sd.posts[i%len(sd.posts)]
		i++
		html := srv.renderer(context.Background(), sd, e.ID, nil).Shown(siteBlocks, "")
		if !strings.Contains(html, "wp-block-archives") || !strings.Contains(html, "Post number 1 &amp; friends") {
			b.Fatalf("the blocks did not list the posts:\n%s", html)
		}
	}
}
