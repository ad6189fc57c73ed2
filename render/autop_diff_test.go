package render

import (
	"math/rand"
	"strings"
	"testing"
)

// Differential tests: the hand-written scanners of scan.go, blocktags.go
// and autoembed against the regular expressions they replaced
// (autop_ref_test.go), step by step and for the whole of wpautop.

type diffStep struct {
	name     string
	ref, got func(string) string
}

func diffSteps() []diffStep {
	r := newRefAutop()
	a := newAutop()
	t := tables()
	repl := func(re interface {
		ReplaceAllString(string, string) string
	}, with string) func(string) string {
		return func(s string) string { return re.ReplaceAllString(s, with) }
	}
	return []diffStep{
		{"doubleBr", repl(r.doubleBr, "\n\n"), replaceDoubleBr},
		{"blockOpenClose", func(s string) string {
			return r.blockClose.ReplaceAllString(r.blockOpen.ReplaceAllString(s, "\n\n$1"), "$1\n\n")
		}, spaceAroundBlocks},
		{"hr", repl(r.hr, "$1\n\n"), breakAfterHr},
		{"manyNewlines", repl(r.manyNewlines, "\n\n"), collapseNewlines},
		{"paragraphBreak", func(s string) string {
			var b strings.Builder
			for _, part := range r.paragraphBreak.Split(s, -1) {
				if part != "" {
					b.WriteString("<p>" + strings.Trim(part, "\n") + "</p>\n")
				}
			}
			return b.String()
		}, wrapParagraphs},
		{"emptyParagraph", repl(r.emptyParagraph, ""), dropEmptyParagraphs},
		{"unclosedParagraph", repl(r.unclosedParagraph, "<p>$1</p></$2>"), closeUnclosedParagraphs},
		{"wrappedBlockTag", repl(r.wrappedBlockTag, "$1"), func(s string) string { return unwrapBlockTags(s, "<p>", "</p>") }},
		{"wrappedListItem", repl(r.wrappedListItem, "$1"), unwrapListItems},
		{"wrappedQuote", repl(r.wrappedQuote, "<blockquote$1><p>"), moveQuoteParagraphs},
		{"pBeforeBlockTag", repl(r.pBeforeBlockTag, "$1"), func(s string) string { return unwrapBlockTags(s, "<p>", "") }},
		{"pAfterBlockTag", repl(r.pAfterBlockTag, "$1"), func(s string) string { return unwrapBlockTags(s, "", "</p>") }},
		{"rawTextElements", func(s string) string {
			for _, re := range r.rawTextElements {
				s = re.ReplaceAllStringFunc(s, func(m string) string {
					return strings.ReplaceAll(m, "\n", preservedNewline)
				})
			}
			return s
		}, func(s string) string {
			for _, e := range rawTextElements {
				s = preserveNewlines(s, e.open, e.close)
			}
			return s
		}},
		{"brAfterBlockTag", repl(r.brAfterBlockTag, "$1"), func(s string) string { return unwrapBlockTags(s, "", "<br />") }},
		{"brBeforeBlockTag", repl(r.brBeforeBlockTag, "$1"), dropBrBeforeBlockTags},
		{"replaceInTags", func(s string) string { return refReplaceInTags(s, "\n", newlinePlaceholder) },
			func(s string) string { return replaceInTags(s, "\n", newlinePlaceholder) }},
		{"newlinesToBr", refNewlinesToBr, newlinesToBr},
		{"hidePre", func(s string) string {
			text, blocks := refHidePre(s)
			return text + "\x00" + strings.Join(blocks, "\x00") + "\x00" + refRestorePre(text+s, blocks)
		}, func(s string) string {
			text, blocks := hidePre(s)
			return text + "\x00" + strings.Join(blocks, "\x00") + "\x00" + restorePre(text+s, blocks)
		}},
		{"autoembed", func(s string) string { return refAutoembed(t, s) }, t.autoembed},
		{"wpautop", r.apply, a.apply},
		{"convertSmilies", refConvertSmilies, convertSmilies},
	}
}

