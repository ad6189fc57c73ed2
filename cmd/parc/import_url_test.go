package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// tinyBlog serves a two-page WordPress blog: a home page linking to one
// post with one comment.
func tinyBlog(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if !strings.HasPrefix(r.UserAgent(), "parc/"+version+" ") {
			t.Errorf("User-Agent %q, want parc/%s", r.UserAgent(), version)
		}
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.4"></head>
<body class="home blog"><a href="/2024/05/01/hello/">Hello</a></body></html>`)
		case "/2024/05/01/hello/":
			fmt.Fprint(w, `<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.4"></head>
<body class="post-template-default single single-post postid-7"><article id="post-7" class="post-7 post type-post status-publish">
<h1 class="entry-title">Hello</h1><div class="entry-content"><p>First post.</p></div></article>
<div id="comments"><ol class="comment-list"><li id="comment-3" class="comment depth-1"><article class="comment-body">
<div class="comment-author vcard"><b class="fn">Ann</b></div><div class="comment-content"><p>Welcome!</p></div></article></li></ol></div>
</body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &requests
}

func TestImportURLCrawlsAndReparse(t *testing.T) {
	srv, requests := tinyBlog(t)
	dir := t.TempDir()
	stdout, stderr, code := parc(t, dir, "import", "--json", "--delay", "0", "--max-failures", "1", srv.URL)
	if code != 0 {
		t.Fatalf("import %s: exit %d: %s", srv.URL, code, stderr)
	}
	var res importJSON
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("import --json printed %q: %v", stdout, err)
	}
	if res.Format != "crawl" || res.Posts != 1 || res.Comments != 1 {
		t.Errorf("import of a live site: %+v, want a crawl reading 1 post with 1 comment", res)
	}
	if stdout, _, _ := parc(t, dir, "show", "7"); !strings.Contains(stdout, "Welcome!") {
		t.Errorf("parc show 7 after the crawl:\n%s\nwant the post with Ann's comment", stdout)
	}

	before := requests.Load()
	stdout, stderr, code = parc(t, dir, "reparse", "--json", "--site", srv.URL)
	if code != 0 {
		t.Fatalf("reparse: exit %d: %s", code, stderr)
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("reparse --json printed %q: %v", stdout, err)
	}
	if res.Posts != 1 || res.Added != 0 || requests.Load() != before {
		t.Errorf("reparse: %+v after %d requests; want the post read again from stored pages, nothing new, no request", res, requests.Load()-before)
	}
}

func TestImportURLFlags(t *testing.T) {
	for _, args := range [][]string{
		{"import", "--concurrency", "0", "http://127.0.0.1:1/"},
		{"import", "--delay", "-1s", "http://127.0.0.1:1/"},
		{"reparse", "extra"},
	} {
		if _, _, code := parc(t, t.TempDir(), args...); code != 2 {
			t.Errorf("parc %s: exit %d, want 2 (usage)", strings.Join(args, " "), code)
		}
	}
}
