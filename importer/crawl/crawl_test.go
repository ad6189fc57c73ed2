package crawl_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/crawl"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// corpusDir is the WordPress 6.1.9 capture in ../shared.
func corpusDir(t testing.TB) string {
	t.Helper()
	return sharedtest.File(t, "corpus/wordpress-6.1.9")
}

const corpusOrigin = "http://127.0.0.1:8088"

// newComment is a comment the live site gains between two crawls of post 1814.
const newComment = `<li id="comment-1099" class="comment even depth-1"><article id="div-comment-1099" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Late Reader</b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="/2023/03/18/the-quiet-lighthouse-review/#comment-1099"><time datetime="2023-04-02T09:00:00-07:00">April 2, 2023</time></a></div></footer>
<div class="comment-content"><p>Saw it at last. Worth the wait.</p></div></article></li>
</ol><!-- .comment-list -->`

const wpIndexPage = `<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.1.9"></head><body class="home blog">%s</body></html>`

// liveSite serves the captured Twenty Twenty-One pages at their original
// paths, with the trouble a real site gives a crawler, and counts requests.
type liveSite struct {
	t     testing.TB
	srv   *httptest.Server
	pages map[string][]byte // request URI -> captured page

	withNewComment atomic.Bool

	mu          sync.Mutex
	requests    map[string]int // request URI -> count
	conditional int            // requests carrying If-None-Match or If-Modified-Since
	notModified int
}

func newLiveSite(t testing.TB) *liveSite {
	corpus := corpusDir(t)
	s := &liveSite{t: t, pages: map[string][]byte{}, requests: map[string]int{}}
	manifest, err := os.Open(filepath.Join(corpus, "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer manifest.Close()
	scanner := bufio.NewScanner(manifest)
	for scanner.Scan() {
		fields := strings.Split(scanner.Text(), "\t")
		if len(fields) < 2 || !strings.HasPrefix(fields[0], "html/twentytwentyone/") {
			continue
		}
		body, err := os.ReadFile(filepath.Join(corpus, fields[0]))
		if err != nil {
			t.Fatal(err)
		}
		s.pages[strings.TrimPrefix(fields[1], corpusOrigin)] = body
	}
	if len(s.pages) == 0 {
		t.Fatal("manifest lists no twentytwentyone pages")
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *liveSite) serve(w http.ResponseWriter, r *http.Request) {
	uri := r.URL.RequestURI()
	s.mu.Lock()
	s.requests[uri]++
	n := s.requests[uri]
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		s.conditional++
	}
	s.mu.Unlock()
	if ua := r.UserAgent(); !strings.HasPrefix(ua, "parc/") {
		s.t.Errorf("%s requested with User-Agent %q, want one naming parc", uri, ua)
	}
	html := func(body string) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		io.WriteString(w, body)
	}
	switch uri {
	case "/robots.txt":
		fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\nDisallow: /wp-admin/\n\nSitemap: %s/wp-sitemap.xml\n", s.srv.URL)
	case "/wp-sitemap.xml":
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="/wp-sitemap-index.xsl"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/wp-sitemap-posts-post-1.xml</loc></sitemap></sitemapindex>`, s.srv.URL)
	case "/wp-sitemap-posts-post-1.xml":
		w.Header().Set("Content-Type", "application/xml")
		var urls strings.Builder
		for _, p := range []string{"/2012/01/03/template-comments/", "/old-review/", "/busy/", "/flaky/", "/cycle/a/", "/endless/", "/empty/", "/file.bin", "/private/draft/", "https://elsewhere.example/offsite/"} {
			if strings.HasPrefix(p, "/") {
				p = s.srv.URL + p
			}
			fmt.Fprintf(&urls, "<url><loc>%s</loc></url>", p)
		}
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>`, urls.String())
	case "/old-review/": // a moved post
		http.Redirect(w, r, "/2023/03/18/the-quiet-lighthouse-review/", http.StatusMovedPermanently)
	case "/busy/":
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		html(fmt.Sprintf(wpIndexPage, "busy no more"))
	case "/flaky/":
		if n == 1 {
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		s.servePage(w, r, "/2009/08/06/edge-case-no-content/")
	case "/cycle/a/":
		html(fmt.Sprintf(wpIndexPage, `<a href="/cycle/b/">b</a>`))
	case "/cycle/b/":
		html(fmt.Sprintf(wpIndexPage, `<a href="/cycle/a/">back to a</a>`))
	case "/endless/":
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, `<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.1.9"></head><body class="home blog">`)
		chunk := []byte(strings.Repeat("<p>and on</p>", 4096))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case "/empty/":
		w.Header().Set("Content-Type", "text/html")
	case "/file.bin":
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte{0, 1, 2, 3})
	default:
		if _, ok := s.pages[uri]; !ok {
			http.NotFound(w, r)
			return
		}
		s.servePage(w, r, uri)
	}
}

