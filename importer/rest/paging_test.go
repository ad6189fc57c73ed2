package rest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// TestPagingWithoutTotals: a server that declares no X-WP-Total pages by
// its Link headers alone; one that serves the same page again is stopped.
func TestPagingWithoutTotals(t *testing.T) {
	tests := []struct {
		name      string
		repeat    bool // every page is the first page, with a next link
		empty     bool // every page after the first is []
		declare   bool // declare a billion pages in X-WP-TotalPages
		wantPosts int
		wantErr   string
	}{
		{name: "Link rel=next to the end", wantPosts: 3},
		{name: "the same page forever", repeat: true, wantErr: "serves page 1 again"},
		{name: "a billion pages declared, the same page each time", repeat: true, declare: true, wantErr: "serves page 1 again"},
		{name: "a billion pages declared, empty after the first", empty: true, declare: true, wantPosts: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var srv *httptest.Server
			var requests atomic.Int32
			srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if requests.Add(1) > 20 {
					t.Errorf("more than 20 requests")
					http.Error(w, "enough", http.StatusGone)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				switch r.URL.Path {
				case "/wp-json/":
					fmt.Fprintf(w, `{"name":"T","url":%q,"home":%q,"routes":{"/wp/v2/posts":{},"/wp/v2/comments":{}}}`, srv.URL, srv.URL)
				case "/wp-json/wp/v2/posts":
					page, _ := strconv.Atoi(r.URL.Query().Get("page"))
					if tt.repeat {
						page = 1
					}
					if page < 3 || tt.repeat || tt.declare {
						w.Header().Set("Link", fmt.Sprintf(`<%s/wp-json/wp/v2/posts?page=%d>; rel="next"`, srv.URL, page+1))
					}
					if tt.declare {
						w.Header().Set("X-WP-TotalPages", "1000000000")
						w.Header().Set("X-WP-Total", "100000000000")
					}
					if tt.empty && page > 1 {
						w.Write([]byte(`[]`))
						return
					}
					fmt.Fprintf(w, `[{"id":%d,"type":"post","status":"publish","link":"%s/?p=%d"}]`, page, srv.URL, page)
				default:
					w.Write([]byte(`[]`))
				}
			}))
			defer srv.Close()
			store := openStore(t)
			_, err := importSite(t, context.Background(), store, srv.URL)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), srv.URL+"/wp-json/wp/v2/posts") {
					t.Fatalf("error %v, want %q naming the posts URL", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if tt.wantPosts > 0 {
				if got := countTypes(t, store)["post"]; got != tt.wantPosts {
					t.Errorf("%d posts, want %d", got, tt.wantPosts)
				}
			}
		})
	}
}
