package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testClient is a client that does not make tests wait for politeness.
func testClient(srv *httptest.Server, opts Options) *Client {
	opts.HTTPClient = srv.Client()
	if opts.Delay == 0 {
		opts.Delay = -1
	}
	if opts.Backoff == 0 {
		opts.Backoff = time.Millisecond
	}
	return New(opts)
}

func TestGetRetries(t *testing.T) {
	tests := []struct {
		name       string
		failures   int // responses before the good one
		failStatus int
		retryAfter string
		maxRetries int
		wantStatus int
		wantErr    bool
		minGap     time.Duration // between the last failure and the retry
	}{
		{name: "500 then 200", failures: 1, failStatus: 500, wantStatus: 200},
		{name: "503 three times then 200", failures: 3, failStatus: 503, wantStatus: 200},
		{name: "429 with Retry-After seconds", failures: 1, failStatus: 429, retryAfter: "1", wantStatus: 200, minGap: 900 * time.Millisecond},
		{name: "500 outlasts the retries", failures: 10, failStatus: 500, maxRetries: 2, wantErr: true, wantStatus: 500},
		{name: "404 is not retried", failures: 10, failStatus: 404, wantErr: true, wantStatus: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var times []time.Time
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				times = append(times, time.Now())
				n := len(times)
				mu.Unlock()
				if n <= tt.failures {
					if tt.retryAfter != "" {
						w.Header().Set("Retry-After", tt.retryAfter)
					}
					http.Error(w, "no", tt.failStatus)
					return
				}
				w.Write([]byte("hello"))
			}))
			defer srv.Close()
			c := testClient(srv, Options{MaxRetries: tt.maxRetries})
			resp, err := c.Get(context.Background(), srv.URL+"/page", nil)
			if tt.wantErr {
				var se *StatusError
				if !errors.As(err, &se) || se.Response.Status != tt.wantStatus {
					t.Fatalf("err = %v, want a StatusError with %d", err, tt.wantStatus)
				}
				if !strings.Contains(err.Error(), srv.URL+"/page") {
					t.Errorf("error %q does not name the URL", err)
				}
				if tt.failStatus == 404 && len(times) != 1 {
					t.Errorf("404 requested %d times, want 1", len(times))
				}
				if tt.maxRetries > 0 && len(times) != tt.maxRetries+1 {
					t.Errorf("requested %d times, want %d", len(times), tt.maxRetries+1)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != tt.wantStatus || string(resp.Body) != "hello" {
				t.Fatalf("got %d %q", resp.Status, resp.Body)
			}
			if len(times) != tt.failures+1 {
				t.Errorf("server saw %d requests, want %d", len(times), tt.failures+1)
			}
			if gap := times[len(times)-1].Sub(times[len(times)-2]); gap < tt.minGap {
				t.Errorf("retried after %v, want at least %v (Retry-After)", gap, tt.minGap)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"3", 3 * time.Second, true},
		{"Wed, 01 May 2024 12:00:30 GMT", 30 * time.Second, true},
		{"Wed, 01 May 2024 11:00:00 GMT", 0, true},
		{"86400", MaxRetryAfter, true},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.value, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.value, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusFound) })
	mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a", http.StatusMovedPermanently) })
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) })
	mux.HandleFunc("/new", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("moved here")) })
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		mux.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c := testClient(srv, Options{})

	resp, err := c.Get(context.Background(), srv.URL+"/old", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.URL != srv.URL+"/new" || string(resp.Body) != "moved here" {
		t.Errorf("redirect: got %s %q", resp.URL, resp.Body)
	}

	requests.Store(0)
	_, err = c.Get(context.Background(), srv.URL+"/a", nil)
	if !errors.Is(err, ErrRedirectLoop) {
		t.Fatalf("loop: err = %v, want ErrRedirectLoop", err)
	}
	if n := requests.Load(); n > 3 {
		t.Errorf("loop: %d requests, want the loop caught at once and never retried", n)
	}
}

func TestBodyCap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>more</p>", 1000))
		for r.Context().Err() == nil { // a page that never ends
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c := testClient(srv, Options{MaxBody: 1 << 20})
	resp, err := c.Get(context.Background(), srv.URL+"/endless", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !resp.Truncated || len(resp.Body) != 1<<20 {
		t.Errorf("Truncated = %v, %d bytes; want cut at 1 MiB", resp.Truncated, len(resp.Body))
	}
}

func TestConditionalAndAuth(t *testing.T) {
	const etag = `"v1"`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if user, pass, ok := r.BasicAuth(); !ok || user != "mara" || pass != "app pass" {
			http.Error(w, "who?", http.StatusUnauthorized)
			return
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Write([]byte("body"))
	}))
	defer srv.Close()
	c := testClient(srv, Options{User: "mara", Password: "app pass"})
	first, err := c.Get(context.Background(), srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.Get(context.Background(), srv.URL, ValidatorsOf(first.Header))
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || len(second.Body) != 0 {
		t.Errorf("conditional request: NotModified = %v, body %q", second.NotModified, second.Body)
	}

	_, err = testClient(srv, Options{}).Get(context.Background(), srv.URL, nil)
	var se *StatusError
	if !errors.As(err, &se) || se.Response.Status != http.StatusUnauthorized {
		t.Errorf("without credentials: err = %v, want 401", err)
	}
	if strings.Contains(err.Error(), "app pass") {
		t.Errorf("error %q shows the password", err)
	}
}

