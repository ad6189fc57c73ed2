package render

import (
	"regexp"
	"strconv"
	"strings"
)

// allBlocks is wpautop's list of block-level elements.
const allBlocks = `(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)`

// newlinePlaceholder stands in for newlines inside tags and comments while
// paragraphs are built; wpautop uses the same marker.
const newlinePlaceholder = " <!-- wpnl --> "

// preservedNewline stands in for newlines inside script, style and svg,
// which must not become <br />.
const preservedNewline = "<WPPreserveNewline />"

// autop holds wpautop's regular expressions, compiled once.
type autop struct {
	doubleBr          *regexp.Regexp
	hr                *regexp.Regexp
	optionBefore      *regexp.Regexp
	optionAfter       *regexp.Regexp
	objectOpen        *regexp.Regexp
	objectClose       *regexp.Regexp
	paramEmbed        *regexp.Regexp
	mediaOpen         *regexp.Regexp
	mediaClose        *regexp.Regexp
	sourceTrack       *regexp.Regexp
	figcaptionOpen    *regexp.Regexp
	figcaptionClose   *regexp.Regexp
	manyNewlines      *regexp.Regexp
	paragraphBreak    *regexp.Regexp
	emptyParagraph    *regexp.Regexp
	unclosedParagraph *regexp.Regexp
	wrappedListItem   *regexp.Regexp
	wrappedQuote      *regexp.Regexp
	rawTextElements   []*regexp.Regexp
	brBeforeBlockTag  *regexp.Regexp
}

