package render

import (
	"regexp"
	"strings"
)

const (
	nextPageMarker = "<!--nextpage-->"
	noTeaserMarker = "<!--noteaser-->"
)

// moreMarker matches <!--more--> with its optional custom link text, as
// get_the_content does.
var moreMarker = regexp.MustCompile(`<!--more(.*?)?-->`)

// Pages splits raw post content into the pages WordPress shows for
// <!--nextpage-->. Content without the marker is one page. Newlines
// hugging the marker are dropped, as setup_postdata does.
func Pages(raw string) []string {
	if !strings.Contains(raw, nextPageMarker) {
		return []string{raw}
	}
	raw = strings.ReplaceAll(raw, "\n"+nextPageMarker+"\n", nextPageMarker)
	raw = strings.ReplaceAll(raw, "\n"+nextPageMarker, nextPageMarker)
	raw = strings.ReplaceAll(raw, nextPageMarker+"\n", nextPageMarker)
	raw = strings.TrimPrefix(raw, nextPageMarker)
	return strings.Split(raw, nextPageMarker)
}

// Teaser returns the part of raw content before <!--more-->, which
// WordPress shows on index pages with a "more" link, and whether the
// marker was present. Without it, teaser is the whole content.
func Teaser(raw string) (teaser string, hasMore bool) {
	loc := moreMarker.FindStringIndex(raw)
	if loc == nil {
		return raw, false
	}
	return strings.ReplaceAll(raw[:loc[0]], noTeaserMarker, ""), true
}

// Single returns the raw content WordPress shows on the post's own page:
// all of it, except that <!--noteaser--> together with <!--more--> hides
// the part before <!--more-->.
func Single(raw string) string {
	if !strings.Contains(raw, noTeaserMarker) {
		return raw
	}
	loc := moreMarker.FindStringIndex(raw)
	if loc == nil {
		return strings.ReplaceAll(raw, noTeaserMarker, "")
	}
	return strings.ReplaceAll(raw[loc[1]:], noTeaserMarker, "")
}

// dropMarkers removes the more, noteaser and nextpage markers, which
// render as nothing in a full view.
func dropMarkers(s string) string {
	if !strings.Contains(s, "<!--") {
		return s
	}
	s = moreMarker.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, noTeaserMarker, "")
	return strings.ReplaceAll(s, nextPageMarker, "")
}

// hasBlocks reports whether content holds Gutenberg blocks, by the same
// test as WordPress's has_blocks.
func hasBlocks(s string) bool {
	return strings.Contains(s, "<!-- wp:")
}

// stripBlockComments removes block delimiters (<!-- wp:name {...} -->,
// <!-- /wp:name -->, <!-- wp:name /-->) and keeps everything else.
func stripBlockComments(s string) string {
	var b strings.Builder
	rest := s
	stripped := false // b.Len() cannot tell: content of delimiters alone strips to ""
	for {
		i := strings.Index(rest, "<!--")
		if i < 0 {
			break
		}
		end, ok := blockCommentEnd(rest[i:])
		if !ok {
			b.WriteString(rest[:i+4])
			rest = rest[i+4:]
			continue
		}
		b.WriteString(rest[:i])
		rest = rest[i+end:]
		stripped = true
	}
	if !stripped {
		return s
	}
	b.WriteString(rest)
	return b.String()
}

// blockCommentEnd returns the length of the block delimiter that s starts
// with. Block attributes are JSON in which WordPress escapes "--", so the
// first "-->" ends the delimiter.
func blockCommentEnd(s string) (int, bool) {
	p := 4
	n := p
	for n < len(s) && isSpace(s[n]) {
		n++
	}
	if n == p {
		return 0, false
	}
	if n < len(s) && s[n] == '/' {
		n++
	}
	if !strings.HasPrefix(s[n:], "wp:") {
		return 0, false
	}
	n += 3
	if n >= len(s) || s[n] < 'a' || s[n] > 'z' {
		return 0, false
	}
	end := strings.Index(s[n:], "-->")
	if end < 0 {
		return 0, false
	}
	end += n + 3
	// Swallow the newline after a delimiter so blocks do not leave blank
	// lines behind.
	if end < len(s) && s[end] == '\n' {
		end++
	}
	return end, true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
