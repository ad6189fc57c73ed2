package render

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Attachment is what a [gallery] or [playlist] needs to know about one
// attachment post.
type Attachment struct {
	URL     string // the file's URL
	Title   string
	Caption string
}

// Renderer turns raw post content into HTML. The zero value works; a
// Renderer is safe for concurrent use if its Attachments function is.
type Renderer struct {
	// Attachments resolves an attachment post ID for [gallery] and
	// [playlist]. When nil, or when it reports false, those shortcodes
	// render a short placeholder.
	Attachments func(id int64) (Attachment, bool)
}

// HTML renders raw content with a zero Renderer.
func HTML(raw string) string {
	var r Renderer
	return r.HTML(raw)
}

// HTML turns post_content as WordPress stores it into the HTML WordPress
// would show (see the package comment for what is reproduced). Invalid
// UTF-8 is replaced, never passed on.
func (r Renderer) HTML(raw string) string {
	t := tables()
	text := validUTF8(raw)
	text = dropMarkers(text)
	blocks := hasBlocks(text)
	if blocks {
		text = stripBlockComments(text)
	}
	text = t.autoembed(text)
	text = Texturize(text)
	if !blocks {
		text = t.autop.apply(text)
	}
	text = unautopShortcodes(text, isHandledShortcode)
	text = r.doShortcodes(text, 0)
	return convertSmilies(text)
}

// maxShortcodeDepth bounds recursion into nested shortcode content so
// hostile input cannot exhaust the stack.
const maxShortcodeDepth = 8

func isHandledShortcode(name string) bool {
	switch name {
	case "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist":
		return true
	}
	return false
}

func (r Renderer) doShortcodes(text string, depth int) string {
	if depth > maxShortcodeDepth {
		return text
	}
	return replaceShortcodes(text, isHandledShortcode, func(sc shortcode) string {
		switch sc.name {
		case "caption", "wp_caption":
			return r.caption(sc, depth)
		case "gallery":
			return r.gallery(sc)
		case "playlist":
			return r.playlist(sc)
		case "embed":
			return embedLink(sc)
		case "audio":
			return media("audio", sc, []string{"src", "mp3", "m4a", "ogg", "wav", "wma", "flac"})
		default:
			return media("video", sc, []string{"src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"})
		}
	})
}

// caption renders [caption] as img_caption_shortcode does in HTML5 mode:
// a figure with a figcaption, the caption coming from the attribute or
// from the text after the image.
func (r Renderer) caption(sc shortcode, depth int) string {
	content := sc.content
	text := sc.attrs["caption"]
	if text == "" {
		if loc := tables().captionImage.FindStringSubmatchIndex(content); loc != nil {
			text = strings.TrimSpace(content[loc[3]:])
			content = content[:loc[3]]
		}
	}
	content = r.doShortcodes(content, depth+1)
	width, _ := strconv.Atoi(sc.attrs["width"])
	if width < 1 || text == "" {
		return content
	}
	var b strings.Builder
	b.WriteString("<figure")
	id := sc.attrs["id"]
	if id != "" {
		b.WriteString(` id="` + html.EscapeString(id) + `" aria-describedby="caption-` + html.EscapeString(id) + `"`)
	}
	align := sc.attrs["align"]
	if align == "" {
		align = "alignnone"
	}
	class := strings.TrimSpace("wp-caption " + align + " " + sc.attrs["class"])
	b.WriteString(` class="` + html.EscapeString(class) + `">`)
	b.WriteString(content)
	b.WriteString("<figcaption")
	if id != "" {
		b.WriteString(` id="caption-` + html.EscapeString(id) + `"`)
	}
	b.WriteString(` class="wp-caption-text">`)
	b.WriteString(text)
	b.WriteString("</figcaption></figure>")
	return b.String()
}

