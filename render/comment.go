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
		url: regexp.MustCompile(`(^|[\s(.,;:!?])((?i:https?|ftps?)://(?:` + urlChar + `)+(?:['.,;:!?)](?:` + urlChar + `)+)*\)?)`),
		www: regexp.MustCompile(`(^|[\s])((?i:www|ftp)\.[\w#$%&~/.\-;:=,?@\[\]+]+)`),
		email: regexp.MustCompile(
			`(^|[\s])([.0-9A-Za-z_+-]+@(?:[0-9A-Za-z-]+\.)+[0-9A-Za-z]{2,})`),
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
			chunk = p.url.ReplaceAllStringFunc(chunk, p.linkURL)
			chunk = p.www.ReplaceAllStringFunc(chunk, p.linkWWW)
			chunk = p.email.ReplaceAllStringFunc(chunk, p.linkEmail)
		}
		b.WriteString(chunk)
	})
	return b.String()
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

func (p *clickable) linkURL(m string) string {
	sub := p.url.FindStringSubmatch(m)
	lead, url := sub[1], sub[2]
	suffix := ""
	// Parentheses belong to the URL only in pairs: "(see http://e.org/x)"
	// leaves the closing one outside, "http://e.org/a_(b)" keeps it.
	for strings.Count(url, "(") < strings.Count(url, ")") {
		i := strings.LastIndexByte(url, ')')
		suffix = url[i:] + suffix
		url = url[:i]
	}
	return lead + clickableLink(url, url) + suffix
}

func (p *clickable) linkWWW(m string) string {
	sub := p.www.FindStringSubmatch(m)
	lead, dest := sub[1], sub[2]
	trimmed := strings.TrimRight(dest, ".,;:)")
	return lead + clickableLink("http://"+trimmed, trimmed) + dest[len(trimmed):]
}

func (p *clickable) linkEmail(m string) string {
	sub := p.email.FindStringSubmatch(m)
	return sub[1] + `<a href="mailto:` + html.EscapeString(sub[2]) + `">` + sub[2] + `</a>`
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
