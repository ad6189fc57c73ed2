package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Text returns the plain text of an HTML fragment, for the search index
// and terminal display: tags, comments (block delimiters included) and
// shortcode tags go, shortcode content stays, script and style contents
// are dropped, entities are decoded and whitespace is collapsed to single
// spaces. Block-level elements, line breaks and images separate words;
// inline elements do not, so "<b>bo</b>ld" gives "bold".
func Text(fragment string) string {
	return collapseSpaces(lines(fragment, false))
}

// Paragraphs returns the text of an HTML fragment as Text does, one string
// per block: paragraphs, list items, headings and lines broken by <br>. The
// terminal shows them apart.
func Paragraphs(fragment string) []string {
	var out []string
	for _, line := range strings.Split(lines(fragment, true), "\n") {
		if text := collapseSpaces(line); text != "" {
			out = append(out, text)
		}
	}
	return out
}

// lines extracts the text of a fragment with a newline wherever elements
// separate words, and shortcode tags removed. With rows, a table row is
// one line, its cells separated by " | ", as a terminal shows a table.
func lines(fragment string, rows bool) string {
	fragment = validUTF8(fragment)
	if !strings.ContainsAny(fragment, "<&\r\x00") {
		// Plain text, such as most names and titles, is its own text: the
		// tokenizer (which allocates a 4 KiB buffer) would give it back
		// unchanged. Exports call this for every commenter.
		return stripShortcodeTags(fragment)
	}
	var b strings.Builder
	b.Grow(len(fragment) / 2)
	z := html.NewTokenizerFragment(strings.NewReader(fragment), "div")
	skipping := 0 // depth inside elements whose content is not text
	cells := 0    // cells of the table row so far: a row reads as one line
	for {
		switch z.Next() {
		case html.ErrorToken:
			return stripShortcodeTags(b.String())
		case html.TextToken:
			switch {
			case skipping > 0:
			case cells > 0:
				// Line breaks in the source between a row's cells are not
				// the row's end.
				b.WriteString(strings.ReplaceAll(string(z.Text()), "\n", " "))
			default:
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if isHiddenElement(a) {
				skipping++
			}
			switch {
			case !rows && separatesWords(a):
				b.WriteByte('\n')
			case (a == atom.Td || a == atom.Th) && cells > 0:
				b.WriteString(" | ")
				cells++
			case a == atom.Td || a == atom.Th:
				b.WriteByte('\n')
				cells++
			case separatesWords(a):
				cells = 0
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if isHiddenElement(a) && skipping > 0 {
				skipping--
			}
			if separatesWords(a) && (!rows || a != atom.Td && a != atom.Th) {
				cells = 0
				b.WriteByte('\n')
			}
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if separatesWords(atom.Lookup(name)) {
				b.WriteByte('\n')
			}
		}
	}
}

// isHiddenElement reports elements whose content is never shown as text.
func isHiddenElement(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Iframe,
		atom.Object, atom.Svg, atom.Math, atom.Head, atom.Title, atom.Textarea, atom.Select:
		return true
	}
	return false
}

// separatesWords reports elements that start a new line or box when
// displayed, so text on either side must not be glued together.
func separatesWords(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Br,
		atom.Caption, atom.Dd, atom.Details, atom.Dialog, atom.Div, atom.Dl,
		atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
		atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Header, atom.Hgroup, atom.Hr, atom.Img, atom.Input, atom.Li,
		atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.Option, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot,
		atom.Th, atom.Thead, atom.Tr, atom.Ul, atom.Audio, atom.Video,
		atom.Iframe, atom.Embed, atom.Object, atom.Button, atom.Textarea,
		atom.Select, atom.Wbr:
		return true
	}
	return false
}

// collapseSpaces joins the words of s with single spaces: it is
// strings.Join(strings.Fields(s), " ") in one pass.
func collapseSpaces(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	wordStart := -1
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		var space bool
		if c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		if space {
			if wordStart >= 0 {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(s[wordStart:i])
				wordStart = -1
			}
		} else if wordStart < 0 {
			wordStart = i
		}
		i += size
	}
	if wordStart >= 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[wordStart:])
	}
	return b.String()
}

// stripShortcodeTags removes shortcode tags and keeps what they enclose.
// Since any bracketed word could be a plugin's shortcode, a tag goes when
// it is a closing tag, has attributes, is a known shortcode or is closed
// later; "[sic]" and "[1]" stay.
func stripShortcodeTags(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	closed := closingTagNames(s)
	return rewriteAt(s, "[", func(s string, i int) (string, int) {
		return " ", shortcodeTagLength(s[i:], closed)
	})
}

// shortcodeTagLength is the length of the shortcode tag starting s, or 0.
// closed holds the names closed somewhere in the text.
func shortcodeTagLength(s string, closed map[string]bool) int {
	p := 1
	closing := p < len(s) && s[p] == '/'
	if closing {
		p++
	}
	if p >= len(s) || !(s[p] >= 'a' && s[p] <= 'z' || s[p] >= 'A' && s[p] <= 'Z') {
		return 0
	}
	nameStart := p
	for p < len(s) && isNameByte(s[p]) {
		p++
	}
	name := s[nameStart:p]
	end := strings.IndexByte(s[p:], ']')
	if end < 0 || strings.IndexByte(s[p:p+end], '[') >= 0 {
		return 0
	}
	attrs := s[p : p+end]
	if attrs != "" && !isSpace(attrs[0]) && attrs != "/" {
		return 0
	}
	if closing || strings.Contains(attrs, "=") || isHandledShortcode(name) ||
		isCommonShortcode(name) || closed[name] {
		return p + end + 1
	}
	return 0
}

// isCommonShortcode lists shortcodes of WordPress.com and popular plugins
// that appear without attributes in exports.
func isCommonShortcode(name string) bool {
	switch strings.ToLower(name) {
	case "contact-form", "contact-form-7", "googlemaps", "youtube", "vimeo",
		"soundcloud", "slideshow", "archives", "sitemap", "code", "sourcecode",
		"php", "html", "css", "js", "javascript", "instagram", "tweet",
		"twitter", "portfolio", "recipe", "polldaddy", "crowdsignal", "spotify":
		return true
	}
	return false
}
