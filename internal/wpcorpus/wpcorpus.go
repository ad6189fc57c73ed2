// Package wpcorpus serves the WordPress 6.1.9 corpus in ../shared to
// tests: the captured REST responses and feeds at their original paths and
// queries, from an httptest server on 127.0.0.1. The files are read from
// the shared folder, never copied.
package wpcorpus

import (
	"bufio"
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// Origin is where the corpus was captured; the server stands in for it
// and rewrites the Link headers that point there.
const Origin = "http://127.0.0.1:8088"

// Dir is the corpus folder, or the test ends (see sharedtest).
func Dir(t testing.TB) string {
	return sharedtest.File(t, "corpus/wordpress-6.1.9")
}

// capture is one recorded response of the corpus.
type capture struct {
	file   string // path under the corpus directory
	path   string // URL path it was served at
	query  url.Values
	header http.Header
}

// loadCaptures reads manifest.tsv and the .headers files beside the
// captured bodies; kind is the folder, such as "rest" or "feeds".
func loadCaptures(t testing.TB, dir, kind string) []capture {
	t.Helper()
	manifest, err := os.ReadFile(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var captures []capture
	for _, line := range strings.Split(string(manifest), "\n")[1:] {
		fields := strings.Split(line, "\t")
		if len(fields) < 5 || !strings.HasPrefix(fields[0], kind+"/") {
			continue
		}
		u, err := url.Parse(fields[1])
		if err != nil {
			t.Fatalf("manifest: %v", err)
		}
		c := capture{file: fields[0], path: u.Path, query: u.Query(),
			header: http.Header{"Content-Type": {fields[4]}}}
		if f, err := os.Open(filepath.Join(dir, fields[0]+".headers")); err == nil {
			r := textproto.NewReader(bufio.NewReader(f))
			r.ReadLine() // status line
			if h, err := r.ReadMIMEHeader(); err == nil || len(h) > 0 {
				c.header = http.Header(h)
			}
			f.Close()
		}
		captures = append(captures, c)
	}
	if len(captures) == 0 {
		t.Fatalf("manifest lists no %s files", kind)
	}
	return captures
}

// Total is the number of items WordPress declared (X-WP-Total) for a
// REST collection such as "posts" or "tags", read from the capture of its
// first page, so that tests count what the site had instead of typing it.
func Total(t testing.TB, collection string) int {
	t.Helper()
	for _, c := range loadCaptures(t, Dir(t), "rest") {
		if c.path == "/wp-json/wp/v2/"+collection && c.query.Get("page") == "1" {
			n, err := strconv.Atoi(c.header.Get("X-WP-Total"))
			if err != nil {
				t.Fatalf("the corpus capture %s has no X-WP-Total: %v", c.file, err)
			}
			return n
		}
	}
	t.Fatalf("the corpus holds no first page of /wp/v2/%s", collection)
	return 0
}

// FeedItems is the number of items (RSS) or entries (Atom) in the
// corpus's captured feeds named, such as "feeds/rss2.xml".
func FeedItems(t testing.TB, files ...string) int {
	t.Helper()
	n := 0
	for _, file := range files {
		data, err := os.ReadFile(filepath.Join(Dir(t), file))
		if err != nil {
			t.Fatal(err)
		}
		n += bytes.Count(data, []byte("<item>")) + bytes.Count(data, []byte("<entry>"))
	}
	return n
}

// Server serves the captured responses at their original paths and
// queries (context, which only changes the fields served, is ignored), rewriting
// absolute links in headers to the server itself. Routes the corpus did
// not capture answer as WordPress does for an unknown route. An override
// (SetOverride) may answer a request first.
type Server struct {
	*httptest.Server
	dir      string
	captures []capture

	mu       sync.Mutex
	requests []string
	override func(w http.ResponseWriter, r *http.Request) bool
}

// SetOverride makes answer see each request first; it answers it when it
// returns true. nil serves the captures alone again. The server is
// already serving (a parc process may be asking it), so the override is
// handed over under the server's lock.
func (cs *Server) SetOverride(answer func(w http.ResponseWriter, r *http.Request) bool) {
	cs.mu.Lock()
	cs.override = answer
	cs.mu.Unlock()
}

func NewServer(t testing.TB, kinds ...string) *Server {
	t.Helper()
	dir := Dir(t)
	cs := &Server{dir: dir}
	for _, kind := range kinds {
		cs.captures = append(cs.captures, loadCaptures(t, dir, kind)...)
	}
	cs.Server = httptest.NewServer(http.HandlerFunc(cs.serve))
	t.Cleanup(cs.Close)
	return cs
}

func (cs *Server) serve(w http.ResponseWriter, r *http.Request) {
	cs.mu.Lock()
	cs.requests = append(cs.requests, r.URL.RequestURI())
	override := cs.override
	cs.mu.Unlock()
	if override != nil && override(w, r) {
		return
	}
	path, query := RouteOf(r)
	if forbidden(path, query, r.Header.Get("Authorization") != "") {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"code":"rest_forbidden_param","message":"Query parameter not permitted: type","data":{"status":401}}`))
		return
	}
	if header, body, ok := cs.Find(r); ok {
		cs.Write(w, header, body)
		return
	}
	if strings.HasPrefix(path, "/wp-json/") {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}`))
		return
	}
	http.NotFound(w, r)
}

