// Package jekyll writes a site of the archive as a Jekyll site that
// Jekyll 4 builds as it is, without plugins: posts in
// _posts/YYYY-MM-DD-slug.md and pages with permalink front matter at
// their original paths, a redirect page at each other old path, the
// approved comments nested in each post's front matter and layouts that
// show each thread with id="comment-N" anchors, category, tag and author
// pages at WordPress's paths, an Atom feed, and the old query-string links
// as redirect maps for the web server.
//
// It needs no plugin so that the site builds wherever Jekyll does
// (GitHub Pages, a bare gem install, Debian's jekyll): the redirect pages
// are what jekyll-redirect-from would write, the feed a Liquid page.
package jekyll

import (
	"context"
	"embed"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/sitegen"
)

//go:embed all:theme
var theme embed.FS

// Write exports the site opts names into dir as a Jekyll site (see
// sitegen.Export).
func Write(ctx context.Context, src sitegen.Source, dir string, opts sitegen.Options, progress func(export.Counts)) (export.Counts, error) {
	return sitegen.Export(ctx, src, dir, "jekyll", opts, progress, func(tree *export.Tree, s *sitegen.Site) sitegen.Generator {
		return &writer{tree: tree, site: s, names: map[string]bool{}, terms: map[string]termPage{}}
	})
}

// Start writes the configuration and the theme.
func (w *writer) Start() error {
	if err := w.config(); err != nil {
		return err
	}
	return w.tree.WriteFS(theme, "theme")
}

// Finish writes the category, tag and author pages.
func (w *writer) Finish(counts *export.Counts) error {
	for _, t := range w.terms {
		if t.kind == "author" {
			counts.Authors++
		} else {
			counts.Terms++
		}
		if err := w.termPage(t); err != nil {
			return err
		}
	}
	return nil
}

// Published is Jekyll's site folder: what does not start with _ is
// published as it is.
func (w *writer) Published() string { return "" }

type writer struct {
	tree  *export.Tree
	site  *sitegen.Site
	names map[string]bool     // file names taken in _posts
	terms map[string]termPage // by kind and slug
}

// termPage is a category, tag or author page: the posts that name it.
type termPage struct {
	kind  string // category, tag, author
	slug  string
	title string
	path  string
}

func (w *writer) config() error {
	s := w.site
	cfg := map[string]any{
		"title":       s.Title,
		"description": s.Description,
		"lang":        s.Language,
		"url":         s.BaseURL,
		"baseurl":     strings.TrimSuffix(s.Links.Home(), "/"),
		"markdown":    "kramdown",
		"include":     []string{".htaccess", "_redirects", "_parc"}, // _parc holds stored media from other hosts
		"exclude":     []string{"nginx-redirects.conf"},
		"defaults": []map[string]any{
			{"scope": map[string]string{"path": "", "type": "posts"}, "values": map[string]string{"layout": "post"}},
			{"scope": map[string]string{"path": ""}, "values": map[string]string{"layout": "page"}},
		},
	}
	data, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	// JSON is YAML: Jekyll reads this file as it is.
	return w.tree.Write("_config.yml", append(data, '\n'))
}

