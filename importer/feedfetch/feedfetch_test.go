package feedfetch_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/feedfetch"
	"github.com/parc-archive/parc/internal/wpcorpus"
)

func testFetch(cs *wpcorpus.Server) fetch.Options {
	return fetch.Options{Delay: -1, MaxRetries: 1, Backoff: time.Millisecond, Timeout: 10 * time.Second, HTTPClient: cs.Client()}
}

func openStore(t *testing.T) *archive.Store {
	t.Helper()
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// archived maps each archived post's link to its number of comments.
func archived(t *testing.T, store *archive.Store) map[string]int {
	t.Helper()
	posts := map[string]int{}
	err := store.ForEachPost(context.Background(), func(p *archive.StoredPost) error {
		posts[p.Link] = len(p.Comments)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return posts
}

const (
	review   = wpcorpus.Origin + "/2023/03/18/the-quiet-lighthouse-review/"
	comments = wpcorpus.Origin + "/2012/01/03/template-comments/"
)

func TestCorpusFeeds(t *testing.T) {
	// What the captured feeds hold: two pages of posts, and the comments
	// of the two posts whose comment feeds were captured.
	firstPage := wpcorpus.FeedItems(t, "feeds/rss2.xml")
	bothPages := wpcorpus.FeedItems(t, "feeds/rss2.xml", "feeds/rss2-paged-2.xml")
	reviewComments := wpcorpus.FeedItems(t, "feeds/post-1814-comments-rss2.xml")
	threadComments := wpcorpus.FeedItems(t, "feeds/post-1148-comments-rss2.xml")
	tests := []struct {
		name           string
		path           string
		followComments bool
		// ignorePaged serves the first page for every ?paged=N, as a site
		// that does not page its feed does.
		ignorePaged  bool
		wantPosts    int
		wantComments map[string]int // post link → comments
		wantRequests []string       // request URIs that must have been made
		wantWarning  string
	}{
		{
			name: "paged feed followed to the 404", path: "/feed/", wantPosts: bothPages,
			wantRequests: []string{"/feed/?paged=2", "/feed/?paged=3"},
		},
		{
			name: "site that ignores paged", path: "/feed/", ignorePaged: true, wantPosts: firstPage,
			wantRequests: []string{"/feed/?paged=2"},
		},
		{
			name: "comment feeds followed", path: "/feed/", followComments: true, wantPosts: bothPages,
			wantComments: map[string]int{review: reviewComments},
			wantRequests: []string{"/2023/03/18/the-quiet-lighthouse-review/feed/"},
			// The corpus captured only two posts' comment feeds.
			wantWarning: "/2023/01/16/wp-6-1-font-size-scale/feed/: HTTP 404",
		},
		{
			name: "a post's comment feed alone", path: "/2012/01/03/template-comments/feed/",
			wantComments: map[string]int{comments: threadComments},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := wpcorpus.NewServer(t, "feeds")
			if tt.ignorePaged {
				cs.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
					if r.URL.Query().Get("paged") == "" {
						return false
					}
					r.URL.RawQuery = ""
					header, body, _ := cs.Find(r)
					cs.Write(w, header, body)
					return true
				})
			}
			store := openStore(t)
			// The driver reads a URL that serves a feed as a feed.
			results, err := importer.Import(context.Background(), store, []string{cs.URL + tt.path}, importer.Options{Fetch: testFetch(cs), FollowComments: tt.followComments})
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if len(results) != 1 || results[0].Format != "feed" {
				t.Fatalf("import: %d results, the first of format %q; want 1 read as a feed", len(results), formatOf(results))
			}
			res := results[0]
			posts := archived(t, store)
			if tt.wantPosts > 0 && len(posts) != tt.wantPosts {
				t.Errorf("archived %d posts, want %d", len(posts), tt.wantPosts)
			}
			for link, want := range tt.wantComments {
				if posts[link] != want {
					t.Errorf("%s: %d comments, want %d", link, posts[link], want)
				}
			}
			requested := cs.Requested()
			for _, want := range tt.wantRequests {
				if !slices.Contains(requested, want) {
					t.Errorf("no request for %s: %q", want, requested)
				}
			}
			if tt.wantWarning != "" && !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, tt.wantWarning) }) {
				t.Errorf("no warning with %q: %q", tt.wantWarning, res.Warnings)
			}
		})
	}
}

// formatOf is the format of the first result, "" when there is none.
func formatOf(results []importer.Result) string {
	if len(results) == 0 {
		return ""
	}
	return results[0].Format
}

// TestNotAFeed: an HTML page or a missing feed is an error of the feed
// reader naming the URL. (The driver never gives the feed reader such a
// URL: it reads a feed only when the URL serves one, so this asks the
// reader itself.)
func TestNotAFeed(t *testing.T) {
	cs := wpcorpus.NewServer(t, "html")
	for _, path := range []string{"/about/page-with-comments/", "/no/such/feed/"} {
		r := feedfetch.Open(context.Background(), cs.URL+path, feedfetch.Options{Fetch: testFetch(cs)})
		_, err := r.Next()
		r.Close()
		if err == nil || !strings.Contains(err.Error(), cs.URL+path) {
			t.Errorf("%s: error %v, want one naming the URL", path, err)
		}
	}
}