func newAutop() *autop {
	return &autop{
		doubleBr:          regexp.MustCompile(`<br\s*/?>\s*<br\s*/?>`),
		hr:                regexp.MustCompile(`(<hr\s*?/?>)`),
		optionBefore:      regexp.MustCompile(`\s*<option`),
		optionAfter:       regexp.MustCompile(`</option>\s*`),
		objectOpen:        regexp.MustCompile(`(<object[^>]*>)\s*`),
		objectClose:       regexp.MustCompile(`\s*</object>`),
		paramEmbed:        regexp.MustCompile(`\s*(</?(?:param|embed)[^>]*>)\s*`),
		mediaOpen:         regexp.MustCompile(`([<\[](?:audio|video)[^>\]]*[>\]])\s*`),
		mediaClose:        regexp.MustCompile(`\s*([<\[]/(?:audio|video)[>\]])`),
		sourceTrack:       regexp.MustCompile(`\s*(<(?:source|track)[^>]*>)\s*`),
		figcaptionOpen:    regexp.MustCompile(`\s*(<figcaption[^>]*>)`),
		figcaptionClose:   regexp.MustCompile(`</figcaption>\s*`),
		manyNewlines:      regexp.MustCompile(`\n\n+`),
		paragraphBreak:    regexp.MustCompile(`\n\s*\n`),
		emptyParagraph:    regexp.MustCompile(`<p>\s*</p>`),
		unclosedParagraph: regexp.MustCompile(`<p>([^<]+)</(div|address|form)>`),
		wrappedListItem:   regexp.MustCompile(`<p>(<li.+?)</p>`),
		wrappedQuote:      regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`),
		rawTextElements: []*regexp.Regexp{
			regexp.MustCompile(`(?s)<script.*?</script>`),
			regexp.MustCompile(`(?s)<style.*?</style>`),
			regexp.MustCompile(`(?s)<svg.*?</svg>`),
		},
		brBeforeBlockTag: regexp.MustCompile(`<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`),
	}
}

// apply is wpautop with $br = true: blank lines become paragraphs and
// single newlines <br />, around block-level elements and never inside
// <pre>, tags or comments.
func (a *autop) apply(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	text += "\n"

	text, preBlocks := hidePre(text)

	text = a.doubleBr.ReplaceAllString(text, "\n\n")
	text = spaceAroundBlocks(text)
	text = a.hr.ReplaceAllString(text, "$1\n\n")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = replaceInTags(text, "\n", newlinePlaceholder)

	if strings.Contains(text, "<option") {
		text = a.optionBefore.ReplaceAllString(text, "<option")
		text = a.optionAfter.ReplaceAllString(text, "</option>")
	}
	if strings.Contains(text, "</object>") {
		text = a.objectOpen.ReplaceAllString(text, "$1")
		text = a.objectClose.ReplaceAllString(text, "</object>")
		text = a.paramEmbed.ReplaceAllString(text, "$1")
	}
	if strings.Contains(text, "<source") || strings.Contains(text, "<track") {
		text = a.mediaOpen.ReplaceAllString(text, "$1")
		text = a.mediaClose.ReplaceAllString(text, "$1")
		text = a.sourceTrack.ReplaceAllString(text, "$1")
	}
	if strings.Contains(text, "<figcaption") {
		text = a.figcaptionOpen.ReplaceAllString(text, "$1")
		text = a.figcaptionClose.ReplaceAllString(text, "</figcaption>")
	}
	text = a.manyNewlines.ReplaceAllString(text, "\n\n")

	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	for _, part := range a.paragraphBreak.Split(text, -1) {
		if part == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.Trim(part, "\n"))
		b.WriteString("</p>\n")
	}
	text = b.String()

	text = a.emptyParagraph.ReplaceAllString(text, "")
	text = a.unclosedParagraph.ReplaceAllString(text, "<p>$1</p></$2>")
	text = unwrapBlockTags(text, "<p>", "</p>")
	text = a.wrappedListItem.ReplaceAllString(text, "$1")
	text = a.wrappedQuote.ReplaceAllString(text, "<blockquote$1><p>")
	text = strings.ReplaceAll(text, "</blockquote></p>", "</p></blockquote>")
	text = unwrapBlockTags(text, "<p>", "")
	text = unwrapBlockTags(text, "", "</p>")

	for _, re := range a.rawTextElements {
		text = re.ReplaceAllStringFunc(text, func(m string) string {
			return strings.ReplaceAll(m, "\n", preservedNewline)
		})
	}
	text = strings.ReplaceAll(text, "<br>", "<br />")
	text = strings.ReplaceAll(text, "<br/>", "<br />")
	text = newlinesToBr(text)
	text = strings.ReplaceAll(text, preservedNewline, "\n")

	text = unwrapBlockTags(text, "", "<br />")
	text = a.brBeforeBlockTag.ReplaceAllString(text, "$1")
	if strings.HasSuffix(text, "\n</p>") {
		text = text[:len(text)-len("\n</p>")] + "</p>"
	}

	text = restorePre(text, preBlocks)
	if strings.Contains(text, "<!-- wpnl -->") {
		text = strings.ReplaceAll(text, newlinePlaceholder, "\n")
		text = strings.ReplaceAll(text, "<!-- wpnl -->", "\n")
	}
	return text
}

// hidePre swaps every <pre>…</pre> for a placeholder so that autop leaves
// it untouched, splitting on </pre> as wpautop does.
func hidePre(text string) (string, []string) {
	if !strings.Contains(text, "<pre") {
		return text, nil
	}
	parts := strings.Split(text, "</pre>")
	last := parts[len(parts)-1]
	var b strings.Builder
	var blocks []string
	for _, part := range parts[:len(parts)-1] {
		start := strings.Index(part, "<pre")
		if start < 0 {
			// A stray </pre> is dropped, as in wpautop.
			b.WriteString(part)
			continue
		}
		b.WriteString(part[:start])
		b.WriteString(prePlaceholder(len(blocks)))
		blocks = append(blocks, part[start:]+"</pre>")
	}
	b.WriteString(last)
	return b.String(), blocks
}

func prePlaceholder(i int) string {
	return "<pre wp-pre-tag-" + strconv.Itoa(i) + "></pre>"
}

func restorePre(text string, blocks []string) string {
	if len(blocks) == 0 {
		return text
	}
	pairs := make([]string, 0, 2*len(blocks))
	for i, block := range blocks {
		pairs = append(pairs, prePlaceholder(i), block)
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// newlinesToBr turns each newline not already preceded by <br /> into
// "<br />\n", folding the whitespace before it, like wpautop's
// `(?<!<br />)\s*\n` replacement.
func newlinesToBr(text string) string {
	const br = "<br />"
	if !strings.Contains(text, "\n") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	i := 0
	for i < len(text) {
		if !isSpace(text[i]) {
			b.WriteByte(text[i])
			i++
			continue
		}
		end := i
		lastNewline := -1
		for end < len(text) && isSpace(text[end]) {
			if text[end] == '\n' {
				lastNewline = end
			}
			end++
		}
		start := i
		if strings.HasSuffix(text[:i], br) {
			// The match cannot start right after <br />, only one
			// character later.
			b.WriteByte(text[i])
			start = i + 1
		}
		if lastNewline < start {
			b.WriteString(text[start:end])
		} else {
			b.WriteString(br)
			b.WriteByte('\n')
			b.WriteString(text[lastNewline+1 : end])
		}
		i = end
	}
	return b.String()
}

// replaceInTags replaces old with new inside tags and comments only,
// like wp_replace_in_html_tags.
func replaceInTags(text, old, new string) string {
	if !strings.Contains(text, old) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	forEachHTMLChunk(text, func(chunk string, isTag bool) {
		if isTag {
			b.WriteString(strings.ReplaceAll(chunk, old, new))
		} else {
			b.WriteString(chunk)
		}
	})
	return b.String()
}

// forEachHTMLChunk splits text into tags, comments and CDATA (isTag) and
// the text between them, as wp_html_split does: a tag runs to the next
// ">" and an unterminated one to the end of the text.
func forEachHTMLChunk(text string, fn func(chunk string, isTag bool)) {
	for len(text) > 0 {
		i := strings.IndexByte(text, '<')
		if i < 0 {
			fn(text, false)
			return
		}
		if i > 0 {
			fn(text[:i], false)
			text = text[i:]
		}
		n := tagLength(text)
		fn(text[:n], true)
		text = text[n:]
	}
}

// tagLength is the length of the tag, comment or CDATA section at the
// start of s, which begins with "<".
func tagLength(s string) int {
	terminator := ">"
	switch {
	case strings.HasPrefix(s, "<!--"):
		terminator = "-->"
		s2 := s[4:]
		if end := strings.Index(s2, terminator); end >= 0 {
			return 4 + end + len(terminator)
		}
		return len(s)
	case strings.HasPrefix(s, "<![CDATA["):
		terminator = "]]>"
	}
	if end := strings.Index(s[1:], terminator); end >= 0 {
		return 1 + end + len(terminator)
	}
	return len(s)
}
