package search

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
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
