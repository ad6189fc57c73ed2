package wxr

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
)

// FuzzGenerateRoundTrip writes exports of any shape with Generate, reads
// them back and compares every field of every record with what the
// generator writes: the reader drops, adds or bends nothing, whether a
// post has no comments or a long thread, and the benchmarks and crash
// tests built on Generate import what they think they import.
func FuzzGenerateRoundTrip(f *testing.F) {
	f.Add(uint8(0), uint8(0))
	f.Add(uint8(1), uint8(0))
	f.Add(uint8(3), uint8(7))
	f.Fuzz(func(t *testing.T, posts, comments uint8) {
		var buf bytes.Buffer
		if err := Generate(&buf, int(posts), int(comments)); err != nil {
			t.Fatal(err)
		}
		e := readExport(t, buf.Bytes(), "gen.xml")
		if e.err != nil || len(e.warnings) != 0 {
			t.Fatalf("reading a generated export: %v, warnings %q", e.err, e.warnings)
		}
		wantSite := archive.Site{URL: "https://example.org", Title: "Generated Blog", Link: "https://example.org",
			Description: "Benchmark data", Language: "en-US", BaseSiteURL: "https://example.org",
			BaseBlogURL: "https://example.org", WXRVersion: "1.2", Generator: "https://wordpress.org/?v=6.8"}
		if e.site == nil || *e.site != wantSite {
			t.Errorf("site %+v, want %+v", e.site, wantSite)
		}
		if len(e.authors) != 2 || e.authors[0].Login != "admin" || e.authors[1].Login != "editor" || len(e.terms) != 3 {
			t.Errorf("%d authors %d terms, want admin, editor and 3 terms", len(e.authors), len(e.terms))
		}
		if len(e.posts) != int(posts) {
			t.Fatalf("%d posts read back, %d written", len(e.posts), posts)
		}
		for i, got := range e.posts {
			if want := generatedPost(i+1, int(comments)); !reflect.DeepEqual(*got, want) {
				t.Fatalf("post %d read back as\n%+v\nwritten as\n%+v", i+1, *got, want)
			}
		}
	})
}

// generatedPost is post n of an export Generate wrote with the given
// comments per post, as the export states it.
func generatedPost(n, comments int) archive.Post {
	p := archive.Post{
		ID: int64(n), Type: "post", Status: "publish", Slug: fmt.Sprintf("post-%d", n),
		Title: fmt.Sprintf("Post number %d &amp; friends", n),
		GUID:  fmt.Sprintf("https://example.org/?p=%d", n), Link: fmt.Sprintf("https://example.org/%d/", n),
		Date: time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC), DateGMT: time.Date(2006, 1, 2, 14, 4, 5, 0, time.UTC),
		Modified: time.Date(2007, 1, 2, 15, 4, 5, 0, time.UTC), ModifiedGMT: time.Date(2007, 1, 2, 14, 4, 5, 0, time.UTC),
		AuthorLogin: "admin",
		ContentRaw: fmt.Sprintf("<!-- wp:paragraph -->\n<p>Paragraph one of post %d, with <a href=\"https://example.org/?a=1&b=2\">a link</a> and a backslash \\ here.</p>\n<!-- /wp:paragraph -->\n\n", n) +
			"<!-- wp:paragraph -->\n<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>\n<!-- /wp:paragraph -->\n\n" +
			"<pre>if (a[b[0]]> 1) { return; }</pre>",
		ExcerptRaw:    fmt.Sprintf("Excerpt of post %d", n),
		CommentStatus: "open", PingStatus: "open",
		Terms: []archive.TermRef{{Taxonomy: "category", Slug: "local", Name: "Local"}, {Taxonomy: "post_tag", Slug: "go", Name: "Go"}},
		Meta:  []archive.Meta{{Key: "_edit_last", Value: "1"}, {Key: "settings", Value: "a:1:{s:4:\"text\";s:12:\"line1\r\nline2.\";}"}},
	}
	first := int64((n-1)*comments + 1)
	for c := range comments {
		var parent int64
		if c > 0 {
			parent = first + int64(c-1)/2 // a binary tree: comment c answers comment (c-1)/2
		}
		p.Comments = append(p.Comments, archive.Comment{
			ID: first + int64(c), Parent: parent, Author: fmt.Sprintf("Reader %d", c),
			AuthorEmail: "reader@example.com", AuthorURL: "https://reader.example.com", AuthorIP: "192.0.2.1",
			Date: time.Date(2006, 1, 3, 10, 0, 0, 0, time.UTC), DateGMT: time.Date(2006, 1, 3, 9, 0, 0, 0, time.UTC),
			ContentRaw: "A reply to the comment above, with <em>emphasis</em> & an ampersand.",
			Approved:   "1", Type: "comment",
			Meta: []archive.Meta{{Key: "akismet_result", Value: "false"}},
		})
	}
	return p
}
