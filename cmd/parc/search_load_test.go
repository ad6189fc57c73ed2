package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/search"
	"github.com/parc-archive/parc/site"
)

// TestSearchFloodAtScale measures what a flood of expensive searches does
// to a served archive built by search's BenchmarkSearch (PARC_BENCH_DIR):
// eight clients send the costliest search parc still takes, back to back,
// while one client reads pages and one searches plain words; it logs
// their latencies beside the same clients' without the flood, and the
// peak memory. Figures for README "Search benchmarks", not assertions; it
// runs only with PARC_SEARCH_LOAD=1. PARC_SEARCH_LOAD_DURATION (default
// 20s) is each phase's length.
func TestSearchFloodAtScale(t *testing.T) {
	dir := os.Getenv("PARC_BENCH_DIR")
	if os.Getenv("PARC_SEARCH_LOAD") != "1" || dir == "" {
		t.Skip("load test: set PARC_SEARCH_LOAD=1 and PARC_BENCH_DIR to an archive BenchmarkSearch built")
	}
	duration := 20 * time.Second
	if d := os.Getenv("PARC_SEARCH_LOAD_DURATION"); d != "" {
		var err error
		if duration, err = time.ParseDuration(d); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	store, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	follower, err := search.Follow(ctx, store, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer follower.Close()
	srv, err := site.New(ctx, site.Config{Store: store, Searcher: siteSearcher{follower}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	// Pages and plain words from the archive's first posts.
	posts, err := store.LoadPosts(ctx, []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	if err != nil || len(posts) == 0 {
		t.Fatalf("reading the archive's first posts: %v", err)
	}
	var pages, words []string
	for _, p := range posts {
		u, _ := url.Parse(p.Link)
		pages = append(pages, u.Path)
		words = append(words, strings.Fields(p.Title)...)
	}
	get := func(path string) (int, time.Duration) {
		start := time.Now()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Error(err)
			return 0, 0
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, time.Since(start)
	}
	search := func(q string) string { return "/search/?q=" + url.QueryEscape(q) }

	// The costliest of a few searches parc takes, each alone.
	var costliest string
	var most time.Duration
	for _, q := range []string{"/.*/", "ee* ea* et* ta*", "ee* ta~2", "et* te*", "ta*", `"` + words[0] + " " + words[1] + `"`} {
		status, took := get(search(q))
		t.Logf("alone: %-24q %d in %s", q, status, took.Round(time.Millisecond))
		if status == http.StatusOK && took > most {
			costliest, most = q, took
		}
	}

	type client struct {
		name  string
		paths func(i int) string
	}
	readers := []client{
		{"page", func(i int) string { return pages[i%len(pages)] }},
		{"plain search", func(i int) string { return search(words[i%len(words)]) }},
	}
	phase := func(name string, flood int) {
		stop := time.Now().Add(duration)
		var mu sync.Mutex
		took := map[string][]time.Duration{}
		statuses := map[string]map[int]int{}
		record := func(who string, status int, d time.Duration) {
			mu.Lock()
			defer mu.Unlock()
			took[who] = append(took[who], d)
			if statuses[who] == nil {
				statuses[who] = map[int]int{}
			}
			statuses[who][status]++
		}
		var wg sync.WaitGroup
		for range flood {
			wg.Go(func() {
				for time.Now().Before(stop) {
					status, d := get(search(costliest))
					record("flood", status, d)
				}
			})
		}
		for _, c := range readers {
			wg.Go(func() {
				for i := 0; time.Now().Before(stop); i++ {
					status, d := get(c.paths(i))
					record(c.name, status, d)
				}
			})
		}
		wg.Wait()
		for _, who := range []string{"page", "plain search", "flood"} {
			d := took[who]
			if len(d) == 0 {
				continue
			}
			slices.Sort(d)
			pct := func(p float64) time.Duration { return d[int(p*float64(len(d)-1))].Round(100 * time.Microsecond) }
			t.Logf("%s: %-12s %6d requests %v p50 %s p99 %s max %s", name, who, len(d), statuses[who], pct(0.5), pct(0.99), d[len(d)-1].Round(time.Millisecond))
		}
	}
	phase("quiet", 0)
	phase(fmt.Sprintf("flood of 8 × %q", costliest), 8)
	var usage syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &usage)
	t.Logf("peak resident memory %d MiB", usage.Maxrss>>10)
}
