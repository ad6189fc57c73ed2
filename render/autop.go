package render

import (
	"regexp"
	"strconv"
	"strings"
)

// newlinePlaceholder stands in for newlines inside tags and comments while
// paragraphs are built; wpautop uses the same marker.
const newlinePlaceholder = " <!-- wpnl --> "

// preservedNewline stands in for newlines inside script, style and svg,
// which must not become <br />.
const preservedNewline = "<WPPreserveNewline />"

// autop holds the regular expressions of wpautop's rarer steps, compiled
// once; the steps every post goes through are hand-written scanners in
// scan.go, checked against the regular expressions they replaced by the
// differential tests in autop_diff_test.go.
type autop struct {
	optionBefore    *regexp.Regexp
	optionAfter     *regexp.Regexp
	objectOpen      *regexp.Regexp
	objectClose     *regexp.Regexp
	paramEmbed      *regexp.Regexp
	mediaOpen       *regexp.Regexp
	mediaClose      *regexp.Regexp
	sourceTrack     *regexp.Regexp
	figcaptionOpen  *regexp.Regexp
	figcaptionClose *regexp.Regexp
}

func newAutop() *autop {
	return &autop{
		optionBefore:    regexp.MustCompile(`\s*<option`),
		optionAfter:     regexp.MustCompile(`</option>\s*`),
		objectOpen:      regexp.MustCompile(`(<object[^>]*>)\s*`),
		objectClose:     regexp.MustCompile(`\s*</object>`),
		paramEmbed:      regexp.MustCompile(`\s*(</?(?:param|embed)[^>]*>)\s*`),
		mediaOpen:       regexp.MustCompile(`([<\[](?:audio|video)[^>\]]*[>\]])\s*`),
		mediaClose:      regexp.MustCompile(`\s*([<\[]/(?:audio|video)[>\]])`),
		sourceTrack:     regexp.MustCompile(`\s*(<(?:source|track)[^>]*>)\s*`),
		figcaptionOpen:  regexp.MustCompile(`\s*(<figcaption[^>]*>)`),
		figcaptionClose: regexp.MustCompile(`</figcaption>\s*`),
	}
}

// apply is wpautop with $br = true: blank lines become paragraphs and
// single newlines <br />, around block-level elements and never inside
// <pre>, tags or comments. Each step names the pattern WordPress uses.
func (a *autop) apply(text string) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	text += "\n"

	text, preBlocks := hidePre(text)

	text = replaceDoubleBr(text)   // <br\s*/?>\s*<br\s*/?> → \n\n
	text = spaceAroundBlocks(text) // blank lines around block tags
	text = breakAfterHr(text)      // (<hr\s*?/?>) → $1\n\n
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = replaceInTags(text, "\n", newlinePlaceholder)

	if containsAny(text, "<option", "</object>", "<source", "<track", "<figcaption") {
		text = a.rareSteps(text)
	}
	text = collapseNewlines(text) // \n\n+ → \n\n

	text = wrapParagraphs(text) // split on \n\s*\n, each part in <p>

	text = dropEmptyParagraphs(text)     // <p>\s*</p> → ""
	text = closeUnclosedParagraphs(text) // <p>([^<]+)</(div|address|form)> → <p>$1</p></$2>
	text = unwrapBlockTags(text, "<p>", "</p>")
	text = unwrapListItems(text)     // <p>(<li.+?)</p> → $1
	text = moveQuoteParagraphs(text) // (?i)<p><blockquote([^>]*)> → <blockquote$1><p>
	text = strings.ReplaceAll(text, "</blockquote></p>", "</p></blockquote>")
	text = unwrapBlockTags(text, "<p>", "")
	text = unwrapBlockTags(text, "", "</p>")

	// (?s)<script.*?</script>, and the same for style and svg: newlines
	// inside are kept.
	if containsAny(text, "<script", "<style", "<svg") {
		for _, e := range rawTextElements {
			text = preserveNewlines(text, e.open, e.close)
		}
	}
	text = normalizeBr(text) // <br> and <br/> → <br />
	text = newlinesToBr(text)
	text = strings.ReplaceAll(text, preservedNewline, "\n")

	text = unwrapBlockTags(text, "", "<br />")
	text = dropBrBeforeBlockTags(text) // <br />(\s*</?(?:p|li|div|…)[^>]*>) → $1
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

