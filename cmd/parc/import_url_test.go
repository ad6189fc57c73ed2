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

// tinyPost is the one post of tinyBlog, with one comment.
const tinyPost = `<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.4"></head>
<body class="post-template-default single single-post postid-7"><article id="post-7" class="post-7 post type-post status-publish">
<h1 class="entry-title">Hello</h1><div class="entry-content"><p>First post.</p></div></article>
<div id="comments"><ol class="comment-list"><li id="comment-3" class="comment depth-1"><article class="comment-body">
<div class="comment-author vcard"><b class="fn">Ann</b></div><div class="comment-content"><p>Welcome!</p></div></article></li></ol></div>
</body></html>`

// tinyBlog serves a two-page WordPress blog: a home page linking to one
// post with one comment. apiLink, when set, is the REST API root the home
// page advertises; requests under /wp-json/ are counted in api and
// answered with an API index that lists no routes.
func tinyBlog(t *testing.T, apiLink string) (srv *httptest.Server, requests, api *atomic.Int32) {
	requests, api = new(atomic.Int32), new(atomic.Int32)
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if !strings.HasPrefix(r.UserAgent(), "parc/"+version+" ") {
			t.Errorf("User-Agent %q, want parc/%s", r.UserAgent(), version)
		}
		if strings.HasPrefix(r.URL.Path, "/wp-json/") {
			api.Add(1)
			w.Header().Set("Content-Type", "application/json; charset=UTF-8")
			if r.URL.Path != "/wp-json/" {
				w.WriteHeader(http.StatusNotFound)
				fmt.Fprint(w, `{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}`)
				return
			}
			fmt.Fprintf(w, `{"name":"Tiny","url":"http://%s","home":"http://%s","namespaces":["wp/v2"],"routes":{}}`, r.Host, r.Host)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		switch r.URL.Path {
		case "/":
			head := `<meta name="generator" content="WordPress 6.4">`
			if apiLink != "" {
				head += `<link rel="https://api.w.org/" href="` + apiLink + `">`
			}
			fmt.Fprint(w, `<!DOCTYPE html><html><head>`+head+`</head>
<body class="home blog"><a href="/2024/05/01/hello/">Hello</a></body></html>`)
		case "/2024/05/01/hello/":
			fmt.Fprint(w, tinyPost)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, requests, api
}

func TestImportURLCrawlsAndReparse(t *testing.T) {
	srv, requests, _ := tinyBlog(t, "")
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

// TestImportURLChoosesTheWay: a site advertising its API is read through
// it, unless --crawl asks for a crawl; an API advertised on another host
// is never asked: the site the user named is, and without an API there the
// site is crawled, with a warning that says so.
func TestImportURLChoosesTheWay(t *testing.T) {
	elsewhere, _, elsewhereAPI := tinyBlog(t, "")
	tests := []struct {
		name       string
		apiLink    string // the API root the home page advertises
		flags      []string
		wantFormat string
		wantAPI    bool // whether the site's /wp-json/ is asked
		wantWarn   string
	}{
		{"advertised API", "/wp-json/", nil, "rest", true, ""},
		{"--crawl", "/wp-json/", []string{"--crawl"}, "crawl", false, ""},
		{"API on another host, answered on this one", elsewhere.URL + "/wp-json/", nil, "rest", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _, api := tinyBlog(t, tt.apiLink)
			args := append(append([]string{"import", "--json", "--delay", "0", "--max-failures", "1"}, tt.flags...), srv.URL+"/")
			stdout, stderr, code := parc(t, t.TempDir(), args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var res importJSON
			if err := json.Unmarshal([]byte(stdout), &res); err != nil {
				t.Fatalf("import --json printed %q: %v", stdout, err)
			}
			if res.Format != tt.wantFormat {
				t.Errorf("format %q, want %q", res.Format, tt.wantFormat)
			}
			if tt.wantFormat == "crawl" && (res.Posts != 1 || res.Comments != 1) {
				t.Errorf("crawl read %d posts, %d comments; want 1 post with 1 comment", res.Posts, res.Comments)
			}
			if got := api.Load() > 0; got != tt.wantAPI {
				t.Errorf("the site's /wp-json/ asked: %v, want %v", got, tt.wantAPI)
			}
		})
	}
	if n := elsewhereAPI.Load(); n > 0 {
		t.Errorf("the API advertised on another host was asked %d times", n)
	}

	t.Run("no API on this host: crawled, with a warning", func(t *testing.T) {
		// The home page advertises an API on another host; this host has
		// none (its /wp-json/ is not JSON), so parc crawls.
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			switch r.URL.Path {
			case "/":
				fmt.Fprint(w, `<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.4"><link rel="https://api.w.org/" href="`+
					elsewhere.URL+`/wp-json/"></head><body class="home blog"><a href="/2024/05/01/hello/">Hello</a></body></html>`)
			case "/2024/05/01/hello/":
				fmt.Fprint(w, tinyPost)
			default:
				http.NotFound(w, r)
			}
		}))
		defer srv.Close()
		stdout, stderr, code := parc(t, t.TempDir(), "import", "--json", "--delay", "0", "--max-failures", "1", srv.URL+"/")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var res importJSON
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatalf("import --json printed %q: %v", stdout, err)
		}
		if res.Format != "crawl" || res.Posts != 1 {
			t.Errorf("format %q with %d posts, want a crawl reading the post; warnings %q", res.Format, res.Posts, res.Warnings)
		}
		warned := false
		for _, w := range res.Warnings {
			warned = warned || (strings.Contains(w, "another host") && strings.Contains(w, "crawling its pages instead"))
		}
		if !warned {
			t.Errorf("no warning says the API was elsewhere and the site was crawled: %q", res.Warnings)
		}
		if n := elsewhereAPI.Load(); n > 0 {
			t.Errorf("the API advertised on another host was asked %d times", n)
		}
	})
}
