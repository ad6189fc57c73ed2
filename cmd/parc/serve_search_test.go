package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
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