// servePage serves a captured page as the test server's own, with an ETag
// so that an unchanged page costs a 304.
func (s *liveSite) servePage(w http.ResponseWriter, r *http.Request, uri string) {
	body := bytes.ReplaceAll(s.pages[uri], []byte(corpusOrigin), []byte(s.srv.URL))
	if s.withNewComment.Load() && uri == "/2023/03/18/the-quiet-lighthouse-review/" {
		body = bytes.Replace(body, []byte("</ol><!-- .comment-list -->"), []byte(newComment), 1)
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Sat, 01 Apr 2023 10:00:00 GMT")
	if r.Header.Get("If-None-Match") == etag {
		s.mu.Lock()
		s.notModified++
		s.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.Write(body)
}

func (s *liveSite) requestCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.requests)
}

func (s *liveSite) total() int {
	n := 0
	for _, c := range s.requestCounts() {
		n += c
	}
	return n
}

// testOptions crawl without politeness delays, so tests stay fast; the
// fetch package's own tests cover the delays.
func testOptions(s *liveSite) importer.Options {
	return importer.Options{Mode: importer.ModeCrawl, Fetch: fetch.Options{
		UserAgent: "parc/test (+https://github.com/parc-archive/parc)", HTTPClient: s.srv.Client(),
		Delay: -1, Backoff: time.Millisecond, MaxBody: 1 << 20, Timeout: 10 * time.Second,
	}}
}

// run crawls startURL through the importer's driver, as parc import
// --crawl does, and returns what the one source did: nil when the crawl
// left no import in the archive.
func run(t testing.TB, ctx context.Context, store *archive.Store, startURL string, opts importer.Options) (*importer.Result, error) {
	t.Helper()
	results, err := importer.Import(ctx, store, []string{startURL}, opts)
	switch len(results) {
	case 0:
		return nil, err
	case 1:
		return &results[0], err
	}
	t.Fatalf("crawl of %s: %d results, want 1", startURL, len(results))
	return nil, err
}

// fetchedOf reads how many pages a crawl fetched from its progress status
// ("12 fetched (3 unchanged), ..."); -1 for other statuses.
func fetchedOf(status string) int {
	var n int
	if _, err := fmt.Sscanf(status, "%d fetched", &n); err != nil {
		return -1
	}
	return n
}

// approvedComments reads what the corpus WordPress holds: every approved
// comment of the post with its parent, from its own WXR export.
func approvedComments(t *testing.T, postID int64) map[int64]int64 {
	t.Helper()
	p := corpustruth.Corpus(t).ByID()[postID]
	if p == nil {
		t.Fatalf("post %d not in the export", postID)
	}
	return corpustruth.Approved(p)
}

// archivedComments is what the archive holds for a post: comment id -> parent.
func archivedComments(t *testing.T, store *archive.Store, site string, postID int64) map[int64]int64 {
	t.Helper()
	ctx := context.Background()
	keys, err := store.FindPosts(ctx, fmt.Sprint(postID), site)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 {
		t.Fatalf("post %d: %d posts in the archive, want 1", postID, len(keys))
	}
	post, err := store.Post(ctx, keys[0])
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]int64{}
	for _, c := range post.Comments {
		got[c.ID] = c.Parent
	}
	return got
}

