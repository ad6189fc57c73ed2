package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search"
)

func TestSnippet(t *testing.T) {
	m, err := newMapping("en")
	if err != nil {
		t.Fatal(err)
	}
	analyzer := m.AnalyzerNamed(en.AnalyzerName)
	long := strings.Repeat("filler words here ", 40)
	for _, c := range []struct {
		name, text string
		terms      []string
		want       []string // substrings of the snippet
		not        []string
	}{
		{"stemmed match, escaped text", `Keepers & <b>lighthouses</b> at dusk`, []string{"lighthous"},
			[]string{"&lt;b&gt;<mark>lighthouses</mark>&lt;/b&gt;", "Keepers &amp; "}, []string{"…"}},
		{"window around a late match", long + "the lighthouse keeper " + long, []string{"lighthous", "keeper"},
			[]string{"…", "<mark>lighthouse</mark> <mark>keeper</mark>"}, nil},
		{"nothing to mark: the start", long, nil, []string{"filler words here"}, []string{"<mark>"}},
	} {
		terms := map[string]bool{}
		for _, term := range c.terms {
			terms[term] = true
		}
		got := snippet(c.text, analyzedSpans(c.text, terms, analyzer))
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: snippet %q lacks %q", c.name, got, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: snippet %q has %q", c.name, got, w)
			}
		}
		if n := len([]rune(got)); n > snippetRunes+80 {
			t.Errorf("%s: snippet of %d runes", c.name, n)
		}
	}
}

func TestMatchedSpans(t *testing.T) {
	m, err := newMapping("en")
	if err != nil {
		t.Fatal(err)
	}
	analyzer := m.AnalyzerNamed(en.AnalyzerName)
	text := "Keepers of lighthouses keep a lighthouse"
	want := [][2]int{{11, 22}, {30, 40}}
	right := search.TermLocationMap{"lighthous": {{Start: 30, End: 40}, {Start: 11, End: 22}}}
	if got := matchedSpans(text, right, analyzer); !slices.Equal(got, want) {
		t.Errorf("from bleve's locations: %v, want %v", got, want)
	}
	// Offsets from a text rendered differently at indexing: found anew.
	wrong := search.TermLocationMap{"lighthous": {{Start: 12, End: 23}}}
	if got := matchedSpans(text, wrong, analyzer); !slices.Equal(got, want) {
		t.Errorf("from stale locations: %v, want %v", got, want)
	}
}
