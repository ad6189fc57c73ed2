package render

import (
	"cmp"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Attachment is what a [gallery] or [playlist] needs to know about one
// attachment post.
type Attachment struct {
	ID        int64
	URL       string // the file's URL
	Page      string // the attachment's own page, where galleries link by default
	Title     string
	Caption   string // HTML, as WordPress stores an attachment's excerpt
	Alt       string // its image's alternative text
	MenuOrder int64
}

// Renderer turns raw post content into HTML. The zero value works; a
// Renderer is safe for concurrent use if its Attachments function is.
type Renderer struct {
	// Attachments resolves an attachment post ID for [gallery] and
	// [playlist]. When nil, or when it reports false, those shortcodes
	// render a short placeholder.
	Attachments func(id int64) (Attachment, bool)
	// Attached lists the attachments whose parent is the post parent, for
	// [gallery] and [playlist] without ids, which show them. When nil
	// they render a placeholder.
	Attached func(parent int64) []Attachment
	// Post is the ID of the post being rendered.
	Post int64
	// Site renders the dynamic blocks (latest posts, archives...) from
	// the archive; when nil they render as nothing.
	Site SiteData
	// LoopPages is the page each query loop of the post shows, by the
	// loop's page key (query-0-page), as the address of the post's page
	// asks; the first page when absent. The caller bounds the numbers
	// it takes from an address, as it bounds its other pages.
	LoopPages map[string]int
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
		if r.Site != nil {
			site := &commentsOnce{SiteData: r.Site, read: map[int64]commentsRead{}}
			run := blockRun{site: site, pages: r.LoopPages, budget: maxLoopPosts, commentBudget: maxLoopComments}
			text = run.render(r.Post, text)
		}
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
			return r.media("audio", sc, AudioSources())
		default:
			return r.media("video", sc, VideoSources())
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

// attachments returns the items of a [gallery] or [playlist] as
// WordPress picks them: those listed in ids (or include), in that order;
// else the post's own attachments (or those of the post named by id) in
// menu order, less those in exclude; then sorted as orderby and order
// say, except that a random order stays the stored one.
func (r Renderer) attachments(sc shortcode, kind func(url string) bool) []Attachment {
	var found []Attachment
	if ids := attachmentIDs(sc); len(ids) > 0 {
		if r.Attachments == nil {
			return nil
		}
		for _, id := range ids {
			if a, ok := r.Attachments(id); ok && safeURL(a.URL) && kind(a.URL) {
				found = append(found, a)
			}
		}
	} else if r.Attached != nil {
		parent := r.Post
		if id, err := strconv.ParseInt(sc.attrs["id"], 10, 64); err == nil && id > 0 {
			parent = id
		}
		excluded := map[int64]bool{}
		for _, field := range strings.Split(sc.attrs["exclude"], ",") {
			if id, err := strconv.ParseInt(strings.TrimSpace(field), 10, 64); err == nil {
				excluded[id] = true
			}
		}
		for _, a := range r.Attached(parent) {
			if !excluded[a.ID] && safeURL(a.URL) && kind(a.URL) {
				found = append(found, a)
			}
		}
	}
	switch strings.ToLower(sc.attrs["orderby"]) {
	case "id":
		slices.SortStableFunc(found, func(a, b Attachment) int { return cmp.Compare(a.ID, b.ID) })
	case "title":
		slices.SortStableFunc(found, func(a, b Attachment) int { return strings.Compare(a.Title, b.Title) })
	case "menu_order":
		slices.SortStableFunc(found, func(a, b Attachment) int { return cmp.Compare(a.MenuOrder, b.MenuOrder) })
	}
	if strings.EqualFold(sc.attrs["order"], "desc") {
		slices.Reverse(found)
	}
	return found
}

// gallery renders [gallery] as gallery_shortcode does in HTML5 mode: a
// figure per image, linked to its page (link="file": to the file,
// link="none": not linked), with its caption.
func (r Renderer) gallery(sc shortcode) string {
	items := r.attachments(sc, func(string) bool { return true })
	if len(items) == 0 {
		return placeholder("gallery", "Gallery", len(attachmentIDs(sc)))
	}
	columns, err := strconv.Atoi(sc.attrs["columns"])
	if err != nil || columns < 0 || columns > 9 {
		columns = 3
	}
	size := sc.attrs["size"]
	if size == "" || !isClassWord(size) {
		size = "thumbnail"
	}
	var b strings.Builder
	b.WriteString(`<div class="gallery gallery-columns-` + strconv.Itoa(columns) + ` gallery-size-` + size + `">`)
	for _, item := range items {
		url := html.EscapeString(item.URL)
		img := `<img src="` + url + `" alt="` + html.EscapeString(item.Title) + `">`
		target := item.Page
		switch sc.attrs["link"] {
		case "file":
			target = item.URL
		case "none":
			target = ""
		}
		b.WriteString(`<figure class="gallery-item"><div class="gallery-icon">`)
		if safeURL(target) {
			b.WriteString(`<a href="` + html.EscapeString(target) + `">` + img + `</a>`)
		} else {
			b.WriteString(img)
		}
		b.WriteString(`</div>`)
		if caption := strings.TrimSpace(item.Caption); caption != "" {
			b.WriteString(`<figcaption class="wp-caption-text gallery-caption">` + Texturize(caption) + `</figcaption>`)
		}
		b.WriteString("</figure>")
	}
	b.WriteString("</div>")
	return b.String()
}

// isClassWord reports whether s can stand in a class attribute as is.
func isClassWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i]) {
			return false
		}
	}
	return true
}

