package render

import (
	"html"
	"regexp"
	"strings"
	"sync"
)

// CommentHTML turns a comment's text as WordPress stores it into the HTML
// its comment_text filters show, in their order: make_clickable (bare
// URLs, www. addresses and email addresses become links), wptexturize,
// convert_smilies and wpautop. Comments get no shortcodes, blocks or
// embeds: WordPress runs none of them on comments. Unbalanced tags are
// left to the sanitizer's parser, which closes them as force_balance_tags
// does.
func CommentHTML(raw string) string {
	text := validUTF8(raw)
	text = makeClickable(text)
	text = Texturize(text)
	text = convertSmilies(text)
	return tables().autop.apply(text)
}

// clickable holds make_clickable's patterns, compiled once.
type clickable struct {
	url, www, email *regexp.Regexp
}

var clickablePatterns = sync.OnceValue(func() *clickable {
	// A URL's characters, as make_clickable takes them: punctuation
	// inside a URL counts only when more URL follows it, so that a URL
	// ending a sentence leaves its full stop outside.
	const urlChar = `[\w#%~/@\[\]*(+=&$-]|[^\x00-\x7f]`
	return &clickable{
		url:   regexp.MustCompile(`^(?i:https?|ftps?)://(?:` + urlChar + `)+(?:['.,;:!?)](?:` + urlChar + `)+)*\)?`),
		www:   regexp.MustCompile(`^(?:www|ftp)\.[\w#$%&~/.\-;:=,?@\[\]+]+`),
		email: regexp.MustCompile(`^[.0-9A-Za-z_+-]+@(?:[0-9A-Za-z-]+\.)+[0-9A-Za-z]{2,}$`),
	}
})

// makeClickable links the bare URLs, www. addresses and email addresses
// of text outside tags and outside a, pre, code, script, style and
// textarea elements, as WordPress's make_clickable does for comments.
func makeClickable(text string) string {
	if !strings.Contains(text, "://") && !strings.Contains(text, "www.") &&
		!strings.Contains(text, "ftp.") && !strings.Contains(text, "@") {
		return text
	}
	p := clickablePatterns()
	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	skipping := ""
	forEachHTMLChunk(text, func(chunk string, isTag bool) {
		switch {
		case isTag:
			closing := strings.HasPrefix(chunk, "</")
			name := strings.ToLower(tagName(strings.TrimPrefix(chunk[1:], "/")))
			switch {
			case skipping == "" && !closing && isUnlinkedElement(name):
				skipping = name
			case skipping != "" && closing && name == skipping:
				skipping = ""
			}
		case skipping == "":
			if strings.Contains(chunk, "://") {
				chunk = linkMatches(p.url, chunk, schemeStarts(chunk), isURLLead, linkURL)
			}
			if strings.Contains(chunk, "www.") || strings.Contains(chunk, "ftp.") {
				chunk = linkMatches(p.www, chunk, wwwStarts(chunk), isSpace, linkWWW)
			}
			if strings.Contains(chunk, "@") {
				chunk = p.linkEmails(chunk)
			}
		}
		b.WriteString(chunk)
	})
	return b.String()
}

// linkMatches replaces the matches of re, anchored at the candidate
// positions starts (in order), that begin text or follow a byte lead
// accepts, with link's HTML for them. Trying the pattern only where a
// URL can begin keeps long comments linear.
func linkMatches(re *regexp.Regexp, text string, starts []int, lead func(byte) bool, link func(string) string) string {
	sp := splicer{src: text}
	last := 0
	for _, start := range starts {
		if start < last || start > 0 && !lead(text[start-1]) {
			continue
		}
		m := re.FindStringIndex(text[start:])
		if m == nil {
			continue
		}
		last = start + m[1]
		sp.cut(start, last)
		sp.b.WriteString(link(text[start:last]))
	}
	return sp.String()
}

// schemeStarts are the positions where the letters before each "://" of
// text begin.
func schemeStarts(text string) []int {
	var starts []int
	for i := 0; ; {
		k := strings.Index(text[i:], "://")
		if k < 0 {
			return starts
		}
		start := i + k
		for start > 0 && (text[start-1]|0x20 >= 'a' && text[start-1]|0x20 <= 'z') {
			start--
		}
		starts = append(starts, start)
		i += k + 3
	}
}

// wwwStarts are the positions of "www." and "ftp." in text, in order.
func wwwStarts(text string) []int {
	var starts []int
	for i := 0; i+4 <= len(text); i++ {
		if text[i+3] == '.' && (text[i:i+3] == "www" || text[i:i+3] == "ftp") {
			starts = append(starts, i)
		}
	}
	return starts
}

func isURLLead(c byte) bool { return isSpace(c) || strings.IndexByte("(.,;:!?", c) >= 0 }

func isEmailLocal(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("._+-", c) >= 0
}

func isEmailDomain(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-'
}

// linkEmails links the email addresses of text that start it or follow
// a space: the run of address characters around each "@", without the
// dots and hyphens that end a sentence.
func (p *clickable) linkEmails(text string) string {
	sp := splicer{src: text}
	last := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '@' {
			continue
		}
		start := i
		for start > last && isEmailLocal(text[start-1]) {
			start--
		}
		end := i + 1
		for end < len(text) && isEmailDomain(text[end]) {
			end++
		}
		for end > i+1 && (text[end-1] == '.' || text[end-1] == '-') {
			end--
		}
		address := text[start:end]
		if start > 0 && !isSpace(text[start-1]) || !p.email.MatchString(address) {
			continue
		}
		sp.cut(start, end)
		sp.b.WriteString(`<a href="mailto:` + html.EscapeString(address) + `">` + address + `</a>`)
		last = end
		i = end - 1
	}
	return sp.String()
}

// isUnlinkedElement reports whether text inside the element keeps its
// URLs as typed: it is a link already, or code.
func isUnlinkedElement(name string) bool {
	switch name {
	case "a", "pre", "code", "script", "style", "textarea":
		return true
	}
	return false
}

func linkURL(url string) string {
	suffix := ""
	// Parentheses belong to the URL only in pairs: "(see http://e.org/x)"
	// leaves the closing one outside, "http://e.org/a_(b)" keeps it.
	for strings.Count(url, "(") < strings.Count(url, ")") {
		i := strings.LastIndexByte(url, ')')
		suffix = url[i:] + suffix
		url = url[:i]
	}
	return clickableLink(url, url) + suffix
}

func linkWWW(dest string) string {
	trimmed := strings.TrimRight(dest, ".,;:)")
	return clickableLink("http://"+trimmed, trimmed) + dest[len(trimmed):]
}

// clickableLink is the link make_clickable writes; text is already HTML.
func clickableLink(url, text string) string {
	return `<a href="` + strings.ReplaceAll(url, `"`, "%22") + `" rel="nofollow">` + text + `</a>`
}

// ShownComment is Shown for a comment's text: the raw text rendered by
// CommentHTML whenever the archive has it, otherwise the rendered copy.
func ShownComment(raw, rendered string) string {
	if raw == "" {
		return rendered
	}
	return CommentHTML(raw)
}

// ShownCommentText is the plain text of what ShownComment shows, for the
// search index and its snippets and for the terminal.
func ShownCommentText(raw, rendered string) string {
	return Text(ShownComment(raw, rendered))
}
