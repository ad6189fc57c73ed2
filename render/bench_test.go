package render

import (
	"strings"
	"testing"
)

// longPost builds a classic post of about 200 KB mixing what real posts
// hold: paragraphs, line breaks, inline markup, lists, a pre block,
// captions, a gallery and smilies.
func longPost() string {
	var b strings.Builder
	for i := 0; b.Len() < 200_000; i++ {
		b.WriteString("Some <em>words</em> in a paragraph, with a <a href=\"https://example.org/\">link</a> :)\n")
		b.WriteString("and a second line that wraps &amp; goes on for a while longer than the first.\n\n")
		switch i % 5 {
		case 0:
			b.WriteString("<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n\n")
		case 1:
			b.WriteString("[caption id=\"attachment_1\" align=\"alignleft\" width=\"300\"]<img src=\"/a.jpg\" alt=\"\" /> A caption[/caption]\n\n")
		case 2:
			b.WriteString("<pre>code\n\n  indented :)</pre>\n\n")
		case 3:
			b.WriteString("[gallery ids=\"1,2,3\"]\n\n")
		case 4:
			b.WriteString("<blockquote>A quote\nacross lines</blockquote>\n\n")
		}
	}
	return b.String()
}

func BenchmarkHTML(b *testing.B) {
	post := longPost()
	b.SetBytes(int64(len(post)))
	b.ReportAllocs()
	for b.Loop() {
		HTML(post)
	}
}

func BenchmarkText(b *testing.B) {
	rendered := HTML(longPost())
	b.SetBytes(int64(len(rendered)))
	b.ReportAllocs()
	for b.Loop() {
		Text(rendered)
	}
}

func BenchmarkSanitizePost(b *testing.B) {
	rendered := HTML(longPost())
	s := NewSanitizer()
	b.SetBytes(int64(len(rendered)))
	b.ReportAllocs()
	for b.Loop() {
		s.SanitizePost(rendered)
	}
}

// BenchmarkCommentHTML renders a 2 KB comment with bare links, quotes and
// paragraphs: what a post page does for each of its comments.
func BenchmarkCommentHTML(b *testing.B) {
	var c strings.Builder
	for c.Len() < 2000 {
		c.WriteString("See http://example.org/a_(b) and www.example.com, or mail me@example.org -- \"it's\" fine :)\n\n")
	}
	comment := c.String()
	b.SetBytes(int64(len(comment)))
	b.ReportAllocs()
	for b.Loop() {
		CommentHTML(comment)
	}
}
