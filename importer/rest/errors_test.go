package rest_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/wpcorpus"
)

// countTypes counts the archive's posts by type.
func countTypes(t *testing.T, store *archive.Store) map[string]int {
	t.Helper()
	counts := map[string]int{}
	err := store.ForEachPost(context.Background(), func(p *archive.StoredPost) error {
		counts[p.Type]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return counts
}

func TestServerFaults(t *testing.T) {
	const posts = "/wp-json/wp/v2/posts"
	// What the site declared (X-WP-Total), which a successful import keeps.
	nPosts, nPages := wpcorpus.Total(t, "posts"), wpcorpus.Total(t, "pages")
	tests := []struct {
		name string
		// fault answers the request for route in place of the corpus, or
		// tweaks the corpus's answer.
		route   string
		fault   func(cs *wpcorpus.Server, w http.ResponseWriter, r *http.Request)
		wantErr string // "" when the import must succeed
		// wantWarning is a part of some warning; wantTypes the posts kept.
		wantWarning string
		wantTypes   map[string]int
	}{
		{
			name:  "forbidden endpoint is skipped",
			route: "/wp-json/wp/v2/users",
			fault: func(cs *wpcorpus.Server, w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusForbidden)
				w.Write([]byte(`{"code":"rest_user_cannot_view","message":"Sorry, you are not allowed to list users.","data":{"status":403}}`))
			},
			wantWarning: "HTTP 403",
			wantTypes:   map[string]int{"post": nPosts, "page": nPages},
		},
		{
			name:  "unauthorized endpoint is skipped",
			route: "/wp-json/wp/v2/pages",
			fault: func(cs *wpcorpus.Server, w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusUnauthorized)
				w.Write([]byte(`{"code":"rest_not_logged_in","message":"You are not currently logged in.","data":{"status":401}}`))
			},
			wantWarning: "HTTP 401",
			wantTypes:   map[string]int{"post": nPosts, "page": 0}, // page 155's comments are skipped with a warning, no stub
		},
		{
			name:  "paging past the declared total",
			route: posts,
			fault: func(cs *wpcorpus.Server, w http.ResponseWriter, r *http.Request) {
				header, body, _ := cs.Find(r)
				header.Set("Link", "<"+cs.URL+posts+"?per_page=100&page=2>; rel=\"next\"")
				cs.Write(w, header, body)
			},
			wantErr:   "keeps paging past its declared total",
			wantTypes: map[string]int{"post": nPosts},
		},
		{
			name:  "invalid JSON",
			route: "/wp-json/wp/v2/pages",
			fault: func(cs *wpcorpus.Server, w http.ResponseWriter, r *http.Request) {
				header, body, _ := cs.Find(r)
				cs.Write(w, header, body[:len(body)/2])
			},
			wantErr:   "invalid JSON",
			wantTypes: map[string]int{"post": nPosts},
		},
		{
			name:  "wrong content type",
			route: "/wp-json/wp/v2/comments",
			fault: func(cs *wpcorpus.Server, w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=UTF-8")
				w.Write([]byte("<!doctype html><title>Just a moment…</title>"))
			},
			wantErr:   "wrong content type \"text/html; charset=UTF-8\"",
			wantTypes: map[string]int{"post": nPosts, "page": nPages},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := wpcorpus.NewServer(t, "rest")
			cs.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
				if path, _ := wpcorpus.RouteOf(r); path != tt.route {
					return false
				}
				tt.fault(cs, w, r)
				return true
			})
			store := openStore(t)
			res, err := importSite(t, context.Background(), store, cs.URL)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("import failed: %v", err)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), cs.URL+tt.route) {
					t.Fatalf("error %v, want %q naming %s", err, tt.wantErr, cs.URL+tt.route)
				}
				if res == nil {
					t.Fatal("no import result: the import record was not completed")
				}
			}
			if tt.wantWarning != "" && !slices.ContainsFunc(res.Warnings, func(w string) bool {
				return strings.Contains(w, tt.wantWarning) && strings.Contains(w, tt.route)
			}) {
				t.Errorf("no warning with %q naming %s: %q", tt.wantWarning, tt.route, res.Warnings)
			}
			got := countTypes(t, store)
			for typ, n := range tt.wantTypes {
				if got[typ] != n {
					t.Errorf("%d %ss kept, want %d", got[typ], typ, n)
				}
			}
		})
	}
}
