package site

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
)

// repoRoot walks up from the package to go.mod.
func repoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

// sharedFile finds a file of the shared research folder, skipping the
// test when it is absent unless PARC_REQUIRE_SHARED=1.
func sharedFile(tb testing.TB, rel string) string {
	tb.Helper()
	path := filepath.Join(repoRoot(tb), "..", "shared", rel)
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("PARC_REQUIRE_SHARED") == "1" {
			tb.Fatalf("shared fixture %s is missing (PARC_REQUIRE_SHARED=1): %v", rel, err)
		}
		tb.Skipf("shared fixture %s is absent; skipping (set PARC_REQUIRE_SHARED=1 to fail instead)", rel)
	}
	return path
}

func sampleBlog(tb testing.TB) string {
	return filepath.Join(repoRoot(tb), "testdata", "sample-blog.xml")
}

func themeUnitTest(tb testing.TB) string {
	return sharedFile(tb, "peers/theme-unit-test/themeunittestdata.wordpress.xml")
}

// importArchive imports sources into a new archive with the real importer.
func importArchive(tb testing.TB, paths ...string) *archive.Store {
	tb.Helper()
	store, err := archive.Open(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	if _, err := importer.Import(context.Background(), store, paths, importer.Options{}); err != nil {
		tb.Fatalf("importing %v: %v", paths, err)
	}
	return store
}

// startSite serves a store on a real HTTP server.
func startSite(tb testing.TB, cfg Config) (*Server, *httptest.Server) {
	tb.Helper()
	srv, err := New(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(ts.Close)
	return srv, ts
}

// noRedirects is a client that reports redirects instead of following them.
func noRedirects() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type fetched struct {
	status int
	header http.Header
	body   string
	url    string // after redirects
}

func fetch(tb testing.TB, client *http.Client, method, url string, header map[string]string) fetched {
	tb.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return fetched{status: resp.StatusCode, header: resp.Header, body: string(body), url: resp.Request.URL.String()}
}

func get(tb testing.TB, url string) fetched {
	tb.Helper()
	return fetch(tb, http.DefaultClient, http.MethodGet, url, nil)
}

func contains(body string, wants ...string) []string {
	var missing []string
	for _, w := range wants {
		if !strings.Contains(body, w) {
			missing = append(missing, w)
		}
	}
	return missing
}

func importMore(tb testing.TB, store *archive.Store, paths ...string) {
	tb.Helper()
	if _, err := importer.Import(context.Background(), store, paths, importer.Options{}); err != nil {
		tb.Fatalf("importing %v: %v", paths, err)
	}
}
