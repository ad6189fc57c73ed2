package render

import (
	"strings"
	"testing"
)

// TestAutop follows the behaviours WordPress's own wpautop tests check
// (tests/phpunit/tests/formatting/Autop.php), with parc's inputs.
func TestAutop(t *testing.T) {
	a := newAutop()
	tests := []struct {
		name, in, want string
	}{
		{"empty", " \n\t ", ""},
		{"paragraphs and line breaks",
			"Dear diary,\nit rained.\n\nThe end.",
			"<p>Dear diary,<br />\nit rained.</p>\n<p>The end.</p>"},
		{"three blank lines are one break", "a\n\n\n\nb", "<p>a</p>\n<p>b</p>"},
		{"crlf", "a\r\nb\r\n\r\nc", "<p>a<br />\nb</p>\n<p>c</p>"},
		{"pre untouched",
			"Look:\n\n<pre>x = 1\n\ny = 2<br>z</pre>\n\nNeat.",
			"<p>Look:</p>\n<pre>x = 1\n\ny = 2<br>z</pre>\n<p>Neat.</p>"},
		{"pre alone", "<pre>a\n\nb</pre>", "<pre>a\n\nb</pre>"},
		{"input gets no br",
			`Name: <input type="text" name="n" /><br />Mail: <input type="email" name="m" />`,
			`<p>Name: <input type="text" name="n" /><br />Mail: <input type="email" name="m" /></p>`},
		{"select and options",
			"Pick: <select name=\"s\">\n<option value=\"1\">One</option>\n<option value=\"2\">Two</option>\n</select>",
			`<p>Pick: <select name="s"><option value="1">One</option><option value="2">Two</option></select></p>`},
		{"block elements are not wrapped",
			"<div>inside</div>\n\n<h2>Title</h2>\ntext",
			"<div>inside</div>\n<h2>Title</h2>\n<p>text</p>"},
		{"inline elements are wrapped",
			"<em>emphasis</em>\n\n<a href=\"/x\">link</a>",
			"<p><em>emphasis</em></p>\n<p><a href=\"/x\">link</a></p>"},
		{"newline inside a tag is kept",
			"<a href=\"/x\"\ntitle=\"t\">link</a> text",
			"<p><a href=\"/x\"\ntitle=\"t\">link</a> text</p>"},
		{"newline inside a comment is kept",
			"text <!-- a\n\nb --> more",
			"<p>text <!-- a\n\nb --> more</p>"},
		{"list items get no paragraphs",
			"Items:\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\nAfter.",
			"<p>Items:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>After.</p>"},
		{"blockquote gets inner paragraph",
			"<blockquote>Quoted words</blockquote>",
			"<blockquote><p>Quoted words</p></blockquote>"},
		{"hr separates paragraphs", "a\n<hr />\nb", "<p>a</p>\n<hr />\n<p>b</p>"},
		{"double br makes a paragraph", "a<br><br />b", "<p>a</p>\n<p>b</p>"},
		{"script keeps its newlines",
			"<script>var a;\nvar b;</script>",
			"<p><script>var a;\nvar b;</script></p>"},
		{"style keeps its newlines",
			"<style>p {}\na {}</style>",
			"<style>p {}\na {}</style>"},
		{"figcaption hugs its figure",
			"<figure><img src=\"a.png\" />\n<figcaption>cap</figcaption>\n</figure>",
			"<figure><img src=\"a.png\" /><figcaption>cap</figcaption></figure>"},
		{"video sources collapse",
			"<video controls>\n<source src=\"a.mp4\" />\n</video>",
			"<p><video controls><source src=\"a.mp4\" /></video></p>"},
		{"br before block closer dropped",
			"<div>one\ntwo\n</div>",
			"<div>one<br />\ntwo\n</div>"},
		{"table cells",
			"<table>\n<tr>\n<td>a\nb</td>\n</tr>\n</table>",
			"<table>\n<tr>\n<td>a<br />\nb</td>\n</tr>\n</table>"},
		{"existing br not doubled", "a<br />\nb", "<p>a<br />\nb</p>"},
		{"unclosed div paragraph closed", "<div>text</div>", "<div>text</div>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.TrimSpace(a.apply(tt.in))
			if got != tt.want {
				t.Errorf("autop(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNewlinesToBr(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\nb", "a<br />\nb"},
		{"a  \nb", "a<br />\nb"},
		{"a<br />\nb", "a<br />\nb"},
		{"a<br /> \nb", "a<br /> <br />\nb"}, // as PHP's lookbehind does
		{"a\n \nb", "a<br />\nb"},
		{"a \tb", "a \tb"},
		{"a\n  b", "a<br />\n  b"},
	}
	for _, tt := range tests {
		if got := newlinesToBr(tt.in); got != tt.want {
			t.Errorf("newlinesToBr(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
