package archive

import (
	"context"
	"reflect"
	"slices"
	"testing"
)

func TestPostMetaByLink(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	p := samplePost()
	p.Meta = append(p.Meta, Meta{"parc:captured", "2016-05-01T10:00:00Z"})
	bare := &Post{ID: 11, Type: "post", Status: "publish", Title: "Bare", Link: "https://blog.example.org/bare/"}
	put(t, s, export, siteRec(), Record{Post: p}, Record{Post: bare})

	for _, tc := range []struct{ link, key, want string }{
		{p.Link, "parc:captured", "2016-05-01T10:00:00Z"},
		{"https://blog.example.org/2023/03/18/review", "parc:captured", "2016-05-01T10:00:00Z"}, // without its slash
		{p.Link, "_thumbnail_id", "12"},
		{p.Link, "absent", ""},
		{bare.Link, "parc:captured", ""},
		{"https://blog.example.org/nowhere/", "parc:captured", ""},
	} {
		got, err := s.PostMetaByLink(ctx, tc.link, tc.key)
		if err != nil || got != tc.want {
			t.Errorf("PostMetaByLink(%s, %s) = %q, %v; want %q", tc.link, tc.key, got, err, tc.want)
		}
	}
}

// A web archive's capture is kept under its import's job name, and read
// only by that import: every site's pages are those of http(s) sites.
func TestEveryFetchedPageLeavesWebArchiveCaptures(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	const job = "wayback:https://web.archive.org https://blog.example.org"
	for _, p := range []FetchedPage{
		{URL: "https://blog.example.org/hello/", Site: "https://blog.example.org", Status: 200, Body: []byte("crawled")},
		{URL: "https://web.archive.org/web/20160501100000id_/https://blog.example.org/hello/", Site: job, Status: 200, Body: []byte("captured")},
	} {
		if err := s.SaveFetched(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	urls := func(site string) []string {
		var urls []string
		if err := s.ForEachFetched(ctx, site, func(p *FetchedPage) error { urls = append(urls, p.URL); return nil }); err != nil {
			t.Fatal(err)
		}
		return urls
	}
	if got := urls(""); !slices.Equal(got, []string{"https://blog.example.org/hello/"}) {
		t.Errorf("ForEachFetched(\"\") = %v, want the crawled page only", got)
	}
	if got := urls(job); len(got) != 1 {
		t.Errorf("ForEachFetched(job) = %v, want the capture", got)
	}
}

func TestFetchedHeads(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for _, p := range []FetchedPage{
		{URL: "https://blog.example.org/b/", Site: "https://Blog.example.org/", Status: 200, Header: map[string][]string{"Content-Type": {"text/html"}}, Body: []byte("b")},
		{URL: "https://blog.example.org/a/", Site: "https://blog.example.org", Status: 200, Header: map[string][]string{"Content-Type": {"application/rss+xml"}}, Body: []byte("a")},
		{URL: "https://other.example/", Site: "https://other.example", Status: 200, Body: []byte("x")},
	} {
		if err := s.SaveFetched(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	heads, err := s.FetchedHeads(ctx, "https://blog.example.org/")
	if err != nil {
		t.Fatal(err)
	}
	want := []FetchedHead{
		{URL: "https://blog.example.org/a/", Header: map[string][]string{"Content-Type": {"application/rss+xml"}}},
		{URL: "https://blog.example.org/b/", Header: map[string][]string{"Content-Type": {"text/html"}}},
	}
	if !reflect.DeepEqual(heads, want) {
		t.Errorf("FetchedHeads = %v, want %v: the site's pages in URL order, with their headers", heads, want)
	}
}
