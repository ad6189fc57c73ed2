package render

import (
	"strings"
	"unicode/utf8"
)

// Hand-written forms of the regular expressions of wpautop's steps that
// every post goes through. Each function names the pattern it replaces;
// autop_ref_test.go keeps the patterns and autop_diff_test.go checks on
// fuzzed input that both give the same result. Each is one pass over the
// text with strings.Index and friends, and returns the text itself,
// without copying, when nothing matches.

// splicer builds a copy of src with some spans replaced, in order.
type splicer struct {
	src     string
	b       strings.Builder
	written int  // src[:written] is accounted for
	used    bool // b holds output
}

// cut copies src up to start and skips src[start:end]; the caller then
// writes the replacement to s.b.
func (s *splicer) cut(start, end int) {
	if !s.used {
		s.used = true
		s.b.Grow(len(s.src) + len(s.src)/8)
	}
	s.b.WriteString(s.src[s.written:start])
	s.written = end
}

func (s *splicer) String() string {
	if !s.used {
		return s.src
	}
	s.b.WriteString(s.src[s.written:])
	return s.b.String()
}

// rewriteAt copies text, and at each place where marker starts asks at
// for what replaces the n bytes text[i:i+n] there; where n is 0 the
// marker's first byte is kept and the search goes on after it. at always
// sees the text as it was, so that it can look behind i.
func rewriteAt(text, marker string, at func(text string, i int) (repl string, n int)) string {
	sp := splicer{src: text}
	for i := 0; ; {
		k := strings.Index(text[i:], marker)
		if k < 0 {
			break
		}
		i += k
		repl, n := at(text, i)
		if n == 0 {
			i++
			continue
		}
		sp.cut(i, i+n)
		sp.b.WriteString(repl)
		i += n
	}
	return sp.String()
}

// simpleTagEnd returns the end of `<name\s*/?>` at s[i:] (s[i:] starting
// with "<name" is checked by the caller), or -1.
func simpleTagEnd(s string, i, nameLen int) int {
	j := skipSpaces(s, i+1+nameLen)
	if j < len(s) && s[j] == '/' {
		j++
	}
	if j < len(s) && s[j] == '>' {
		return j + 1
	}
	return -1
}

// replaceDoubleBr is `<br\s*/?>\s*<br\s*/?>` → "\n\n".
func replaceDoubleBr(text string) string {
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.Index(text[pos:], "<br")
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 1
		e1 := simpleTagEnd(text, start, 2)
		if e1 < 0 {
			continue
		}
		j := skipSpaces(text, e1)
		if !strings.HasPrefix(text[j:], "<br") {
			continue
		}
		e2 := simpleTagEnd(text, j, 2)
		if e2 < 0 {
			continue
		}
		sp.cut(start, e2)
		sp.b.WriteString("\n\n")
		pos = e2
	}
	return sp.String()
}

// breakAfterHr is `(<hr\s*?/?>)` → "$1\n\n".
func breakAfterHr(text string) string {
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.Index(text[pos:], "<hr")
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 1
		end := simpleTagEnd(text, start, 2)
		if end < 0 {
			continue
		}
		sp.cut(end, end)
		sp.b.WriteString("\n\n")
		pos = end
	}
	return sp.String()
}

// collapseNewlines is `\n\n+` → "\n\n".
func collapseNewlines(text string) string {
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.Index(text[pos:], "\n\n\n")
		if k < 0 {
			break
		}
		start := pos + k
		end := start + 3
		for end < len(text) && text[end] == '\n' {
			end++
		}
		sp.cut(start+2, end)
		pos = end
	}
	return sp.String()
}

// wrapParagraphs splits text on `\n\s*\n` and writes each non-empty part,
// trimmed of newlines, as "<p>part</p>\n".
func wrapParagraphs(text string) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	emit := func(part string) {
		if part == "" {
			return
		}
		b.WriteString("<p>")
		b.WriteString(strings.Trim(part, "\n"))
		b.WriteString("</p>\n")
	}
	partStart := 0
	for pos := 0; ; {
		k := strings.IndexByte(text[pos:], '\n')
		if k < 0 {
			break
		}
		nl := pos + k
		// A match runs from this newline to the last newline of the
		// whitespace that follows it.
		last := -1
		q := nl + 1
		for q < len(text) && isSpace(text[q]) {
			if text[q] == '\n' {
				last = q
			}
			q++
		}
		if last < 0 {
			pos = q
			continue
		}
		emit(text[partStart:nl])
		partStart = last + 1
		pos = last + 1
	}
	emit(text[partStart:])
	return b.String()
}

// dropEmptyParagraphs is `<p>\s*</p>` → "".
func dropEmptyParagraphs(text string) string {
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.Index(text[pos:], "<p>")
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 1
		j := skipSpaces(text, start+3)
		if !strings.HasPrefix(text[j:], "</p>") {
			continue
		}
		sp.cut(start, j+4)
		pos = j + 4
	}
	return sp.String()
}

// closeUnclosedParagraphs is `<p>([^<]+)</(div|address|form)>` →
// "<p>$1</p></$2>": the paragraph is closed before the block's end tag.
func closeUnclosedParagraphs(text string) string {
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.Index(text[pos:], "<p>")
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 1
		j := strings.IndexByte(text[start+3:], '<')
		if j <= 0 {
			continue
		}
		c := start + 3 + j
		rest := text[c:]
		if !strings.HasPrefix(rest, "</div>") && !strings.HasPrefix(rest, "</address>") && !strings.HasPrefix(rest, "</form>") {
			continue
		}
		// Only the "</p>" is new: insert it before the closing tag.
		sp.cut(c, c)
		sp.b.WriteString("</p>")
		pos = c + strings.IndexByte(rest, '>') + 1
	}
	return sp.String()
}

