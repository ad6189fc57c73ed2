package render

import "strings"

// The archive may keep a piece of content (a post's content or excerpt, a
// comment's text) in two forms: raw, as WordPress stores it, and rendered,
// the HTML WordPress served. Every reader of the archive (the site, parc
// show, the search index and its snippets, exports) shows the form Shown
// picks, so that what is found is what is read.

// Shown returns the HTML readers see of content kept as raw and rendered:
// the raw content, rendered by r as the post's own page shows it (see
// Single), whenever the archive has any; otherwise the rendered copy as it
// is.
//
// Raw wins because it is what the most authoritative source, an export,
// carried byte for byte. Merging only lets lesser sources fill gaps, so a
// rendered copy beside raw content may well come from a feed or a scraped
// page of another time, or be cut short as feeds do.
func (r Renderer) Shown(raw, rendered string) string {
	if raw == "" {
		return rendered
	}
	return r.HTML(Single(raw))
}

// ShownPages is Shown split at <!--nextpage-->: the HTML of each page of
// the post's own view. A rendered copy, whose page markers WordPress
// dropped, is one page.
func (r Renderer) ShownPages(raw, rendered string) []string {
	if raw == "" {
		return []string{rendered}
	}
	pages := Pages(Single(raw))
	for i, page := range pages {
		pages[i] = r.HTML(page)
	}
	return pages
}

// ShownTeaser is what listings show of content, by Shown's rule: the HTML
// of the part before <!--more--> and whether there is more. A rendered
// copy has no marker left and is shown whole.
func (r Renderer) ShownTeaser(raw, rendered string) (teaser string, hasMore bool) {
	if raw == "" {
		return rendered, false
	}
	teaser, hasMore = Teaser(Pages(raw)[0])
	return r.HTML(teaser), hasMore
}

// Shown is Renderer.Shown with a zero Renderer: for post content shown
// where attachments are not resolved. Comments have their own rule,
// ShownComment.
func Shown(raw, rendered string) string {
	var r Renderer
	return r.Shown(raw, rendered)
}

// ShownTitle is the plain text readers see of a title, and of the
// blog's name, a term's name or a commenter's: texturized, as WordPress
// prints them, without markup.
func ShownTitle(title string) string {
	return Text(Texturize(title))
}

// ShownText is the plain text of what Shown shows, for the search index
// and its snippets.
func ShownText(raw, rendered string) string {
	return Text(Shown(raw, rendered))
}

// excerptWords is how many words of a post's content its excerpt shows
// when the post has no excerpt of its own: WordPress's excerpt_length.
const excerptWords = 55

// ShownExcerpt is the plain text of the excerpt WordPress shows of a
// post (get_the_excerpt): the excerpt written for it, or else the first
// 55 words of its text followed by " […]" when there are more. The
// content's dynamic blocks and shortcodes give no words to it.
func ShownExcerpt(raw, rendered, excerptRaw, excerptRendered string) string {
	if excerptRaw != "" || excerptRendered != "" {
		return ShownText(excerptRaw, excerptRendered)
	}
	return trimWords(ShownText(raw, rendered), excerptWords, " […]")
}

// trimWords keeps the first n words of text, followed by more when some
// were cut, as wp_trim_words does.
func trimWords(text string, n int, more string) string {
	words := strings.Fields(text)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + more
}
