// Package static writes the site `parc serve` shows as plain files that
// any web server can serve: every page at its path as index.html (feeds
// as index.xml), the sitemap, robots.txt and the stylesheet, and the old
// WordPress links (?p=N, ?cat=N, /comment-page-N/ …) as redirect maps
// for nginx, Apache and Netlify-style hosts.
//
// It asks the site's own handler for each page, starting from every
// entry, term and author and following the links each page holds, so the
// files are byte for byte what the server answers.
package static

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/site"
)

// ErrOtherPath is the error of a base URL whose path is not the blog's.
var ErrOtherPath = errors.New("export static: a base URL with a path would move the blog's pages, whose links name their own paths")

// Write exports the site opts names into dir (missing, empty, or a
// previous export by parc, which it replaces only when complete). Only
// what the site shows the public goes out: opts.Private is not used.
// progress, when not nil, is called after each file.
func Write(ctx context.Context, src sitegen.Source, dir string, opts sitegen.Options, progress func(export.Counts)) (export.Counts, error) {
	var counts export.Counts
	// The files keep the blog's own paths (a blog at /blog/ is written
	// under blog/), which its pages link to from the host's root: the
	// tree is published at a host's root, never under another path.
	if base, err := url.Parse(opts.BaseURL); err == nil && strings.Trim(base.EscapedPath(), "/") != "" {
		return counts, fmt.Errorf("%w: give --base-url the host the copy is published at (%s://%s); the blog's pages keep their own paths, where they link to each other",
			ErrOtherPath, base.Scheme, base.Host)
	}
	s, err := sitegen.Open(ctx, src, opts)
	if err != nil {
		return counts, err
	}
	counts.Sites = 1
	err = export.WriteDir(dir, "static", func(tree *export.Tree) error {
		c := &copier{tree: tree, handler: s.Server.Handler(), origin: s.BaseURL, home: s.Links.Home(), seen: map[string]bool{}, counts: &counts}
		c.queue(s.Links.Pages()...)
		c.queue(s.Server.Assets()...)
		for len(c.todo) > 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			path := c.todo[0]
			c.todo = c.todo[1:]
			if err := c.copy(ctx, path); err != nil {
				return err
			}
			if progress != nil {
				progress(counts)
			}
		}
		redirects := append(s.Links.OldLinks(), c.redirects...)
		maps := sitegen.Redirects(redirects, s.Links.Home())
		maps.Netlify = append(maps.Netlify, c.feedRewrites()...)
		err := maps.Write(tree, "")
		counts.Bytes = tree.Bytes()
		return err
	})
	return counts, err
}

// copier asks the site for each path once and writes what it answers.
type copier struct {
	tree      *export.Tree
	handler   http.Handler
	origin    string // scheme and host the requests name
	home      string
	seen      map[string]bool
	todo      []string
	redirects []site.Redirect
	feeds     []string // directories whose page is index.xml
	counts    *export.Counts
}

func (c *copier) queue(paths ...string) {
	for _, p := range paths {
		if !c.seen[p] {
			c.seen[p] = true
			c.todo = append(c.todo, p)
		}
	}
}

// links finds the site's own paths a page links to: no query (only the
// server answers those), no fragment.
var links = regexp.MustCompile(`(?:href|src)="(/[^"#?]*)`)

func (c *copier) copy(ctx context.Context, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.origin+path, nil)
	if err != nil {
		return nil // not a path a server could be asked for
	}
	rec := httptest.NewRecorder()
	c.handler.ServeHTTP(rec, req)
	switch {
	case rec.Code == http.StatusMovedPermanently || rec.Code == http.StatusFound:
		to := rec.Header().Get("Location")
		if u, err := url.Parse(to); err == nil && u.Host == "" {
			c.redirects = append(c.redirects, site.Redirect{From: path, To: to})
			c.queue(strings.SplitN(u.EscapedPath(), "#", 2)[0])
		}
		return nil
	case rec.Code != http.StatusOK:
		return nil // a link to something the archive does not hold
	}
	mediaType, _, _ := mime.ParseMediaType(rec.Header().Get("Content-Type"))
	file, err := url.PathUnescape(path)
	if err != nil {
		return nil
	}
	if strings.HasSuffix(file, "/") {
		if strings.HasSuffix(mediaType, "xml") {
			file += "index.xml"
			c.feeds = append(c.feeds, path)
		} else {
			file += "index.html"
		}
	}
	if err := c.tree.Write(strings.TrimPrefix(file, "/"), rec.Body.Bytes()); err != nil {
		return err
	}
	c.counts.Items++
	if mediaType == "text/html" {
		for _, m := range links.FindAllSubmatch(rec.Body.Bytes(), -1) {
			p := string(m[1])
			if strings.HasPrefix(p, c.home) && !strings.HasPrefix(p, "//") {
				c.queue(p)
			}
		}
	}
	return nil
}

// feedRewrites lets Netlify-style hosts serve a feed directory's
// index.xml, as nginx's and Apache's index settings in the maps do.
func (c *copier) feedRewrites() []byte {
	sort.Strings(c.feeds)
	var b strings.Builder
	for _, f := range c.feeds {
		fmt.Fprintf(&b, "%s %sindex.xml 200\n", f, f)
	}
	return []byte(b.String())
}
