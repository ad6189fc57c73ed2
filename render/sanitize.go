package render

import (
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// Sanitizer makes post and comment HTML safe to serve. Build it once with
// NewSanitizer; it is safe for concurrent use.
type Sanitizer struct {
	post    *bluemonday.Policy
	comment *bluemonday.Policy
}

// NewSanitizer builds the post and comment policies.
//
// Both allow only http, https and mailto URLs (and relative ones), and no
// scripts, event handlers, style attributes, forms, objects or meta
// elements. Posts keep images, tables, figures, class attributes (for
// WordPress's alignment classes), <audio> and <video> with their sources,
// iframes only from YouTube and Vimeo players, and the rel="nofollow ugc"
// of the commenters' links their comments blocks show. Comments keep what a
// comment written by someone allowed unfiltered HTML showed: text
// formatting, headings, quotes, lists and definition lists, tables, rules,
// code and images, but no classes, media players or iframes; their links
// get rel="nofollow ugc".
func NewSanitizer() *Sanitizer {
	return &Sanitizer{post: newPostPolicy(), comment: newCommentPolicy()}
}

func newPostPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AddSpaceWhenStrippingTag(true)
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^[\w\s-]*$`)).Globally()
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).OnElements("a", "img", "abbr", "acronym")
	p.AllowAttrs("aria-describedby").Matching(bluemonday.SpaceSeparatedTokens).OnElements("figure")
	p.AllowAttrs("srcset").Matching(regexp.MustCompile(`^(?:https?://|/)[^"'<>]*$`)).OnElements("img")
	p.AllowAttrs("controls", "loop", "muted").Matching(regexp.MustCompile(`^(|controls|loop|muted)$`)).OnElements("audio", "video")
	p.AllowAttrs("preload").Matching(regexp.MustCompile(`^(none|metadata|auto)$`)).OnElements("audio", "video")
	p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("video", "iframe")
	p.AllowAttrs("poster").OnElements("video")
	p.AllowAttrs("src").OnElements("audio", "video", "source", "track")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^[\w.+-]+/[\w.+-]+$`)).OnElements("source")
	p.AllowAttrs("kind", "srclang", "label").Matching(bluemonday.Paragraph).OnElements("track")
	p.AllowElements("audio", "video", "kbd", "tt")
	p.AllowAttrs("src").Matching(regexp.MustCompile(
		`^https://(?:www\.youtube\.com/embed/|www\.youtube-nocookie\.com/embed/|player\.vimeo\.com/video/)[\w./?=&;%-]*$`,
	)).OnElements("iframe")
	p.AllowAttrs("allowfullscreen").Matching(regexp.MustCompile(`^(|allowfullscreen|true)$`)).OnElements("iframe")
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).OnElements("iframe")
	// The blog's own links are its author's, not user-generated content;
	// the commenters' links the comments block shows keep their mark.
	p.RequireNoFollowOnLinks(false)
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^(?:external )?nofollow ugc$`)).OnElements("a")
	return p
}

func newCommentPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AddSpaceWhenStrippingTag(true)
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).OnElements("a", "abbr", "acronym")
	p.AllowElements("kbd", "tt")
	p.RequireNoFollowOnLinks(true)
	return p
}

// SanitizePost makes rendered post or page HTML safe to serve.
func (s *Sanitizer) SanitizePost(fragment string) string {
	return sanitize(s.post, validUTF8(fragment))
}

// sanitize is p.Sanitize(fragment) writing into a buffer sized for the
// result once, rather than growing one and copying it into a string.
func sanitize(p *bluemonday.Policy, fragment string) string {
	if strings.TrimSpace(fragment) == "" {
		return fragment
	}
	var b strings.Builder
	b.Grow(len(fragment))
	if err := p.SanitizeReaderToWriter(strings.NewReader(fragment), &b); err != nil {
		return ""
	}
	return b.String()
}

// SanitizeComment makes comment HTML safe to serve, with the stricter
// comment policy. Links are marked as user-generated and not endorsed.
func (s *Sanitizer) SanitizeComment(fragment string) string {
	clean := sanitize(s.comment, validUTF8(fragment))
	// bluemonday adds exactly this attribute and drops any rel from the
	// input, and text cannot hold a raw quote, so this only touches links.
	return strings.ReplaceAll(clean, ` rel="nofollow"`, ` rel="nofollow ugc"`)
}
