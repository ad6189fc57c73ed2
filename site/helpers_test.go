package site

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// The site reads the archive through Archive, which the store must keep
// satisfying.
var _ Archive = (*archive.Store)(nil)

func sampleBlog(tb testing.TB) string {
	return filepath.Join(sharedtest.RepoRoot(tb), "testdata", "sample-blog.xml")
}

func themeUnitTest(tb testing.TB) string {
	return sharedtest.File(tb, "peers/theme-unit-test/themeunittestdata.wordpress.xml")
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
	if host := header["Host"]; host != "" {
		req.Host = host // the client sends req.Host, not the header
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
