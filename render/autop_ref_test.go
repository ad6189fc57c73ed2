package render

// The regular-expression implementation of wpautop and autoembed that the
// hand-written scanners replaced, kept as the reference for the
// differential tests in autop_diff_test.go.

import (
	"regexp"
	"strconv"
	"strings"
)

// refAllBlocks is wpautop's list of block-level elements as a pattern.
const refAllBlocks = `(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)`

// refAutop holds wpautop's regular expressions, compiled once.
type refAutop struct {
	doubleBr          *regexp.Regexp
	blockOpen         *regexp.Regexp
	blockClose        *regexp.Regexp
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
	wrappedBlockTag   *regexp.Regexp
	wrappedListItem   *regexp.Regexp
	wrappedQuote      *regexp.Regexp
	pBeforeBlockTag   *regexp.Regexp
	pAfterBlockTag    *regexp.Regexp
	rawTextElements   []*regexp.Regexp
	brAfterBlockTag   *regexp.Regexp
	brBeforeBlockTag  *regexp.Regexp
}

func newRefAutop() *refAutop {
	return &refAutop{
		doubleBr:          regexp.MustCompile(`<br\s*/?>\s*<br\s*/?>`),
		blockOpen:         regexp.MustCompile(`(<` + refAllBlocks + `[\s\v/>])`), // \v as in PCRE; the scanner follows PCRE
		blockClose:        regexp.MustCompile(`(</` + refAllBlocks + `>)`),
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
		wrappedBlockTag:   regexp.MustCompile(`<p>\s*(</?` + refAllBlocks + `[^>]*>)\s*</p>`),
		wrappedListItem:   regexp.MustCompile(`<p>(<li.+?)</p>`),
		wrappedQuote:      regexp.MustCompile(`(?i)<p><blockquote([^>]*)>`),
		pBeforeBlockTag:   regexp.MustCompile(`<p>\s*(</?` + refAllBlocks + `[^>]*>)`),
		pAfterBlockTag:    regexp.MustCompile(`(</?` + refAllBlocks + `[^>]*>)\s*</p>`),
		rawTextElements: []*regexp.Regexp{
			regexp.MustCompile(`(?s)<script.*?</script>`),
			regexp.MustCompile(`(?s)<style.*?</style>`),
			regexp.MustCompile(`(?s)<svg.*?</svg>`),
		},
		brAfterBlockTag:  regexp.MustCompile(`(</?` + refAllBlocks + `[^>]*>)\s*<br />`),
		brBeforeBlockTag: regexp.MustCompile(`<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)`),
	}
}

// apply is the reference wpautop with $br = true: blank lines become paragraphs and
// single newlines <br />, around block-level elements and never inside
// <pre>, tags or comments.
func (a *refAutop) apply(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	text += "\n"

	text, preBlocks := refHidePre(text)

	text = a.doubleBr.ReplaceAllString(text, "\n\n")
	text = a.blockOpen.ReplaceAllString(text, "\n\n$1")
	text = a.blockClose.ReplaceAllString(text, "$1\n\n")
	text = a.hr.ReplaceAllString(text, "$1\n\n")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = refReplaceInTags(text, "\n", newlinePlaceholder)

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
	text = a.wrappedBlockTag.ReplaceAllString(text, "$1")
	text = a.wrappedListItem.ReplaceAllString(text, "$1")
	text = a.wrappedQuote.ReplaceAllString(text, "<blockquote$1><p>")
	text = strings.ReplaceAll(text, "</blockquote></p>", "</p></blockquote>")
	text = a.pBeforeBlockTag.ReplaceAllString(text, "$1")
	text = a.pAfterBlockTag.ReplaceAllString(text, "$1")

	for _, re := range a.rawTextElements {
		text = re.ReplaceAllStringFunc(text, func(m string) string {
			return strings.ReplaceAll(m, "\n", preservedNewline)
		})
	}
	text = strings.ReplaceAll(text, "<br>", "<br />")
	text = strings.ReplaceAll(text, "<br/>", "<br />")
	text = refNewlinesToBr(text)
	text = strings.ReplaceAll(text, preservedNewline, "\n")

	text = a.brAfterBlockTag.ReplaceAllString(text, "$1")
	text = a.brBeforeBlockTag.ReplaceAllString(text, "$1")
	if strings.HasSuffix(text, "\n</p>") {
		text = text[:len(text)-len("\n</p>")] + "</p>"
	}

	text = refRestorePre(text, preBlocks)
	if strings.Contains(text, "<!-- wpnl -->") {
		text = strings.ReplaceAll(text, newlinePlaceholder, "\n")
		text = strings.ReplaceAll(text, "<!-- wpnl -->", "\n")
	}
	return text
}

var refURLOnOwnLine = regexp.MustCompile(`(?im)^(\s*)(https?://[^\s<>"]+)(\s*)$`)

// refAutoembed is autoembed by regular expression.
func refAutoembed(t *renderTables, text string) string {
	if !strings.Contains(text, "http") {
		return text
	}
	text = refReplaceInTags(text, "\n", "<!-- wp-line-break -->")
	text = refURLOnOwnLine.ReplaceAllStringFunc(text, func(m string) string {
		sub := refURLOnOwnLine.FindStringSubmatch(m)
		if !t.isOEmbedURL(sub[2]) {
			return m
		}
		return sub[1] + link(sub[2]) + sub[3]
	})
	return strings.ReplaceAll(text, "<!-- wp-line-break -->", "\n")
}

// refHidePre swaps every <pre>…</pre> for a placeholder so that autop leaves
// it untouched, splitting on </pre> as wpautop does.
func refHidePre(text string) (string, []string) {
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
		b.WriteString(refPrePlaceholder(len(blocks)))
		blocks = append(blocks, part[start:]+"</pre>")
	}
	b.WriteString(last)
	return b.String(), blocks
}

func refPrePlaceholder(i int) string {
	return "<pre wp-pre-tag-" + strconv.Itoa(i) + "></pre>"
}

func refRestorePre(text string, blocks []string) string {
	if len(blocks) == 0 {
		return text
	}
	pairs := make([]string, 0, 2*len(blocks))
	for i, block := range blocks {
		pairs = append(pairs, refPrePlaceholder(i), block)
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// refNewlinesToBr turns each newline not already preceded by <br /> into
// "<br />\n", folding the whitespace before it, like wpautop's
// `(?<!<br />)\s*\n` replacement.
func refNewlinesToBr(text string) string {
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

// refReplaceInTags replaces old with new inside tags and comments only,
// like wp_replace_in_html_tags.
func refReplaceInTags(text, old, new string) string {
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
