package search

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// snippetContext is how much text, in bytes, a snippet shows before its
// first match.
const snippetContext = 60

// analyzer is the index's text analyzer; nil if the mapping lacks it.
// The caller holds mu.
func (ix *Index) analyzer() analysis.Analyzer {
	name, ok := analyzerFor(ix.ptr.Lang)
	if !ok {
		return nil
	}
	return ix.idx.Mapping().AnalyzerNamed(name)
}

// analyzedSpans finds the spans of text whose words analyze to one of
// the terms.
func analyzedSpans[V any](text string, terms map[string]V, analyzer analysis.Analyzer) [][2]int {
	var spans [][2]int
	for _, tok := range analyzer.Analyze([]byte(text)) {
		if _, ok := terms[string(tok.Term)]; ok && tok.Start >= 0 && tok.End <= len(text) && tok.Start < tok.End {
			if n := len(spans); n == 0 || tok.Start >= spans[n-1][1] {
				spans = append(spans, [2]int{tok.Start, tok.End})
			}
		}
	}
	return spans
}

// snippet is about snippetRunes of text around the most marks (byte
// spans, in order), HTML-escaped, with each mark in <mark>…</mark>. With
// no marks it is the start of the text.
func snippet(text string, marks [][2]int) string {
	if len(marks) == 0 {
		return html.EscapeString(truncate(text, snippetRunes))
	}

	// The window of snippetRunes bytes (near enough for a snippet) that
	// starts at a match and holds the most matches.
	best, bestCount := 0, 0
	for i, j := 0, 0; i < len(marks); i++ {
		for j < len(marks) && marks[j][1] <= marks[i][0]+snippetRunes {
			j++
		}
		if j-i > bestCount {
			best, bestCount = i, j-i
		}
	}
	start := max(0, marks[best][0]-snippetContext)
	if start > 0 {
		// Begin at a word: after the first space in the context.
		if sp := strings.IndexByte(text[start:marks[best][0]], ' '); sp >= 0 {
			start += sp + 1
		}
		for start < len(text) && !utf8.RuneStart(text[start]) {
			start++
		}
	}
	end := min(len(text), start+snippetRunes)
	if end < len(text) {
		// End at a word: before the last space, but never inside the
		// first match.
		if sp := strings.LastIndexByte(text[start:end], ' '); start+sp >= marks[best][1] {
			end = start + sp
		}
		for end > start && end < len(text) && !utf8.RuneStart(text[end]) {
			end--
		}
		end = max(end, marks[best][1])
	}

	var b strings.Builder
	b.Grow(end - start + 64)
	if start > 0 {
		b.WriteString("…")
	}
	at := start
	for _, m := range marks[best:] {
		if m[1] > end {
			break
		}
		b.WriteString(html.EscapeString(text[at:m[0]]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[m[0]:m[1]]))
		b.WriteString("</mark>")
		at = m[1]
	}
	b.WriteString(html.EscapeString(text[at:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}
