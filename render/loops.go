package render

import (
	"encoding/json"
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/parc-archive/parc/locale"
)

// blockRun is one rendering of a post's dynamic blocks: the archive's
// data, the page each query loop shows, and how many more posts and
// comments the loops may show together. The budgets bound a post made
// of thousands of loops in time and size.
type blockRun struct {
	site          SiteData
	pages         map[string]int
	budget        int
	commentBudget int
}

// maxLoopPosts is how many posts all the query loops of one post show
// together at most; WordPress's own pages rarely show more than a few
// dozen.
const maxLoopPosts = 500

// queryLoop is a query block being rendered: its page key (the URL
// parameter of its page, as WordPress names it), posts per page, the page
// shown, and how many pages it has and posts it shows, known once its
// posts are listed.
type queryLoop struct {
	key            string
	perPage, page  int
	pages, maxPage int
	listed         bool
	shown          int
}

// newQueryLoop reads a query block's attributes: its queryId, which
// names its page parameter (query-0-page), and the posts per page and
// most pages it asks for; WordPress's default is the blog's 10 per page.
func (r *blockRun) newQueryLoop(attrs string) *queryLoop {
	var a struct {
		QueryID *int `json:"queryId"`
		Query   struct {
			PerPage int `json:"perPage"`
			Pages   int `json:"pages"`
		} `json:"query"`
	}
	_ = json.Unmarshal([]byte(attrs), &a) // unreadable attributes leave the defaults
	q := &queryLoop{key: "query-page", perPage: a.Query.PerPage, page: 1, maxPage: max(a.Query.Pages, 0)}
	if a.QueryID != nil {
		q.key = "query-" + strconv.Itoa(*a.QueryID) + "-page"
	}
	if q.perPage < 1 || q.perPage > 100 {
		q.perPage = 10
	}
	if n := r.pages[q.key]; n > 1 {
		q.page = n
	}
	return q
}

// posts lists the posts of the page the loop shows, and learns how many
// pages it has: all the blog's, or as many as the block allows.
func (q *queryLoop) posts(site SiteData) []PostSummary {
	posts, pages := site.Query(q.perPage, q.page)
	q.pages, q.shown, q.listed = pages, len(posts), true
	if q.maxPage > 0 && q.maxPage < pages {
		q.pages = q.maxPage
	}
	return posts
}