// playlist renders [playlist] as a list of its tracks, audio (or
// type="video") attachments, each playable, with its title.
func (r Renderer) playlist(sc shortcode) string {
	element, want := "audio", isAudioURL
	if sc.attrs["type"] == "video" {
		element, want = "video", isVideoURL
	}
	items := r.attachments(sc, want)
	if len(items) == 0 {
		return placeholder("wp-playlist", "Playlist", len(attachmentIDs(sc)))
	}
	var b strings.Builder
	b.WriteString(`<ol class="wp-playlist wp-` + element + `-playlist">`)
	for _, item := range items {
		title := item.Title
		if title == "" {
			title = item.URL
		}
		url := html.EscapeString(item.URL)
		b.WriteString(`<li><` + element + ` controls preload="none" src="` + url + `"></` + element + `><a href="` + url + `">` + html.EscapeString(title) + `</a></li>`)
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
// oEmbed HTML. The URL is HTML, as the editor stores it (&amp;).
func embedLink(sc shortcode) string {
	url := html.UnescapeString(strings.TrimSpace(sc.content))
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
// per http(s) file attribute (or the URL given first, as in
// [audio https://…/a.mp3]) and a link per file as fallback. Without a
// file it plays the post's first attached file of its kind, as WordPress
// does. The shortcode's own content is dropped, as WordPress does.
func (r Renderer) media(element string, sc shortcode, fileAttrs []string) string {
	var urls []string
	for _, name := range fileAttrs {
		if url := html.UnescapeString(strings.TrimSpace(sc.attrs[name])); safeURL(url) {
			urls = append(urls, url)
		}
	}
	if len(urls) == 0 && len(sc.args) > 0 {
		if url := html.UnescapeString(strings.TrimSpace(sc.args[0])); safeURL(url) && strings.Contains(url, "://") {
			urls = append(urls, url)
		}
	}
	if len(urls) == 0 && r.Attached != nil {
		kind := isAudioURL
		if element == "video" {
			kind = isVideoURL
		}
		for _, a := range r.Attached(r.Post) {
			if kind(a.URL) && safeURL(a.URL) {
				urls = append(urls, a.URL)
				break
			}
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

func isAudioURL(url string) bool {
	return hasExtension(url, "mp3", "m4a", "ogg", "oga", "wav", "wma", "flac", "aac")
}

func isVideoURL(url string) bool {
	return hasExtension(url, "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov")
}

// hasExtension reports whether the path of url ends in one of exts.
func hasExtension(url string, exts ...string) bool {
	if end := strings.IndexAny(url, "?#"); end >= 0 {
		url = url[:end]
	}
	dot := strings.LastIndexByte(url, '.')
	return dot >= 0 && slices.Contains(exts, strings.ToLower(url[dot+1:]))
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
					sp.b.WriteString(link(html.UnescapeString(text[s:e])))
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

// AudioSources are the attributes of [audio] that name its file, in the
// order wp_audio_shortcode tries them.
func AudioSources() []string { return []string{"src", "mp3", "m4a", "ogg", "wav", "wma", "flac"} }

// VideoSources are the attributes of [video] that name its file, in the
// order wp_video_shortcode tries them.
func VideoSources() []string { return []string{"src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"} }
