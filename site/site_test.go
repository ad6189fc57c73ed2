package site

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
)

func TestPagesOfTheSampleBlog(t *testing.T) {
	store := importArchive(t, sampleBlog(t))
	_, ts := startSite(t, Config{Store: store})
	tests := []struct {
		name, path string
		status     int
		want       []string
	}{
		{"home lists posts", "/", 200, []string{"The Quiet Lighthouse (2023) Review", "Walking the Headland", `<html lang="en`}},
		{"post with thread", "/2023/03/18/the-quiet-lighthouse-review/", 200, []string{"The Quiet Lighthouse (2023) Review", `id="comments"`, `id="comment-`, "Comments are closed"}},
		{"page", "/about/", 200, []string{"About"}},
		{"password-protected post shows title and notice", "/2023/04/01/letters-to-the-keeper/", 200, []string{"Protected: Letters to the Keeper", "password protected"}},
		{"year archive", "/2023/", 200, []string{"Year: 2023", "The Quiet Lighthouse (2023) Review"}},
		{"month archive", "/2022/11/", 200, []string{"Walking the Headland"}},
		{"site feed", "/feed/", 200, []string{"<rss", "<item>", "The Quiet Lighthouse (2023) Review"}},
		{"atom feed", "/feed/atom/", 200, []string{"http://www.w3.org/2005/Atom", "<entry>"}},
		{"comments feed of a post", "/2023/03/18/the-quiet-lighthouse-review/feed/", 200, []string{"<rss", "Comments on: The Quiet Lighthouse (2023) Review"}},
		{"sitemap", "/sitemap.xml", 200, []string{"<urlset", "/2023/03/18/the-quiet-lighthouse-review/</loc>"}},
		{"robots", "/robots.txt", 200, []string{"User-agent: *", "Sitemap: http://"}},
		{"search without an index", "/search/?q=lamp", 200, []string{"Search is not available"}},
		{"missing page", "/no/such/page/", 404, []string{"Not found", `role="search"`}},
		{"page past the end", "/page/99/", 404, []string{"Not found"}},
		{"out-of-range page number", "/page/99999999999/", 404, nil},
		{"a path climbing out", "/_parc/static/../../go.mod", 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := get(t, ts.URL+tt.path)
			if got.status != tt.status {
				t.Fatalf("GET %s = %d, want %d\n%.400s", tt.path, got.status, tt.status, got.body)
			}
			if missing := contains(got.body, tt.want...); len(missing) > 0 {
				t.Errorf("GET %s lacks %q", tt.path, missing)
			}
			if strings.Contains(got.body, "goroutine ") || strings.Contains(got.body, "panic") {
				t.Errorf("GET %s shows a stack trace", tt.path)
			}
		})
	}
}

func TestSafetyHeadersAndMethods(t *testing.T) {
	store := importArchive(t, sampleBlog(t))
	_, ts := startSite(t, Config{Store: store})
	home := get(t, ts.URL+"/")
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if home.header.Get(h) == "" {
			t.Errorf("home has no %s header", h)
		}
	}
	if csp := home.header.Get("Content-Security-Policy"); strings.Contains(csp, "script-src") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP allows scripts: %s", csp)
	}
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, "PROPFIND"} {
		got := fetch(t, http.DefaultClient, method, ts.URL+"/", nil)
		if got.status != http.StatusMethodNotAllowed || got.header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s / = %d (Allow %q), want 405", method, got.status, got.header.Get("Allow"))
		}
	}
	head := fetch(t, http.DefaultClient, http.MethodHead, ts.URL+"/", nil)
	if head.status != 200 || head.body != "" {
		t.Errorf("HEAD / = %d with %d bytes", head.status, len(head.body))
	}
	long := get(t, ts.URL+"/?s="+strings.Repeat("a", 3000))
	if long.status != http.StatusRequestURITooLong {
		t.Errorf("a 3000-byte query = %d, want 414", long.status)
	}
	tooLongSearch := get(t, ts.URL+"/search/?q="+strings.Repeat("word+", 100))
	if tooLongSearch.status != http.StatusBadRequest {
		t.Errorf("a 500-character search = %d, want 400", tooLongSearch.status)
	}
	escape := get(t, ts.URL+"/_parc/static/x/..%2f..%2fgo.mod")
	if escape.status != http.StatusNotFound && escape.status != http.StatusBadRequest {
		t.Errorf("path escape = %d", escape.status)
	}
}

