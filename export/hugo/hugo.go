// Package hugo writes a site of the archive as a Hugo site that Hugo
// builds as it is: every public post and page one Markdown file at its
// original path (front matter url, other old paths as aliases; the blog's
// own path, such as /blog/, in baseURL), YouTube and Vimeo embeds as
// Hugo's shortcodes, the approved comments nested in its front matter and
// layouts that show each thread nested with id="comment-N" anchors, term
// and author pages at WordPress's paths, RSS, and the old query-string
// links as redirect maps for the web server.
package hugo

import (
	"context"
	"embed"
	"encoding/json"
	"path"
	"strings"
	"time"

	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/sitegen"
)

//go:embed all:theme
var theme embed.FS

// Write exports the site opts names into dir as a Hugo site (see
// sitegen.Export).
func Write(ctx context.Context, src sitegen.Source, dir string, opts sitegen.Options, progress func(export.Counts)) (export.Counts, error) {
	return sitegen.Export(ctx, src, dir, "hugo", opts, progress, func(tree *export.Tree, s *sitegen.Site) sitegen.Generator {
		return &writer{tree: tree, site: s, terms: map[string]termPage{}, authors: map[string]termPage{}}
	})
}

// Start writes the configuration and the layouts.
func (w *writer) Start() error {
	if err := w.config(); err != nil {
		return err
	}
	return w.layouts()
}

// Finish writes the term and author pages.
func (w *writer) Finish(counts *export.Counts) error {
	counts.Terms, counts.Authors = len(w.terms), len(w.authors)
	return w.termPages()
}

// Published is Hugo's folder published as it is.
func (w *writer) Published() string { return "static/" }

// writer writes one export.
type writer struct {
	tree    *export.Tree
	site    *sitegen.Site
	terms   map[string]termPage // by taxonomy/slug
	authors map[string]termPage // by login
}

// termPage is the _index.md of a taxonomy term: its title and the path
// WordPress gave it.
type termPage struct {
	dir   string
	title string
	url   string
}

func (w *writer) config() error {
	s := w.site
	cfg := map[string]any{
		"baseURL":      s.Home(),
		"title":        s.Title,
		"languageCode": s.Language,
		"params":       map[string]any{"description": s.Description, "generator": "parc"},
		"taxonomies":   map[string]string{"category": "categories", "tag": "tags", "author": "authors"},
		"markup":       map[string]any{"goldmark": map[string]any{"renderer": map[string]any{"unsafe": true}}},
		"paginate":     10,
		"uglyURLs":     false,
		// Old WordPress paths may hold upper case or encoded characters:
		// Hugo must keep them as they are.
		"disablePathToLower": true,
	}
	data, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	return w.tree.Write("config.json", append(data, '\n'))
}

// layouts copies the embedded layouts that show the site, threads included.
func (w *writer) layouts() error {
	return w.tree.WriteFS(theme, "theme")
}

// frontMatter is a page's front matter, written as JSON, which Hugo reads.
// The thread is in it rather than in a file of its own: one file per post
// is what makes a large export fast, and the layouts read it as a param.
type frontMatter struct {
	Title      string             `json:"title"`
	Date       string             `json:"date,omitempty"`
	Lastmod    string             `json:"lastmod,omitempty"`
	Slug       string             `json:"slug,omitempty"`
	URL        string             `json:"url"`
	Aliases    []string           `json:"aliases,omitempty"`
	Author     string             `json:"author,omitempty"`
	Authors    []string           `json:"authors,omitempty"`
	Categories []string           `json:"categories,omitempty"`
	Tags       []string           `json:"tags,omitempty"`
	Summary    string             `json:"summary,omitempty"`
	WordPress  int64              `json:"wordpress_id,omitempty"`
	Type       string             `json:"type"`
	Draft      bool               `json:"draft,omitempty"`
	Comments   int                `json:"comment_count"`
	Thread     []*sitegen.Comment `json:"thread,omitempty"`
}

