package importer

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// TestPagesGiveWhatTheExportGives imports each captured single post and
// page of the corpus site, theme by theme, alone into an empty archive and
// asks the archive what a user would: the post by its slug (`parc show
// SLUG`), then its id, date and author beside the site's own export.
func TestPagesGiveWhatTheExportGives(t *testing.T) {
	corpus := sharedtest.File(t, "corpus/wordpress-6.1.9")
	export := corpustruth.Corpus(t)
	truth, names := export.ByID(), export.DisplayNames()
	files, _ := filepath.Glob(filepath.Join(corpus, "html", "*", "*.html"))
	ctx := context.Background()
	tested := 0
	for _, file := range files {
		id, ok := corpustruth.PostPageID(filepath.Base(file))
		if !ok {
			continue
		}
		want := truth[id]
		rel, _ := filepath.Rel(corpus, file)
		tested++
		t.Run(rel, func(t *testing.T) {
			store := openStore(t)
			if _, err := Import(ctx, store, []string{file}, Options{}); err != nil {
				t.Fatal(err)
			}
			slug, _ := url.PathUnescape(want.Slug)
			keys, err := store.FindPosts(ctx, slug, "")
			if err != nil || len(keys) != 1 {
				t.Fatalf("show %s finds %d posts (%v)", slug, len(keys), err)
			}
			got, err := store.Post(ctx, keys[0])
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != id || got.IDDerived {
				t.Errorf("id = %d (derived %v), want %d", got.ID, got.IDDerived, id)
			}
			if got.Slug != slug {
				t.Errorf("slug = %q, want %q", got.Slug, slug)
			}
			// The corpus themes show no date or author on pages.
			if !got.Date.Equal(want.Date) && !(want.Type == "page" && got.Date.IsZero()) {
				t.Errorf("date = %v, want %v", got.Date, want.Date)
			}
			if want.Type == "page" && got.AuthorLogin == "" {
				return
			}
			shown, err := archive.NewAuthorNames(store).Name(ctx, got.Site, got.AuthorLogin)
			if err != nil {
				t.Fatal(err)
			}
			if shown != names[want.AuthorLogin] {
				t.Errorf("author = %q (%q), want %q", got.AuthorLogin, shown, names[want.AuthorLogin])
			}
		})
	}
	if tested < 30 {
		t.Fatalf("only %d single pages in the corpus", tested)
	}
}

// TestFeedIDsAreShowable imports the corpus feeds, whose items name no
// WordPress id: every post listed has a non-zero id that finds it again,
// the same on a second import into another archive.
func TestFeedIDsAreShowable(t *testing.T) {
	corpus := sharedtest.File(t, "corpus/wordpress-6.1.9")
	feeds, _ := filepath.Glob(filepath.Join(corpus, "feeds", "*.xml"))
	ctx := context.Background()
	ids := func() map[string]int64 {
		store := openStore(t)
		if _, err := Import(ctx, store, feeds, Options{}); err != nil {
			t.Fatal(err)
		}
		posts, err := store.Posts(ctx, archive.PostFilter{})
		if err != nil || len(posts) < 10 {
			t.Fatalf("%d posts listed (%v)", len(posts), err)
		}
		out := map[string]int64{}
		for _, p := range posts {
			if p.ID <= 0 {
				t.Errorf("%q is listed with id %d", p.Title, p.ID)
				continue
			}
			keys, err := store.FindPosts(ctx, strconv.FormatInt(p.ID, 10), "")
			if err != nil || len(keys) != 1 || keys[0] != p.Key {
				t.Errorf("show %d finds %v (%v), want the post %q", p.ID, keys, err, p.Title)
			}
			if p.Slug == "" {
				t.Errorf("%q has no slug", p.Title)
			}
			out[p.Link] = p.ID
		}
		return out
	}
	first, second := ids(), ids()
	for link, id := range first {
		if second[link] != id {
			t.Errorf("%s: id %d, then %d in another archive", link, id, second[link])
		}
	}
}

