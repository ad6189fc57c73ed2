package crawl

import (
	"bytes"
	"fmt"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/html"
	"github.com/parc-archive/parc/importer/internal/siteurl"
)

// Pages turns pages a live site served, crawled or captured by a web
// archive, into records: each page's site, the authors it names and its
// post. A post's comment pages each give the comments they show, and
// meet in the archive as one thread.
type Pages struct {
	warn func(string)
	// claims are the other homes pages named, each warned about once.
	claims map[string]bool
}

// NewPages returns a Pages that tells warn what it skips or repairs.
func NewPages(warn func(string)) *Pages {
	return &Pages{warn: warn, claims: map[string]bool{}}
}

// Put parses the page body served at pageURL and puts its records with
// put. A page that does not parse, or names no WordPress site, is a
// warning, not an error; wordpress reports whether WordPress served it. The
// page belongs to the site on the host it was served from, whatever home
// it names. decorate, when set, may add to the post before it is put.
func (ps *Pages) Put(put func(archive.Record) error, pageURL string, body []byte, decorate ...func(*archive.Post)) (wordpress bool, err error) {
	page, err := html.Parse(bytes.NewReader(body), pageURL)
	if err != nil {
		ps.warn(err.Error())
		return false, nil
	}
	for _, w := range page.Warnings {
		ps.warn(w)
	}
	if page.Site.URL == "" {
		ps.warn(fmt.Sprintf("html %s: the page names no site: skipped", pageURL))
		return false, nil
	}
	site := page.Site
	if siteurl.Rehome(&site, pageURL) {
		if !ps.claims[page.Site.URL] {
			ps.claims[page.Site.URL] = true
			ps.warn(fmt.Sprintf("html %s: the page says its blog is at %s; it is filed under %s, where it was fetched", pageURL, page.Site.URL, site.URL))
		}
	}
	wordpress = page.Kind != html.KindNotWordPress
	if err := put(archive.Record{Site: &site}); err != nil {
		return wordpress, err
	}
	for i := range page.Authors {
		if err := put(archive.Record{Author: &page.Authors[i]}); err != nil {
			return wordpress, err
		}
	}
	if page.Post == nil {
		return wordpress, nil
	}
	for _, d := range decorate {
		d(page.Post)
	}
	return wordpress, put(archive.Record{Post: page.Post})
}
