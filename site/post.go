package site

import (
	"cmp"
	"context"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/locale"
	"github.com/parc-archive/parc/render"
)

// entryRoute answers a stored permalink and the URL forms WordPress hangs
// off one: /feed/, /comment-page-N/, /N/ for <!--nextpage--> pages, and
// attachment pages.
func (s *Server) entryRoute(ctx context.Context, req *request, rel string, segments []string) *response {
	sd := req.site
	if e := sd.byPath[pathKey(rel)]; e != nil {
		if !samePath(req.URL.EscapedPath(), e.path) {
			return redirect(e.path)
		}
		return s.postPage(ctx, req, e, 1)
	}
	if e := sd.aliases[pathKey(rel)]; e != nil {
		return redirect(e.path)
	}
	if len(segments) < 2 {
		return nil
	}
	if rest, kind, ok := splitFeed(segments); ok {
		if e := sd.byPath[pathKey(joinSegments(rest))]; e != nil {
			want := withSlash(e.path) + feedSuffix(kind)
			if !samePath(req.URL.EscapedPath(), want) {
				return redirect(want)
			}
			return s.postCommentsFeed(ctx, req, e, kind)
		}
	}
	last, parent := segments[len(segments)-1], segments[:len(segments)-1]
	if e := sd.byPath[pathKey(joinSegments(parent))]; e != nil {
		switch {
		case strings.HasPrefix(last, "comment-page-"):
			return redirect(e.path + "#comments")
		case last == "trackback" || last == "amp" || last == "embed":
			return redirect(e.path)
		}
		if n, ok := parsePage(last); ok {
			want := withSlash(e.path) + strconv.Itoa(n) + "/"
			if n == 1 {
				return redirect(e.path)
			}
			if !samePath(req.URL.EscapedPath(), want) {
				return redirect(want)
			}
			return s.postPage(ctx, req, e, n)
		}
	}
	// /post/attachment/slug/, WordPress's form for attachments of posts
	// with numeric permalinks.
	if len(segments) >= 2 && segments[len(segments)-2] == "attachment" {
		for _, e := range sd.bySlug[strings.ToLower(decodeSegment(last))] {
			if e.Type == "attachment" {
				return redirect(e.path)
			}
		}
	}
	return nil
}

// postPage shows a post, page or attachment with its comment thread.
func (s *Server) postPage(ctx context.Context, req *request, e *entry, page int) *response {
	sd := req.site
	sp, err := s.store.Post(ctx, e.Key)
	if err != nil {
		return s.unavailable(req, err)
	}
	// The snapshot said it was public; the store has the last word.
	if !sp.Listed() {
		return s.notFound(req)
	}
	v := &postView{
		Type: e.Type, Title: e.title, URL: e.path, Date: e.Date, Author: sd.authorView(e.AuthorLogin),
		Protected: e.Protected || sp.Password != "",
	}
	v.Categories, v.Tags = sd.termViews(e.Terms)
	if !v.Protected {
		pages := s.contentPages(ctx, sd, sp, loopPages(req.URL.Query()))
		if page > len(pages) {
			return s.notFound(req)
		}
		v.Content = template.HTML(pages[page-1])
		if len(pages) > 1 {
			for n := 1; n <= len(pages); n++ {
				link := e.path
				if n > 1 {
					link = withSlash(e.path) + strconv.Itoa(n) + "/"
				}
				v.PageLinks = append(v.PageLinks, pageLink{Number: n, URL: link, Current: n == page})
			}
		}
		if e.Type == "attachment" && safeHTTPURL(e.AttachmentURL) {
			v.AttachmentURL = e.AttachmentURL
			v.IsImage = isImage(e.AttachmentURL)
		}
		v.Discussion = s.discussion(sd, e, sp.Comments)
	} else if page > 1 {
		return s.notFound(req)
	}
	if p := sd.byID[e.Parent]; p != nil && e.Parent != 0 {
		v.Parent = &linkView{Title: p.title, URL: p.path}
	}
	var children []*entry
	for _, c := range sd.children[e.ID] {
		if c.Type == "page" && e.ID != 0 {
			children = append(children, c)
		}
	}
	sortPages(children)
	for _, c := range children {
		v.Children = append(v.Children, linkView{Title: c.title, URL: c.path})
	}
	if e.Type == "post" {
		v.Previous, v.Next = sd.adjacent(e)
	}
	pv := s.page(req, e.title)
	pv.Canonical = req.absolute(e.path)
	if !v.Protected {
		pv.Feeds = append(pv.Feeds, feedLink{Title: pv.locale.Say(locale.PostFeedOf, pv.Site.Title, "»", e.title), Type: "application/rss+xml", URL: withSlash(e.path) + "feed/"})
	}
	pv.Main = v
	return s.html(req, "post", pv, http.StatusOK)
}

