package media

import (
	"encoding/json"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/render"
)

// Finder finds the files one site's posts use. Attachments are told to it
// first (Attachment), so that the ids galleries, featured images and
// blocks name can be turned into files.
type Finder struct {
	site        string
	uploads     string           // the site's uploads URL, for _wp_attached_file
	attachments map[int64]string // WordPress id → file URL
}

// NewFinder returns a Finder for the site at siteURL.
func NewFinder(siteURL string) *Finder {
	return &Finder{site: siteURL, uploads: strings.TrimRight(siteURL, "/") + "/wp-content/uploads/", attachments: map[int64]string{}}
}

// Attachment learns an attachment's file, so that its id can be resolved.
func (f *Finder) Attachment(p *archive.StoredPost) {
	if p.Type != "attachment" {
		return
	}
	if u := f.attachmentURL(p); u != "" {
		f.attachments[p.ID] = u
	}
}

func (f *Finder) attachmentURL(p *archive.StoredPost) string {
	if p.AttachmentURL != "" {
		return p.AttachmentURL
	}
	for _, m := range p.Meta {
		if m.Key == "_wp_attached_file" && m.Value != "" {
			return f.uploads + strings.TrimPrefix(m.Value, "/")
		}
	}
	return ""
}

// Refs lists every file a post uses: an attachment's own file and its
// resized copies, its featured image, and what its content, excerpt and
// comments name. Each variant is given with its original.
func (f *Finder) Refs(p *archive.StoredPost) []archive.MediaRef {
	found := map[string]bool{}
	var refs []archive.MediaRef
	add := func(raw string) {
		u, ok := f.absolute(raw)
		if !ok || found[u] {
			return
		}
		found[u] = true
		ref := archive.MediaRef{URL: u, Site: f.site, PostKey: p.Key}
		if orig, ok := Original(u); ok {
			ref.Original = orig
			if !found[orig] {
				found[orig] = true
				refs = append(refs, archive.MediaRef{URL: orig, Site: f.site, PostKey: p.Key})
			}
		}
		refs = append(refs, ref)
	}
	if p.Type == "attachment" {
		if file := f.attachmentURL(p); file != "" {
			add(file)
			for _, size := range attachmentSizes(p.Meta) {
				add(path.Dir(file) + "/" + size)
			}
		}
	}
	for _, m := range p.Meta {
		if m.Key == "_thumbnail_id" {
			if id, err := strconv.ParseInt(strings.TrimSpace(m.Value), 10, 64); err == nil {
				add(f.attachments[id])
			}
		}
	}
	for _, text := range []string{p.ContentRaw, p.ContentRendered, p.ExcerptRaw, p.ExcerptRendered} {
		f.scan(text, add)
	}
	for _, c := range p.Comments {
		f.scan(c.ContentRaw, add)
		f.scan(c.ContentRendered, add)
	}
	return refs
}

// absolute makes a file URL of what content names, resolved against the
// site; ok is false for what is not a file over http(s).
func (f *Finder) absolute(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.HasPrefix(raw, "data:") || strings.HasPrefix(raw, "#") {
		return "", false
	}
	base, err := url.Parse(f.site + "/")
	if err != nil {
		return "", false
	}
	u, err := base.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	u.Fragment = ""
	return u.String(), true
}

// mediaAttributes are the attributes that name a file on any element:
// lazy-loading plugins and Jetpack keep the real source in data-*.
var mediaAttributes = map[string]bool{
	"src": true, "data-src": true, "data-lazy-src": true, "data-orig-file": true, "data-large-file": true,
	"data-medium-file": true, "data-full-url": true, "data-original": true, "poster": true,
}

var srcsetAttributes = map[string]bool{"srcset": true, "data-srcset": true, "data-lazy-srcset": true}

