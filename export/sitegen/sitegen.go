// Package sitegen is what the exports to static site generators (Hugo,
// Jekyll) share: each public post and page of a site with the paths the
// served site (package site) gives it and every other path it had, its
// terms and author, its body rendered as readers saw it (render.Shown,
// shortcodes and blocks) and converted to Markdown, and its comment thread
// as nested data that holds nothing private.
//
// Paths come from the served site so that an export keeps exactly the
// links `parc serve` answers, which are the original permalinks.
package sitegen

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/locale"
	"github.com/parc-archive/parc/media"
	"github.com/parc-archive/parc/render"
	"github.com/parc-archive/parc/site"
)

// Source is the archive as these exports read it.
type Source interface {
	site.Archive
	ForEachSitePost(ctx context.Context, site string, fn func(*archive.StoredPost) error) error
	CountMedia(ctx context.Context, site string) (int, error)
}

// Site is one site of the archive opened for export: its description and
// the links the served site gives its entries, terms and authors.
type Site struct {
	archive.Site
	Server *site.Server
	Links  *site.Links
	// BaseURL is where the export will be published, no trailing slash:
	// Options.BaseURL, else the origin of the site's own URL.
	BaseURL string
	// hasMedia is false when the archive knows no media file of the site
	// (parc media fetch has not run): no link can then be localized, and
	// each post is spared the lookup.
	hasMedia bool
}

// Home is the URL of the generated site's home page: BaseURL and the
// path the blog had (https://example.org/blog/ for a blog at /blog), so
// that the home page stays where it was.
func (s *Site) Home() string { return s.BaseURL + s.Links.Home() }

// Rel is an escaped path of the site relative to its home, with a leading
// slash: /2020/01/post/ for /blog/2020/01/post/. Generators publish what
// they build at the home's path, so their permalinks leave it out.
// A path outside the home stays as it is.
func (s *Site) Rel(path string) string {
	home := s.Links.Home()
	if home == "/" || !strings.HasPrefix(path, home) {
		return path
	}
	return "/" + strings.TrimPrefix(path, home)
}

// FrontMatterPath is a served path as a generator's front matter names
// it (Hugo's url and aliases, Jekyll's permalink): relative to the home
// (Rel), which the generator's base URL holds, and unescaped.
func (s *Site) FrontMatterPath(path string) string {
	return decoded(s.Rel(path))
}

// Options choose what an export to a static generator holds.
type Options struct {
	export.Options
	// BaseURL is where the generated site will be published; "" keeps the
	// site's own origin.
	BaseURL string
}

// Open picks the site opts name (the archive's only one when none is
// named) and reads its links.
func Open(ctx context.Context, src Source, opts Options) (*Site, error) {
	one, err := export.OneSite(ctx, src, opts.Site, "a static site")
	if err != nil {
		return nil, err
	}
	base := opts.BaseURL
	if base == "" {
		u, err := url.Parse(one.URL)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("export: the site's URL %q has no host: name one with --base-url", one.URL)
		}
		base = u.Scheme + "://" + u.Host
	}
	srv, err := site.New(ctx, site.Config{Store: src, Site: one.URL, BaseURL: base})
	if err != nil {
		return nil, err
	}
	links, err := srv.Links(one.URL)
	if err != nil {
		return nil, err
	}
	known, err := src.CountMedia(ctx, one.URL)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return &Site{Site: one, Server: srv, Links: links, BaseURL: strings.TrimRight(base, "/"), hasMedia: known > 0}, nil
}

// Entry is a post or page as a generator's front matter and body need it.
type Entry struct {
	Key     int64
	ID      int64  // WordPress's; 0 when the source did not show it
	Type    string // post or page
	Title   string // plain text, as readers saw it (render.ShownTitle)
	Slug    string // decoded
	Date    time.Time
	Lastmod time.Time
	// Path is where the entry is served, escaped; Aliases are the other
	// paths that led to it. A draft (only with --private) has a path of
	// WordPress's form that nothing served.
	Path       string
	Aliases    []string
	Author     string // the name readers saw
	AuthorPath string
	Categories []Term
	Tags       []Term
	Summary    string // the excerpt WordPress showed, as plain text (render.ShownExcerpt)
	// Draft is an entry a build leaves out unless asked: one not
	// published, or a password-protected one, whose content a static site
	// cannot hide (only in a --private export).
	Draft    bool
	Markdown string
	// Media are the stored files the body links, at the paths it links
	// them (media.ServedPath), for the export to copy there.
	Media    []Media
	Comments []*Comment
	// CommentCount counts Comments and all their replies; Shown counts
	// those readers see (approved), which differ in a --private export.
	CommentCount, Shown int
}

// FileID is the number an entry's file is named by: WordPress's ID, or
// the archive's key when the source did not show the ID.
func (e *Entry) FileID() string {
	if e.ID == 0 {
		return strconv.FormatInt(e.Key, 10)
	}
	return strconv.FormatInt(e.ID, 10)
}