// postTemplate renders a post template, the inner blocks of a query
// loop, once for each post of the page the loop shows, as WordPress's
// core/post-template does.
func (r *blockRun) postTemplate(q *queryLoop, template string) string {
	var b strings.Builder
	b.WriteString(`<ul class="wp-block-post-template">`)
	for _, p := range q.posts(r.site) {
		if r.budget <= 0 {
			break
		}
		r.budget--
		b.WriteString(`<li class="wp-block-post">`)
		b.WriteString(r.render(p.ID, template))
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

// pagination renders the previous, numbers and next blocks of a query
// loop's pagination, whose links, as WordPress's, keep the pages the
// post's other loops show. post is the post the loop is on, whose own
// address is the link when no loop shows a page past its first.
func (r *blockRun) pagination(q *queryLoop, post int64, name string) string {
	if !q.listed {
		q.posts(r.site)
	}
	link := func(page int) string {
		params := url.Values{}
		for key, n := range r.pages {
			if key != q.key && n > 1 {
				params.Set(key, strconv.Itoa(n))
			}
		}
		if page > 1 {
			params.Set(q.key, strconv.Itoa(page))
		}
		if len(params) == 0 {
			if p, ok := r.site.Post(post); ok && safeURL(p.URL) {
				return html.EscapeString(p.URL)
			}
		}
		return html.EscapeString("?" + params.Encode())
	}
	say := r.site.Locale().Say
	switch name {
	case "query-pagination-previous":
		if q.page == 1 {
			return ""
		}
		return `<a href="` + link(q.page-1) + `" class="wp-block-query-pagination-previous">` + html.EscapeString(say(locale.PreviousPage)) + `</a>`
	case "query-pagination-next":
		if q.page >= q.pages {
			return ""
		}
		return `<a href="` + link(q.page+1) + `" class="wp-block-query-pagination-next">` + html.EscapeString(say(locale.NextPage)) + `</a>`
	}
	return pageNumbers(q.page, q.pages, link)
}

// pageNumbers lists the pages of a loop as WordPress's paginate_links
// does: the first and the last, the two on each side of the current one,
// and an ellipsis for each run of pages left out between them.
func pageNumbers(current, pages int, link func(page int) string) string {
	if pages < 2 {
		return ""
	}
	var items []string
	dots := false
	for n := 1; n <= pages; n++ {
		switch {
		case n == current:
			items = append(items, `<span aria-current="page" class="page-numbers current">`+strconv.Itoa(n)+`</span>`)
			dots = true
		case n == 1 || n == pages || n >= current-2 && n <= current+2:
			items = append(items, `<a class="page-numbers" href="`+link(n)+`">`+strconv.Itoa(n)+`</a>`)
			dots = true
		case dots:
			items = append(items, `<span class="page-numbers dots">…</span>`)
			dots = false
		}
	}
	return `<div class="wp-block-query-pagination-numbers">` + strings.Join(items, "\n") + `</div>`
}

// render replaces each self-closing block delimiter of a dynamic block
// (<!-- wp:archives {"showPostCounts":true} /-->) with its HTML, the
// blocks that show a post showing the post with the ID, each post
// template with the posts of its query loop and each comment template
// with the post's comments; other delimiters stay for
// stripBlockComments.
func (r *blockRun) render(post int64, s string) string { return r.renderIn(post, nil, s) }

// noShortcodes writes the brackets of a dynamic block's output as
// entities. The blocks show the archive's data — commenters' names,
// addresses and words, titles, excerpts — which the shortcode pass run
// over the whole content after the blocks must not read as shortcodes: a
// commenter named [video src=…] would add a player to the page, spliced
// into the attribute that holds their name.
func noShortcodes(out string) string { return strings.ReplaceAll(out, "[", "&#91;") }

// renderIn renders the blocks of s for the post, and inside a comment
// template for its comment c (nil elsewhere).
func (r *blockRun) renderIn(post int64, c *Comment, s string) string {
	var loop *queryLoop
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
			name, attrs, _ := strings.Cut(body, " ")
			switch strings.TrimPrefix(name, "core/") {
			case "query":
				loop = r.newQueryLoop(strings.TrimSpace(attrs))
			case "query-no-results":
				// What a loop shows when it has no posts: nothing
				// otherwise.
				closer := "<!-- /wp:query-no-results -->"
				closing := strings.Index(s[end:], closer)
				if loop == nil || closing < 0 {
					continue
				}
				if !loop.listed {
					loop.posts(r.site)
				}
				if loop.shown > 0 {
					sp.cut(start, end+closing+len(closer))
					pos = end + closing + len(closer)
				}
			case "post-template", "comment-template":
				name = strings.TrimPrefix(name, "core/")
				closer := "<!-- /wp:" + name + " -->"
				closing := strings.Index(s[end:], closer)
				if closing < 0 {
					continue
				}
				closing += end
				sp.cut(start, closing+len(closer))
				if name == "comment-template" {
					sp.b.WriteString(r.commentTemplate(post, s[end+3:closing]))
				} else {
					if loop == nil {
						loop = r.newQueryLoop("")
					}
					sp.b.WriteString(r.postTemplate(loop, s[end+3:closing]))
				}
				pos = closing + len(closer)
			}
			continue
		}
		body = strings.TrimSpace(strings.TrimSuffix(body, "/"))
		name, attrs, _ := strings.Cut(body, " ")
		name = strings.TrimPrefix(name, "core/")
		var out string
		var ok bool
		switch name {
		case "query-pagination-previous", "query-pagination-numbers", "query-pagination-next":
			if loop != nil {
				out = r.pagination(loop, post, name)
			}
			ok = true
		default:
			a := blockAttributes(strings.TrimSpace(attrs))
			if c != nil {
				out, ok = commentBlock(r.site, c, name, a)
			}
			if !ok {
				out, ok = dynamicBlock(r.site, post, name, a)
			}
		}
		if !ok {
			continue
		}
		sp.cut(start, end+3)
		sp.b.WriteString(noShortcodes(out))
		pos = end + 3
	}
	return sp.String()
}
