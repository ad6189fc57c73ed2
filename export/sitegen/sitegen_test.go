package sitegen_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/internal/exporttest"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// TestShownAsOnTheSite: each generator's build of a --private export of
// ../testdata/held-reply.xml shows the post's title as WordPress and parc
// serve do (straight quotes curly), and the approved reply to a held
// comment in the held comment's place, as the site does; never the held
// comment.
func TestShownAsOnTheSite(t *testing.T) {
	for _, g := range []exporttest.Generator{exporttest.Hugo, exporttest.Jekyll} {
		t.Run(g.Tool, func(t *testing.T) {
			store, err := archive.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			if _, err := importer.Import(context.Background(), store, []string{filepath.Join("..", "testdata", "held-reply.xml")}, importer.Options{}); err != nil {
				t.Fatal(err)
			}
			_, built, _ := g.Export(t, store, sitegen.Options{Options: export.Options{Private: true}})
			page := exporttest.Page(t, built, "/2024/05/02/keepers-log/")
			if title := page.Find("h1.entry-title").Text(); title != "The “Keeper’s” log" {
				t.Errorf("the post's title shows as %q", title)
			}
			if page.Find("#comment-2").Length() != 1 || !strings.Contains(page.Find("ol.comments").Text(), "replyword") {
				t.Error("the approved reply to the held comment is not shown")
			}
			if page.Find("#comment-1").Length() != 0 || strings.Contains(page.Text(), "heldword") {
				t.Error("the held comment is shown")
			}
		})
	}
}

// TestNamelessCommenterIsAnonymous: a comment left without a name is
// exported signed as the blog showed it, in the blog's language
// ("Anonyme" on a French blog), as the site signs it.
func TestNamelessCommenterIsAnonymous(t *testing.T) {
	ctx := context.Background()
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := importer.Import(ctx, store, []string{filepath.Join("..", "testdata", "nameless-comment.xml")}, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	s, err := sitegen.Open(ctx, store, sitegen.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var authors []string
	err = s.Walk(ctx, store, false, func(e *sitegen.Entry) error {
		for _, c := range e.Comments {
			authors = append(authors, c.Author)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(authors) != 1 || authors[0] != "Anonyme" {
		t.Errorf("the nameless comment is signed %q, want [Anonyme]", authors)
	}
}

// TestProtectedPostInTheBlogsLanguage: a public export gives a
// password-protected post WordPress's notice in the blog's language in
// place of its content, which it never holds.
func TestProtectedPostInTheBlogsLanguage(t *testing.T) {
	for _, tt := range []struct{ lang, want string }{
		{"en-GB", "This content is password protected."},
		{"de-DE", "Dieser Inhalt ist passwortgeschützt."},
	} {
		ctx := context.Background()
		store, err := archive.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		if _, err := importer.Import(ctx, store, []string{sharedtest.SampleBlogIn(t, tt.lang)}, importer.Options{}); err != nil {
			t.Fatal(err)
		}
		s, err := sitegen.Open(ctx, store, sitegen.Options{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		err = s.Walk(ctx, store, false, func(e *sitegen.Entry) error {
			if e.ID == 14 {
				found = true
				if e.Markdown != tt.want {
					t.Errorf("%s: the protected post's body is %q, want %q", tt.lang, e.Markdown, tt.want)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !found {
			t.Errorf("%s: the protected post 14 is not in the export", tt.lang)
		}
	}
}