func openStore(t testing.TB) *archive.Store {
	t.Helper()
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

func hasWarning(res *importer.Result, parts ...string) bool {
	return slices.ContainsFunc(res.Warnings, func(w string) bool {
		for _, p := range parts {
			if !strings.Contains(w, p) {
				return false
			}
		}
		return true
	})
}

func TestCrawlLiveSite(t *testing.T) {
	site := newLiveSite(t)
	store := openStore(t)
	ctx := context.Background()

	res, err := run(t, ctx, store, site.srv.URL+"/", testOptions(site))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("post 1148 has every comment of both comment pages", func(t *testing.T) {
		want := approvedComments(t, 1148)
		if got := archivedComments(t, store, site.srv.URL, 1148); !maps.Equal(got, want) {
			t.Errorf("comments (id: parent) = %v\nwant %v", got, want)
		}
	})
	t.Run("post 1814, reached through a redirect, has its 4 approved comments", func(t *testing.T) {
		want := approvedComments(t, 1814)
		got := archivedComments(t, store, site.srv.URL, 1814)
		if len(got) != 4 || !maps.Equal(got, want) {
			t.Errorf("comments (id: parent) = %v\nwant %v", got, want)
		}
	})
	t.Run("each page fetched once, retried ones twice", func(t *testing.T) {
		counts := site.requestCounts()
		for uri, n := range counts {
			want := 1
			switch uri {
			case "/busy/", "/flaky/":
				want = 2
			case "/2023/03/18/the-quiet-lighthouse-review/":
				// Following /old-review/'s redirect fetches it again if a
				// link got there first.
				want = min(n, 2)
			}
			if n != want {
				t.Errorf("%s requested %d times, want %d", uri, n, want)
			}
		}
		for _, uri := range []string{"/cycle/a/", "/cycle/b/", "/2012/01/03/template-comments/comment-page-1/", "/2012/01/03/template-comments/comment-page-2/", "/busy/", "/flaky/"} {
			if counts[uri] == 0 {
				t.Errorf("%s never requested", uri)
			}
		}
		if counts["/private/draft/"] != 0 {
			t.Error("fetched a URL robots.txt disallows")
		}
	})
	t.Run("bad pages are warnings", func(t *testing.T) {
		for _, want := range [][]string{
			{"/endless/", "cut at 1048576 bytes"},
			{"/empty/", "empty page"},
			{"/file.bin", "not HTML"},
			{"robots.txt forbids fetching 1 "},
		} {
			if !hasWarning(res, want...) {
				t.Errorf("no warning with %q in:\n%s", want, strings.Join(res.Warnings, "\n"))
			}
		}
		if !hasWarning(res, "HTTP 404") {
			t.Errorf("links to pages the site does not have gave no HTTP 404 warning")
		}
	})
	t.Run("raw pages are kept", func(t *testing.T) {
		page, err := store.Fetched(ctx, site.srv.URL+"/2012/01/03/template-comments/comment-page-1/")
		if err != nil || page == nil {
			t.Fatalf("stored page: %v, %v", page, err)
		}
		if page.Status != 200 || !bytes.Contains(page.Body, []byte("comment-page-1")) || page.Header["Etag"] == nil {
			t.Errorf("stored page: status %d, %d bytes, headers %v", page.Status, len(page.Body), page.Header)
		}
	})

	t.Run("a second crawl asks only for changes and adds the new comment", func(t *testing.T) {
		site.withNewComment.Store(true)
		before := site.requestCounts()
		res, err := run(t, ctx, store, site.srv.URL, testOptions(site))
		if err != nil {
			t.Fatal(err)
		}
		if site.notModified == 0 || site.conditional < site.notModified {
			t.Errorf("%d conditional requests, %d answered 304; want the stored pages asked for conditionally", site.conditional, site.notModified)
		}
		after := site.requestCounts()
		if after["/2012/01/03/template-comments/"] != before["/2012/01/03/template-comments/"]+1 {
			t.Errorf("unchanged page requested %d times in the second crawl, want 1", after["/2012/01/03/template-comments/"]-before["/2012/01/03/template-comments/"])
		}
		got := archivedComments(t, store, site.srv.URL, 1814)
		if _, ok := got[1099]; !ok || len(got) != 5 {
			t.Errorf("after the second crawl post 1814 has comments %v, want the 4 old ones and 1099", got)
		}
		if res.Counts.Added == 0 {
			t.Errorf("second crawl added nothing: %+v", res.Counts)
		}
	})

	t.Run("reparse rebuilds the posts without a request", func(t *testing.T) {
		before := site.total()
		res, err := importer.Reparse(ctx, store, site.srv.URL, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if site.total() != before {
			t.Errorf("reparse made %d requests", site.total()-before)
		}
		if res.Counts.Posts+res.Counts.Pages == 0 || res.Counts.Added != 0 || res.Counts.Updated != 0 {
			t.Errorf("reparse counts %+v: want the same posts read again, nothing added or changed", res.Counts)
		}
		if got, want := archivedComments(t, store, site.srv.URL, 1148), approvedComments(t, 1148); !maps.Equal(got, want) {
			t.Errorf("after reparse post 1148 has %v, want %v", got, want)
		}
	})
}

func TestCrawlResumes(t *testing.T) {
	site := newLiveSite(t)
	store := openStore(t)

	// Interrupt the first crawl after a few pages, as Ctrl-C would.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := testOptions(site)
	opts.Progress = func(p importer.Progress) {
		if fetchedOf(p.Status) >= 8 {
			cancel()
		}
	}
	if _, err := run(t, ctx, store, site.srv.URL, opts); err == nil {
		t.Fatal("an interrupted crawl reported success")
	}
	firstRun := site.requestCounts()

	res, err := run(t, context.Background(), store, site.srv.URL, testOptions(site))
	if err != nil {
		t.Fatal(err)
	}
	// Requests in flight when the crawl stopped are the only ones made again.
	again := 0
	for uri, n := range site.requestCounts() {
		if uri == "/robots.txt" || uri == "/busy/" || uri == "/flaky/" {
			continue
		}
		if n > 1 && firstRun[uri] > 0 {
			again++
		}
	}
	if again > 2 {
		t.Errorf("%d pages fetched again after resuming, want at most the 2 in flight", again)
	}
	if got, want := archivedComments(t, store, site.srv.URL, 1148), approvedComments(t, 1148); !maps.Equal(got, want) {
		t.Errorf("after resuming post 1148 has %v, want %v", got, want)
	}
	if res.Counts.Posts == 0 {
		t.Errorf("resumed crawl imported no posts: %+v", res.Counts)
	}
}

func TestCrawlMaxPagesAndGivingUp(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, wpIndexPage, `<a href="/down/">down</a> <a href="/p/1/">1</a> <a href="/p/2/">2</a> <a href="/p/3/">3</a>`)
		case "/down/":
			http.Error(w, "down", http.StatusBadGateway)
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, wpIndexPage, "")
		}
	}))
	defer srv.Close()
	store := openStore(t)
	opts := importer.Options{Mode: importer.ModeCrawl, MaxFailures: 2, Fetch: fetch.Options{UserAgent: "parc/test", HTTPClient: srv.Client(), Delay: -1, Backoff: time.Millisecond, MaxRetries: 1}}

	limited := opts
	limited.MaxPages = 2
	res, err := run(t, context.Background(), store, srv.URL, limited)
	if err != nil {
		t.Fatal(err)
	}
	if n := requests.Load(); n > 3 { // robots.txt and 2 pages
		t.Errorf("--max-pages 2 made %d requests", n)
	}
	if !hasWarning(res, "max-pages") {
		t.Errorf("no warning that the crawl stopped early: %v", res.Warnings)
	}

	res, err = run(t, context.Background(), store, srv.URL, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(res, "/down/", "gave up after 2 tries", "502") {
		t.Errorf("no warning giving up on /down/: %v", res.Warnings)
	}
	_, _, failed, _ := store.Frontier(crawl.Job(srv.URL)).Stats(context.Background())
	if failed != 1 {
		t.Errorf("%d URLs failed, want 1", failed)
	}
}