// unwrapListItems is `<p>(<li.+?)</p>` → "$1": "." stops at newlines.
func unwrapListItems(text string) string {
	sp := splicer{src: text}
	noCloseBefore := 0 // no "</p>" on the line before this index
	for pos := 0; ; {
		k := strings.Index(text[pos:], "<p><li")
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 1
		if start+7 < noCloseBefore {
			continue
		}
		lineEnd := len(text)
		if nl := strings.IndexByte(text[start+6:], '\n'); nl >= 0 {
			lineEnd = start + 6 + nl
		}
		if start+7 > lineEnd {
			continue
		}
		e := strings.Index(text[start+7:lineEnd], "</p>")
		if e < 0 {
			noCloseBefore = lineEnd
			continue
		}
		end := start + 7 + e
		sp.cut(start, start+3)
		sp.cut(end, end+4)
		pos = end + 4
	}
	return sp.String()
}

// foldedPrefix reports the length of the prefix of s that matches
// lowerPattern case-insensitively as Go's (?i) does: ASCII letters in
// either case, and for "k" also the Kelvin sign. It returns -1 when s does
// not start with the pattern.
func foldedPrefix(s, lowerPattern string) int {
	n := 0
	for i := 0; i < len(lowerPattern); i++ {
		c := lowerPattern[i]
		if n >= len(s) {
			return -1
		}
		d := s[n]
		switch {
		case d == c || 'a' <= c && c <= 'z' && d == c-'a'+'A':
			n++
		case c == 'k' && strings.HasPrefix(s[n:], "\u212a"):
			n += len("\u212a")
		case c == 's' && strings.HasPrefix(s[n:], "\u017f"):
			n += len("\u017f")
		default:
			return -1
		}
	}
	return n
}

// moveQuoteParagraphs is `(?i)<p><blockquote([^>]*)>` →
// "<blockquote$1><p>".
func moveQuoteParagraphs(text string) string {
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.IndexByte(text[pos:], '<')
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 1
		n := foldedPrefix(text[start:], "<p><blockquote")
		if n < 0 {
			continue
		}
		attrs := start + n
		gt := strings.IndexByte(text[attrs:], '>')
		if gt < 0 {
			break
		}
		end := attrs + gt + 1
		sp.cut(start, end)
		sp.b.WriteString("<blockquote")
		sp.b.WriteString(text[attrs : end-1])
		sp.b.WriteString("><p>")
		pos = end
	}
	return sp.String()
}

// rawTextElements are the elements whose newlines wpautop keeps, in the
// order it protects them.
var rawTextElements = []struct{ open, close string }{
	{"<script", "</script>"},
	{"<style", "</style>"},
	{"<svg", "</svg>"},
}

// preserveNewlines is `(?s)<open.*?</close>` with every newline of the
// match replaced by preservedNewline.
func preserveNewlines(text, open, close string) string {
	if !strings.Contains(text, open) {
		return text
	}
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.Index(text[pos:], open)
		if k < 0 {
			break
		}
		start := pos + k
		e := strings.Index(text[start+len(open):], close)
		if e < 0 {
			break
		}
		end := start + len(open) + e + len(close)
		for i := start; ; {
			nl := strings.IndexByte(text[i:end], '\n')
			if nl < 0 {
				break
			}
			sp.cut(i+nl, i+nl+1)
			sp.b.WriteString(preservedNewline)
			i += nl + 1
		}
		pos = end
	}
	return sp.String()
}

// brBlockNames are the names of `<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`.
var brBlockNames = []string{"p", "li", "div", "dl", "dd", "dt", "th", "pre", "td", "ul", "ol"}

// dropBrBeforeBlockTags is
// `<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)` → "$1".
func dropBrBeforeBlockTags(text string) string {
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.Index(text[pos:], "<br />")
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 1
		j := skipSpaces(text, start+6)
		if j >= len(text) || text[j] != '<' {
			continue
		}
		n := j + 1
		if n < len(text) && text[n] == '/' {
			n++
		}
		found := false
		for _, name := range brBlockNames {
			if strings.HasPrefix(text[n:], name) {
				found = true
				break
			}
		}
		if !found {
			continue
		}
		gt := strings.IndexByte(text[n:], '>')
		if gt < 0 {
			break
		}
		sp.cut(start, start+6)
		pos = n + gt + 1
	}
	return sp.String()
}

// containsAny reports whether text holds any of subs, which all start
// with "<", in one pass.
func containsAny(text string, subs ...string) bool {
	for pos := 0; ; {
		k := strings.IndexByte(text[pos:], '<')
		if k < 0 {
			return false
		}
		pos += k
		for _, sub := range subs {
			if strings.HasPrefix(text[pos:], sub) {
				return true
			}
		}
		pos++
	}
}

// normalizeBr replaces "<br>" and then "<br/>" with "<br />"; neither
// replacement can create or hide the other pattern, so one pass does both.
func normalizeBr(text string) string {
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.Index(text[pos:], "<br")
		if k < 0 {
			break
		}
		start := pos + k
		rest := text[start+3:]
		switch {
		case strings.HasPrefix(rest, ">"):
			sp.cut(start, start+4)
			sp.b.WriteString("<br />")
			pos = start + 4
		case strings.HasPrefix(rest, "/>"):
			sp.cut(start, start+5)
			sp.b.WriteString("<br />")
			pos = start + 5
		default:
			pos = start + 3
		}
	}
	return sp.String()
}

// validUTF8 is strings.ToValidUTF8(s, "\uFFFD"), checking first with the
// faster utf8.ValidString.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
