package render

import (
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/parc-archive/parc/locale"
)

// Link is one item of a list a dynamic block shows: a post, a month, a
// term, a page or a person, with its URL and, where the block shows one,
// a count. Text is plain text; Children are the pages below a page.
type Link struct {
	Text     string
	URL      string
	Count    int
	Children []Link
}

// SiteData is what the dynamic blocks read of the archive: the blocks
// WordPress builds from the site's data each time it shows a post
// (latest posts, archives, categories...). The site fills it from its
// snapshot; lists are in the order WordPress shows them.
type SiteData interface {
	SiteTitle() Link // the blog's name and home page
	Tagline() string
	LatestPosts(q PostQuery) []PostSummary
	Months() []Link // monthly archives, newest first, with post counts
	Categories() []Link
	Tags() []Link
	Pages() []Link // in menu order, then by title
	LatestComments(n int) []CommentSummary
	SearchForm() (action, param string) // the search page and its query parameter
	// Query lists the posts a query loop of perPage posts a page shows on
	// the page: on the first the sticky posts, then the perPage newest
	// others, on each later one the next perPage others; pages is how many
	// pages the loop has.
	Query(perPage, page int) (posts []PostSummary, pages int)
	// Post is what the post blocks (title, date, author, terms) show of
	// the post with the ID; Adjacent are the posts before and after it
	// in date order, with empty URLs where there are none.
	Post(id int64) (PostSummary, bool)
	Adjacent(id int64) (previous, next Link)
	// Excerpt is the plain text of the post's excerpt (ShownExcerpt), ""
	// for a protected post.
	Excerpt(id int64) string
	// FeaturedImage is the image attachment the post has as its featured
	// image, which readers may see; false when none.
	FeaturedImage(id int64) (Attachment, bool)
	// Comments are the post's approved comments, threaded, oldest first;
	// false when readers may not see them (a password-protected post).
	Comments(id int64) ([]Comment, bool)
	// Avatar is the address of the picture avatars show.
	Avatar() string
	// Today is the day the calendar block shows the month of.
	Today() time.Time
	Calendar(year int, month time.Month) Calendar
	// Locale writes the blocks' words and dates in the blog's language.
	Locale() *locale.Locale
}

// PostQuery is which posts a latest posts block lists: N of them, by
// date or by title ("title"), newest or first in the alphabet first
// unless Ascending, only those of the category with the ID when it is
// not 0.
type PostQuery struct {
	N         int
	OrderBy   string
	Ascending bool
	Category  int64
}

// CommentSummary is what the latest comments block shows of a comment:
// who wrote it, on which post (linking to the comment), when, and its
// plain text.
type CommentSummary struct {
	Author Link
	Post   Link
	Date   time.Time
	Text   string
}

// PostSummary is what the post blocks show of a post: its title and
// link, date, author and terms. Text is plain text.
type PostSummary struct {
	Link
	ID         int64
	Date       time.Time
	Author     Link
	Categories []Link
	Tags       []Link
}

