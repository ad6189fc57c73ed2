package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/locale"
	"github.com/parc-archive/parc/render"
)

// blockData gives render's dynamic blocks (latest posts, archives,
// categories...) the site's snapshot, in the order WordPress lists them,
// the content of the posts they show excerpts of, the comments of the
// posts they show comments of (by archive key; false when the store
// cannot read the post or says readers may not see it), and the address
// of the picture avatars show.
type blockData struct {
	sd       *siteData
	content  func(key int64) (archive.PostContent, error)
	comments func(key int64) ([]render.Comment, bool)
	avatar   string
}

var _ render.SiteData = blockData{}

func (b blockData) SiteTitle() render.Link {
	return render.Link{Text: b.sd.plainTitle(b.sd.Title), URL: b.sd.mount + "/"}
}

func (b blockData) Tagline() string { return render.ShownTitle(b.sd.Description) }

// siteLists are the lists of the dynamic blocks that are drawn from all
// the posts of a site. A snapshot never changes once built, so each is
// built once, when a post first shows it, not on every post rendered;
// the blocks are handed them as they are, to read.
type siteLists struct {
	months     func() []render.Link
	categories func() []render.Link
	tags       func() []render.Link
	pages      func() []render.Link
	byTitle    func() []*entry    // the posts, last in the alphabet first
	postDays   func() []time.Time // the days with posts, earliest first
}

func newSiteLists(sd *siteData) siteLists {
	return siteLists{
		months:     sync.OnceValue(sd.monthLinks),
		categories: sync.OnceValue(func() []render.Link { return termLinks(sd.usedTerms("category")) }),
		tags:       sync.OnceValue(sd.tagCloud),
		pages:      sync.OnceValue(sd.pageTree),
		byTitle:    sync.OnceValue(sd.postsByTitle),
		postDays:   sync.OnceValue(sd.postDays),
	}
}

// LatestPosts lists the posts a latest posts block asks for: newest
// first, or by title, perhaps of one category only; ascending order reads
// the list from its end.
func (b blockData) LatestPosts(q render.PostQuery) []render.PostSummary {
	posts := b.sd.posts
	if q.OrderBy == "title" {
		posts = b.sd.lists.byTitle()
	}
	out := make([]render.PostSummary, 0, min(q.N, len(posts)))
	for i := 0; i < len(posts) && len(out) < q.N; i++ {
		e := posts[i]
		if q.Ascending {
			e = posts[len(posts)-1-i]
		}
		if q.Category == 0 || b.inCategory(e, q.Category) {
			out = append(out, b.summary(e))
		}
	}
	return out
}

// postsByTitle orders the posts by title as WordPress's database
// collation does, letter case aside, last first; equal titles keep their
// date order.
func (sd *siteData) postsByTitle() []*entry {
	type keyed struct {
		e   *entry
		key string
	}
	posts := make([]keyed, len(sd.posts))
	for i, e := range sd.posts {
		posts[i] = keyed{e, strings.ToLower(e.title)}
	}
	slices.SortStableFunc(posts, func(x, y keyed) int { return cmp.Compare(y.key, x.key) })
	out := make([]*entry, len(posts))
	for i, p := range posts {
		out[i] = p.e
	}
	return out
}

func (b blockData) inCategory(e *entry, id int64) bool {
	for _, ref := range e.Terms {
		if t := b.sd.terms[ref.Taxonomy][ref.Slug]; ref.Taxonomy == "category" && t != nil && t.ID == id {
			return true
		}
	}
	return false
}

// Months lists the months that have posts, newest first.
func (b blockData) Months() []render.Link { return b.sd.lists.months() }

func (sd *siteData) monthLinks() []render.Link {
	var links []render.Link
	for _, e := range sd.posts {
		if e.Date.IsZero() {
			continue
		}
		url := fmt.Sprintf("%s/%04d/%02d/", sd.mount, e.Date.Year(), e.Date.Month())
		if len(links) > 0 && links[len(links)-1].URL == url {
			links[len(links)-1].Count++
			continue
		}
		links = append(links, render.Link{Text: sd.locale.Month(e.Date), URL: url, Count: 1})
	}
	return links
}

func (b blockData) Categories() []render.Link { return b.sd.lists.categories() }

// tagCloudSize is how many tags a tag cloud shows: WordPress's default,
// the most used ones.
const tagCloudSize = 45

// Tags lists the tags of a tag cloud by name: the 45 most used, and
// among equally used ones the newest (highest ID), which is the order
// WordPress's database gave them.
func (b blockData) Tags() []render.Link { return b.sd.lists.tags() }

