package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/exporttest"
	"github.com/parc-archive/parc/internal/wpcorpus"
)

// TestImportURLDispatch checks which way parc import takes a URL: a site
// page advertising /wp-json/ and --rest go through the REST API, a feed is
// imported as a feed, and a site without an API is told to crawl.
func TestImportURLDispatch(t *testing.T) {
	cs := wpcorpus.NewServer(t, "rest", "feeds")
	cs.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/home/":
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			w.Write([]byte(`<!doctype html><html><head><link rel="https://api.w.org/" href="/wp-json/"></head><body><p>Blog</p></body></html>`))
			return true
		case "/no-api/wp-json/", "/no-api/":
			http.NotFound(w, r)
			return true
		}
		return false
	})
	// The posts the site declared (X-WP-Total), and the items of every
	// page of its feed the corpus captured.
	restPosts := wpcorpus.Total(t, "posts")
	feedItems := wpcorpus.FeedItems(t, "feeds/rss2.xml", "feeds/rss2-paged-2.xml")
	tests := []struct {
		name       string
		args       []string
		wantFormat string
		wantPosts  int
		wantErr    string
	}{
		{"advertised API", []string{cs.URL + "/home/"}, "rest", restPosts, ""},
		{"--rest", []string{"--rest", cs.URL}, "rest", restPosts, ""},
		{"feed", []string{cs.URL + "/feed/"}, "feed", feedItems, ""},
		{"no API", []string{"--rest", cs.URL + "/no-api/"}, "", 0, "no WordPress REST API"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"import", "--json", "--delay", "0"}, tt.args...)
			stdout, stderr, code := parc(t, t.TempDir(), args...)
			if tt.wantErr != "" {
				if code != 1 || !strings.Contains(stderr, tt.wantErr) || !strings.Contains(stderr, "parc import --crawl "+cs.URL+"/no-api/") {
					t.Fatalf("exit %d, stderr %q; want %q and the crawler suggested", code, stderr, tt.wantErr)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var res importJSON
			if err := json.Unmarshal([]byte(stdout), &res); err != nil {
				t.Fatalf("import --json printed %q: %v", stdout, err)
			}
			if res.Format != tt.wantFormat || res.Posts != tt.wantPosts {
				t.Errorf("format %q with %d posts, want %q with %d", res.Format, res.Posts, tt.wantFormat, tt.wantPosts)
			}
		})
	}
}

// TestImportRESTPassword: the application password comes from a file, goes
// to the site as basic auth, and shows nowhere in parc's output or archive.
func TestImportRESTPassword(t *testing.T) {
	const password = "abcd EFGH 1234 ijkl MNOP 5678"
	cs := wpcorpus.NewServer(t, "rest")
	var mu sync.Mutex
	var auth []string
	cs.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		auth = append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		return false
	})
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(file, []byte(password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := parc(t, dir, "import", "--json", "--delay", "0", "--rest", "--user", "mara", "--password-file", file, cs.URL)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("mara:"+password))
	mu.Lock()
	defer mu.Unlock()
	if len(auth) == 0 || auth[0] != want {
		t.Errorf("first request's Authorization %q, want %q", auth[:min(len(auth), 1)], want)
	}
	for _, where := range []string{stdout, stderr} {
		if strings.Contains(where, password) || strings.Contains(where, want) {
			t.Errorf("the password shows in parc's output: %q", where)
		}
	}
	// Every file of the archive, the database's journal and the search
	// index included, in any form the password travels in: as typed,
	// without its spaces, and base64-encoded in the Authorization header.
	secrets := []string{password, strings.ReplaceAll(password, " ", ""), base64.StdEncoding.EncodeToString([]byte("mara:" + password))}
	if _, err := os.Stat(filepath.Join(dir, archive.DatabaseFile)); err != nil {
		t.Fatalf("the import wrote no archive to look in: %v", err)
	}
	if found := exporttest.Holding(t, dir, secrets...); len(found) > 0 {
		t.Errorf("the password is stored in the archive: %v", found)
	}

	if _, stderr, code := parc(t, t.TempDir(), "import", "--rest", "--user", "mara", cs.URL); code != 2 {
		t.Errorf("--user without --password-file: exit %d (%s), want 2", code, stderr)
	}
}

// TestCredentialsStayWithTheSite: a start URL that redirects to another
// host, whose pages advertise an API of their own, sends that host nothing:
// neither the application password nor any request.
func TestCredentialsStayWithTheSite(t *testing.T) {
	var elsewhere atomic.Int32
	var elsewhereAuth atomic.Value
	elsewhereAuth.Store("")
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		if auth := r.Header.Get("Authorization"); auth != "" {
			elsewhereAuth.Store(auth)
		}
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		fmt.Fprintf(w, `<!doctype html><html><head><link rel="https://api.w.org/" href="http://%s/wp-json/"></head><body></body></html>`, r.Host)
	}))
	defer other.Close()
	otherPort := other.URL[strings.LastIndex(other.URL, ":")+1:]
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// localhost is another host than 127.0.0.1, where the site is.
		http.Redirect(w, r, "http://localhost:"+otherPort+r.URL.Path, http.StatusFound)
	}))
	defer site.Close()
	file := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(file, []byte("abcd EFGH 1234\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, mode := range [][]string{nil, {"--rest"}, {"--crawl"}} {
		args := append(append([]string{"import", "--delay", "0", "--max-failures", "1", "--user", "mara", "--password-file", file}, mode...), site.URL+"/")
		_, stderr, _ := parc(t, t.TempDir(), args...)
		if n := elsewhere.Load(); n > 0 {
			t.Errorf("parc %s: the other host got %d requests (Authorization %q); stderr: %s", strings.Join(args, " "), n, elsewhereAuth.Load(), stderr)
		}
	}
}
