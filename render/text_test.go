package render

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs separate words", "<p>one</p><p>two</p>", "one two"},
		{"br separates words", "a<br>b<br/>c", "a b c"},
		{"inline tags do not", "<b>bo</b>ld <em>x</em>y", "bold xy"},
		{"list items and cells", "<ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table>", "a b c d"},
		{"entities decoded", "Fish &amp; chips &lt;3 &#8220;q&#8221; caf&eacute;", "Fish & chips <3 \u201cq\u201d café"},
		{"nbsp collapses", "a&nbsp;&nbsp; b", "a b"},
		{"script and style dropped", "a<script>var x = '<p>';</script>b<style>p{}</style>c", "abc"},
		{"comments and block delimiters dropped", "<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph --><!-- note -->", "x"},
		{"caption shortcode keeps its text",
			`[caption id="attachment_1" width="300"]<img src="a.jpg"> Sunset[/caption]`, "Sunset"},
		{"unknown closed shortcode keeps content", "[note]Mind the gap[/note]", "Mind the gap"},
		{"shortcode with attributes removed", `Form: [contact-form-7 id="3" title="x"] end`, "Form: end"},
		{"bracketed prose kept", "He said [sic] in 2001 [1].", "He said [sic] in 2001 [1]."},
		{"whitespace collapsed", "  a \n\n\t b  ", "a b"},
		{"image separates words", "before<img src=x>after", "before after"},
		{"unclosed tag", "a <p>b <div", "a b"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	got := Paragraphs("<h2>Title</h2><p>one <b>bold</b> line</p>\n<ul><li>a</li><li>b</li></ul><p>x<br>y</p>")
	want := []string{"Title", "one bold line", "a", "b", "x", "y"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Paragraphs = %q, want %q", got, want)
	}
	// A table reads as a terminal shows one: a line a row, its cells
	// separated by " | ", however the source breaks its lines.
	got = Paragraphs("<table>\n<tr>\n<th>Employee</th>\n<th>Salary</th>\n</tr>\n<tr><td>Jane</td><td><b>$1</b></td></tr></table><p>after</p>")
	want = []string{"Employee | Salary", "Jane | $1", "after"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Paragraphs of a table = %q, want %q", got, want)
	}
}

// FuzzCollapseSpaces checks the one-pass collapseSpaces against
// strings.Join(strings.Fields(s), " ").
func FuzzCollapseSpaces(f *testing.F) {
	for _, s := range []string{"", " a  b\t\nc ", "\u00a0x\u2003y\u0085", "\xff a", "a\vb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpaces(%q) = %q, want %q", s, got, want)
		}
	})
}
