package search

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
)

// TestQueryCost checks which patterns a search takes and which it refuses
// before reading the index, each with a reason a user can act on.
func TestQueryCost(t *testing.T) {
	store, dir := newArchive(t, sampleBlog(t))
	ix := openSynced(t, store, dir, 0)
	for _, tt := range []struct {
		query string
		hits  uint64
		why   string // the refusal says this; "" when the search runs
	}{
		{"keep*", 1, ""},
		{"/keep.r/", 1, ""},
		{"keper~1", 1, ""},
		{"lighthouse keep*", 3, ""},
		{"*", 0, "must start with at least 2 plain letters"},
		{"*eeper", 0, "must start with at least 2 plain letters"},
		{"k*", 0, "must start with at least 2 plain letters"},
		{"/.*/", 0, "must start with at least 2 plain letters"},
		{"/[a-z]+per/", 0, "must start with at least 2 plain letters"},
		{"title:/.*/", 0, "must start with at least 2 plain letters"},
		{"+lighthouse -/.*/", 0, "must start with at least 2 plain letters"},
		{"keeper~3", 0, "allows 3 edits; the most parc allows is 2"},
		{"/ke" + strings.Repeat("e?", 40) + "/", 0, "longer than 64 bytes"},
		{"ke* le* li* qu* re*", 0, "at most 4 wildcards"},
	} {
		res, err := ix.Search(context.Background(), Request{Query: tt.query})
		switch {
		case tt.why == "" && err != nil:
			t.Errorf("%q: %v", tt.query, err)
		case tt.why == "" && res.Total != tt.hits:
			t.Errorf("%q: %d hits, want %d", tt.query, res.Total, tt.hits)
		case tt.why != "" && (!errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), tt.why)):
			t.Errorf("%q: %v, want a bad query saying %q", tt.query, err, tt.why)
		}
		if got := Expensive(tt.query); got != (tt.query != "lighthouse") {
			t.Errorf("Expensive(%q) = %v", tt.query, got)
		}
	}
	for _, plain := range []string{"lighthouse", `"quiet lighthouse"`, "year:2023 keeper", `"unbalanced`} {
		if Expensive(plain) {
			t.Errorf("Expensive(%q) = true, want false", plain)
		}
	}
}

// TestTooManyWords checks that a wildcard that stands for more words than
// a search may read is refused as a bad query, not searched as plain
// words, and that one just below the cap runs.
func TestTooManyWords(t *testing.T) {
	store, dir := newArchive(t)
	ctx := context.Background()
	imp, err := store.BeginImport(ctx, archive.Source{Path: "generated", Format: "wxr", Authority: archive.AuthorityExport})
	if err != nil {
		t.Fatal(err)
	}
	var many, few strings.Builder
	for i := range maxTermSearchers + 1 {
		fmt.Fprintf(&many, "zz%04d ", i)
	}
	for i := range 100 {
		fmt.Fprintf(&few, "yy%04d ", i)
	}
	put := func(r archive.Record) {
		if err := imp.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	put(archive.Record{Site: &archive.Site{URL: "https://words.example.org", Title: "Words", Language: "en"}})
	for i, text := range []string{many.String(), few.String()} {
		put(archive.Record{Post: &archive.Post{ID: int64(i + 1), Type: "post", Status: "publish", Title: "Words", ContentRaw: text,
			Link: fmt.Sprintf("https://words.example.org/?p=%d", i+1)}})
	}
	if _, err := imp.Finish("", nil); err != nil {
		t.Fatal(err)
	}
	ix := openSynced(t, store, dir, 0)
	_, err = ix.Search(ctx, Request{Query: "zz*"})
	if !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), "too many words") {
		t.Errorf("zz* over %d words: %v, want a bad query saying it stands for too many words", maxTermSearchers, err)
	}
	if res := mustSearch(t, ix, Request{Query: "yy*"}); res.Total != 1 {
		t.Errorf("yy* over 100 words: %d hits, want 1", res.Total)
	}
}

// TestSearchDeadline checks that a search past its deadline stops with
// ErrTimeout saying how long it ran, and that the deadline is the
// request's own.
func TestSearchDeadline(t *testing.T) {
	store, dir := generatedArchive(t, 300)
	ix := openSynced(t, store, dir, 0)
	_, err := ix.Search(context.Background(), Request{Query: "ee* ea* et* ta~2", Facets: true, Timeout: time.Microsecond})
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "took too long and was stopped after") {
		t.Fatalf("a search given 1µs: %v, want ErrTimeout", err)
	}
	if res := mustSearch(t, ix, Request{Query: "ee* ea* et* ta~2", Facets: true}); res.Total == 0 {
		t.Error("the same search with the default deadline found nothing")
	}
}