// contentPages is a post's content as render.ShownPages has it, split at
// <!--nextpage-->, each page sanitized; its query loops show the pages
// loops asks for.
func (s *Server) contentPages(ctx context.Context, sd *siteData, sp *archive.StoredPost, loops map[string]int) []string {
	r := s.renderer(ctx, sd, sp.ID, sp)
	r.LoopPages = loops
	pages := r.ShownPages(sp.ContentRaw, sp.ContentRendered)
	for i, page := range pages {
		pages[i] = s.sanitizer.SanitizePost(page)
	}
	return pages
}

// loopPagePattern is the name of the parameter of a query loop's page in
// the links of WordPress's query pagination blocks, which parc's keep.
var loopPagePattern = regexp.MustCompile(`^query-(?:[0-9]{1,9}-)?page$`)

// loopPages reads the pages of a post's query loops from the query of
// its address: page numbers from 2 on, by parameter, as parsePage reads
// them; a loop asked for any other shows its first.
func loopPages(query url.Values) map[string]int {
	var pages map[string]int
	for key, values := range query {
		if !loopPagePattern.MatchString(key) || len(values) == 0 {
			continue
		}
		if n, ok := parsePage(values[0]); ok && n > 1 {
			if pages == nil {
				pages = map[string]int{}
			}
			pages[key] = n
		}
	}
	return pages
}

// renderer renders the raw content of the site's post id, resolving
// [gallery], [playlist], [audio] and [video] to its public attachments
// and dynamic blocks from the snapshot and, for excerpts and comments,
// the store. shown is the post id as the caller already read it from the
// store (its page, an export's entry), or nil: its comments blocks show
// its comments without reading the post again.
func (s *Server) renderer(ctx context.Context, sd *siteData, id int64, shown *archive.StoredPost) render.Renderer {
	b := blockData{
		sd:      sd,
		content: func(key int64) (archive.PostContent, error) { return s.store.Content(ctx, key) },
		comments: func(key int64) ([]render.Comment, bool) {
			sp := shown
			if sp == nil || sp.Key != key {
				var err error
				if sp, err = s.store.Post(ctx, key); err != nil {
					return nil, false
				}
			}
			// The snapshot said it was public; the store has the last word.
			if !sp.Listed() || sp.Password != "" {
				return nil, false
			}
			return s.blockComments(sd, sp.Comments), true
		},
		avatar: s.avatar,
	}
	return render.Renderer{Attachments: sd.attachment, Attached: sd.attached, Post: id, Site: b}
}

// attachment resolves [gallery] and [playlist] IDs to public attachments.
func (sd *siteData) attachment(id int64) (render.Attachment, bool) {
	e := sd.byID[id]
	if e == nil || e.Type != "attachment" || !safeHTTPURL(e.AttachmentURL) {
		return render.Attachment{}, false
	}
	return render.Attachment{ID: e.ID, URL: e.AttachmentURL, Page: e.path, Title: e.title, Caption: e.Caption, Alt: e.AltText, MenuOrder: e.MenuOrder}, true
}

// attached lists the public attachments of post parent in menu order.
func (sd *siteData) attached(parent int64) []render.Attachment {
	var out []render.Attachment
	for _, c := range sd.children[parent] {
		if a, ok := sd.attachment(c.ID); ok && parent != 0 {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b render.Attachment) int {
		return cmp.Or(cmp.Compare(a.MenuOrder, b.MenuOrder), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// adjacent finds the previous (older) and next (newer) posts.
func (sd *siteData) adjacent(e *entry) (previous, next *linkView) {
	for i, p := range sd.posts {
		if p != e {
			continue
		}
		if i+1 < len(sd.posts) {
			previous = &linkView{Title: sd.posts[i+1].title, URL: sd.posts[i+1].path}
		}
		if i > 0 {
			next = &linkView{Title: sd.posts[i-1].title, URL: sd.posts[i-1].path}
		}
		break
	}
	return previous, next
}

func (sd *siteData) authorView(login string) *authorView {
	if a := sd.authors[login]; a != nil {
		return &authorView{Name: a.Name, URL: a.path}
	}
	return nil
}

func (sd *siteData) termViews(refs []archive.TermRef) (categories, tags []termView) {
	for _, ref := range refs {
		switch ref.Taxonomy {
		case "category":
			if t := sd.terms["category"][ref.Slug]; t != nil {
				categories = append(categories, termView{Name: t.title, URL: t.path})
			}
		case "post_tag":
			if t := sd.terms["post_tag"][ref.Slug]; t != nil {
				tags = append(tags, termView{Name: t.title, URL: t.path})
			}
		}
	}
	return categories, tags
}

func safeHTTPURL(u string) bool {
	lower := strings.ToLower(u)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

func isImage(u string) bool {
	switch strings.ToLower(path.Ext(strings.SplitN(u, "?", 2)[0])) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".bmp":
		return true
	}
	return false
}
