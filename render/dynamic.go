package render

import (
	"encoding/json"
	"html"
	"strconv"
	"strings"
)

// Link is one item of a list a dynamic block shows: a post, a month, a
// term, a page or a comment, with its URL and, where the block shows one,
// a count. Text is plain text; Detail is what follows the link (the post
// a comment is on).
type Link struct {
	Text   string
	URL    string
	Count  int
	Detail *Link
}

// SiteData is what the dynamic blocks read of the archive: the blocks
// WordPress builds from the site's data each time it shows a post
// (latest posts, archives, categories...). The site fills it from its
// snapshot; lists are in the order WordPress shows them.
type SiteData interface {
	SiteTitle() Link // the blog's name and home page
	Tagline() string
	LatestPosts(n int) []Link
	Months() []Link // monthly archives, newest first, with post counts
	Categories() []Link
	Tags() []Link
	Pages() []Link // in menu order, then by title
	LatestComments(n int) []Link
	SearchForm() (action, param string) // the search page and its query parameter
}

// dynamicBlock renders the self-closing block name with its JSON attrs
// from the archive, or reports false for blocks that are not dynamic.
func dynamicBlock(site SiteData, name, attrs string) (string, bool) {
	var a map[string]any
	if attrs != "" {
		_ = json.Unmarshal([]byte(attrs), &a) // unreadable attributes leave the defaults
	}
	number := func(key string, fallback int) int {
		if v, ok := a[key].(float64); ok && v >= 1 && v <= 100 {
			return int(v)
		}
		return fallback
	}
	flag := func(key string) bool { v, _ := a[key].(bool); return v }
	switch name {
	case "latest-posts":
		return linkList("ul", "wp-block-latest-posts__list wp-block-latest-posts", site.LatestPosts(number("postsToShow", 5)), false), true
	case "archives":
		return linkList("ul", "wp-block-archives-list wp-block-archives", site.Months(), flag("showPostCounts")), true
	case "categories":
		return linkList("ul", "wp-block-categories-list wp-block-categories", site.Categories(), flag("showPostCounts")), true
	case "page-list":
		return linkList("ul", "wp-block-page-list", site.Pages(), false), true
	case "tag-cloud":
		return `<p class="wp-block-tag-cloud">` + joinLinks(site.Tags(), " ") + `</p>`, true
	case "latest-comments":
		return linkList("ol", "wp-block-latest-comments", site.LatestComments(number("commentsToShow", 5)), false), true
	case "site-title":
		return `<p class="wp-block-site-title">` + anchor(site.SiteTitle()) + `</p>`, true
	case "site-tagline":
		return `<p class="wp-block-site-tagline">` + html.EscapeString(site.Tagline()) + `</p>`, true
	case "search":
		label := "Search"
		if v, ok := a["label"].(string); ok && v != "" {
			label = v
		}
		action, param := site.SearchForm()
		return `<form role="search" method="get" action="` + html.EscapeString(action) + `" class="wp-block-search"><label for="wp-block-search__input">` +
			html.EscapeString(label) + `</label><input type="search" id="wp-block-search__input" name="` + html.EscapeString(param) + `"><button type="submit">` + html.EscapeString(label) + `</button></form>`, true
	case "rss":
		// parc fetches nothing from other sites: the block links to the feed.
		if url, _ := a["feedURL"].(string); safeURL(url) && url != "" {
			return `<ul class="wp-block-rss"><li><a href="` + html.EscapeString(url) + `">` + html.EscapeString(url) + `</a></li></ul>`, true
		}
		return "", true
	case "calendar", "query", "post-template", "post-title", "post-date", "post-excerpt", "post-featured-image",
		"post-author", "post-terms", "post-navigation-link", "read-more", "loginout", "avatar":
		return "", true
	}
	return "", false
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

func linkList(element, class string, links []Link, counts bool) string {
	var b strings.Builder
	b.WriteString("<" + element + ` class="` + class + `">`)
	for _, l := range links {
		b.WriteString("<li>" + anchor(l))
		if l.Detail != nil {
			b.WriteString(" on " + anchor(*l.Detail))
		}
		if counts {
			b.WriteString(" (" + strconv.Itoa(l.Count) + ")")
		}
		b.WriteString("</li>")
	}
	b.WriteString("</" + element + ">")
	return b.String()
}

// renderDynamicBlocks replaces each self-closing block delimiter of a
// dynamic block (<!-- wp:archives {"showPostCounts":true} /-->) with its
// HTML; other delimiters stay for stripBlockComments.
func renderDynamicBlocks(site SiteData, s string) string {
	sp := splicer{src: s}
	for pos := 0; ; {
		k := strings.Index(s[pos:], "<!-- wp:")
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 8
		end := strings.Index(s[start:], "-->")
		if end < 0 {
			break
		}
		end += start
		body := strings.TrimSpace(s[start+8 : end])
		if !strings.HasSuffix(body, "/") {
			continue
		}
		body = strings.TrimSpace(strings.TrimSuffix(body, "/"))
		name, attrs, _ := strings.Cut(body, " ")
		name = strings.TrimPrefix(name, "core/")
		out, ok := dynamicBlock(site, name, strings.TrimSpace(attrs))
		if !ok {
			continue
		}
		sp.cut(start, end+3)
		sp.b.WriteString(out)
		pos = end + 3
	}
	return sp.String()
}
