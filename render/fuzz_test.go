package render

import (
	"strings"

	"golang.org/x/net/html"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"one\ntwo\n\nthree :)",
	"<pre>a\n\nb</pre>\n\nc",
	`[caption id="x" width="3"]<img src="a">cap[/caption]`,
	`[gallery ids="1,2"][[audio]][video mp4="/v.mp4"][/video][embed]https://youtu.be/x[/embed]`,
	"<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph --><!-- wp:x /-->",
	"a<!--more-->b<!--nextpage-->c<!--noteaser-->",
	`<scr<script>ipt>alert(1)</script><img src=x onerror=alert(1)>`,
	"<p>unclosed <b>bold <!-- comment",
	"[caption]<a href='x'><img src='y'></a>[/caption",
	"\xff\xfe<p>\x00</p>",
}

func FuzzHTML(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	s := NewSanitizer()
	f.Fuzz(func(t *testing.T, raw string) {
		out := HTML(raw)
		if !utf8.ValidString(out) {
			t.Fatalf("HTML(%q) is not valid UTF-8", raw)
		}
		if clean := s.SanitizePost(out); strings.Contains(strings.ToLower(clean), "<script") {
			t.Fatalf("SanitizePost(HTML(%q)) = %q holds <script", raw, clean)
		}
		for _, page := range Pages(raw) {
			HTML(page)
		}
		teaser, _ := Teaser(raw)
		HTML(teaser)
		HTML(Single(raw))
	})
}

// FuzzCommentHTML: any comment renders to valid UTF-8 that the comment
// policy leaves without scripts or javascript: links, and every address
// make_clickable links is one the comment held.
func FuzzCommentHTML(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("see http://e.org/a_(b)). www.x.org, me@e.org! <a href=\"http://y\">http://z</a> javascript://x")
	s := NewSanitizer()
	f.Fuzz(func(t *testing.T, raw string) {
		out := CommentHTML(raw)
		if !utf8.ValidString(out) {
			t.Fatalf("CommentHTML(%q) is not valid UTF-8", raw)
		}
		clean := strings.ToLower(s.SanitizeComment(out))
		if strings.Contains(clean, "<script") || strings.Contains(clean, "href=\"javascript") {
			t.Fatalf("SanitizeComment(CommentHTML(%q)) = %q", raw, clean)
		}
	})
}

func FuzzText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, fragment string) {
		text := Text(fragment)
		if !utf8.ValidString(text) {
			t.Fatalf("Text(%q) is not valid UTF-8", fragment)
		}
		if text != strings.TrimSpace(text) || strings.Contains(text, "  ") {
			t.Fatalf("Text(%q) = %q has uncollapsed whitespace", fragment, text)
		}
	})
}

func FuzzSanitize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	s := NewSanitizer()
	f.Fuzz(func(t *testing.T, fragment string) {
		if got, want := s.SanitizePost(fragment), s.post.Sanitize(strings.ToValidUTF8(fragment, "\uFFFD")); got != want {
			t.Fatalf("SanitizePost(%q) = %q, bluemonday's Sanitize gives %q", fragment, got, want)
		}
		for policy, out := range map[string]string{
			"post":    s.SanitizePost(fragment),
			"comment": s.SanitizeComment(fragment),
		} {
			if problem := unsafeMarkup(out); problem != "" {
				t.Fatalf("%s policy output %q from %q: %s", policy, out, fragment, problem)
			}
		}
	})
}

// unsafeMarkup reports the first dangerous element or attribute in
// fragment as a browser would parse it, or "".
func unsafeMarkup(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "form", "meta", "object", "embed", "base", "link", "svg", "math":
				return "element " + tok.Data
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
					return "attribute " + a.Key
				}
				value := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, a.Val))
				for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
					if strings.HasPrefix(value, scheme) {
						return "URL " + a.Val
					}
				}
			}
		}
	}
}

// FuzzDynamicBlocks: any content, rendered with a site's data (query loops
// and their pagination, the comments block, comment forms, avatars), is
// valid UTF-8, never panics, and leaves the post policy nothing to run.
func FuzzDynamicBlocks(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, uint8(2))
	}
	f.Add(`<!-- wp:query {"queryId":3,"query":{"perPage":1}} --><!-- wp:post-template --><!-- wp:post-title /--><!-- wp:post-featured-image {"isLink":true} /--><!-- /wp:post-template --><!-- wp:query-pagination --><!-- wp:query-pagination-previous /--><!-- wp:query-pagination-numbers /--><!-- wp:query-pagination-next /--><!-- /wp:query-pagination --><!-- /wp:query -->`, uint8(2))
	f.Add(`<!-- wp:comments --><!-- wp:comments-title /--><!-- wp:comment-template --><!-- wp:avatar /--><!-- wp:comment-author-name /--><!-- wp:comment-content /--><!-- /wp:comment-template --><!-- wp:post-comments-form /--><!-- /wp:comments -->`, uint8(3))
	s := NewSanitizer()
	f.Fuzz(func(t *testing.T, raw string, page uint8) {
		r := Renderer{Site: fixedSite{}, Post: 2, LoopPages: map[string]int{"query-3-page": int(page)}}
		out := r.HTML(raw)
		if !utf8.ValidString(out) {
			t.Fatalf("HTML(%q) is not valid UTF-8", raw)
		}
		if clean := s.SanitizePost(out); strings.Contains(strings.ToLower(clean), "<script") {
			t.Fatalf("SanitizePost(HTML(%q)) = %q holds <script", raw, clean)
		}
	})
}
