package search

import (
	"strings"
	"testing"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// TestThemeUnitTestData searches WordPress's Theme Unit Test export, the
// data theme authors check every edge of a blog against.
func TestThemeUnitTestData(t *testing.T) {
	forEachShardCount(t, func(t *testing.T, shards int) {
		path := sharedtest.File(t, "peers/theme-unit-test/themeunittestdata.wordpress.xml")
		store, dir := newArchive(t, path)
		ix := openSynced(t, store, dir, shards)

		first := []struct {
			query, title string
			kind         string
		}{
			{`"clearing floats"`, "Clearing Floats", KindPage},
			{`keyboard navigation`, "Keyboard navigation", KindPost},
			{`αλώπηξ`, "Lorem Ipsum", KindPage},            // Greek
			{`Ελληνικά`, "Ελληνικά-Greek", KindPage},       // the title outranks Lorem Ipsum's heading
			{`ΤΑΧΙΣΤΗ`, "Lorem Ipsum", KindPage},           // upper case finds the lower-cased text
			{`amazing`, "Template: Comments", KindComment}, // a comment names its post
		}
		for _, c := range first {
			t.Run("first/"+c.query, func(t *testing.T) {
				res := mustSearch(t, ix, Request{Query: c.query})
				if len(res.Hits) == 0 {
					t.Fatalf("%q found nothing", c.query)
				}
				if h := res.Hits[0]; h.Title != c.title || h.Kind != c.kind {
					t.Errorf("%q: first hit %s %q, want %s %q", c.query, h.Kind, h.Title, c.kind, c.title)
				}
			})
		}

		never := []struct{ query, why string }{
			{`"scheduled to be published"`, "the scheduled post"},
			{`drafted`, "the draft"},
			{`"until the password is entered"`, "the password-protected post"},
			{`eggrolls`, "an unapproved comment"},
			{`testy`, "an unapproved comment"},
			{`"nothing useful to say"`, "an unapproved comment"},
		}
		for _, c := range never {
			t.Run("never/"+c.query, func(t *testing.T) {
				res := mustSearch(t, ix, Request{Query: c.query, Limit: 100})
				for _, h := range res.Hits {
					t.Errorf("%q (%s) found %s %q: %s", c.query, c.why, h.Kind, h.Title, h.Snippet)
				}
			})
		}
		t.Run("private titles", func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: `title:scheduled title:draft title:password`, Limit: 100})
			for _, h := range res.Hits {
				if h.Title == "Scheduled" || h.Title == "Draft" || strings.HasPrefix(h.Title, "Template: Password Protected") {
					t.Errorf("found private %q", h.Title)
				}
			}
		})
	})
}
