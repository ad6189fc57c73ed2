package render

import "testing"

// TestCommentHTML checks the comment_text filters a reader of a comment
// sees the effect of: links made of bare addresses, typography, smilies
// and paragraphs, and no shortcodes.
func TestCommentHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"url ending a sentence", "See http://example.org/a.",
			`<p>See <a href="http://example.org/a" rel="nofollow">http://example.org/a</a>.</p>` + "\n"},
		{"url in parentheses", "(http://e.org/x) and http://e.org/a_(b)",
			`<p>(<a href="http://e.org/x" rel="nofollow">http://e.org/x</a>) and <a href="http://e.org/a_(b)" rel="nofollow">http://e.org/a_(b)</a></p>` + "\n"},
		{"www and email", "go to www.wordpress.org, or me@e.org!",
			`<p>go to <a href="http://www.wordpress.org" rel="nofollow">www.wordpress.org</a>, or <a href="mailto:me@e.org">me@e.org</a>!</p>` + "\n"},
		{"links and code keep their text", `<a href="http://x.org/">http://x.org/</a> <code>http://c.org/</code>`,
			`<p><a href="http://x.org/">http://x.org/</a> <code>http://c.org/</code></p>` + "\n"},
		{"no scheme but the web's", "javascript://alert(1) file:///etc/passwd",
			"<p>javascript://alert(1) file:///etc/passwd</p>\n"},
		{"texturize and smilies", `"quoted" -- it's fine :)`,
			"<p>&#8220;quoted&#8221; &#8212; it&#8217;s fine \U0001F642</p>\n"},
		{"paragraphs and breaks", "one\ntwo\n\nthree",
			"<p>one<br />\ntwo</p>\n<p>three</p>\n"},
		{"shortcodes stay as typed", "[gallery ids=\"1,2\"] [caption]x[/caption]",
			"<p>[gallery ids=\"1,2\"] [caption]x[/caption]</p>\n"},
		{"block markup", "<strong>Headings</strong>\n<h2>Two</h2>\nText\n<dl><dt>a</dt><dd>b</dd></dl>",
			"<p><strong>Headings</strong></p>\n<h2>Two</h2>\n<p>Text</p>\n<dl>\n<dt>a</dt>\n<dd>b</dd>\n</dl>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CommentHTML(tt.in); got != tt.want {
				t.Errorf("CommentHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestShownComment: a comment's raw text wins over the rendered copy, as
// for posts, and its plain text is what the search index takes.
func TestShownComment(t *testing.T) {
	if got := ShownComment("", "<p>as served</p>"); got != "<p>as served</p>" {
		t.Errorf("rendered copy alone: %q", got)
	}
	if got := ShownComment("see www.e.org", "<p>stale</p>"); got != `<p>see <a href="http://www.e.org" rel="nofollow">www.e.org</a></p>`+"\n" {
		t.Errorf("raw text: %q", got)
	}
	if got := ShownCommentText("see www.e.org :)", ""); got != "see www.e.org \U0001F642" {
		t.Errorf("plain text: %q", got)
	}
}
