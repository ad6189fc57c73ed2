package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/wxr"
	"github.com/parc-archive/parc/search"
	"github.com/parc-archive/parc/site"
)

// TestSnippetIsFromTheServedText serves a post whose raw content and
// rendered copy differ: search finds it by the words its page shows, and
// the snippet it links from is cut from that same text.
func TestSnippetIsFromTheServedText(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	store, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	imp, err := store.BeginImport(ctx, archive.Source{Path: "two copies", Format: "wxr", Authority: archive.AuthorityExport})
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range []archive.Record{
		{Site: &archive.Site{URL: "https://copies.example.org", Title: "Copies", Language: "en"}},
		{Post: &archive.Post{
			ID: 1, Type: "post", Status: "publish", Title: "Two copies", Slug: "two-copies",
			Link:            "https://copies.example.org/two-copies/",
			ContentRaw:      "The keeper wrote of exportonlyword gulls.",
			ContentRendered: "<p>The keeper wrote of renderedonlyword gulls.</p>",
		}},
	} {
		if err := imp.Put(rec); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := imp.Finish("", nil); err != nil {
		t.Fatal(err)
	}
	base := startServe(t, store, serveOptions{addr: "127.0.0.1:0"})
	get := func(path string) string {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s answered %d: %.300s", path, resp.StatusCode, body)
		}
		return string(body)
	}

	page := get("/two-copies/")
	if !strings.Contains(page, "exportonlyword") || strings.Contains(page, "renderedonlyword") {
		t.Fatalf("the post's page does not show its raw content: %.2000s", page)
	}
	results := get("/search/?q=keeper")
	snippet := regexp.MustCompile(`(?s)<p class="snippet">(.*?)</p>`).FindStringSubmatch(results)
	if snippet == nil || !strings.Contains(results, `href="/two-copies/"`) {
		t.Fatalf("no snippet linking to the post for keeper: %.2000s", results)
	}
	text := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(snippet[1])
	if text != "The keeper wrote of exportonlyword gulls." {
		t.Errorf("the snippet reads %q, want the text the page shows", text)
	}
	if notShown := get("/search/?q=renderedonlyword"); strings.Contains(notShown, "/two-copies/") {
		t.Errorf("a word only in the rendered copy, which the page does not show, finds the post")
	}
}

