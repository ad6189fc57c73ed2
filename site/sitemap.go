package site

import (
	"encoding/xml"
	"net/http"
	"sort"
	"strings"
	"time"
)

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap lists a site's home, posts, pages and term archives.
func (s *Server) sitemap(req *request) *response {
	sd := req.site
	if req.URL.EscapedPath() != sd.mount+"/sitemap.xml" {
		return s.notFound(req)
	}
	set := urlSet{URLs: []sitemapURL{{Loc: req.absolute(sd.mount + "/")}}}
	for _, e := range sd.entries {
		if e.Type == "attachment" {
			continue
		}
		u := sitemapURL{Loc: req.absolute(e.path)}
		modified := e.ModifiedGMT
		if modified.IsZero() {
			modified = e.DateGMT
		}
		if !modified.IsZero() {
			u.LastMod = modified.UTC().Format(time.RFC3339)
		}
		set.URLs = append(set.URLs, u)
	}
	var terms []string
	for _, tax := range []string{"category", "post_tag"} {
		for _, t := range sd.terms[tax] {
			terms = append(terms, t.path)
		}
	}
	sort.Strings(terms)
	for _, p := range terms {
		set.URLs = append(set.URLs, sitemapURL{Loc: req.absolute(p)})
	}
	body, err := xml.MarshalIndent(set, "", "  ")
	if err != nil {
		return s.unavailable(req, err)
	}
	resp := newResponse(http.StatusOK, "application/xml; charset=utf-8", append([]byte(xml.Header), body...), req.snap.modified)
	resp.cacheable = true
	return resp
}

// robots lets crawlers in everywhere but search results, and points them
// at each site's sitemap.
func (s *Server) robots(req *request) *response {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	for _, sd := range req.snap.sites {
		b.WriteString("Disallow: " + sd.mount + "/search/\n")
	}
	b.WriteString("\n")
	for _, sd := range req.snap.sites {
		b.WriteString("Sitemap: " + req.absolute(sd.mount+"/sitemap.xml") + "\n")
	}
	resp := newResponse(http.StatusOK, "text/plain; charset=utf-8", []byte(b.String()), req.snap.modified)
	resp.cacheable = true
	return resp
}
