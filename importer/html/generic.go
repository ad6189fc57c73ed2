package html

import (
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/parc-archive/parc/archive"
)

// readGeneric imports a page that is not WordPress: the main content as
// readability finds it, as a post without id or comments.
func (p *pageParser) readGeneric() {
	p.warnf("not a WordPress page; main content taken by generic extraction")
	parser := readability.NewParser()
	article, err := parser.ParseDocument(p.doc.Get(0), p.base)
	if err != nil {
		p.warnf("generic extraction: %v", err)
		return
	}
	var content strings.Builder
	if err := article.RenderHTML(&content); err != nil {
		p.warnf("generic extraction: %v", err)
		return
	}
	post := &archive.Post{Type: "post", Status: "publish", Title: clean(article.Title()), ContentRendered: clean(content.String())}
	if p.base != nil {
		post.Link = withoutFragment(p.base)
	}
	if t, err := article.PublishedTime(); err == nil {
		post.DateGMT = t.UTC()
	}
	if t, err := article.ModifiedTime(); err == nil {
		post.ModifiedGMT = t.UTC()
	}
	if p.page.Site.Title == "" {
		p.page.Site.Title = clean(article.SiteName())
	}
	if p.page.Site.Language == "" {
		p.page.Site.Language = clean(article.Language())
	}
	p.page.Post = post
	p.page.Links = p.collectLinks()
}
