package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// FuzzFeed checks that no input makes Parse panic, that an error names
// the source, and that a feed is what its kind promises: a feed of posts
// yields posts a reader can find (a link, guid or title), valid UTF-8,
// whose authors and terms the feed lists; a comment feed yields post stubs
// that carry comments.
func FuzzFeed(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<rss><channel><item><link>http://x/a/#comment-1</link><guid>http://x/?p=1#comment-1</guid></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="x#comment-2"/><in-reply-to ref="x#comment-1"/></entry>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(bytes.NewReader(data), "fuzz")
		if err == nil && feed == nil {
			t.Fatal("nil feed without an error")
		}
		Sniff(data)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz") {
				t.Fatalf("error %q does not name the source", err)
			}
			return
		}
		authors, terms := map[string]bool{}, map[string]bool{}
		for _, a := range feed.Authors {
			authors[a.Login] = true
		}
		for _, term := range feed.Terms {
			terms[term.Taxonomy+" "+term.Slug] = true
		}
		for i, p := range feed.Posts {
			if feed.IsCommentFeed {
				if p.Type != "" || len(p.Comments) == 0 {
					t.Fatalf("comment feed item %d: type %q with %d comments, want a stub carrying comments", i, p.Type, len(p.Comments))
				}
				continue
			}
			if p.Type != "post" || len(p.Comments) != 0 {
				t.Fatalf("item %d: type %q with %d comments, want a post without", i, p.Type, len(p.Comments))
			}
			if p.Link == "" && p.GUID == "" && p.Title == "" {
				t.Fatalf("item %d has no link, guid or title", i)
			}
			for _, s := range []string{p.Title, p.ContentRendered, p.ExcerptRendered, p.Link, p.AuthorLogin} {
				if !utf8.ValidString(s) {
					t.Fatalf("item %d holds invalid UTF-8: %q", i, s)
				}
			}
			if p.AuthorLogin != "" && !authors[p.AuthorLogin] {
				t.Fatalf("item %d: author %q is not among the feed's authors", i, p.AuthorLogin)
			}
			for _, ref := range p.Terms {
				if !terms[ref.Taxonomy+" "+ref.Slug] {
					t.Fatalf("item %d: term %s %q is not among the feed's terms", i, ref.Taxonomy, ref.Slug)
				}
			}
		}
	})
}

// BenchmarkParse measures parsing of a WordPress RSS feed in items per
// second.
func BenchmarkParse(b *testing.B) {
	data := []byte(mustRead(b, "wordpress-complete.xml"))
	// The corpus feed when ../shared is there; the fixture otherwise.
	if corpus, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(b), "..", "shared", "corpus/wordpress-6.1.9/feeds/rss2.xml")); err == nil {
		data = corpus
	}
	b.SetBytes(int64(len(data)))
	items := 0
	for b.Loop() {
		f, err := Parse(bytes.NewReader(data), "bench")
		if err != nil {
			b.Fatal(err)
		}
		items += len(f.Posts)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}
