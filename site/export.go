package site

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/locale"
	"github.com/parc-archive/parc/render"
)

// Links is where the site serves one site's entries, terms and authors,
// and the old URL forms that lead to them: what an export to a static
// generator needs so that the new site keeps every path this one answers.
// Paths are escaped and absolute on the served site (with its mount).
type Links struct {
	sd  *siteData
	srv *Server
}

// EntryLink is where an entry is served and the other paths that lead to
// it (a guid permalink from before a slug changed, an attachment's file).
type EntryLink struct {
	Path    string
	Aliases []string
}

// Redirect is an old URL (a path, with a query for WordPress's
// query-string links) and where it now leads.
type Redirect struct {
	From, To string
}

// Links returns the links of the site siteURL, or of the only site served
// when siteURL is "".
func (s *Server) Links(siteURL string) (*Links, error) {
	snap := s.snapshot.Load()
	for _, sd := range snap.sites {
		if siteURL == "" && len(snap.sites) == 1 || sd.URL == siteURL {
			return &Links{sd: sd, srv: s}, nil
		}
	}
	return nil, fmt.Errorf("site: no site %q served", siteURL)
}

// Entry returns the link of the entry with the archive key key; ok is
// false for what the site does not serve (drafts, private posts,
// attachments of unpublished posts).
func (l *Links) Entry(key int64) (EntryLink, bool) {
	e := l.sd.byKey[key]
	if e == nil {
		return EntryLink{}, false
	}
	return EntryLink{Path: e.path, Aliases: append([]string(nil), e.aliases...)}, true
}

// Term returns the path of a category (taxonomy "category") or tag
// ("post_tag") page.
func (l *Links) Term(taxonomy, slug string) (string, bool) {
	t := l.sd.terms[taxonomy][slug]
	if t == nil {
		return "", false
	}
	return t.path, true
}

// Author returns the path of an author's page.
func (l *Links) Author(login string) (string, bool) {
	a := l.sd.authors[login]
	if a == nil {
		return "", false
	}
	return a.path, true
}

// Home is the path of the site's front page.
func (l *Links) Home() string { return l.sd.mount + "/" }

// Locale writes words and dates in the site's language, as its pages do.
func (l *Links) Locale() *locale.Locale { return l.sd.locale }

// Renderer renders the raw content of the post p as its page does:
// galleries resolved against the site's attachments, dynamic blocks from
// the site's data, p's comments blocks from p's comments.
func (l *Links) Renderer(ctx context.Context, p *archive.StoredPost) render.Renderer {
	return l.srv.renderer(ctx, l.sd, p.ID, p)
}

// Pages lists the paths a copy of the site starts from: the home page,
// every entry, category, tag and author page, the feeds, the sitemap and
// robots.txt. Pages they link to (later pages of listings, date archives,
// comment feeds) are found by following links.
func (l *Links) Pages() []string {
	sd := l.sd
	out := []string{sd.mount + "/", sd.mount + "/feed/", sd.mount + "/feed/atom/", sd.mount + "/comments/feed/",
		sd.mount + "/sitemap.xml", sd.mount + "/search/", "/robots.txt"}
	for _, e := range sd.entries {
		out = append(out, e.path)
	}
	for _, tax := range []string{"category", "post_tag"} {
		for _, t := range sd.terms[tax] {
			out = append(out, t.path)
		}
	}
	for _, a := range sd.authors {
		out = append(out, a.path)
	}
	return out
}

// Assets lists the paths of the site's stylesheet and other static files.
func (s *Server) Assets() []string {
	var out []string
	for _, u := range s.assets.urls {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

// OldLinks lists the WordPress URLs of the site's entries, terms and
// authors that only the server's routing answers: ?p=N, ?page_id=N,
// ?attachment_id=N, ?cat=N, ?tag=slug, ?author=N, ?feed=…, and the
// entries' alias paths. A copy of the site on a plain web server needs
// them as a redirect map. Comment pages (/comment-page-N/) are a pattern,
// not a list: each redirect map writer adds its own rule for them.
func (l *Links) OldLinks() []Redirect {
	sd := l.sd
	root := sd.mount + "/"
	var out []Redirect
	for _, e := range sd.entries {
		if e.ID != 0 && sd.byID[e.ID] == e {
			param := "p"
			switch e.Type {
			case "page":
				param = "page_id"
			case "attachment":
				param = "attachment_id"
			}
			out = append(out, Redirect{From: root + "?" + param + "=" + strconv.FormatInt(e.ID, 10), To: e.path})
		}
		for _, alias := range e.aliases {
			out = append(out, Redirect{From: alias, To: e.path})
		}
	}
	var cats []*term
	for _, t := range sd.termsByID {
		if t.Taxonomy == "category" {
			cats = append(cats, t)
		}
	}
	sort.Slice(cats, func(i, j int) bool { return cats[i].ID < cats[j].ID })
	for _, t := range cats {
		out = append(out, Redirect{From: root + "?cat=" + strconv.FormatInt(t.ID, 10), To: t.path})
	}
	var tags []*term
	for _, t := range sd.terms["post_tag"] {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool { return tags[i].Slug < tags[j].Slug })
	for _, t := range tags {
		out = append(out, Redirect{From: root + "?tag=" + url.QueryEscape(t.Slug), To: t.path})
	}
	var authors []*author
	for _, a := range sd.authorsByID {
		authors = append(authors, a)
	}
	sort.Slice(authors, func(i, j int) bool { return authors[i].ID < authors[j].ID })
	for _, a := range authors {
		out = append(out, Redirect{From: root + "?author=" + strconv.FormatInt(a.ID, 10), To: a.path})
	}
	for _, feed := range []struct{ name, to string }{
		{"rss2", "feed/"}, {"rss", "feed/"}, {"atom", "feed/atom/"},
		{"comments-rss2", "comments/feed/"}, {"comments-atom", "comments/feed/atom/"},
	} {
		out = append(out, Redirect{From: root + "?feed=" + feed.name, To: root + feed.to})
	}
	return out
}