// RouteOf is the path a request asks for, in either URL form.
func RouteOf(r *http.Request) (string, url.Values) {
	path, query := r.URL.Path, r.URL.Query()
	if route := query.Get("rest_route"); route != "" {
		path = "/wp-json" + route
	}
	return path, query
}

// Find returns the captured response to a request, its Link headers
// rewritten to point at this server.
func (cs *Server) Find(r *http.Request) (http.Header, []byte, bool) {
	path, query := RouteOf(r)
	for _, c := range cs.captures {
		if c.path != path || !queryMatches(c.query, query) {
			continue
		}
		body, err := os.ReadFile(filepath.Join(cs.dir, c.file))
		if err != nil {
			return nil, nil, false
		}
		header := http.Header{}
		for key, values := range c.header {
			switch key {
			case "Content-Length", "Connection", "Date", "Host":
				continue
			}
			for _, v := range values {
				header.Add(key, strings.ReplaceAll(v, Origin, cs.URL))
			}
		}
		return header, body, true
	}
	return nil, nil, false
}

// Write sends a response as Find returned it, perhaps altered.
func (cs *Server) Write(w http.ResponseWriter, header http.Header, body []byte) {
	for key, values := range header {
		w.Header()[key] = values
	}
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// forbidden is WordPress 6.1's check for what an anonymous client may ask
// of /wp/v2/comments: only approved comments of type "comment".
func forbidden(path string, query url.Values, authorized bool) bool {
	if authorized || path != "/wp-json/wp/v2/comments" {
		return false
	}
	typ, status := query.Get("type"), query.Get("status")
	return (typ != "" && typ != "comment") || (status != "" && status != "approve") || query.Get("context") == "edit"
}

// queryMatches reports whether a request asks for what a capture answered:
// the same parameters with the same values, page 1 left implicit or not,
// and context (which only changes the fields served) ignored.
func queryMatches(captured, asked url.Values) bool {
	value := func(q url.Values, key string) string {
		if v := q.Get(key); v != "" || key != "page" {
			return v
		}
		return "1"
	}
	for _, q := range []url.Values{captured, asked} {
		for key := range q {
			if key != "context" && key != "rest_route" && value(captured, key) != value(asked, key) {
				return false
			}
		}
	}
	return true
}

// Requested lists the request URIs served so far, in order.
func (cs *Server) Requested() []string {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return append([]string(nil), cs.requests...)
}

// Client is an HTTP client that sends requests for the corpus's origin to
// this server, so that the absolute links the captured bodies hold (such
// as a feed's per-post comment feeds) are followed here, bodies untouched.
func (cs *Server) Client() *http.Client {
	return &http.Client{Transport: originTransport{server: cs}}
}

type originTransport struct{ server *Server }

func (o originTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Scheme+"://"+r.URL.Host == Origin {
		r = r.Clone(r.Context())
		r.URL.Host = strings.TrimPrefix(o.server.URL, "http://")
		r.Host = r.URL.Host
	}
	return http.DefaultTransport.RoundTrip(r)
}