// rareSteps are wpautop's steps for options, objects, media sources and
// figure captions, by regular expression.
func (a *autop) rareSteps(text string) string {
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
	return text
}

// hidePre swaps every <pre>…</pre> for a placeholder so that autop leaves
// it untouched, splitting on </pre> as wpautop does: each piece before a
// </pre> that holds "<pre" gives a block from there to the </pre>, and a
// piece without one just loses its </pre>.
func hidePre(text string) (string, []string) {
	if !strings.Contains(text, "<pre") {
		return text, nil
	}
	var b strings.Builder
	b.Grow(len(text))
	var blocks []string
	var num [20]byte
	rest := text
	for {
		end := strings.Index(rest, "</pre>")
		if end < 0 {
			break
		}
		part := rest[:end]
		if start := strings.Index(part, "<pre"); start < 0 {
			// A stray </pre> is dropped, as in wpautop.
			b.WriteString(part)
		} else {
			b.WriteString(part[:start])
			b.WriteString(prePlaceholderStart)
			b.Write(strconv.AppendInt(num[:0], int64(len(blocks)), 10))
			b.WriteString(prePlaceholderEnd)
			blocks = append(blocks, rest[start:end+len("</pre>")])
		}
		rest = rest[end+len("</pre>"):]
	}
	b.WriteString(rest)
	return b.String(), blocks
}

const (
	prePlaceholderStart = "<pre wp-pre-tag-"
	prePlaceholderEnd   = "></pre>"
)

// restorePre puts the blocks back in place of their placeholders.
func restorePre(text string, blocks []string) string {
	if len(blocks) == 0 {
		return text
	}
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.Index(text[pos:], prePlaceholderStart)
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 1
		d := start + len(prePlaceholderStart)
		e := d
		for e < len(text) && text[e] >= '0' && text[e] <= '9' {
			e++
		}
		if e == d || e-d > 1 && text[d] == '0' || !strings.HasPrefix(text[e:], prePlaceholderEnd) {
			continue
		}
		i, err := strconv.Atoi(text[d:e])
		if err != nil || i >= len(blocks) {
			continue
		}
		end := e + len(prePlaceholderEnd)
		sp.cut(start, end)
		sp.b.WriteString(blocks[i])
		pos = end
	}
	return sp.String()
}

// newlinesToBr turns each newline not already preceded by <br /> into
// "<br />\n", folding the whitespace before it, like wpautop's
// `(?<!<br />)\s*\n` replacement: in each run of whitespace holding a
// newline, everything up to the last newline becomes "<br />\n", except
// that a run right after "<br />" keeps its first character.
func newlinesToBr(text string) string {
	const br = "<br />"
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.IndexByte(text[pos:], '\n')
		if k < 0 {
			break
		}
		// The run of whitespace around this newline; runs before pos
		// are done.
		i := pos + k
		for i > pos && isSpace(text[i-1]) {
			i--
		}
		end := pos + k + 1
		lastNewline := pos + k
		for end < len(text) && isSpace(text[end]) {
			if text[end] == '\n' {
				lastNewline = end
			}
			end++
		}
		pos = end
		start := i
		if strings.HasSuffix(text[:i], br) {
			// The match cannot start right after <br />, only one
			// character later.
			start = i + 1
		}
		if lastNewline < start {
			continue
		}
		sp.cut(start, lastNewline+1)
		sp.b.WriteString(br)
		sp.b.WriteByte('\n')
	}
	return sp.String()
}

// replaceInTags replaces old with new inside tags and comments only,
// like wp_replace_in_html_tags.
func replaceInTags(text, old, new string) string {
	if !strings.Contains(text, old) {
		return text
	}
	sp := splicer{src: text}
	for pos := 0; pos < len(text); {
		i := strings.IndexByte(text[pos:], '<')
		if i < 0 {
			break
		}
		start := pos + i
		end := start + tagLength(text[start:])
		tag := text[start:end]
		for j := 0; ; {
			k := strings.Index(tag[j:], old)
			if k < 0 {
				break
			}
			sp.cut(start+j+k, start+j+k+len(old))
			sp.b.WriteString(new)
			j += k + len(old)
		}
		pos = end
	}
	return sp.String()
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