// dynamicBlock renders the self-closing block name with its attributes a
// (blockAttributes) from the archive, for the post with the ID where the
// block shows a post, or reports false for blocks that are not dynamic.
func dynamicBlock(site SiteData, post int64, name string, a map[string]any) (string, bool) {
	number := func(key string, fallback int) int {
		if v, ok := a[key].(float64); ok && v >= 1 && v <= 100 {
			return int(v)
		}
		return fallback
	}
	switch name {
	case "latest-posts":
		q := PostQuery{N: number("postsToShow", 5), Category: categoryID(a["categories"])}
		q.OrderBy, _ = a["orderBy"].(string)
		if order, _ := a["order"].(string); order == "asc" {
			q.Ascending = true
		}
		return latestPosts(site, site.LatestPosts(q), flag(a, "displayPostDate")), true
	case "archives":
		return linkList("wp-block-archives-list wp-block-archives", site.Months(), flag(a, "showPostCounts")), true
	case "categories":
		return linkList("wp-block-categories-list wp-block-categories", site.Categories(), flag(a, "showPostCounts")), true
	case "page-list":
		return linkList("wp-block-page-list", site.Pages(), false), true
	case "tag-cloud":
		return `<p class="wp-block-tag-cloud">` + joinLinks(site.Tags(), " ") + `</p>`, true
	case "latest-comments":
		return latestComments(site, site.LatestComments(number("commentsToShow", 5)), defaultTrue(a, "displayDate"), defaultTrue(a, "displayExcerpt")), true
	case "site-title":
		// WordPress writes the title as a heading of the level asked, h1
		// unless told, and as a paragraph for level 0.
		element := "h1"
		if v, ok := a["level"].(float64); ok && v >= 0 && v <= 6 {
			element = "h" + strconv.Itoa(int(v))
			if v == 0 {
				element = "p"
			}
		}
		return "<" + element + ` class="wp-block-site-title">` + anchor(site.SiteTitle()) + "</" + element + ">", true
	case "site-tagline":
		return `<p class="wp-block-site-tagline">` + html.EscapeString(site.Tagline()) + `</p>`, true
	case "search":
		label := site.Locale().Say(locale.Search)
		if v, ok := a["label"].(string); ok && v != "" {
			label = v
		}
		action, param := site.SearchForm()
		return `<form role="search" method="get" action="` + html.EscapeString(action) + `" class="wp-block-search"><label for="wp-block-search__input">` +
			html.EscapeString(label) + `</label><input type="search" id="wp-block-search__input" name="` + html.EscapeString(param) + `"><button type="submit">` + html.EscapeString(label) + `</button></form>`, true
	case "rss":
		// parc fetches nothing from other sites: the block links to the feed.
		if url, _ := a["feedURL"].(string); safeURL(url) {
			return `<ul class="wp-block-rss"><li><a href="` + html.EscapeString(url) + `">` + html.EscapeString(url) + `</a></li></ul>`, true
		}
		return "", true
	case "post-title", "post-date", "post-author", "post-terms", "post-excerpt", "read-more", "post-featured-image":
		p, ok := site.Post(post)
		if !ok {
			return "", true
		}
		return postBlock(site, p, name, a), true
	case "post-navigation-link":
		return postNavigationLink(site, post, a), true
	case "calendar":
		return calendar(site), true
	case "avatar":
		p, _ := site.Post(post)
		return avatar(site, p.Author, "", a), true
	case "comments-title":
		return commentsTitle(site, post, a), true
	case "post-comments-form":
		if _, ok := site.Comments(post); !ok {
			return "", true
		}
		return commentForm(site.Locale()), true
	case "loginout":
		// There is no one to log in on a read-only archive.
		return "", true
	}
	return "", false
}

// postNavigationLink links the next post or, as the type attribute asks,
// the previous one, as WordPress's block does: named "Next" or
// "Previous" unless a label names it, or by its title with showTitle,
// the label then before the link.
func postNavigationLink(site SiteData, post int64, a map[string]any) string {
	previous, next := site.Adjacent(post)
	link, word, class := next, locale.NextPost, "next"
	if t, _ := a["type"].(string); t == "previous" {
		link, word, class = previous, locale.PreviousPost, "previous"
	}
	if !safeURL(link.URL) {
		return ""
	}
	label, _ := a["label"].(string)
	text, before := site.Locale().Say(word), ""
	if label != "" {
		text = label
	}
	if flag(a, "showTitle") {
		text = link.Text
		if label != "" {
			before = `<span class="post-navigation-link__label">` + html.EscapeString(label) + `</span> `
		}
	}
	return `<div class="post-navigation-link-` + class + ` wp-block-post-navigation-link">` + before +
		`<a href="` + html.EscapeString(link.URL) + `">` + html.EscapeString(text) + `</a></div>`
}

// categoryID reads the category a latest posts block is limited to,
// which WordPress has stored as an ID, a string of one, or a list of
// terms with their IDs (of which parc takes the first).
func categoryID(v any) int64 {
	switch v := v.(type) {
	case float64:
		return int64(v)
	case string:
		id, _ := strconv.ParseInt(v, 10, 64)
		return id
	case []any:
		if len(v) > 0 {
			if term, ok := v[0].(map[string]any); ok {
				return categoryID(term["id"])
			}
		}
	}
	return 0
}

// flag reads a flag that is off unless the attributes turn it on.
func flag(a map[string]any, key string) bool {
	v, _ := a[key].(bool)
	return v
}

// defaultTrue reads a flag that is on unless the attributes turn it off.
func defaultTrue(a map[string]any, key string) bool {
	v, ok := a[key].(bool)
	return v || !ok
}

