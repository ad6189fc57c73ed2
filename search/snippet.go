package search

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/parc-archive/parc/archive"
)

// The index does not store the text it indexes (that would more than
// double its size): a hit's snippet is made from the post or comment read
// back from the archive, rendered to plain text as it was for indexing,
// with the terms that matched (bleve reports them with their locations)
// found again by the index's own analyzer.

// snippetContext is how much text, in bytes, a snippet shows before its
// first match.
const snippetContext = 60

// addSnippets fills in the snippet of each hit from the archive's text.
// Without a store (a Search before any Sync, with none in Options) hits
// have no snippet. The caller holds mu.
func (ix *Index) addSnippets(ctx context.Context, matches []*search.DocumentMatch, hits []Hit) error {
	store := ix.opts.Store
	if store == nil {
		store = ix.store
	}
	if store == nil || len(hits) == 0 {
		return nil
	}
	keys := make([]int64, 0, len(hits))
	seen := make(map[int64]bool, len(hits))
	for _, h := range hits {
		if !seen[h.PostKey] {
			seen[h.PostKey] = true
			keys = append(keys, h.PostKey)
		}
	}
	posts, err := store.LoadPosts(ctx, keys)
	if err != nil {
		return fmt.Errorf("search: reading the hits' text: %w", err)
	}
	byKey := make(map[int64]*archive.StoredPost, len(posts))
	for _, p := range posts {
		byKey[p.Key] = p
	}
	analyzer := ix.analyzer()
	for i := range hits {
		h := &hits[i]
		p := byKey[h.PostKey]
		if p == nil {
			continue
		}
		var text string
		if h.CommentID == 0 {
			text = plainText(p.ContentRendered, p.ContentRaw)
		} else {
			for j := range p.Comments {
				if c := &p.Comments[j]; c.ID == h.CommentID {
					text = plainText(c.ContentRendered, c.ContentRaw)
					break
				}
			}
		}
		h.Snippet = snippet(text, matchedSpans(text, matches[i].Locations[fieldContent], analyzer))
	}
	return nil
}

// analyzer is the index's text analyzer; nil if the mapping lacks it.
// The caller holds mu.
func (ix *Index) analyzer() analysis.Analyzer {
	name, ok := analyzerFor(ix.ptr.Lang)
	if !ok {
		return nil
	}
	return ix.idx.Mapping().AnalyzerNamed(name)
}

// matchedSpans gives the byte spans of text that hold the matched terms,
// in order and not overlapping. bleve's locations give them directly when
// text is the text that was indexed: each span is checked to analyze to
// its term. If one does not (the text was indexed by another version of
// the renderer, say), the whole text is analyzed to find the terms.
func matchedSpans(text string, locs search.TermLocationMap, analyzer analysis.Analyzer) [][2]int {
	if len(locs) == 0 || analyzer == nil {
		return nil
	}
	var spans [][2]int
	exact := true
check:
	for term, ls := range locs {
		for _, l := range ls {
			start, end := int(l.Start), int(l.End)
			if start < 0 || end > len(text) || start >= end {
				exact = false
				break check
			}
			toks := analyzer.Analyze([]byte(text[start:end]))
			if len(toks) != 1 || string(toks[0].Term) != term {
				exact = false
				break check
			}
			spans = append(spans, [2]int{start, end})
		}
	}
	if !exact {
		return analyzedSpans(text, locs, analyzer)
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	out := spans[:0]
	for _, sp := range spans {
		if n := len(out); n == 0 || sp[0] >= out[n-1][1] {
			out = append(out, sp)
		}
	}
	return out
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