// fileExtensions are what a link to a file of the blog ends in.
var fileExtensions = regexp.MustCompile(`(?i)\.(jpe?g|png|gif|webp|avif|svg|bmp|ico|tiff?|pdf|mp3|m4a|ogg|oga|wav|flac|mp4|m4v|mov|webm|ogv|wmv|avi|zip|docx?|xlsx?|pptx?|odt|ods|epub)$`)

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)`)

// scan finds the files a piece of content names: in HTML attributes, in
// block comments' attributes, and in shortcodes.
func (f *Finder) scan(content string, add func(string)) {
	if content == "" {
		return
	}
	z := html.NewTokenizer(strings.NewReader(content))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			f.scanTag(z, add)
		case html.CommentToken:
			f.scanBlock(string(z.Text()), add)
		case html.TextToken:
			f.scanShortcodes(string(z.Text()), add)
		}
	}
}

func (f *Finder) scanTag(z *html.Tokenizer, add func(string)) {
	name, hasAttr := z.TagName()
	tag := string(name)
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		k, v := string(key), string(val)
		switch {
		case mediaAttributes[k] && tag != "script" && tag != "iframe":
			add(v)
		case srcsetAttributes[k]:
			for _, candidate := range strings.Split(v, ",") {
				if fields := strings.Fields(candidate); len(fields) > 0 {
					add(fields[0])
				}
			}
		case k == "href" && (tag == "a" || tag == "link") && f.isFile(v):
			add(v)
		case k == "data" && tag == "object":
			add(v)
		case k == "style":
			for _, m := range cssURL.FindAllStringSubmatch(v, -1) {
				add(m[1])
			}
		}
	}
}

// isFile reports whether a link leads to a file rather than a page: under
// the uploads folder, or ending in a file extension.
func (f *Finder) isFile(href string) bool {
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	return strings.Contains(u.Path, "/wp-content/uploads/") || strings.Contains(u.Host, ".files.wordpress.com") || fileExtensions.MatchString(u.Path)
}

// blockComment is a block's opening comment with its JSON attributes.
var blockComment = regexp.MustCompile(`^\s*wp:[a-z0-9/-]+\s+(\{.*\})\s*/?\s*$`)

// scanBlock reads a block comment's attributes: ids of attachments
// (image, media-text, cover, gallery, file, audio, video blocks) and URLs.
func (f *Finder) scanBlock(comment string, add func(string)) {
	m := blockComment.FindStringSubmatch(comment)
	if m == nil {
		return
	}
	var attrs map[string]any
	if json.Unmarshal([]byte(m[1]), &attrs) != nil {
		return
	}
	for key, v := range attrs {
		switch val := v.(type) {
		case float64:
			if key == "id" || key == "mediaId" {
				add(f.attachments[int64(val)])
			}
		case []any:
			if key == "ids" {
				for _, id := range val {
					if n, ok := id.(float64); ok {
						add(f.attachments[int64(n)])
					}
				}
			}
		case string:
			if strings.HasSuffix(strings.ToLower(key), "url") || key == "src" {
				add(val)
			}
		}
	}
}

// scanShortcodes reads [gallery ids], [playlist ids], and the files of
// [audio] and [video], given by attribute (poster included) or
// positionally, as WordPress parses shortcodes.
func (f *Finder) scanShortcodes(text string, add func(string)) {
	if !strings.Contains(text, "[") {
		return
	}
	render.EachShortcode(text, []string{"gallery", "playlist", "audio", "video"}, func(sc render.Shortcode) {
		for _, key := range []string{"ids", "include"} {
			for _, id := range strings.Split(sc.Attrs[key], ",") {
				if n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64); err == nil {
					add(f.attachments[n])
				}
			}
		}
		if sc.Name != "audio" && sc.Name != "video" {
			return
		}
		for _, src := range sc.Args {
			add(src) // [audio https://…/a.mp3]
		}
		for _, key := range append(append(render.AudioSources(), render.VideoSources()...), "poster") {
			if v := sc.Attrs[key]; v != "" {
				add(v)
			}
		}
	})
}

// attachmentSizes reads the file names of an attachment's resized copies
// from its _wp_attachment_metadata, a PHP-serialized array whose sizes
// each have a "file".
func attachmentSizes(meta []archive.Meta) []string {
	var files []string
	for _, m := range meta {
		if m.Key != "_wp_attachment_metadata" {
			continue
		}
		for _, match := range serializedFile.FindAllStringSubmatch(m.Value, -1) {
			if name := match[1]; !strings.Contains(name, "/") {
				files = append(files, name)
			}
		}
	}
	return files
}

// serializedFile finds s:4:"file";s:N:"name" pairs in PHP's serialize
// format. The first "file" names the original with its folder, which the
// caller leaves out; the sizes name bare files in the same folder.
var serializedFile = regexp.MustCompile(`s:4:"file";s:\d+:"([^"]+)"`)