func (sd *siteData) tagCloud() []render.Link {
	used := sd.usedTerms("post_tag")
	slices.SortStableFunc(used, func(x, y usedTerm) int {
		return cmp.Or(cmp.Compare(y.count, x.count), cmp.Compare(y.ID, x.ID))
	})
	return termLinks(used[:min(len(used), tagCloudSize)])
}

// usedTerm is a term with the number of posts filed under it.
type usedTerm struct {
	*term
	count int
}

// usedTerms lists the terms of a taxonomy that have posts.
func (sd *siteData) usedTerms(taxonomy string) []usedTerm {
	counts := map[string]int{}
	for _, e := range sd.posts {
		for _, ref := range e.Terms {
			if ref.Taxonomy == taxonomy {
				counts[ref.Slug]++
			}
		}
	}
	var used []usedTerm
	for slug, t := range sd.terms[taxonomy] {
		if counts[slug] > 0 {
			used = append(used, usedTerm{t, counts[slug]})
		}
	}
	// By slug, so that the stable sorts after this give one order to
	// terms they rank alike (two categories of one name), not the map's.
	slices.SortFunc(used, func(x, y usedTerm) int { return cmp.Compare(x.Slug, y.Slug) })
	return used
}

// termLinks links terms with their counts, by name.
func termLinks(used []usedTerm) []render.Link {
	links := make([]render.Link, len(used))
	for i, u := range used {
		links[i] = render.Link{Text: u.title, URL: u.path, Count: u.count}
	}
	byName(links)
	return links
}

// byName sorts links by their text (compareNames).
func byName(links []render.Link) {
	slices.SortStableFunc(links, func(x, y render.Link) int { return compareNames(x.Text, y.Text) })
}

// compareNames orders names as WordPress's database collation does:
// letter case aside ("a Blog page" before "Front Page").
func compareNames(x, y string) int {
	return cmp.Or(cmp.Compare(strings.ToLower(x), strings.ToLower(y)), cmp.Compare(x, y))
}

// maxPageDepth is how deep a page list follows child pages: deeper ones
// are left out, and a loop of parents cannot recurse forever.
const maxPageDepth = 10

// Pages lists the top-level pages with their children, in menu order and
// then by title.
func (b blockData) Pages() []render.Link { return b.sd.lists.pages() }

func (sd *siteData) pageTree() []render.Link {
	var walk func(parent int64, depth int) []render.Link
	walk = func(parent int64, depth int) []render.Link {
		var pages []*entry
		candidates := sd.children[parent]
		if parent == 0 {
			// Top-level pages have no parent to be filed under: they
			// are the pages whose parent is none or is not served.
			candidates = sd.entries
		}
		for _, c := range candidates {
			if c.Type == "page" && (parent != 0 || c.Parent == 0 || sd.byID[c.Parent] == nil) {
				pages = append(pages, c)
			}
		}
		sortPages(pages)
		links := make([]render.Link, len(pages))
		for i, p := range pages {
			links[i] = render.Link{Text: p.title, URL: p.path}
			if depth < maxPageDepth && p.ID != 0 {
				links[i].Children = walk(p.ID, depth+1)
			}
		}
		return links
	}
	return walk(0, 0)
}

// LatestComments lists the newest comments the snapshot holds.
func (b blockData) LatestComments(n int) []render.CommentSummary {
	return b.sd.recentComments[:min(n, len(b.sd.recentComments))]
}

// Query lists the posts of a query loop's page: on the first the sticky
// posts, then the perPage newest others, on each later page the next
// perPage others, so that paging through the loop shows every post once.
func (b blockData) Query(perPage, page int) (posts []render.PostSummary, pages int) {
	var others []*entry
	for _, e := range b.sd.posts {
		if e.Sticky {
			if page == 1 {
				posts = append(posts, b.summary(e))
			}
			continue
		}
		others = append(others, e)
	}
	from := min((page-1)*perPage, len(others))
	for _, e := range others[from:min(from+perPage, len(others))] {
		posts = append(posts, b.summary(e))
	}
	return posts, (len(others) + perPage - 1) / perPage
}

func (b blockData) Post(id int64) (render.PostSummary, bool) {
	e := b.sd.byID[id]
	if e == nil {
		return render.PostSummary{}, false
	}
	return b.summary(e), true
}