// TestSearchFlood floods a site served from a real index with expensive
// searches, all at once: those over the bound are refused at once with a
// 503 and Retry-After, while pages and a plain search, which expensive
// ones can never crowd out, still answer. A search given less time than
// it needs is stopped and says so.
func TestSearchFlood(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(t.TempDir(), "export.xml")
	f, err := os.Create(export)
	if err != nil {
		t.Fatal(err)
	}
	if err := wxr.Generate(f, 600, 3); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, stderr, code := parc(t, dir, "import", export); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	store, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	follower, err := search.Follow(t.Context(), store, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer follower.Close()
	serve := func(cfg site.Config) string {
		cfg.Store, cfg.Searcher = store, siteSearcher{follower}
		srv, err := site.New(t.Context(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		t.Cleanup(ts.Close)
		return ts.URL
	}
	type answer struct {
		status     int
		retryAfter string
		body       string
		took       time.Duration
	}
	get := func(url string) answer {
		start := time.Now()
		resp, err := http.Get(url)
		if err != nil {
			t.Error(err)
			return answer{}
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return answer{resp.StatusCode, resp.Header.Get("Retry-After"), string(body), time.Since(start)}
	}

	base := serve(site.Config{MaxSearches: 2})
	expensive := "/search/?q=" + url.QueryEscape("lo* ip* do* co*")
	if a := get(base + expensive); a.status != http.StatusOK || !strings.Contains(a.body, "Post number") {
		t.Fatalf("one expensive search alone: %d %.300s", a.status, a.body)
	}
	const flood = 32
	answers := make(chan answer, flood)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range flood {
		wg.Go(func() {
			<-start
			answers <- get(base + expensive)
		})
	}
	close(start)
	page := get(base + "/2006/01/02/post-7/")
	plain := get(base + "/search/?q=ipsum")
	wg.Wait()
	close(answers)
	counts := map[int]int{}
	var refusedTook time.Duration
	for a := range answers {
		counts[a.status]++
		if a.status == http.StatusServiceUnavailable {
			refusedTook = max(refusedTook, a.took)
			if a.retryAfter == "" {
				t.Error("a refused search has no Retry-After")
			}
		}
	}
	t.Logf("%d expensive searches at once: %v; slowest refusal %s; a page meanwhile %s, a plain search %s", flood, counts, refusedTook, page.took, plain.took)
	if counts[http.StatusServiceUnavailable] == 0 || counts[http.StatusOK] == 0 || counts[http.StatusOK]+counts[http.StatusServiceUnavailable] != flood {
		t.Errorf("the flood was answered %v, want some 200s and the rest 503s", counts)
	}
	if page.status != http.StatusOK || !strings.Contains(page.body, "Post number 7") {
		t.Errorf("a page during the flood: %d %.300s", page.status, page.body)
	}
	if plain.status != http.StatusOK || !strings.Contains(plain.body, "Post number") {
		t.Errorf("a plain search during the flood: %d %.300s", plain.status, plain.body)
	}

	hurried := serve(site.Config{SearchTimeout: time.Microsecond})
	if a := get(hurried + expensive); a.status != http.StatusServiceUnavailable || !strings.Contains(a.body, "That search took too long and was stopped") {
		t.Errorf("a search past its deadline: %d %.500s", a.status, a.body)
	}
}

// TestSearchPageSpeaksTheBlogsLanguage serves the sample blog, searched
// through its real index, as an English, a German and a Japanese blog:
// the results' heading, the facets, a comment's hit and a query the
// index refuses are in the blog's language; the reason the index gives
// for refusing is parc search's own.
func TestSearchPageSpeaksTheBlogsLanguage(t *testing.T) {
	tests := []struct {
		lang string
		says map[string][]string // the search page for a query: what it says
	}{
		{"en-GB", map[string][]string{
			"letters":  {"<h1>Search results for “letters”</h1>", `aria-label="Refine"`, "<h2>Year</h2>", "<h2>Author</h2>", "<h2>Category</h2>", "<h2>Tag</h2>", ">Comment by Ellis</a>"},
			"year:abc": {"<p class=\"notice\">That search could not be understood: year:abc: a year is four digits"},
		}},
		{"de-DE", map[string][]string{
			"letters":  {"<h1>Such-Ergebnisse für “letters”</h1>", `aria-label="Eingrenzen"`, "<h2>Jahr</h2>", "<h2>Autor</h2>", "<h2>Kategorie</h2>", "<h2>Schlagwort</h2>", ">Kommentar von Ellis</a>"},
			"year:abc": {"<p class=\"notice\">Diese Suche konnte nicht verstanden werden: year:abc: a year is four digits"},
		}},
		{"ja", map[string][]string{
			"letters":  {"<h1>“letters” の検索結果</h1>", `aria-label="絞り込み"`, "<h2>年</h2>", "<h2>作成者</h2>", "<h2>カテゴリー</h2>", "<h2>タグ</h2>", ">Ellis のコメント</a>"},
			"year:abc": {"<p class=\"notice\">その検索を理解できませんでした: year:abc: a year is four digits"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			store, err := archive.Open(importedSampleIn(t, tt.lang))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { store.Close() }) // after serve's own cleanup has stopped it
			base := startServe(t, store, serveOptions{addr: "127.0.0.1:0"})
			for q, wants := range tt.says {
				resp, err := http.Get(base + "/search/?q=" + url.QueryEscape(q))
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				for _, want := range wants {
					if !strings.Contains(string(body), want) {
						t.Errorf("the search page for %q does not say %q:\n%s", q, want, body)
					}
				}
			}
		})
	}
}