func latestPosts(site SiteData, posts []PostSummary, dates bool) string {
	var b strings.Builder
	b.WriteString(`<ul class="wp-block-latest-posts__list wp-block-latest-posts">`)
	for _, p := range posts {
		if p.Text == "" {
			p.Text = site.Locale().Say(locale.NoTitle)
		}
		b.WriteString("<li>" + anchor(p.Link))
		if dates && !p.Date.IsZero() {
			b.WriteString(timeElement(site, p.Date, "wp-block-latest-posts__post-date"))
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
	return b.String()
}

// commentExcerptWords is how many words of a comment the latest comments
// block shows, as get_comment_excerpt cuts them.
const commentExcerptWords = 20

func latestComments(site SiteData, comments []CommentSummary, dates, excerpts bool) string {
	var b strings.Builder
	b.WriteString(`<ol class="wp-block-latest-comments">`)
	for _, c := range comments {
		b.WriteString(`<li class="wp-block-latest-comments__comment"><article><footer class="wp-block-latest-comments__comment-meta">`)
		b.WriteString(site.Locale().Say(locale.CommentOnPost, anchor(c.Author), anchor(c.Post)))
		if dates && !c.Date.IsZero() {
			b.WriteString(timeElement(site, c.Date, "wp-block-latest-comments__comment-date"))
		}
		b.WriteString("</footer>")
		if excerpts {
			excerpt := trimWords(c.Text, commentExcerptWords, "…")
			b.WriteString(`<div class="wp-block-latest-comments__comment-excerpt"><p>` + html.EscapeString(excerpt) + `</p></div>`)
		}
		b.WriteString("</article></li>")
	}
	b.WriteString("</ol>")
	return b.String()
}

func timeElement(site SiteData, t time.Time, class string) string {
	if class != "" {
		class = ` class="` + class + `"`
	}
	return `<time datetime="` + t.Format(time.RFC3339) + `"` + class + `>` + html.EscapeString(site.Locale().Date(t)) + `</time>`
}

// postBlock renders one of the blocks that show a post's title, date,
// author, terms or link.
func postBlock(site SiteData, p PostSummary, name string, a map[string]any) string {
	switch name {
	case "post-title":
		title := html.EscapeString(p.Text)
		if flag(a, "isLink") {
			title = anchor(p.Link)
		}
		return `<h2 class="wp-block-post-title">` + title + `</h2>`
	case "post-date":
		if p.Date.IsZero() {
			return ""
		}
		return `<div class="wp-block-post-date">` + timeElement(site, p.Date, "") + `</div>`
	case "post-author":
		if p.Author.Text == "" {
			return ""
		}
		return `<div class="wp-block-post-author"><p class="wp-block-post-author__name">` + html.EscapeString(p.Author.Text) + `</p></div>`
	case "post-terms":
		terms := p.Categories
		if t, _ := a["term"].(string); t == "post_tag" {
			terms = p.Tags
		}
		if len(terms) == 0 {
			return ""
		}
		return `<div class="wp-block-post-terms">` + joinLinks(terms, ", ") + `</div>`
	case "post-excerpt":
		excerpt := site.Excerpt(p.ID)
		if excerpt == "" {
			return ""
		}
		return `<div class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">` + html.EscapeString(excerpt) + `</p></div>`
	case "post-featured-image":
		return featuredImage(site, p, flag(a, "isLink"))
	default: // read-more
		return `<a class="wp-block-read-more" href="` + html.EscapeString(p.URL) + `">` + html.EscapeString(site.Locale().Say(locale.ReadMore)) + `</a>`
	}
}

// featuredImage is the post's featured image as WordPress's block shows
// it: the image with its alternative text or, linked to the post, with
// the post's title for one, since it then names where the link leads.
func featuredImage(site SiteData, p PostSummary, linked bool) string {
	image, ok := site.FeaturedImage(p.ID)
	if !ok || !safeURL(image.URL) {
		return ""
	}
	alt := image.Alt
	if linked {
		alt = p.Text
	}
	img := `<img src="` + html.EscapeString(image.URL) + `" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="` + html.EscapeString(alt) + `">`
	if linked && safeURL(p.URL) {
		img = `<a href="` + html.EscapeString(p.URL) + `">` + img + `</a>`
	}
	return `<figure class="wp-block-post-featured-image">` + img + `</figure>`
}

func anchor(l Link) string {
	text := html.EscapeString(l.Text)
	if !safeURL(l.URL) {
		return text
	}
	return `<a href="` + html.EscapeString(l.URL) + `">` + text + `</a>`
}

func joinLinks(links []Link, sep string) string {
	parts := make([]string, len(links))
	for i, l := range links {
		parts[i] = anchor(l)
	}
	return strings.Join(parts, sep)
}

// linkList is a list of links, each followed by its count when counts
// is set and by the list of its children.
func linkList(class string, links []Link, counts bool) string {
	var b strings.Builder
	writeLinkList(&b, ` class="`+class+`"`, links, counts)
	return b.String()
}

func writeLinkList(b *strings.Builder, attrs string, links []Link, counts bool) {
	b.WriteString("<ul" + attrs + ">")
	for _, l := range links {
		b.WriteString("<li>" + anchor(l))
		if counts {
			b.WriteString(" (" + strconv.Itoa(l.Count) + ")")
		}
		if len(l.Children) > 0 {
			writeLinkList(b, "", l.Children, counts)
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
}
