package site

import (
	"context"
	"strings"

	"github.com/parc-archive/parc/locale"
	"github.com/parc-archive/parc/render"
)

// termRoute answers category, tag and author archives with their
// /page/N/ and /feed/ forms. Categories are named by their last slug, so
// an old /category/child/ finds /category/parent/child/.
func (s *Server) termRoute(ctx context.Context, req *request, rel string, segments []string) *response {
	sd := req.site
	segs, kind, isFeed := splitFeed(segments[1:])
	segs, page, paged := splitPaged(segs)
	if len(segs) == 0 || (isFeed && paged) {
		return nil
	}
	last := strings.ToLower(decodeSegment(segs[len(segs)-1]))
	var l listing
	switch segments[0] {
	case "category", "tag":
		taxonomy := map[string]string{"category": "category", "tag": "post_tag"}[segments[0]]
		t := sd.termBySlug(taxonomy, last)
		if t == nil {
			return nil
		}
		heading := map[string]string{"category": locale.CategoryArchive, "post_tag": locale.TagArchive}[taxonomy]
		l = listing{heading: sd.locale.Say(heading, t.title), description: render.ShownTitle(t.Description), base: t.path}
		within := map[string]bool{}
		t.walk(func(d *term) { within[d.Slug] = true })
		for _, c := range t.children {
			l.children = append(l.children, termView{Name: c.title, URL: c.path})
		}
		for _, e := range sd.posts {
			for _, ref := range e.Terms {
				if ref.Taxonomy == taxonomy && within[ref.Slug] {
					l.posts = append(l.posts, e)
					break
				}
			}
		}
	case "author":
		a := sd.authorBySlug(last)
		if a == nil || len(segs) != 1 {
			return nil
		}
		l = listing{heading: sd.locale.Say(locale.AuthorArchive, a.Name), base: a.path}
		for _, e := range sd.posts {
			if e.AuthorLogin == a.Login {
				l.posts = append(l.posts, e)
			}
		}
	}
	return s.serveListing(ctx, req, l, page, kind, isFeed)
}

// termBySlug finds a term by its decoded, lower-case slug.
func (sd *siteData) termBySlug(taxonomy, slug string) *term {
	if t := sd.terms[taxonomy][slug]; t != nil {
		return t
	}
	for _, t := range sd.terms[taxonomy] {
		if strings.ToLower(decodeSegment(t.Slug)) == slug {
			return t
		}
	}
	return nil
}

func (sd *siteData) authorBySlug(slug string) *author {
	for _, a := range sd.authors {
		if strings.ToLower(a.Login) == slug {
			return a
		}
	}
	return nil
}

// walk visits a term and its descendants once each.
func (t *term) walk(fn func(*term)) {
	seen := map[*term]bool{}
	var visit func(*term)
	visit = func(x *term) {
		if seen[x] {
			return
		}
		seen[x] = true
		fn(x)
		for _, c := range x.children {
			visit(c)
		}
	}
	visit(t)
}