// Adjacent are the posts published just before and just after the post
// with the ID, as the post's own page links them.
func (b blockData) Adjacent(id int64) (previous, next render.Link) {
	e := b.sd.byID[id]
	if e == nil || e.Type != "post" {
		return previous, next
	}
	before, after := b.sd.adjacent(e)
	if before != nil {
		previous = render.Link{Text: before.Title, URL: before.URL}
	}
	if after != nil {
		next = render.Link{Text: after.Title, URL: after.URL}
	}
	return previous, next
}

// Excerpt reads the post's content for its excerpt; a protected post, or
// one the archive cannot read, has none.
func (b blockData) Excerpt(id int64) string {
	e := b.sd.byID[id]
	if e == nil || e.Protected || b.content == nil {
		return ""
	}
	c, err := b.content(e.Key)
	if err != nil {
		return ""
	}
	return render.ShownExcerpt(c.Raw, c.Rendered, c.ExcerptRaw, c.ExcerptRendered)
}

// FeaturedImage is the post's featured image when it is an image
// attachment the site serves; a protected post shows none, as it shows
// nothing of its content. Its file's URL is the original one, which the
// page's media links (localMedia) turn into the stored copy where the
// archive may serve it.
func (b blockData) FeaturedImage(id int64) (render.Attachment, bool) {
	e := b.sd.byID[id]
	if e == nil || e.Protected || e.FeaturedImage == 0 {
		return render.Attachment{}, false
	}
	a, ok := b.sd.attachment(e.FeaturedImage)
	if !ok || !isImage(a.URL) {
		return render.Attachment{}, false
	}
	return a, true
}

// Comments are the approved comments of a post readers may see in full;
// none of a protected post, as its page shows none, nor of one the store
// now says is protected or unpublished.
func (b blockData) Comments(id int64) ([]render.Comment, bool) {
	e := b.sd.byID[id]
	if e == nil || e.Protected || b.comments == nil {
		return nil, false
	}
	return b.comments(e.Key)
}

func (b blockData) Avatar() string { return b.avatar }

func (b blockData) Locale() *locale.Locale { return b.sd.locale }

// Today is the day WordPress would show the calendar of: the day the page
// is read.
func (b blockData) Today() time.Time { return time.Now() }

// Calendar finds the days of the month with posts and the nearest months
// with posts before and after it.
func (b blockData) Calendar(year int, month time.Month) render.Calendar {
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	next := first.AddDate(0, 1, 0)
	c := render.Calendar{Days: map[int]string{}}
	var before, after time.Time
	days := b.sd.lists.postDays()
	i, _ := slices.BinarySearchFunc(days, first, time.Time.Compare)
	if i > 0 && days[i-1].After(time.Time{}) {
		before = days[i-1]
	}
	for ; i < len(days) && days[i].Before(next); i++ {
		d := days[i]
		c.Days[d.Day()] = fmt.Sprintf("%s/%04d/%02d/%02d/", b.sd.mount, d.Year(), d.Month(), d.Day())
	}
	if i < len(days) {
		after = days[i]
	}
	monthURL := func(t time.Time) string {
		return fmt.Sprintf("%s/%04d/%02d/", b.sd.mount, t.Year(), t.Month())
	}
	if !before.IsZero() {
		c.PreviousURL, c.PreviousMonth = monthURL(before), before.Month()
	}
	if !after.IsZero() {
		c.NextURL, c.NextMonth = monthURL(after), after.Month()
	}
	return c
}

// postDays are the days posts were published on, as the calendar reads
// their dates, earliest first.
func (sd *siteData) postDays() []time.Time {
	var days []time.Time
	for _, e := range sd.posts {
		if !e.Date.IsZero() {
			days = append(days, time.Date(e.Date.Year(), e.Date.Month(), e.Date.Day(), 0, 0, 0, 0, time.UTC))
		}
	}
	slices.SortFunc(days, time.Time.Compare)
	return slices.CompactFunc(days, time.Time.Equal)
}

func (b blockData) summary(e *entry) render.PostSummary {
	p := render.PostSummary{Link: render.Link{Text: e.title, URL: e.path}, ID: e.ID, Date: e.Date}
	if a := b.sd.authors[e.AuthorLogin]; a != nil {
		p.Author = render.Link{Text: a.Name, URL: a.path}
	}
	categories, tags := b.sd.termViews(e.Terms)
	p.Categories, p.Tags = termViewLinks(categories), termViewLinks(tags)
	return p
}

// termViewLinks are a post's terms as the post blocks link them.
func termViewLinks(views []termView) []render.Link {
	var links []render.Link
	for _, v := range views {
		links = append(links, render.Link{Text: v.Name, URL: v.URL})
	}
	return links
}

func (b blockData) SearchForm() (action, param string) { return b.sd.mount + "/search/", "q" }
