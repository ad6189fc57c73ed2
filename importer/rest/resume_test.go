package rest_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/internal/wpcorpus"
)

// TestResume interrupts an import while it fetches pages, runs it again,
// and checks that the second run fetches only what the first did not and
// still archives the whole site; a run after a complete one fetches all.
func TestResume(t *testing.T) {
	cs := wpcorpus.NewServer(t, "rest")
	nPosts, nPages := wpcorpus.Total(t, "posts"), wpcorpus.Total(t, "pages")
	store := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cs.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
		if path, _ := wpcorpus.RouteOf(r); path != "/wp-json/wp/v2/pages" {
			return false
		}
		cancel()
		select { // hold the request until the client gives it up
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		return true
	})
	res, err := importSite(t, ctx, store, cs.URL)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted import: error %v, want context.Canceled", err)
	}
	if res == nil {
		t.Fatal("the interrupted import left no completed record")
	}
	if got := countTypes(t, store); got["post"] != nPosts || got["page"] != 0 {
		t.Fatalf("after the interruption: %v, want the %d posts fetched before it and no pages", got, nPosts)
	}

	cs.SetOverride(nil)
	before := len(cs.Requested())
	if _, err := importSite(t, context.Background(), store, cs.URL); err != nil {
		t.Fatalf("resumed import: %v", err)
	}
	second := cs.Requested()[before:]
	for _, done := range []string{"/wp/v2/users", "/wp/v2/categories", "/wp/v2/tags", "/wp/v2/posts"} {
		if slices.ContainsFunc(second, func(u string) bool { return strings.Contains(u, done+"?") }) {
			t.Errorf("the resumed run fetched %s again: %q", done, second)
		}
	}
	if !slices.ContainsFunc(second, func(u string) bool { return strings.Contains(u, "/wp/v2/pages?") }) {
		t.Errorf("the resumed run did not fetch the pages: %q", second)
	}
	if got := countTypes(t, store); got["post"] != nPosts || got["page"] != nPages {
		t.Errorf("after resuming: %v, want %d posts and %d pages", got, nPosts, nPages)
	}
	fresh := openStore(t)
	if _, err := importSite(t, context.Background(), fresh, cs.URL); err != nil {
		t.Fatalf("uninterrupted import: %v", err)
	}
	resumed, whole := publicThreads(t, store), publicThreads(t, fresh)
	for key, th := range whole {
		if !slices.Equal(resumed[key].Comments, th.Comments) {
			t.Errorf("%s: resumed comments %v, uninterrupted %v", key, resumed[key].Comments, th.Comments)
		}
	}

	before = len(cs.Requested())
	if _, err := importSite(t, context.Background(), store, cs.URL); err != nil {
		t.Fatalf("third import: %v", err)
	}
	if third := cs.Requested()[before:]; !slices.ContainsFunc(third, func(u string) bool { return strings.Contains(u, "/wp/v2/posts?") }) {
		t.Errorf("a run after a complete one did not fetch the posts again: %q", third)
	}
}
