// Package jekyll writes a site of the archive as a Jekyll site that
// Jekyll 4 builds as it is: posts in _posts/YYYY-MM-DD-slug.md and pages
// with permalink front matter at their original paths, other old paths as
// redirect_from (jekyll-redirect-from), the approved comments in
// _data/comments and layouts that show each thread nested with
// id="comment-N" anchors, category, tag and author pages at WordPress's
// paths, a feed (jekyll-feed), and the old query-string links as
// redirect maps for the web server.
package jekyll

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/sitegen"
)

//go:embed all:theme
var theme embed.FS

// Plugins are the Jekyll plugins the export's _config.yml names; Debian
// packages them as ruby-jekyll-feed and ruby-jekyll-redirect-from.
var Plugins = []string{"jekyll-feed", "jekyll-redirect-from"}

// Write exports the site opts names into dir (missing, empty, or a
// previous export by parc, which it replaces only when complete).
// progress, when not nil, is called after each post or page.
func Write(ctx context.Context, src sitegen.Source, dir string, opts sitegen.Options, progress func(export.Counts)) (export.Counts, error) {
	var counts export.Counts
	s, err := sitegen.Open(ctx, src, opts)
	if err != nil {
		return counts, err
	}
	counts.Sites = 1
	err = export.WriteDir(dir, "jekyll", func(root string) error {
		w := &writer{root: root, site: s, names: map[string]bool{}, terms: map[string]termPage{}}
		if err := w.config(); err != nil {
			return err
		}
		if err := export.WriteFS(root, theme, "theme"); err != nil {
			return err
		}
		copied := map[string]bool{}
		err := s.Walk(ctx, src, opts.Private, func(e *sitegen.Entry) error {
			if err := w.entry(e); err != nil {
				return err
			}
			if err := sitegen.CopyMedia(src, root, "", e.Media, copied); err != nil {
				return err
			}
			counts.Items++
			counts.Comments += e.CommentCount
			if progress != nil {
				progress(counts)
			}
			return nil
		})
		if err != nil {
			return err
		}
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
		return sitegen.Redirects(s.Links.OldLinks(), s.Links.Home()).Write(root, "")
	})
	return counts, err
}

type writer struct {
	root  string
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
		"baseurl":     "",
		"plugins":     Plugins,
		"markdown":    "kramdown",
		"include":     []string{".htaccess", "_redirects", "_parc"}, // _parc holds stored media from other hosts
		"exclude":     []string{"nginx-redirects.conf"},
		"defaults": []map[string]any{
			{"scope": map[string]string{"path": "", "type": "posts"}, "values": map[string]string{"layout": "post"}},
			{"scope": map[string]string{"path": ""}, "values": map[string]string{"layout": "page"}},
		},
		"feed": map[string]string{"path": "feed.xml"},
	}
	data, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	// JSON is YAML: Jekyll reads this file as it is.
	return export.WriteTree(w.root, "_config.yml", append(data, '\n'))
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
	RedirectFrom []string `json:"redirect_from,omitempty"`
	Author       string   `json:"author,omitempty"`
	AuthorPath   string   `json:"author_path,omitempty"`
	Categories   []string `json:"categories,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	TermSlugs    []string `json:"wp_terms,omitempty"` // category/slug, tag/slug, author/login: what term pages select by
	Excerpt      string   `json:"excerpt,omitempty"`
	WordPress    int64    `json:"wordpress_id,omitempty"`
	Published    *bool    `json:"published,omitempty"`
	Comments     string   `json:"comments_data,omitempty"`
	CommentCount int      `json:"comment_count"`
	// Liquid must not run inside WordPress's text.
	RenderWithLiquid bool `json:"render_with_liquid"`
}

// unsafeName is what a file name does not keep of a slug.
var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}_-]+`)

func (w *writer) entry(e *sitegen.Entry) error {
	fm := frontMatter{
		Layout: e.Type, Title: e.Title, Slug: e.Slug, Permalink: unescape(e.Path), Author: e.Author,
		AuthorPath: unescape(e.AuthorPath), Excerpt: e.Summary, WordPress: e.ID, CommentCount: e.CommentCount,
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
		fm.RedirectFrom = append(fm.RedirectFrom, unescape(a))
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
				w.terms[group.kind+"/"+t.Slug] = termPage{kind: group.kind, slug: t.Slug, title: t.Name, path: unescape(t.Path)}
			}
		}
	}
	if e.AuthorPath != "" {
		login := strings.Trim(strings.TrimPrefix(unescape(e.AuthorPath), w.site.Links.Home()+"author/"), "/")
		fm.TermSlugs = append(fm.TermSlugs, "author/"+login)
		w.terms["author/"+login] = termPage{kind: "author", slug: login, title: e.Author, path: unescape(e.AuthorPath)}
	}
	id := e.ID
	if id == 0 {
		id = e.Key
	}
	if len(e.Comments) > 0 {
		fm.Comments = strconv.FormatInt(id, 10)
		data, err := json.Marshal(e.Comments)
		if err != nil {
			return err
		}
		if err := export.WriteTree(w.root, "_data/comments/"+fm.Comments+".json", data); err != nil {
			return err
		}
	}
	head, err := json.Marshal(fm)
	if err != nil {
		return err
	}
	body := fmt.Sprintf("---\n%s\n---\n\n%s\n", head, e.Markdown)
	return export.WriteTree(w.root, w.fileName(e, id), []byte(body))
}

// fileName is _posts/YYYY-MM-DD-slug.md for a post (Jekyll's rule, and
// what dates it), the ID added when two posts share a day and slug, and
// _pages/ID-slug.md for a page, whose permalink says where it goes.
func (w *writer) fileName(e *sitegen.Entry, id int64) string {
	slug := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(e.Slug), "-"), "-")
	if len(slug) > 80 {
		slug = slug[:80]
	}
	if slug == "" {
		slug = strconv.FormatInt(id, 10)
	}
	if e.Type != "post" {
		return "pages/" + strconv.FormatInt(id, 10) + "-" + slug + ".md"
	}
	date := e.Date
	if date.IsZero() {
		date = time.Unix(0, 0).UTC()
	}
	name := "_posts/" + date.Format("2006-01-02") + "-" + slug + ".md"
	if w.names[name] {
		name = "_posts/" + date.Format("2006-01-02") + "-" + slug + "-" + strconv.FormatInt(id, 10) + ".md"
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
	name := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(t.slug), "-"), "-")
	return export.WriteTree(w.root, "terms/"+t.kind+"/"+name+"-"+strconv.Itoa(len(t.slug))+".html", []byte("---\n"+string(fm)+"\n---\n"))
}

func unescape(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}