// attachmentIDs reads the ids (or include) attribute of [gallery] and
// [playlist].
func attachmentIDs(sc shortcode) []int64 {
	list := sc.attrs["ids"]
	if list == "" {
		list = sc.attrs["include"]
	}
	var ids []int64
	for _, field := range strings.Split(list, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(field), 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// resolve returns the attachments of ids that the resolver knows.
func (r Renderer) resolve(ids []int64) []Attachment {
	if r.Attachments == nil {
		return nil
	}
	var found []Attachment
	for _, id := range ids {
		if a, ok := r.Attachments(id); ok && safeURL(a.URL) {
			found = append(found, a)
		}
	}
	return found
}

func (r Renderer) gallery(sc shortcode) string {
	ids := attachmentIDs(sc)
	items := r.resolve(ids)
	if len(items) == 0 {
		return placeholder("gallery", "Gallery", len(ids))
	}
	columns, err := strconv.Atoi(sc.attrs["columns"])
	if err != nil || columns < 1 || columns > 9 {
		columns = 3
	}
	var b strings.Builder
	b.WriteString(`<div class="gallery gallery-columns-` + strconv.Itoa(columns) + `">`)
	for _, item := range items {
		url := html.EscapeString(item.URL)
		b.WriteString(`<figure class="gallery-item"><a href="` + url + `"><img src="` + url + `" alt="` + html.EscapeString(item.Title) + `"></a>`)
		if item.Caption != "" {
			b.WriteString(`<figcaption class="wp-caption-text gallery-caption">` + html.EscapeString(item.Caption) + `</figcaption>`)
		}
		b.WriteString("</figure>")
	}
	b.WriteString("</div>")
	return b.String()
}

func (r Renderer) playlist(sc shortcode) string {
	ids := attachmentIDs(sc)
	items := r.resolve(ids)
	if len(items) == 0 {
		return placeholder("wp-playlist", "Playlist", len(ids))
	}
	var b strings.Builder
	b.WriteString(`<ol class="wp-playlist">`)
	for _, item := range items {
		title := item.Title
		if title == "" {
			title = item.URL
		}
		b.WriteString(`<li><a href="` + html.EscapeString(item.URL) + `">` + html.EscapeString(title) + `</a></li>`)
	}
	b.WriteString("</ol>")
	return b.String()
}

// placeholder stands in for media whose files are unknown.
func placeholder(class, label string, count int) string {
	if count > 0 {
		label += " (" + strconv.Itoa(count) + " items)"
	}
	return `<div class="` + class + ` parc-placeholder">` + label + `</div>`
}

// embedLink renders [embed]URL[/embed] as a link: parc fetches no
// oEmbed HTML.
func embedLink(sc shortcode) string {
	url := strings.TrimSpace(sc.content)
	if url == "" {
		url = sc.attrs["src"]
	}
	if !safeURL(url) {
		return html.EscapeString(url)
	}
	return link(url)
}

func link(url string) string {
	escaped := html.EscapeString(url)
	return `<a href="` + escaped + `">` + escaped + `</a>`
}

// media renders [audio] or [video] as a plain element with one <source>
// per http(s) file attribute and a link per file as fallback. The
// shortcode's own content is dropped, as WordPress does.
func media(element string, sc shortcode, fileAttrs []string) string {
	var urls []string
	for _, name := range fileAttrs {
		if url := strings.TrimSpace(sc.attrs[name]); safeURL(url) {
			urls = append(urls, url)
		}
	}
	if len(urls) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<" + element + ` controls preload="none"`)
	if element == "video" {
		for _, name := range []string{"width", "height"} {
			if n, err := strconv.Atoi(sc.attrs[name]); err == nil && n > 0 {
				b.WriteString(" " + name + `="` + strconv.Itoa(n) + `"`)
			}
		}
		if poster := sc.attrs["poster"]; safeURL(poster) {
			b.WriteString(` poster="` + html.EscapeString(poster) + `"`)
		}
	}
	b.WriteString(">")
	for _, url := range urls {
		b.WriteString(`<source src="` + html.EscapeString(url) + `">`)
	}
	for _, url := range urls {
		b.WriteString(link(url))
	}
	b.WriteString("</" + element + ">")
	return b.String()
}

// safeURL accepts absolute http(s) URLs and relative ones, the only kinds
// parc writes into attributes itself.
func safeURL(url string) bool {
	if url == "" || strings.ContainsAny(url, "\"'<>\x00") {
		return false
	}
	lower := strings.ToLower(url)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		return true
	}
	colon := strings.IndexByte(url, ':')
	return colon < 0 || strings.IndexAny(url[:colon], "/?#") >= 0
}

// autoembed links a bare URL of a known oEmbed provider standing on its
// own line, as WP_Embed::autoembed does for providers it can embed. URLs of
// other sites stay text, as in WordPress.
//
// WordPress hides newlines inside tags and then replaces
// `(?im)^(\s*)(https?://[^\s<>"]+)(\s*)$`. A line that matches holds no
// tag, so it lies within one stretch of text between tags, bounded by
// newlines of that stretch or by the ends of the content; autoembed looks
// only at those lines. Like WordPress, it turns a literal
// "<!-- wp-line-break -->" into a newline.
func (t *renderTables) autoembed(text string) string {
	if !strings.Contains(text, "http") {
		return text
	}
	sp := splicer{src: text}
	for pos := 0; pos < len(text); {
		// The stretch of text [pos, end) up to the next tag.
		end := len(text)
		if k := strings.IndexByte(text[pos:], '<'); k >= 0 {
			end = pos + k
		}
		for lineStart := pos; lineStart < end; {
			lineEnd := end
			if k := strings.IndexByte(text[lineStart:end], '\n'); k >= 0 {
				lineEnd = lineStart + k
			}
			// A line is bounded by newlines or the content's ends, not
			// by a tag.
			if (lineStart > pos || pos == 0) && (lineEnd < end || end == len(text)) {
				if s, e, ok := bareURL(text, lineStart, lineEnd); ok && t.isOEmbedURL(text[s:e]) {
					sp.cut(s, e)
					sp.b.WriteString(link(text[s:e]))
				}
			}
			lineStart = lineEnd + 1
		}
		if end == len(text) {
			break
		}
		pos = end + tagLength(text[end:])
	}
	text = sp.String()
	if strings.Contains(text, "<!-- wp-line-break -->") {
		text = strings.ReplaceAll(text, "<!-- wp-line-break -->", "\n")
	}
	return text
}

// bareURL reports whether text[start:end], a line without tags, is
// `\s*(https?://[^\s<>"]+)\s*` under (?i), and where the URL is.
func bareURL(text string, start, end int) (int, int, bool) {
	for start < end && isSpace(text[start]) {
		start++
	}
	for end > start && isSpace(text[end-1]) {
		end--
	}
	n := foldedPrefix(text[start:end], "http")
	if n < 0 {
		return 0, 0, false
	}
	if m := foldedPrefix(text[start+n:end], "s"); m > 0 {
		n += m
	}
	if !strings.HasPrefix(text[start+n:end], "://") || start+n+3 == end {
		return 0, 0, false
	}
	for i := start + n + 3; i < end; i++ {
		switch text[i] {
		case ' ', '\t', '\n', '\r', '\f', '<', '>', '"':
			return 0, 0, false
		}
	}
	return start, end, true
}

func (t *renderTables) isOEmbedURL(url string) bool {
	host := strings.ToLower(url[strings.Index(url, "://")+3:])
	if end := strings.IndexAny(host, "/?#:"); end >= 0 {
		host = host[:end]
	}
	for {
		if t.oembedHosts[host] {
			return true
		}
		dot := strings.IndexByte(host, '.')
		if dot < 0 {
			return false
		}
		host = host[dot+1:]
	}
}

// renderTables are the immutable tables HTML uses, built once.
type renderTables struct {
	autop        *autop
	captionImage *regexp.Regexp
	oembedHosts  map[string]bool
}

var tables = sync.OnceValue(func() *renderTables {
	hosts := map[string]bool{}
	for _, h := range strings.Fields(`youtube.com youtu.be vimeo.com twitter.com x.com
		flickr.com flic.kr soundcloud.com instagram.com tiktok.com dailymotion.com dai.ly
		spotify.com wordpress.tv videopress.com slideshare.net reddit.com tumblr.com
		imgur.com ted.com scribd.com issuu.com mixcloud.com kickstarter.com kck.st
		speakerdeck.com animoto.com cloudup.com smugmug.com screencast.com
		reverbnation.com amazon.com pinterest.com wolframcloud.com crowdsignal.net
		polldaddy.com facebook.com`) {
		hosts[h] = true
	}
	return &renderTables{
		autop:        newAutop(),
		captionImage: regexp.MustCompile(`(?is)((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)`),
		oembedHosts:  hosts,
	}
})
