package rest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// FuzzDecoders feeds arbitrary bytes to every REST decoder: none may
// panic, and a page that decodes yields only items with an id.
func FuzzDecoders(f *testing.F) {
	for _, seed := range []string{`[]`, `{}`, `[{"id":1,"title":"bare","content":{"rendered":"<p>x</p>","protected":true},"meta":{"k":1}}]`,
		`[{"id":2,"post":1,"parent":1,"status":"hold","date":"2020-01-01T00:00:00"}]`, `[{"id":"1"}]`, `<html>`} {
		f.Add([]byte(seed))
	}
	// Real responses make the best seeds; absent, the fuzzer still runs.
	corpus := filepath.Join(sharedtest.RepoRoot(f), "..", "shared", "corpus", "wordpress-6.1.9", "rest")
	for _, name := range []string{"users-page-1.json", "comments-page-1.json", "categories-page-1.json"} {
		if data, err := os.ReadFile(filepath.Join(corpus, name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lookup := NewLookup()
		terms, parents, err := DecodeTerms(data, "category")
		ResolveParents(terms, parents)
		lookup.AddTerms(terms)
		if err == nil {
			for _, term := range terms {
				if term.ID <= 0 {
					t.Fatalf("term without an id decoded: %+v", term)
				}
			}
		}
		if posts, _, err := DecodePosts(data, lookup); err == nil {
			for _, p := range posts {
				if p.ID <= 0 {
					t.Fatalf("post without an id decoded: %+v", p)
				}
			}
		}
		if comments, err := DecodeComments(data); err == nil {
			for _, c := range comments {
				if c.Comment.ID <= 0 {
					t.Fatalf("comment without an id decoded: %+v", c)
				}
			}
		}
		DecodeUsers(data)
		DecodeIndex(data)
		DecodeTypes(data)
		DecodeTaxonomies(data)
	})
}
