package site

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryPrintedLinkAnswers: posts whose stored permalinks or slugs hold
// "..", "%2e%2e", a NUL byte or a question mark are served at paths that
// answer, and the pages link them there.
func TestEveryPrintedLinkAnswers(t *testing.T) {
	var items strings.Builder
	for i, tt := range []struct{ link, slug string }{
		{"https://odd.example.org/2024/01/02/../../etc/", "dots"},
		{"https://odd.example.org/2024/01/02/%2e%2e/", "encoded-dots"},
		{"https://odd.example.org/2024/01/02/a%00b/", "nul"},
		{"https://odd.example.org/?p=20", ".."},
		{"https://odd.example.org/?p=21", "%2e%2e"},
		{"https://odd.example.org/?p=22", "a%00b"},
		{"https://odd.example.org/?p=23", "what?really"},
		{"https://odd.example.org/2024/01/02/plain/", "plain"},
	} {
		fmt.Fprintf(&items, `<item><title>Post %d</title><link>%s</link><wp:post_id>%d</wp:post_id><wp:post_name><![CDATA[%s]]></wp:post_name>
<wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_date>2024-01-02 10:00:00</wp:post_date>
<content:encoded><![CDATA[Body of post %d]]></content:encoded></item>`, i, tt.link, 20+i, tt.slug, i)
	}
	export := filepath.Join(t.TempDir(), "odd.xml")
	err := os.WriteFile(export, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<title>Odd</title><link>https://odd.example.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://odd.example.org</wp:base_site_url>
`+items.String()+`</channel></rss>`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	_, ts := startSite(t, Config{Store: importArchive(t, export)})
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	home, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	links := map[string]bool{}
	for _, m := range regexp.MustCompile(`href="(/[^"]*)"`).FindAllStringSubmatch(string(home), -1) {
		links[strings.ReplaceAll(m[1], "&amp;", "&")] = true
	}
	for href := range links {
		resp, err := http.Get(ts.URL + href)
		if err != nil {
			t.Errorf("%s: %v", href, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("the home page links %s, which answers %d", href, resp.StatusCode)
		}
	}
	// Each post is at a path the home page links, and shows there.
	for i := range 8 {
		resp, err := noRedirects().Get(fmt.Sprintf("%s/?p=%d", ts.URL, 20+i))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		path := strings.TrimPrefix(resp.Header.Get("Location"), ts.URL)
		if !links[path] {
			t.Errorf("post %d is at %q, which the home page does not link", 20+i, path)
			continue
		}
		resp, err = http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := fmt.Sprintf("Body of post %d", i); resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("post %d at %s: %d, shows %q: %v", 20+i, path, resp.StatusCode, want, strings.Contains(string(body), want))
		}
	}
}

// TestLinksNeverFollowAStrangeHost: without --base-url, absolute links
// (feeds, canonical) name the server's own address, whatever Host header a
// request carries, so a cached page never sends readers elsewhere.
func TestLinksNeverFollowAStrangeHost(t *testing.T) {
	srv, err := New(context.Background(), Config{Store: importArchive(t, sampleBlog(t)), Listen: "127.0.0.1:8080"})
	if err != nil {
		t.Fatal(err)
	}
	get := func(host string) string {
		req := httptest.NewRequest(http.MethodGet, "/feed/", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		return rec.Body.String()
	}
	for _, tt := range []struct{ host, want string }{
		{"evil.example", "http://127.0.0.1:8080/"},
		{"127.0.0.1:8080", "http://127.0.0.1:8080/"},
		{"localhost:8080", "http://localhost:8080/"},
		{"192.0.2.1:8080", "http://192.0.2.1:8080/"}, // this machine on the network
		{"192.0.2.1:9999", "http://127.0.0.1:8080/"},
	} {
		feed := get(tt.host)
		if !strings.Contains(feed, "<link>"+tt.want) || strings.Contains(feed, "evil.example") {
			t.Errorf("Host %s: the feed's links do not start with %s:\n%.300s", tt.host, tt.want, feed)
		}
	}
}