// TestCrawlFinishesStoredVisit: a crawl killed after it stored a page but
// before it marked the URL visited reads that page back from the archive
// on the next run, links included, instead of fetching it again.
func TestCrawlFinishesStoredVisit(t *testing.T) {
	site := newLiveSite(t)
	store := openStore(t)
	ctx := context.Background()
	const uri = "/2012/01/03/template-comments/"
	page := bytes.ReplaceAll(site.pages[uri], []byte(corpusOrigin), []byte(site.srv.URL))
	// What the killed run left: the start page queued, the post listed for
	// import and stored, its visit not recorded.
	if err := store.Frontier(crawl.Job(site.srv.URL)).Enqueue(ctx, site.srv.URL+"/", site.srv.URL+uri); err != nil {
		t.Fatal(err)
	}
	if err := store.Frontier(crawl.ImportJob(site.srv.URL)).Enqueue(ctx, site.srv.URL+uri); err != nil {
		t.Fatal(err)
	}
	if err := store.SaveFetched(ctx, archive.FetchedPage{URL: site.srv.URL + uri, Site: site.srv.URL, Status: 200,
		Header: http.Header{"Content-Type": {"text/html; charset=UTF-8"}}, FetchedAt: time.Now(), Body: page}); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, ctx, store, site.srv.URL, testOptions(site)); err != nil {
		t.Fatal(err)
	}
	counts := site.requestCounts()
	if counts[uri] != 0 {
		t.Errorf("%s fetched %d times, want none: the killed run stored it", uri, counts[uri])
	}
	if counts[uri+"comment-page-1/"] == 0 {
		t.Errorf("%scomment-page-1/ never requested: the stored page's links were not followed", uri)
	}
	if got, want := archivedComments(t, store, site.srv.URL, 1148), approvedComments(t, 1148); !maps.Equal(got, want) {
		t.Errorf("post 1148 has %v, want %v", got, want)
	}
}