// TestCorpusExportCountsOnce imports the corpus export into an empty
// archive: WordPress 6 lists each category and tag twice, which is one
// term, and nothing is "unchanged" in an archive that held nothing.
func TestCorpusExportCountsOnce(t *testing.T) {
	path := sharedtest.File(t, corpustruth.CorpusExport)
	results, err := Import(context.Background(), openStore(t), []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := results[0].Counts
	if c.Terms != 195 || c.Unchanged != 0 || c.Updated != 0 {
		t.Errorf("first import: %d terms read, %d updated, %d unchanged; want 195, 0, 0", c.Terms, c.Updated, c.Unchanged)
	}
}

// TestBylineWithoutLogin imports the review post's page from a theme
// whose author box links the author's archive, then from a block theme
// that shows only the author's name: the post keeps its author, known by
// login, and no second author of that name appears.
func TestBylineWithoutLogin(t *testing.T) {
	corpus := sharedtest.File(t, "corpus/wordpress-6.1.9")
	store := openStore(t)
	ctx := context.Background()
	for _, theme := range []string{"twentytwentyone", "twentytwentythree"} {
		if _, err := Import(ctx, store, []string{filepath.Join(corpus, "html", theme, "single-1814-the-quiet-lighthouse-review.html")}, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	keys, err := store.FindPosts(ctx, "1814", "")
	if err != nil || len(keys) != 1 {
		t.Fatalf("post 1814: %v %v", keys, err)
	}
	p, err := store.Post(ctx, keys[0])
	if err != nil {
		t.Fatal(err)
	}
	authors, err := store.Authors(ctx, p.Site)
	if err != nil {
		t.Fatal(err)
	}
	if p.AuthorLogin != "mara" || len(authors) != 1 || authors[0].DisplayName != "Mara Lindqvist" {
		t.Errorf("author %q, authors %+v; want mara alone, as Mara Lindqvist", p.AuthorLogin, authors)
	}
}

// TestWordPressComPagesAreShowable imports each saved WordPress.com page
// and shows its post by the slug in its permalink and by the id the page
// marks.
func TestWordPressComPagesAreShowable(t *testing.T) {
	pages := []struct {
		file, slug string
		id         int64
	}{
		{"blog.wordpress.com.diverse.html", "want-to-see-a-more-diverse-wordpress-contributor-community-so-do-we", 41513},
		{"damianduchamps.wordpress.com.hbdi.html", "office-365-hbdi-die-dritte", 2626},
		{"gormulus.wordpress.com.durfen.html", "das-wird-man-ja-wohl-noch-sagen-durfen", 339},
		{"grossefragen.wordpress.com.projekt.html", "wuerde-des-lebens-ein-projekt", 787},
		{"zulang.wordpress.com.genitalverstuemmelung.html", "3-jahre-legalisierte-genitalverstuemmelung", 462},
	}
	ctx := context.Background()
	for _, page := range pages {
		t.Run(page.file, func(t *testing.T) {
			store := openStore(t)
			if _, err := Import(ctx, store, []string{sharedtest.File(t, "peers/wpcom-pages/"+page.file)}, Options{}); err != nil {
				t.Fatal(err)
			}
			for _, ref := range []string{page.slug, strconv.FormatInt(page.id, 10)} {
				if keys, err := store.FindPosts(ctx, ref, ""); err != nil || len(keys) != 1 {
					t.Errorf("show %s finds %d posts (%v)", ref, len(keys), err)
				}
			}
		})
	}
}

// TestExportIDsOutOfRange imports an export whose items give ids no
// WordPress has — negative, beyond 2^63, not a number — and one id three
// times: each is named in a warning, the odd ones get derived ids, and
// every post can be shown by the id it is listed with.
func TestExportIDsOutOfRange(t *testing.T) {
	item := func(id, slug string) string {
		return `<item><title>` + slug + `</title><link>https://odd.example.org/` + slug + `/</link><guid>https://odd.example.org/` + slug + `/</guid>
<wp:post_id>` + id + `</wp:post_id><wp:post_name>` + slug + `</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<content:encoded><![CDATA[<p>` + slug + `</p>]]></content:encoded></item>`
	}
	export := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Odd</title><link>https://odd.example.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://odd.example.org</wp:base_blog_url>
` + item("-5", "negative") + item("99999999999999999999", "huge") + item("abc", "word") +
		item("9", "first") + item("9", "second") + item("9", "third") + `
</channel></rss>`
	path := filepath.Join(t.TempDir(), "odd.xml")
	if err := os.WriteFile(path, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	store := openStore(t)
	ctx := context.Background()
	results, err := Import(ctx, store, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	warnings := strings.Join(results[0].Warnings, "\n")
	for _, want := range []string{"negative wp:post_id", "could not be parsed", "post 9 appears 3 times"} {
		if !strings.Contains(warnings, want) {
			t.Errorf("no warning saying %q in:\n%s", want, warnings)
		}
	}
	posts, err := store.Posts(ctx, archive.PostFilter{})
	if err != nil || len(posts) != 6 {
		t.Fatalf("%d posts (%v), want all 6 kept", len(posts), err)
	}
	for _, p := range posts {
		derived := p.Slug == "negative" || p.Slug == "huge" || p.Slug == "word"
		if p.ID <= 0 || p.IDDerived != derived {
			t.Errorf("%s: id %d derived %v", p.Slug, p.ID, p.IDDerived)
		}
		if keys, _ := store.FindPosts(ctx, strconv.FormatInt(p.ID, 10), ""); !slices.Contains(keys, p.Key) {
			t.Errorf("%s: show %d does not find it", p.Slug, p.ID)
		}
	}
}