// diffTokens are the pieces the scanners look for, so that random
// sequences of them exercise every branch.
var diffTokens = []string{
	"\n", "\n", "\n", " ", " ", "\t", "\r", "\f", "\v", "a", "x y", ":)", ">", "<", "/", "\"", "[", "]",
	"<p>", "</p>", "<P>", "<br>", "<br />", "<br/>", "<br  / >", "<hr>", "<hr />", "<hr class=\"x\">",
	"<li>", "</li>", "<li", "<ul>", "</ul>", "<div>", "</div>", "<div class=\"c\">", "</address>", "</form>",
	"<blockquote>", "<BlockQuote cite=\"x\">", "<bloc\u212aquote>", "</blockquote>", "<p><blockquote",
	"<p><li", "<pre>", "</pre>", "<pre", "<table>", "<td>", "</td>", "<param", "<h2>", "</h2>", "<dl>", "<ol>",
	"<script>", "</script>", "<style>", "</style>", "<svg>", "</svg>", "<!--", "-->", "<!-- c -->",
	"<![CDATA[", "]]>", "<a href=\"/x\">", "</a>", "<img src=\"a\" />", "<em>", "</em>",
	"<option>", "</option>", "<object>", "</object>", "<source>", "<figcaption>", "</figcaption>",
	"https://youtu.be/x", "http://vimeo.com/1", "HTTPS://www.YouTube.com/watch?v=1", "httpſ://youtu.be/s",
	"https://example.org/", "https://", "http://a\"b", "<!-- wp-line-break -->", " <!-- wpnl --> ",
	"<WPPreserveNewline />", "\u00a0", "é", "<pre wp-pre-tag-0></pre>", "<pre wp-pre-tag-1></pre>",
	"<pre wp-pre-tag-01></pre>", "<pre wp-pre-tag-", "0", "1",
	"<code>", "</code>", "<textarea>", "</textarea>", ":-)", "8-)", "8O", ";)", ":?:", ":?", "&nbsp;", "8", ":", ";",
}

// fromTokens maps each byte of data to a token.
func fromTokens(data string) string {
	var b strings.Builder
	for i := 0; i < len(data); i++ {
		b.WriteString(diffTokens[int(data[i])%len(diffTokens)])
	}
	return b.String()
}

func checkDiff(t *testing.T, steps []diffStep, in string) {
	t.Helper()
	for _, s := range steps {
		if want, got := s.ref(in), s.got(in); got != want {
			t.Fatalf("%s(%q)\n got %q\nwant %q", s.name, in, got, want)
		}
	}
}

// TestAutopMatchesReference runs every step on random token sequences
// and on the fuzz seeds.
func TestAutopMatchesReference(t *testing.T) {
	steps := diffSteps()
	for _, s := range fuzzSeeds {
		checkDiff(t, steps, s)
	}
	checkDiff(t, steps, longPost())
	rng := rand.New(rand.NewSource(1))
	n := 5000
	if testing.Short() {
		n = 500
	}
	for i := 0; i < n; i++ {
		data := make([]byte, 1+rng.Intn(40))
		rng.Read(data)
		checkDiff(t, steps, fromTokens(string(data)))
	}
}

// FuzzAutopMatchesReference checks the scanners against the regular
// expressions on the fuzzed input itself and on the token sequence it
// encodes:
//
//	go test -run '^$' -fuzz FuzzAutopMatchesReference -fuzztime=30s ./render/
func FuzzAutopMatchesReference(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("\x12\x00\x13\x00\x00\x14")
	steps := diffSteps()
	f.Fuzz(func(t *testing.T, in string) {
		in = strings.ToValidUTF8(in, "\uFFFD")
		checkDiff(t, steps, in)
		checkDiff(t, steps, fromTokens(in))
	})
}
