package render

import (
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/locale"
)

// fixedSite is a small blog for the dynamic blocks, in English unless
// lang says otherwise.
type fixedSite struct{ lang string }

func (fixedSite) SiteTitle() Link { return Link{Text: "A & B", URL: "/"} }
func (fixedSite) Tagline() string { return "Just a blog" }
func (fixedSite) LatestPosts(q PostQuery) []PostSummary {
	if q.OrderBy == "title" && q.Ascending && q.Category == 6 {
		return []PostSummary{{Link: Link{URL: "/4/"}}, fixedPosts[1]}
	}
	return fixedPosts[1:min(q.N+1, 3)]
}
func (fixedSite) Months() []Link { return []Link{{Text: "March 2023", URL: "/2023/03/", Count: 2}} }
func (fixedSite) Categories() []Link {
	return []Link{{Text: "Films", URL: "/category/films/", Count: 2}}
}
func (fixedSite) Tags() []Link { return []Link{{Text: "sea", URL: "/tag/sea/"}} }
func (fixedSite) Pages() []Link {
	return []Link{{Text: "About", URL: "/about/", Children: []Link{{Text: "Team", URL: "/about/team/"}}}}
}
func (fixedSite) LatestComments(int) []CommentSummary {
	return []CommentSummary{{Author: Link{Text: "Ann", URL: "https://ann.example/"}, Post: Link{Text: "Newer", URL: "/2/#comment-1"},
		Date: time.Date(2023, 3, 21, 9, 0, 0, 0, time.UTC), Text: "one two three four five six seven eight nine ten 11 12 13 14 15 16 17 18 19 20 21"}}
}
func (fixedSite) SearchForm() (string, string) { return "/search/", "q" }

var fixedPosts = []PostSummary{
	{Link: Link{Text: "Sticky", URL: "/3/"}, ID: 3, Date: time.Date(2012, 1, 7, 7, 7, 21, 0, time.UTC)},
	{Link: Link{Text: "Newer", URL: "/2/"}, ID: 2, Date: time.Date(2023, 3, 18, 20, 14, 9, 0, time.UTC),
		Author: Link{Text: "Ann Author", URL: "/author/ann/"}, Categories: []Link{{Text: "Films", URL: "/category/films/"}}},
	{Link: Link{Text: "Older", URL: "/1/"}, ID: 1, Date: time.Date(2023, 1, 16, 7, 8, 31, 0, time.UTC)},
}

// Query pages through the two posts that are not sticky, the sticky one
// first on the first page.
func (fixedSite) Query(perPage, page int) ([]PostSummary, int) {
	others := fixedPosts[1:]
	from := min((page-1)*perPage, len(others))
	posts := others[from:min(from+perPage, len(others))]
	if page == 1 {
		posts = append([]PostSummary{fixedPosts[0]}, posts...)
	}
	return posts, (len(others) + perPage - 1) / perPage
}
func (fixedSite) Post(id int64) (PostSummary, bool) {
	for _, p := range fixedPosts {
		if p.ID == id {
			return p, true
		}
	}
	return PostSummary{}, false
}
func (fixedSite) Adjacent(id int64) (Link, Link) {
	if id == 2 {
		return Link{Text: "Older", URL: "/1/"}, Link{}
	}
	return Link{}, Link{}
}
func (fixedSite) Excerpt(id int64) string {
	if id == 2 {
		return "Newer's words […]"
	}
	return ""
}
func (fixedSite) FeaturedImage(id int64) (Attachment, bool) {
	switch id {
	case 2:
		return Attachment{ID: 9, URL: "https://cdn.example/wind.jpg", Title: "DSC0001", Alt: "Wind farm & sea"}, true
	case 1:
		return Attachment{ID: 8, URL: "javascript:alert(1)", Alt: "hostile"}, true
	}
	return Attachment{}, false
}