// FileSlug is the entry's slug as its file name holds it: SafeName, cut
// to 80 bytes; "" when nothing of it is kept.
func (e *Entry) FileSlug() string {
	name := SafeName(e.Slug)
	if len(name) > 80 {
		name = name[:80]
	}
	return name
}

// unsafeName is what a file name does not keep of a slug.
var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}_-]+`)

// SafeName is a slug as a file or directory name keeps it: lower case,
// each run of other characters than letters, digits, _ and - one hyphen,
// and no hyphen at either end.
func SafeName(slug string) string {
	return strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(slug), "-"), "-")
}

// Term is a category or tag of an entry.
type Term struct {
	Name string // as readers saw it (render.ShownTitle)
	Slug string
	Path string
}

// Comment is one comment as a static site shows it: no email, no IP, no
// meta. Content is sanitized HTML.
type Comment struct {
	ID        int64      `json:"id,string"`
	Parent    int64      `json:"parent,string"`
	Author    string     `json:"author"`
	AuthorURL string     `json:"author_url,omitempty"`
	Date      string     `json:"date"`
	Type      string     `json:"type"`
	Status    string     `json:"status,omitempty"` // only in a --private export: approved, pending, spam, trash
	Content   string     `json:"content"`
	Replies   []*Comment `json:"replies,omitempty"`
}

// Walk calls fn with each post and page of s a public export holds, or
// every one with opts.Private, oldest first as the archive stores them.
// The entry is fn's only until it returns. Entries are built on every
// core — rendering, sanitizing and converting bodies and threads is most
// of an export's own work — and given to fn one at a time, in order.
func (s *Site) Walk(ctx context.Context, src Source, private bool, fn func(*Entry) error) error {
	type job struct {
		post   *archive.StoredPost
		link   site.EntryLink
		served bool
		entry  *Entry
		err    error
		built  chan struct{}
	}
	g, ctx := errgroup.WithContext(ctx)
	workers := runtime.GOMAXPROCS(0)
	// Each job goes to the workers, then into the queue read in order;
	// a job in that queue has been taken by a worker, which closes built.
	toBuild, inOrder := make(chan *job), make(chan *job, 2*workers)
	g.Go(func() error {
		defer close(inOrder)
		defer close(toBuild)
		return src.ForEachSitePost(ctx, s.URL, func(p *archive.StoredPost) error {
			if p.Type != "post" && p.Type != "page" {
				return nil
			}
			link, served := s.Links.Entry(p.Key)
			if !private && (!served || !export.Exported(&p.Post)) {
				return nil
			}
			j := &job{post: p, link: link, served: served, built: make(chan struct{})}
			for _, queue := range []chan *job{toBuild, inOrder} {
				select {
				case queue <- j:
				case <-ctx.Done():
					return context.Cause(ctx)
				}
			}
			return nil
		})
	})
	for range workers {
		b := s.newEntryBuilder(src, private)
		g.Go(func() error {
			for j := range toBuild {
				j.entry, j.err = b.entry(ctx, j.post, j.link, j.served)
				close(j.built)
			}
			return nil
		})
	}
	g.Go(func() error {
		for j := range inOrder {
			<-j.built
			if j.err != nil {
				return j.err
			}
			if err := fn(j.entry); err != nil {
				return err
			}
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// entryBuilder builds the entries of one of Walk's goroutines, with
// converters of its own.
type entryBuilder struct {
	site      *Site
	src       Source
	private   bool
	conv      *Converter
	sanitizer *render.Sanitizer
	names     *archive.AuthorNames
}

func (s *Site) newEntryBuilder(src Source, private bool) *entryBuilder {
	return &entryBuilder{site: s, src: src, private: private,
		conv: NewConverter(), sanitizer: render.NewSanitizer(), names: archive.NewAuthorNames(src)}
}

// entry builds the entry of p, which Walk's filter let through, with the
// link the site gives it, if served.
func (b *entryBuilder) entry(ctx context.Context, p *archive.StoredPost, link site.EntryLink, served bool) (*Entry, error) {
	if err := ctx.Err(); err != nil {
		return nil, context.Cause(ctx)
	}
	s := b.site
	if !b.private {
		export.Withhold(&p.Post)
	}
	e := &Entry{
		Key: p.Key, ID: p.ID, Type: p.Type, Title: render.ShownTitle(p.Title),
		Slug: decoded(p.Slug), Date: localTime(p.Date, p.DateGMT), Lastmod: localTime(p.Modified, p.ModifiedGMT),
		Path: link.Path, Aliases: link.Aliases,
		Summary: render.ShownExcerpt(p.ContentRaw, p.ContentRendered, p.ExcerptRaw, p.ExcerptRendered),
		Draft:   !p.Listed() || b.private && p.Password != "",
	}
	var err error
	if e.Author, err = b.names.Name(ctx, s.URL, p.AuthorLogin); err != nil {
		return nil, err
	}
	e.AuthorPath, _ = s.Links.Author(p.AuthorLogin)
	if !served {
		e.Path = draftPath(p)
	}
	for _, t := range p.Terms {
		path, _ := s.Links.Term(t.Taxonomy, t.Slug)
		term := Term{Name: render.ShownTitle(t.Name), Slug: decoded(t.Slug), Path: path}
		switch t.Taxonomy {
		case "category":
			e.Categories = append(e.Categories, term)
		case "post_tag":
			e.Tags = append(e.Tags, term)
		}
	}
	if p.Password != "" && !b.private {
		e.Markdown = s.Links.Locale().Say(locale.PasswordProtected)
	} else {
		html := b.sanitizer.SanitizePost(s.Links.Renderer(ctx, p).Shown(p.ContentRaw, p.ContentRendered))
		if html, e.Media, err = s.localMedia(ctx, b.src, html); err != nil {
			return nil, fmt.Errorf("post %d: %w", p.ID, err)
		}
		if e.Markdown, err = b.conv.Markdown(html); err != nil {
			return nil, fmt.Errorf("post %d: %w", p.ID, err)
		}
	}
	e.Comments, e.CommentCount, e.Shown = comments(p.Comments, s.Links, b.sanitizer, b.private)
	return e, nil
}

// draftPath is where an unpublished post goes in a --private export:
// WordPress's preview link, as a path a generator can write.
func draftPath(p *archive.StoredPost) string {
	return "/drafts/" + strconv.FormatInt(p.Key, 10) + "/"
}

func decoded(slug string) string {
	if d, err := url.PathUnescape(slug); err == nil {
		return d
	}
	return slug
}

// localTime is the site's wall-clock time with its offset from UTC when
// both are known, so that generators show what WordPress showed.
func localTime(local, utc time.Time) time.Time {
	if offset := local.Sub(utc); !local.IsZero() && !utc.IsZero() && (offset%time.Minute != 0 || offset > 14*time.Hour || offset < -14*time.Hour) {
		return local // the two disagree beyond any time zone: the local clock is what readers saw
	}
	t, _ := archive.ShownTime(local, utc)
	return t
}

// comments threads a post's comments as readers saw them: without
// private, only approved ones (Withhold has dropped the rest), and never
// with emails, IPs or meta; a commenter as the site shows them (links).
// It counts them all, and the approved ones.
func comments(all []archive.Comment, links *site.Links, sanitizer *render.Sanitizer, private bool) (thread []*Comment, count, shown int) {
	roots, _ := archive.Thread(all)
	var convert func(nodes []*archive.Node) []*Comment
	convert = func(nodes []*archive.Node) []*Comment {
		var out []*Comment
		for _, n := range nodes {
			c := n.Comment
			count++
			if c.Public() {
				shown++
			}
			v := &Comment{
				ID: c.ID, Parent: c.Parent, Type: c.Kind(),
				Date:    localTime(c.Date, c.DateGMT).Format(time.RFC3339),
				Content: sanitizer.SanitizeComment(render.ShownComment(c.ContentRaw, c.ContentRendered)),
				Replies: convert(n.Replies),
			}
			v.Author, v.AuthorURL = links.CommentAuthor(c)
			if private {
				v.Status = c.Status()
			}
			out = append(out, v)
		}
		return out
	}
	return convert(roots), count, shown
}

// Media is a stored file an entry links, at the path it links it.
type Media struct {
	Path   string // escaped, from the site's root
	SHA256 string
}

// localMedia points an entry's links to stored files at the paths the
// export copies them to: where parc serve serves them, so that old links
// to /wp-content/uploads/… keep working on the new site.
func (s *Site) localMedia(ctx context.Context, src Source, html string) (string, []Media, error) {
	if !s.hasMedia {
		return html, nil, nil
	}
	out, files, err := media.Localize(ctx, src, s.URL, []byte(html), func(served string) string { return served })
	if err != nil {
		return "", nil, err
	}
	var linked []Media
	for _, f := range files {
		path, _ := media.ServedPath(s.URL, f.URL, f.SHA256)
		linked = append(linked, Media{Path: path, SHA256: f.SHA256})
	}
	return string(out), linked, nil
}

// CopyMedia copies an entry's stored files into the tree, in dir ("" or a
// folder the generator publishes as it is at the site's home, such as
// Hugo's static/), skipping those copied already.
func (s *Site) CopyMedia(src Source, tree *export.Tree, dir string, files []Media, copied map[string]bool) error {
	for _, f := range files {
		if copied[f.Path] {
			continue
		}
		copied[f.Path] = true
		rel, err := url.PathUnescape(strings.TrimPrefix(s.Rel(f.Path), "/"))
		if err != nil {
			continue
		}
		from := src.MediaPath(f.SHA256)
		info, err := os.Stat(from)
		if err == nil && !info.Mode().IsRegular() {
			err = fmt.Errorf("%s is not a file", from)
		}
		if err != nil {
			return fmt.Errorf("export: a stored media file cannot be read (parc verify checks them): %w", err)
		}
		if err := tree.CopyFile(dir+rel, from, info.Size()); err != nil {
			return err
		}
	}
	return nil
}