// Entry writes a post or page as one Markdown file with its thread in
// the front matter.
func (w *writer) Entry(e *sitegen.Entry) error {
	fm := frontMatter{
		Title: e.Title, Slug: e.Slug, URL: w.site.FrontMatterPath(e.Path), Author: e.Author,
		Summary: e.Summary, WordPress: e.ID, Type: e.Type, Draft: e.Draft, Comments: e.Shown,
		Thread: e.Comments,
	}
	if !e.Date.IsZero() {
		fm.Date = e.Date.Format(time.RFC3339)
	}
	if !e.Lastmod.IsZero() {
		fm.Lastmod = e.Lastmod.Format(time.RFC3339)
	}
	for _, a := range e.Aliases {
		fm.Aliases = append(fm.Aliases, w.site.FrontMatterPath(a))
	}
	for _, t := range e.Categories {
		fm.Categories = append(fm.Categories, w.term("categories", t))
	}
	for _, t := range e.Tags {
		fm.Tags = append(fm.Tags, w.term("tags", t))
	}
	if e.AuthorPath != "" {
		login := sitegen.SafeName(path.Base(strings.TrimSuffix(e.AuthorPath, "/")))
		w.authors[login] = termPage{dir: "authors/" + login, title: e.Author, url: w.site.FrontMatterPath(e.AuthorPath)}
		fm.Authors = []string{login}
	}
	head, err := json.MarshalIndent(fm, "", "  ")
	if err != nil {
		return err
	}
	body := append(head, "\n\n"...)
	body = append(body, videoShortcodes(escapeShortcodes(e.Markdown))...)
	body = append(body, '\n')
	return w.tree.Write("content/"+e.Type+"s/"+fileName(e)+".md", body)
}

// term records a category or tag for its _index.md and returns the value
// the front matter names it by: its slug, so that Hugo's term page is
// the one the _index.md describes, as a safe name (Hugo makes a path of a
// term's value, lower-cased and with spaces as hyphens).
func (w *writer) term(taxonomy string, t sitegen.Term) string {
	key := sitegen.SafeName(t.Slug)
	if t.Path != "" {
		w.terms[taxonomy+"/"+key] = termPage{dir: taxonomy + "/" + key, title: t.Name, url: w.site.FrontMatterPath(t.Path)}
	}
	return key
}

// termPages writes each term's _index.md: its name and WordPress's path.
func (w *writer) termPages() error {
	for _, pages := range []map[string]termPage{w.terms, w.authors} {
		for _, t := range pages {
			data, err := json.MarshalIndent(map[string]string{"title": t.title, "url": t.url}, "", "  ")
			if err != nil {
				return err
			}
			if err := w.tree.Write("content/"+t.dir+"/_index.md", append(data, '\n')); err != nil {
				return err
			}
		}
	}
	// The sections that hold the posts and pages have no page of their own: the
	// home page lists the posts, and WordPress had no /posts/ or /pages/.
	for _, section := range []string{"posts", "pages"} {
		if err := w.tree.Write("content/"+section+"/_index.md", []byte(`{"_build": {"render": "never"}}`+"\n")); err != nil {
			return err
		}
	}
	return nil
}

// fileName names a post's or page's file by WordPress ID and slug: unique
// and readable.
func fileName(e *sitegen.Entry) string {
	if slug := e.FileSlug(); slug != "" {
		return e.FileID() + "-" + slug
	}
	return e.FileID()
}

// escapeShortcodes keeps text that looks like a Hugo shortcode call as
// text: Hugo's own comment form {{</* … */>}} prints it literally.
func escapeShortcodes(md string) string {
	if !strings.Contains(md, "{{") {
		return md
	}
	r := strings.NewReplacer("{{<", "{{</*", ">}}", "*/>}}", "{{%", "{{%/*", "%}}", "*/%}}")
	return r.Replace(md)
}