// Comments: post 2 has a thread of two, post 3 none, and post 1 is
// protected.
func (fixedSite) Comments(id int64) ([]Comment, bool) {
	switch id {
	case 2:
		return []Comment{{ID: 5, Author: Link{Text: "Ann", URL: "https://ann.example/"}, Date: time.Date(2023, 3, 21, 9, 0, 0, 0, time.UTC),
			Content: "<p>First [gallery] &amp; more</p>", Replies: []Comment{{ID: 6, Author: Link{Text: "Mara"}, Content: "<p>Thanks</p>"}}}}, true
	case 1:
		return nil, false
	}
	return nil, true
}
func (fixedSite) Avatar() string   { return "/static/avatar.svg" }
func (fixedSite) Today() time.Time { return time.Date(2026, 11, 5, 12, 0, 0, 0, time.UTC) }
func (fixedSite) Calendar(year int, month time.Month) Calendar {
	if year != 2026 || month != 11 {
		return Calendar{}
	}
	return Calendar{Days: map[int]string{3: "/2026/11/03/"}, PreviousURL: "/2023/03/", PreviousMonth: time.March}
}
func (fixedSite) FormatMonth(t time.Time) string    { return t.Format("January 2006") }
func (fixedSite) WeekdayName(d time.Weekday) string { return d.String() }
func (s fixedSite) Locale() *locale.Locale          { return testCatalog.For(s.lang) }

var testCatalog = locale.NewCatalog()