func TestCachingAnswersConditionalRequestsAndGzip(t *testing.T) {
	store := importArchive(t, sampleBlog(t))
	_, ts := startSite(t, Config{Store: store})
	path := ts.URL + "/2023/03/18/the-quiet-lighthouse-review/"
	transport := &http.Transport{DisableCompression: true}
	client := &http.Client{Transport: transport}
	first := fetch(t, client, http.MethodGet, path, map[string]string{"Accept-Encoding": "gzip"})
	if first.header.Get("Content-Encoding") != "gzip" || first.header.Get("ETag") == "" || first.header.Get("Last-Modified") == "" {
		t.Fatalf("headers = %v, want gzip with ETag and Last-Modified", first.header)
	}
	again := fetch(t, client, http.MethodGet, path, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": first.header.Get("ETag")})
	if again.status != http.StatusNotModified || again.body != "" {
		t.Errorf("revalidation = %d with %d bytes, want 304", again.status, len(again.body))
	}
	since := fetch(t, client, http.MethodGet, path, map[string]string{"If-Modified-Since": first.header.Get("Last-Modified")})
	if since.status != http.StatusNotModified {
		t.Errorf("If-Modified-Since = %d, want 304", since.status)
	}
	plain := fetch(t, client, http.MethodGet, path, map[string]string{"Accept-Encoding": "identity"})
	if plain.header.Get("Content-Encoding") != "" || !strings.Contains(plain.body, "The Quiet Lighthouse (2023) Review") {
		t.Errorf("without Accept-Encoding the page is not plain HTML")
	}
	home := get(t, ts.URL+"/")
	start := strings.Index(home.body, "/_parc/static/")
	if start < 0 {
		t.Fatal("home links no fingerprinted stylesheet")
	}
	asset := home.body[start : start+strings.Index(home.body[start:], `"`)]
	css := get(t, ts.URL+asset)
	if css.status != 200 || !strings.Contains(css.header.Get("Cache-Control"), "immutable") || !strings.Contains(css.header.Get("Content-Type"), "text/css") {
		t.Errorf("GET %s = %d %v", asset, css.status, css.header)
	}
	if stale := get(t, ts.URL+"/_parc/static/000000000000/style.css"); stale.status != 404 {
		t.Errorf("stale fingerprint = %d, want 404", stale.status)
	}
}

func TestImportWhileServingShowsUp(t *testing.T) {
	store := importArchive(t, sampleBlog(t))
	srv, ts := startSite(t, Config{Store: store})
	// The sample blog has no such post: before the second import the
	// address is unknown, which is what makes the 200 after it news.
	if got := get(t, ts.URL+"/2012/01/03/template-comments/"); got.status != 404 {
		t.Fatalf("before importing the theme unit test, its post answers %d, want 404", got.status)
	}
	importMore(t, store, themeUnitTest(t))
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Several sites now: the first keeps the root and every URL it had,
	// the new one is under its host, and a page lists them.
	front := get(t, ts.URL+"/")
	if missing := contains(front.body, "The Quiet Lighthouse (2023) Review"); len(missing) > 0 {
		t.Fatalf("the root is no longer the first site's home page: it lacks %q", missing)
	}
	if review := get(t, ts.URL+"/2023/03/18/the-quiet-lighthouse-review/"); review.status != 200 {
		t.Errorf("the first site's post moved: %d", review.status)
	}
	if sites := get(t, ts.URL+"/_parc/sites/"); len(contains(sites.body, "Archived sites", "/wpthemetestdata.wordpress.com/")) > 0 {
		t.Errorf("/_parc/sites/ should list the sites: %.2000s", sites.body)
	}
	post := get(t, ts.URL+"/wpthemetestdata.wordpress.com/2012/01/03/template-comments/")
	if post.status != 200 || !strings.Contains(post.body, "Template: Comments") {
		t.Errorf("imported post = %d", post.status)
	}
}

func TestThemeOverridesTemplatesAndAssets(t *testing.T) {
	store := importArchive(t, sampleBlog(t))
	theme := fstest.MapFS{
		"static/style.css":     {Data: []byte("body { color: rebeccapurple; }")},
		"templates/error.html": {Data: []byte(`{{define "main"}}<h1>Lost at sea</h1>{{end}}`)},
	}
	_, ts := startSite(t, Config{Store: store, Theme: theme})
	missing := get(t, ts.URL+"/no/such/page/")
	if missing.status != 404 || !strings.Contains(missing.body, "Lost at sea") {
		t.Errorf("the theme's error template is not used: %d %.200s", missing.status, missing.body)
	}
	start := strings.Index(missing.body, "/_parc/static/")
	asset := missing.body[start : start+strings.Index(missing.body[start:], `"`)]
	if css := get(t, ts.URL+asset); !strings.Contains(css.body, "rebeccapurple") {
		t.Errorf("the theme's stylesheet is not served at %s", asset)
	}
	broken := fstest.MapFS{"templates/post.html": {Data: []byte(`{{define "main"}}{{.Oops`)}}
	if _, err := New(context.Background(), Config{Store: store, Theme: broken}); err == nil {
		t.Error("a broken theme template did not fail at start-up")
	}
}
