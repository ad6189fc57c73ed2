package search

import (
	"context"
	"errors"
	"testing"
)

// FuzzQuery runs any text as a query against a real index: parsing and
// searching must never panic, and the only errors are ErrBadQuery.
func FuzzQuery(f *testing.F) {
	for _, seed := range []string{
		"keeper", `"seven miles"`, "+gulls -cliffs", "title:lighthouse^3", "sandw*", "sandwich~2",
		"author:mara tag:indie year:2023", `author:"Mara Quill"`, "after:2023-01-01 before:2024-01-01",
		"-type:comment", "site:lighthouse.example.org", `/[a-z]+/`, `"unclosed`, `a:`, `:`, `\`, `-`,
		"year:0000", "type:", `tag:"`, "(x", "x^", ">5", `date:>"2020-01-01"`, "\xff\xfe", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 αλώπηξ",
	} {
		f.Add(seed)
	}
	store, dir := newArchive(f, sampleBlog(f))
	ix := openSynced(f, store, dir, 0)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, q string) {
		// With facets every match is collected; without, a one-word
		// query goes through bestOf.
		for _, facets := range []bool{true, false} {
			_, err := ix.Search(ctx, Request{Query: q, Facets: facets})
			if err != nil && !errors.Is(err, ErrBadQuery) {
				t.Errorf("%q (facets %v): %v, want a result or ErrBadQuery", q, facets, err)
			}
		}
	})
}
