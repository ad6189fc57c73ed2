package html

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/parc-archive/parc/archive"
	xhtml "golang.org/x/net/html"
)

// lazySources are the attributes lazy-load scripts keep the real image
// URL in, while src holds a placeholder until the browser scrolls.
var lazySources = []string{"data-lazy-src", "data-src", "data-original"}

// undoDisplayChanges reverts what WordPress and its plugins changed in
// content only for display: emoji and smiley images go back to their
// characters, lazy-load placeholders get their real source. Resized and
// CDN image URLs stay as shown, with their originals returned as meta.
func (p *pageParser) undoDisplayChanges(content *goquery.Selection) []archive.Meta {
	var meta []archive.Meta
	content.FindMatcher(compiled("img")).Each(func(_ int, img *goquery.Selection) {
		classes := " " + attr(img, "class") + " "
		if alt, ok := img.Attr("alt"); ok && alt != "" && (strings.Contains(classes, " wp-smiley ") || strings.Contains(classes, " emoji ")) {
			img.ReplaceWithNodes(&xhtml.Node{Type: xhtml.TextNode, Data: alt})
			return
		}
		for _, name := range lazySources {
			if real := strings.TrimSpace(attr(img, name)); real != "" {
				img.SetAttr("src", real)
				img.RemoveAttr(name)
				break
			}
		}
		for _, name := range []string{"data-lazy-srcset", "data-srcset"} {
			if real := strings.TrimSpace(attr(img, name)); real != "" {
				img.SetAttr("srcset", real)
				img.RemoveAttr(name)
				break
			}
		}
		shown := attr(img, "src")
		if original := p.imageSource(img); original != "" && original != p.absString(shown) {
			meta = append(meta, archive.Meta{Key: MetaImageOriginal, Value: p.absString(shown) + " " + original})
		}
	})
	return meta
}

// imageSource is the URL of the image as uploaded: Jetpack's
// data-orig-file when present, else the shown URL with CDN, resize
// suffix and resize query undone.
func (p *pageParser) imageSource(img *goquery.Selection) string {
	if orig := p.abs(attr(img, "data-orig-file")); orig != nil {
		return orig.String()
	}
	src := ""
	for _, name := range append(lazySources, "src") {
		if src = strings.TrimSpace(attr(img, name)); src != "" && !strings.HasPrefix(src, "data:") {
			break
		}
	}
	u := p.abs(src)
	if u == nil {
		return ""
	}
	return originalImageURL(u).String()
}

func (p *pageParser) absString(href string) string {
	if u := p.abs(href); u != nil {
		return u.String()
	}
	return href
}

var (
	photonHost   = regexp.MustCompile(`^i[0-9]\.wp\.com$`)
	resizeSuffix = regexp.MustCompile(`-\d+x\d+(\.[A-Za-z0-9]+)$`)
	resizeParams = []string{"resize", "fit", "w", "h", "ssl", "crop", "zoom", "quality", "strip"}
)

// originalImageURL undoes Photon (i0.wp.com/host/path), WordPress's
// -300x200 size suffix and resize query parameters.
func originalImageURL(shown *url.URL) *url.URL {
	u := *shown
	if photonHost.MatchString(u.Host) {
		rest := strings.TrimPrefix(u.Path, "/")
		host, path, _ := strings.Cut(rest, "/")
		if host != "" {
			u.Host, u.Path, u.RawPath = host, "/"+path, ""
		}
	}
	if strings.Contains(u.Path, "/wp-content/uploads/") || strings.Contains(u.Host, "files.wordpress.com") || u.Host != shown.Host {
		u.Path = resizeSuffix.ReplaceAllString(u.Path, "$1")
	}
	q := u.Query()
	for _, k := range resizeParams {
		q.Del(k)
	}
	u.RawQuery = q.Encode()
	return &u
}
