package crawl

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/parc-archive/parc/importer/internal/siteurl"
)

// maxSitemapBytes bounds an uncompressed sitemap, as sitemaps.org does
// (50 MB), so that a gzip bomb stays harmless.
const maxSitemapBytes = 50 << 20

// isSitemap reports whether body is a sitemap or sitemap index, gzipped or not.
func isSitemap(body []byte) bool {
	if isGzip(body) {
		return true // only sitemaps are served gzipped to a crawler that did not ask
	}
	head := body[:min(len(body), 2048)]
	return bytes.Contains(head, []byte("<urlset")) || bytes.Contains(head, []byte("<sitemapindex"))
}

func isGzip(body []byte) bool { return len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b }

// parseSitemap reads a sitemap (urlset: pages) or a sitemap index
// (sitemapindex: more sitemaps), as WordPress's wp-sitemap.xml and the
// SEO plugins' sitemap.xml serve them. Only absolute http(s) URLs on the
// sitemap's own host (www. aside) are kept: sitemaps.org allows no other,
// and a sitemap must not send the crawler elsewhere.
func parseSitemap(sitemapURL string, body []byte) (pages, sitemaps []string, err error) {
	base, err := url.Parse(sitemapURL)
	if err != nil {
		return nil, nil, fmt.Errorf("sitemap: %w", err)
	}
	var r io.Reader = bytes.NewReader(body)
	if isGzip(body) {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, nil, fmt.Errorf("sitemap: %w", err)
		}
		r = zr
	}
	dec := xml.NewDecoder(io.LimitReader(r, maxSitemapBytes))
	dec.Strict = false
	dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	var parent string // the element a <loc> belongs to: url or sitemap
	inLoc := false
	var loc strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return pages, sitemaps, nil
		}
		if err != nil {
			return pages, sitemaps, fmt.Errorf("sitemap: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "url", "sitemap":
				parent = t.Name.Local
			case "loc":
				inLoc = true
				loc.Reset()
			}
		case xml.CharData:
			if inLoc {
				loc.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local != "loc" || !inLoc {
				continue
			}
			inLoc = false
			u := strings.TrimSpace(loc.String())
			switch {
			case !siteurl.OnHost(u, base.Host):
			case parent == "sitemap":
				sitemaps = append(sitemaps, u)
			case parent == "url":
				pages = append(pages, u)
			}
		}
	}
}