// frontMatter is a post's or page's front matter, written as JSON, which
// YAML (and so Jekyll) reads.
type frontMatter struct {
	Layout       string   `json:"layout"`
	Title        string   `json:"title"`
	Date         string   `json:"date,omitempty"`
	LastModified string   `json:"last_modified_at,omitempty"`
	Slug         string   `json:"slug,omitempty"`
	Permalink    string   `json:"permalink"`
	Author       string   `json:"author,omitempty"`
	AuthorPath   string   `json:"author_path,omitempty"`
	Categories   []string `json:"categories,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	TermSlugs    []string `json:"wp_terms,omitempty"` // category/slug, tag/slug, author/login: what term pages select by
	Excerpt      string   `json:"excerpt,omitempty"`
	WordPress    int64    `json:"wordpress_id,omitempty"`
	Published    *bool    `json:"published,omitempty"`
	CommentCount int      `json:"comment_count"`
	// Thread is the comments, nested: in the front matter rather than in
	// _data so that a post is one file, which keeps a large export fast.
	Thread []*sitegen.Comment `json:"thread,omitempty"`
	// Liquid must not run inside WordPress's text.
	RenderWithLiquid bool `json:"render_with_liquid"`
}

// Entry writes a post or page as one Markdown file with its thread in
// the front matter.
func (w *writer) Entry(e *sitegen.Entry) error {
	fm := frontMatter{
		Layout: e.Type, Title: e.Title, Slug: e.Slug, Permalink: w.site.FrontMatterPath(e.Path), Author: e.Author,
		AuthorPath: w.site.FrontMatterPath(e.AuthorPath), Excerpt: e.Summary, WordPress: e.ID, CommentCount: e.Shown,
		Thread: e.Comments,
	}
	if e.Draft {
		no := false
		fm.Published = &no
	}
	if !e.Date.IsZero() {
		fm.Date = e.Date.Format("2006-01-02 15:04:05 -0700")
	}
	if !e.Lastmod.IsZero() {
		fm.LastModified = e.Lastmod.Format("2006-01-02 15:04:05 -0700")
	}
	for _, a := range e.Aliases {
		if err := w.redirectPage(a, e.Path); err != nil {
			return err
		}
	}
	for _, group := range []struct {
		kind  string
		terms []sitegen.Term
		names *[]string
	}{{"category", e.Categories, &fm.Categories}, {"tag", e.Tags, &fm.Tags}} {
		for _, t := range group.terms {
			*group.names = append(*group.names, t.Name)
			fm.TermSlugs = append(fm.TermSlugs, group.kind+"/"+t.Slug)
			if t.Path != "" {
				w.terms[group.kind+"/"+t.Slug] = termPage{kind: group.kind, slug: t.Slug, title: t.Name, path: w.site.FrontMatterPath(t.Path)}
			}
		}
	}
	if e.AuthorPath != "" {
		login := strings.Trim(strings.TrimPrefix(w.site.FrontMatterPath(e.AuthorPath), "/author/"), "/")
		fm.TermSlugs = append(fm.TermSlugs, "author/"+login)
		w.terms["author/"+login] = termPage{kind: "author", slug: login, title: e.Author, path: w.site.FrontMatterPath(e.AuthorPath)}
	}
	head, err := json.Marshal(fm)
	if err != nil {
		return err
	}
	body := make([]byte, 0, len(head)+len(e.Markdown)+16)
	body = append(append(append(body, "---\n"...), head...), "\n---\n\n"...)
	body = append(append(body, e.Markdown...), '\n')
	return w.tree.Write(w.fileName(e), body)
}

// redirectPage writes at an old path of an entry the page
// jekyll-redirect-from would: it sends browsers and search engines to
// the entry's path on the published site.
func (w *writer) redirectPage(from, to string) error {
	file := strings.TrimPrefix(w.site.FrontMatterPath(from), "/")
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	} else {
		file += "/index.html"
	}
	target := html.EscapeString(w.site.BaseURL + to)
	page := `<!DOCTYPE html>
<html lang="en">
<meta charset="utf-8">
<title>Redirecting…</title>
<link rel="canonical" href="` + target + `">
<meta http-equiv="refresh" content="0; url=` + target + `">
<meta name="robots" content="noindex">
<p><a href="` + target + `">This page has moved.</a></p>
</html>
`
	return w.tree.Write(file, []byte(page))
}

// fileName is _posts/YYYY-MM-DD-slug.md for a post (Jekyll's rule, and
// what dates it), the ID added when two posts share a day and slug, and
// _pages/ID-slug.md for a page, whose permalink says where it goes.
func (w *writer) fileName(e *sitegen.Entry) string {
	id, slug := e.FileID(), e.FileSlug()
	if slug == "" {
		slug = id
	}
	if e.Type != "post" {
		return "pages/" + id + "-" + slug + ".md"
	}
	date := e.Date
	if date.IsZero() {
		date = time.Unix(0, 0).UTC()
	}
	name := "_posts/" + date.Format("2006-01-02") + "-" + slug + ".md"
	if w.names[name] {
		name = "_posts/" + date.Format("2006-01-02") + "-" + slug + "-" + id + ".md"
	}
	w.names[name] = true
	return name
}

// termPage writes the page listing the posts of a category, tag or
// author at the path WordPress gave it.
func (w *writer) termPage(t termPage) error {
	fm, err := json.Marshal(map[string]string{"layout": "term", "title": t.title, "permalink": t.path, "term": t.kind + "/" + t.slug, "kind": t.kind})
	if err != nil {
		return err
	}
	return w.tree.Write("terms/"+t.kind+"/"+sitegen.SafeName(t.slug)+"-"+strconv.Itoa(len(t.slug))+".html", []byte("---\n"+string(fm)+"\n---\n"))
}