func TestPoliteness(t *testing.T) {
	var inFlight, most atomic.Int32
	var mu sync.Mutex
	var starts []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "parc/") {
			t.Errorf("User-Agent %q does not name parc", ua)
		}
		time.Sleep(30 * time.Millisecond)
	}))
	defer srv.Close()
	c := New(Options{HTTPClient: srv.Client(), UserAgent: "parc/9.9 (+test)", Concurrency: 2, Delay: 20 * time.Millisecond})
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), srv.URL, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if most.Load() > 2 {
		t.Errorf("%d requests in flight at once, want at most 2", most.Load())
	}
	// Arrival times jitter with connection set-up, so check the whole span:
	// six requests 20ms apart cannot all arrive within 80ms.
	if span := starts[len(starts)-1].Sub(starts[0]); span < 80*time.Millisecond {
		t.Errorf("6 requests arrived within %v, want them spaced by the 20ms delay", span)
	}
}

func TestRobots(t *testing.T) {
	const robotsTxt = `# comments are ignored
User-agent: *
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php
Disallow: /*?replytocom=
Disallow: /*.pdf$

User-agent: OtherBot
Disallow: /

Sitemap: https://blog.example.org/wp-sitemap.xml
`
	tests := []struct {
		name, robots, agent, url string
		want                     bool
	}{
		{"plain post", robotsTxt, "parc/0.1", "https://blog.example.org/2024/01/02/hello/", true},
		{"disallowed dir", robotsTxt, "parc/0.1", "https://blog.example.org/wp-admin/options.php", false},
		{"longer allow wins", robotsTxt, "parc/0.1", "https://blog.example.org/wp-admin/admin-ajax.php", true},
		{"wildcard in query", robotsTxt, "parc/0.1", "https://blog.example.org/a/?replytocom=5", false},
		{"anchored end", robotsTxt, "parc/0.1", "https://blog.example.org/files/x.pdf", false},
		{"anchor does not match a longer path", robotsTxt, "parc/0.1", "https://blog.example.org/files/x.pdf.html", true},
		{"other bot's group is not ours", robotsTxt, "OtherBot/1.0", "https://blog.example.org/2024/", false},
		{"our own group wins over *", "User-agent: *\nDisallow: /\n\nUser-agent: parc\nDisallow: /private/\n", "parc/0.1 (+x)", "https://b.example/public", true},
		{"our own group still forbids", "User-agent: *\nDisallow: /\n\nUser-agent: parc\nDisallow: /private/\n", "parc/0.1 (+x)", "https://b.example/private/x", false},
		{"empty disallow allows all", "User-agent: *\nDisallow:\n", "parc/0.1", "https://b.example/x", true},
		{"robots.txt itself", "User-agent: *\nDisallow: /\n", "parc/0.1", "https://b.example/robots.txt", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParseRobots([]byte(tt.robots), tt.agent).Allowed(tt.url); got != tt.want {
				t.Errorf("Allowed(%s) = %v, want %v", tt.url, got, tt.want)
			}
		})
	}
	if got := ParseRobots([]byte(robotsTxt), "parc/0.1").Sitemaps; len(got) != 1 || got[0] != "https://blog.example.org/wp-sitemap.xml" {
		t.Errorf("Sitemaps = %v", got)
	}
}

func TestRobotsFetch(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		allowed bool
		wantErr bool
	}{
		{"served", 200, "User-agent: *\nDisallow: /private/\n", false, false},
		{"missing allows everything", 404, "", true, false},
		{"server error is an error", 500, "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/robots.txt" {
					t.Errorf("fetched %s, want /robots.txt", r.URL.Path)
				}
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			robots, err := testClient(srv, Options{MaxRetries: 1}).Robots(context.Background(), srv.URL+"/blog/")
			if tt.wantErr {
				if err == nil {
					t.Fatal("no error for a robots.txt the server fails to serve")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := robots.Allowed(srv.URL + "/private/x"); got != tt.allowed {
				t.Errorf("Allowed = %v, want %v", got, tt.allowed)
			}
		})
	}
}

func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\nSitemap: https://x/s.xml\n"), "/wp-admin/a")
	f.Add([]byte("User-agent: parc\nDisallow: /*a*b*c$\n"), "/xaxbxc")
	f.Add([]byte("user-agent:*\r\ndisallow:/\r\n"), "/")
	f.Fuzz(func(t *testing.T, body []byte, path string) {
		robots := ParseRobots(body, "parc/0.1")
		robots.Allowed("https://blog.example.org/" + strings.TrimPrefix(path, "/"))
		if !robots.Allowed("https://blog.example.org/robots.txt") {
			t.Error("robots.txt itself disallowed")
		}
	})
}

func TestMatchRobots(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/anything", true},
		{"/fish", "/fish.html", true},
		{"/fish", "/Fish", false},
		{"/fish*.php", "/fish/salmon.php", true},
		{"/*.php$", "/index.php", true},
		{"/*.php$", "/index.php?x", false},
		{"/a*b*c", "/aXXbYYc", true},
		{"/a*b*c$", "/aXXbYYcZ", false},
		{"*", "/", true},
	}
	for _, tt := range tests {
		if got := matchRobots(tt.pattern, tt.path); got != tt.want {
			t.Errorf("matchRobots(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}
