package site

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/parc-archive/parc/locale"
)

// postsPerPage is WordPress's default posts_per_page.
const postsPerPage = 10

// listing is a paginated list of posts: home, a date, a term, an author.
type listing struct {
	heading, description string
	base                 string // path of page 1
	posts                []*entry
	children             []termView
	stickyFirst          bool
}

// listRoute answers the home page and the year, month and day archives,
// with their /page/N/ and /feed/ forms.
func (s *Server) listRoute(ctx context.Context, req *request, rel string, segments []string) *response {
	sd := req.site
	segs, kind, isFeed := splitFeed(segments)
	segs, page, paged := splitPaged(segs)
	if isFeed && paged {
		return nil
	}
	var l listing
	switch {
	case len(segs) == 0:
		l = listing{base: sd.mount + "/", posts: sd.posts, stickyFirst: true}
	default:
		from, until, heading, ok := dateRange(segs, sd.locale)
		if !ok {
			return nil
		}
		l = listing{heading: heading, base: sd.mount + joinSegments(segs)}
		for _, e := range sd.posts {
			if !e.Date.Before(from) && e.Date.Before(until) {
				l.posts = append(l.posts, e)
			}
		}
		if len(l.posts) == 0 {
			return nil
		}
	}
	return s.serveListing(ctx, req, l, page, kind, isFeed)
}

// serveListing redirects to the canonical form of a listing URL, then
// shows the page or the feed.
func (s *Server) serveListing(ctx context.Context, req *request, l listing, page int, kind string, isFeed bool) *response {
	want := pagedPath(l.base, page)
	if isFeed {
		want = l.base + feedSuffix(kind)
	}
	if !samePath(req.URL.EscapedPath(), want) {
		return redirect(want + query(req.URL))
	}
	if isFeed {
		title := req.site.Title
		if l.heading != "" {
			title += " » " + l.heading
		}
		return s.postsFeed(ctx, req, title, l.base, l.posts, kind)
	}
	return s.listPage(ctx, req, l, page)
}

func (s *Server) listPage(ctx context.Context, req *request, l listing, page int) *response {
	posts := l.posts
	if l.stickyFirst {
		posts = stickyFirst(posts)
	}
	pages := (len(posts) + postsPerPage - 1) / postsPerPage
	if pages == 0 {
		pages = 1
	}
	if page > pages {
		return s.notFound(req)
	}
	v := listView{Heading: l.heading, Description: l.description, Children: l.children, Pager: pagerView{Page: page, Pages: pages}}
	if l.heading != "" {
		v.Feed = l.base + "feed/"
	}
	if page > 1 {
		v.Pager.Prev = pagedPath(l.base, page-1)
	}
	if page < pages {
		v.Pager.Next = pagedPath(l.base, page+1)
	}
	start := (page - 1) * postsPerPage
	end := min(start+postsPerPage, len(posts))
	for _, e := range posts[start:end] {
		card, err := s.card(ctx, req.site, e)
		if err != nil {
			return s.unavailable(req, err)
		}
		v.Posts = append(v.Posts, card)
	}
	title := l.heading
	if page > 1 {
		// WordPress's title of a later page: the heading, then "Page N".
		number := req.site.locale.Say(locale.PageNumber, page)
		if title == "" {
			title = number
		} else {
			title += " – " + number
		}
	}
	pv := s.page(req, title)
	pv.Canonical = req.absolute(pagedPath(l.base, page))
	if v.Feed != "" {
		pv.Feeds = append(pv.Feeds, feedLink{Title: pv.locale.Say(locale.FeedOf, pv.Site.Title, "» "+l.heading), Type: "application/rss+xml", URL: v.Feed})
	}
	pv.Main = v
	return s.html(req, "list", pv, http.StatusOK)
}

// card is a post as a listing shows it: the part before <!--more-->.
func (s *Server) card(ctx context.Context, sd *siteData, e *entry) (cardView, error) {
	c := cardView{
		Title: e.title, URL: e.path, Date: e.Date, Author: sd.authorView(e.AuthorLogin),
		Protected: e.Protected, Sticky: e.Sticky, CommentCount: e.CommentCount,
	}
	c.Categories, _ = sd.termViews(e.Terms)
	if e.Protected {
		return c, nil
	}
	content, err := s.store.Content(ctx, e.Key)
	if err != nil {
		return c, err
	}
	teaser, more := s.renderer(ctx, sd, e.ID, nil).ShownTeaser(content.Raw, content.Rendered)
	c.Content = template.HTML(s.sanitizer.SanitizePost(teaser))
	c.More = more
	return c, nil
}

func stickyFirst(posts []*entry) []*entry {
	out := make([]*entry, 0, len(posts))
	for _, e := range posts {
		if e.Sticky {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return posts
	}
	for _, e := range posts {
		if !e.Sticky {
			out = append(out, e)
		}
	}
	return out
}

// dateRange reads /YYYY/, /YYYY/MM/ or /YYYY/MM/DD/, and names the
// period in the site's language.
func dateRange(segs []string, l *locale.Locale) (from, until time.Time, heading string, ok bool) {
	if len(segs) > 3 || len(segs[0]) != 4 {
		return from, until, "", false
	}
	var n [3]int
	for i, seg := range segs {
		v, err := strconv.Atoi(seg)
		if err != nil || v < 0 || (i > 0 && len(seg) != 2) {
			return from, until, "", false
		}
		n[i] = v
	}
	switch len(segs) {
	case 1:
		from = time.Date(n[0], 1, 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(1, 0, 0), l.Say(locale.YearArchive, strconv.Itoa(from.Year())), true
	case 2:
		if n[1] < 1 || n[1] > 12 {
			return from, until, "", false
		}
		from = time.Date(n[0], time.Month(n[1]), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, 0), l.Say(locale.MonthArchive, l.Month(from)), true
	default:
		from = time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
		if n[1] < 1 || n[1] > 12 || from.Day() != n[2] {
			return from, until, "", false
		}
		return from, from.AddDate(0, 0, 1), l.Say(locale.DayArchive, l.Date(from)), true
	}
}
