package archive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestFetchedPages(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	body := bytes.Repeat([]byte("<p>comment</p>"), 10000)
	when := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	first := FetchedPage{
		URL: "https://blog.example.org/2024/05/01/hello/", Site: "https://Blog.example.org/",
		Status: 200, Header: map[string][]string{"Etag": {`"v1"`}}, FetchedAt: when, Body: body,
	}
	if err := s.SaveFetched(ctx, first); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFetched(ctx, FetchedPage{URL: "https://other.example/", Site: "https://other.example", Status: 200, FetchedAt: when, Body: []byte("x")}); err != nil {
		t.Fatal(err)
	}

	got, err := s.Fetched(ctx, first.URL)
	if err != nil {
		t.Fatal(err)
	}
	if got == nil || !bytes.Equal(got.Body, body) || got.Status != 200 || got.Header["Etag"][0] != `"v1"` || !got.FetchedAt.Equal(when) || got.Site != "https://blog.example.org" {
		t.Fatalf("Fetched = %+v, want the page as saved (site normalized)", got)
	}

	var stored int64
	s.db.QueryRow(`SELECT length(body) FROM fetched WHERE url = ?`, first.URL).Scan(&stored)
	if stored >= int64(len(body))/10 {
		t.Errorf("body stored in %d bytes for %d: not compressed", stored, len(body))
	}

	second := first
	second.Body, second.Header, second.FetchedAt = []byte("new"), map[string][]string{"Etag": {`"v2"`}}, when.Add(time.Hour)
	if err := s.SaveFetched(ctx, second); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Fetched(ctx, first.URL)
	if string(got.Body) != "new" || got.Header["Etag"][0] != `"v2"` {
		t.Errorf("after a refetch: %q %v, want the latest fetch", got.Body, got.Header)
	}

	if missing, err := s.Fetched(ctx, "https://blog.example.org/nope/"); missing != nil || err != nil {
		t.Errorf("absent page: %v, %v; want nil, nil", missing, err)
	}

	var urls []string
	err = s.ForEachFetched(ctx, "https://blog.example.org", func(p *FetchedPage) error {
		urls = append(urls, p.URL)
		// Writing while iterating must not deadlock.
		return s.Frontier("crawl test").Enqueue(ctx, p.URL)
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(urls, []string{first.URL}) {
		t.Errorf("ForEachFetched(site) = %v, want only that site's page", urls)
	}
	urls = nil
	s.ForEachFetched(ctx, "", func(p *FetchedPage) error { urls = append(urls, p.URL); return nil })
	if len(urls) != 2 {
		t.Errorf("ForEachFetched(\"\") = %v, want both sites' pages", urls)
	}
}

func TestFrontier(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := s.Frontier("crawl https://blog.example.org")
	other := s.Frontier("rest https://blog.example.org")
	stats := func() [3]int {
		t.Helper()
		q, d, f, err := f.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return [3]int{q, d, f}
	}

	if err := f.Enqueue(ctx, "/a", "/b", "/c"); err != nil {
		t.Fatal(err)
	}
	if err := f.Enqueue(ctx, "/b", "/d"); err != nil { // /b is known already
		t.Fatal(err)
	}
	if err := other.Enqueue(ctx, "/a"); err != nil { // another job's frontier
		t.Fatal(err)
	}
	next, _ := f.Next(ctx, 10)
	if !slices.Equal(next, []string{"/a", "/b", "/c", "/d"}) {
		t.Fatalf("Next = %v, want each URL once, in the order found", next)
	}

	f.MarkDone(ctx, "/a", false, "")
	f.MarkDone(ctx, "/b", true, "HTTP 500")
	if got := stats(); got != [3]int{2, 1, 1} {
		t.Errorf("stats = %v, want 2 queued, 1 done, 1 failed", got)
	}
	f.Enqueue(ctx, "/a") // a visited URL seen again is not visited again
	next, _ = f.Next(ctx, 1)
	if !slices.Equal(next, []string{"/c"}) {
		t.Errorf("Next(1) = %v, want [/c]", next)
	}

	// A failed URL is retried while it has tries left, at the back of the queue.
	const maxTries = 2
	if n, _ := f.RetryFailed(ctx, maxTries); n != 1 {
		t.Errorf("RetryFailed queued %d, want 1", n)
	}
	next, _ = f.Next(ctx, 10)
	if !slices.Equal(next, []string{"/c", "/d", "/b"}) {
		t.Errorf("after retry: Next = %v, want /b last", next)
	}
	f.MarkDone(ctx, "/b", true, "HTTP 503")
	if n, _ := f.RetryFailed(ctx, maxTries); n != 0 {
		t.Errorf("RetryFailed queued %d URLs that are out of tries", n)
	}
	failures, err := f.Failures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(failures) != 1 || failures[0].URL != "/b" || failures[0].Tries != 2 || failures[0].Error != "HTTP 503" {
		t.Errorf("Failures = %+v, want /b after 2 tries with its last error", failures)
	}

	// A later crawl re-visits everything.
	if err := f.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if got := stats(); got != [3]int{4, 0, 0} {
		t.Errorf("after reset: stats = %v, want all 4 queued", got)
	}
	if q, _, _, _ := other.Stats(ctx); q != 1 {
		t.Errorf("the other job has %d queued, want its own 1", q)
	}

	if err := f.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	f.Enqueue(ctx, "/a")
	if next, _ := f.Next(ctx, 10); !slices.Equal(next, []string{"/a"}) {
		t.Errorf("after Clear: Next = %v, want only the URL queued since", next)
	}
}

func TestFrontierSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Frontier("crawl x").Enqueue(ctx, "/1", "/2")
	s.Frontier("crawl x").MarkDone(ctx, "/1", false, "")
	s.Close() // as a killed crawl leaves it: every write is committed

	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	next, _ := s.Frontier("crawl x").Next(ctx, 10)
	if !slices.Equal(next, []string{"/2"}) {
		t.Errorf("after reopening: Next = %v, want [/2]", next)
	}
}

// TestFrontierCap: past its cap a frontier queues nothing more and says how
// much it left out; what it holds stays.
func TestFrontierCap(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := s.Frontier("crawl https://blog.example.org")
	f.max = 2500 // MaxFrontier is a million
	var urls []string
	for i := range 3000 {
		urls = append(urls, fmt.Sprintf("/p/%d", i))
	}
	err := f.Enqueue(ctx, urls...)
	var full *FullError
	if !errors.As(err, &full) || full.Dropped != 500 {
		t.Fatalf("err = %v, want a FullError dropping the last 500", err)
	}
	queued, _, _, err := f.Stats(ctx)
	if err != nil || queued != 2500 {
		t.Errorf("queued %d, %v; want the first 2500", queued, err)
	}
	if err := f.Enqueue(ctx, "/one-more"); !errors.As(err, &full) || full.Dropped != 1 {
		t.Errorf("a full frontier took another URL: %v", err)
	}
	// Another handle on the same job counts what the archive holds.
	again := s.Frontier("crawl https://blog.example.org")
	again.max = 2500
	if err := again.Enqueue(ctx, "/one-more"); !errors.As(err, &full) {
		t.Errorf("a second handle took another URL: %v", err)
	}
	// A cleared job is empty again for the handle that cleared it.
	if err := f.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	if err := f.Enqueue(ctx, "/after-clear"); err != nil {
		t.Errorf("a cleared frontier refused a URL: %v", err)
	}
}