func TestDynamicBlocks(t *testing.T) {
	r := Renderer{Site: fixedSite{}}
	tests := []struct{ in, want string }{
		{`<!-- wp:latest-posts {"postsToShow":1} /-->`, `<ul class="wp-block-latest-posts__list wp-block-latest-posts"><li><a href="/2/">Newer</a></li></ul>`},
		{`<!-- wp:archives {"showPostCounts":true} /-->`, `<ul class="wp-block-archives-list wp-block-archives"><li><a href="/2023/03/">March 2023</a> (2)</li></ul>`},
		{`<!-- wp:categories /-->`, `<ul class="wp-block-categories-list wp-block-categories"><li><a href="/category/films/">Films</a></li></ul>`},
		{`<!-- wp:tag-cloud /-->`, `<p class="wp-block-tag-cloud"><a href="/tag/sea/">sea</a></p>`},
		{`<!-- wp:page-list /-->`, `<ul class="wp-block-page-list"><li><a href="/about/">About</a><ul><li><a href="/about/team/">Team</a></li></ul></li></ul>`},
		{`<!-- wp:latest-posts {"displayPostDate":true} /-->`, `<ul class="wp-block-latest-posts__list wp-block-latest-posts"><li><a href="/2/">Newer</a>` +
			`<time datetime="2023-03-18T20:14:09Z" class="wp-block-latest-posts__post-date">March 18, 2023</time></li><li><a href="/1/">Older</a>` +
			`<time datetime="2023-01-16T07:08:31Z" class="wp-block-latest-posts__post-date">January 16, 2023</time></li></ul>`},
		{`<!-- wp:latest-posts {"order":"asc","orderBy":"title","categories":[{"id":6}]} /-->`,
			`<ul class="wp-block-latest-posts__list wp-block-latest-posts"><li><a href="/4/">(no title)</a></li><li><a href="/2/">Newer</a></li></ul>`},
		{`<!-- wp:latest-comments /-->`, `<ol class="wp-block-latest-comments"><li class="wp-block-latest-comments__comment"><article><footer class="wp-block-latest-comments__comment-meta">` +
			`<a href="https://ann.example/">Ann</a> on <a href="/2/#comment-1">Newer</a><time datetime="2023-03-21T09:00:00Z" class="wp-block-latest-comments__comment-date">March 21, 2023</time></footer>` +
			`<div class="wp-block-latest-comments__comment-excerpt"><p>one two three four five six seven eight nine ten 11 12 13 14 15 16 17 18 19 20…</p></div></article></li></ol>`},
		{`<!-- wp:latest-comments {"displayDate":false,"displayExcerpt":false} /-->`, `<ol class="wp-block-latest-comments"><li class="wp-block-latest-comments__comment"><article><footer class="wp-block-latest-comments__comment-meta">` +
			`<a href="https://ann.example/">Ann</a> on <a href="/2/#comment-1">Newer</a></footer></article></li></ol>`},
		{`<!-- wp:site-title /--><!-- wp:site-tagline /-->`, `<h1 class="wp-block-site-title"><a href="/">A &amp; B</a></h1><p class="wp-block-site-tagline">Just a blog</p>`},
		{`<!-- wp:site-title {"level":0} /-->`, `<p class="wp-block-site-title"><a href="/">A &amp; B</a></p>`},
		{`<!-- wp:search {"label":"Find"} /-->`, `<form role="search" method="get" action="/search/" class="wp-block-search"><label for="wp-block-search__input">Find</label><input type="search" id="wp-block-search__input" name="q"><button type="submit">Find</button></form>`},
		{`<!-- wp:rss {"feedURL":"https://other.example/feed/"} /-->`, `<ul class="wp-block-rss"><li><a href="https://other.example/feed/">https://other.example/feed/</a></li></ul>`},
		{`<!-- wp:rss {"feedURL":"javascript:x"} /-->`, ``},
		{`<!-- wp:calendar /-->`, `<div class="wp-block-calendar"><table id="wp-calendar" class="wp-calendar-table"><caption>November 2026</caption><thead><tr>` +
			`<th scope="col" title="Monday">M</th><th scope="col" title="Tuesday">T</th><th scope="col" title="Wednesday">W</th><th scope="col" title="Thursday">T</th>` +
			`<th scope="col" title="Friday">F</th><th scope="col" title="Saturday">S</th><th scope="col" title="Sunday">S</th></tr></thead><tbody>` +
			`<tr><td colspan="6" class="pad">&nbsp;</td><td>1</td></tr><tr><td>2</td><td><a href="/2026/11/03/" aria-label="November 3, 2026">3</a></td><td>4</td><td id="today">5</td><td>6</td><td>7</td><td>8</td></tr>` +
			`<tr><td>9</td><td>10</td><td>11</td><td>12</td><td>13</td><td>14</td><td>15</td></tr><tr><td>16</td><td>17</td><td>18</td><td>19</td><td>20</td><td>21</td><td>22</td></tr>` +
			`<tr><td>23</td><td>24</td><td>25</td><td>26</td><td>27</td><td>28</td><td>29</td></tr><tr><td>30</td><td class="pad" colspan="6">&nbsp;</td></tr></tbody></table>` +
			`<nav aria-label="Previous and next months" class="wp-calendar-nav"><span class="wp-calendar-nav-prev"><a href="/2023/03/">« Mar</a></span><span class="pad">&nbsp;</span><span class="wp-calendar-nav-next">&nbsp;</span></nav></div>`},
		{`<!-- wp:paragraph --><p>kept</p><!-- /wp:paragraph -->`, `<p>kept</p>`},
	}
	for _, tt := range tests {
		if got := strings.TrimSpace(r.HTML(tt.in)); got != tt.want {
			t.Errorf("HTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
	// Blocks that show a post show the one rendered, or each of a query
	// loop's posts.
	post := Renderer{Site: fixedSite{}, Post: 2}
	for _, tt := range []struct{ in, want string }{
		{`<!-- wp:post-title /--><!-- wp:post-date /--><!-- wp:post-author /--><!-- wp:post-terms {"term":"category"} /-->`,
			`<h2 class="wp-block-post-title">Newer</h2><div class="wp-block-post-date"><time datetime="2023-03-18T20:14:09Z">March 18, 2023</time></div>` +
				`<div class="wp-block-post-author"><p class="wp-block-post-author__name">Ann Author</p></div><div class="wp-block-post-terms"><a href="/category/films/">Films</a></div>`},
		{`<!-- wp:post-terms {"term":"post_tag"} /--><!-- wp:post-navigation-link /--><!-- wp:post-navigation-link {"type":"previous"} /-->`,
			`<div class="post-navigation-link-previous wp-block-post-navigation-link"><a href="/1/">Previous</a></div>`},
		{`<!-- wp:post-navigation-link {"type":"previous","label":"Back"} /--><!-- wp:post-navigation-link {"type":"previous","showTitle":true} /-->` +
			`<!-- wp:post-navigation-link {"type":"previous","showTitle":true,"label":"Before:"} /-->`,
			`<div class="post-navigation-link-previous wp-block-post-navigation-link"><a href="/1/">Back</a></div>` +
				`<div class="post-navigation-link-previous wp-block-post-navigation-link"><a href="/1/">Older</a></div>` +
				`<div class="post-navigation-link-previous wp-block-post-navigation-link"><span class="post-navigation-link__label">Before:</span> <a href="/1/">Older</a></div>`},
		{`<!-- wp:query {"query":{"perPage":1}} --><div class="wp-block-query"><!-- wp:post-template --><!-- wp:post-title {"isLink":true} /--><!-- /wp:post-template --></div><!-- /wp:query -->`,
			`<div class="wp-block-query"><ul class="wp-block-post-template"><li class="wp-block-post"><h2 class="wp-block-post-title"><a href="/3/">Sticky</a></h2></li>` +
				`<li class="wp-block-post"><h2 class="wp-block-post-title"><a href="/2/">Newer</a></h2></li></ul></div>`},
		{`<!-- wp:post-excerpt /-->`, `<div class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">Newer&#39;s words &#91;…]</p></div>`},
		{`<!-- wp:post-template --><!-- wp:post-title /-->`, `<h2 class="wp-block-post-title">Newer</h2>`},
		// The featured image shows with its alternative text, or linked
		// to the post with the post's title for one; in a query loop each
		// post shows its own, and one without, or with a file that is no
		// web address, shows none.
		{`<!-- wp:post-featured-image /-->`, `<figure class="wp-block-post-featured-image"><img src="https://cdn.example/wind.jpg" ` +
			`class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="Wind farm &amp; sea"></figure>`},
		{`<!-- wp:post-featured-image {"isLink":true} /-->`, `<figure class="wp-block-post-featured-image"><a href="/2/"><img src="https://cdn.example/wind.jpg" ` +
			`class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="Newer"></a></figure>`},
		{`<!-- wp:query {"query":{"perPage":2}} --><!-- wp:post-template --><!-- wp:post-featured-image /--><!-- wp:post-title /--><!-- /wp:post-template --><!-- /wp:query -->`,
			`<ul class="wp-block-post-template"><li class="wp-block-post"><h2 class="wp-block-post-title">Sticky</h2></li>` +
				`<li class="wp-block-post"><figure class="wp-block-post-featured-image"><img src="https://cdn.example/wind.jpg" ` +
				`class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="Wind farm &amp; sea"></figure><h2 class="wp-block-post-title">Newer</h2></li>` +
				`<li class="wp-block-post"><h2 class="wp-block-post-title">Older</h2></li></ul>`},
	} {
		if got := strings.TrimSpace(post.HTML(tt.in)); got != tt.want {
			t.Errorf("HTML(%q) of post 2\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
	// A German blog's blocks are in German.
	german := Renderer{Site: fixedSite{lang: "de-DE"}, Post: 2}
	got := german.HTML(`<!-- wp:post-date /--><!-- wp:latest-comments {"displayExcerpt":false} /--><!-- wp:calendar /--><!-- wp:post-navigation-link {"type":"previous"} /-->`)
	for _, want := range []string{`>18. März 2023</time>`, `</a> bei <a href="/2/#comment-1">`, `<caption>November 2026</caption>`,
		`<th scope="col" title="Montag">M</th>`, `aria-label="3. November 2026"`, `>« Mär</a>`, `<a href="/1/">Vorheriger Beitrag</a>`,
		`<nav aria-label="Vorherige und nächste Monate" class="wp-calendar-nav">`} {
		if !strings.Contains(got, want) {
			t.Errorf("German blocks lack %q:\n%s", want, got)
		}
	}
	// However many query loops a post holds, they show maxLoopPosts
	// posts in all.
	loop := `<!-- wp:query {"query":{"perPage":100}} --><!-- wp:post-template --><!-- wp:post-title /--><!-- /wp:post-template --><!-- /wp:query -->`
	if n := strings.Count(post.HTML(strings.Repeat(loop, 2000)), `<li class="wp-block-post">`); n != maxLoopPosts {
		t.Errorf("2,000 query loops show %d posts, want %d", n, maxLoopPosts)
	}
	// Without the archive's data, dynamic blocks show nothing.
	if got := strings.TrimSpace(HTML(`<!-- wp:archives /-->`)); got != "" {
		t.Errorf("without SiteData: %q", got)
	}
}
