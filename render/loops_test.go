package render

import (
	"strings"
	"testing"
)

// TestQueryPagination renders a query loop with its pagination on the
// pages a reader's links ask for: the loop's posts of that page, and
// links to the others that keep the pages the post's other loops show;
// the loop's words for no results only on a page without posts.
func TestQueryPagination(t *testing.T) {
	const loop = `<!-- wp:query {"queryId":0,"query":{"perPage":1}} --><!-- wp:post-template --><!-- wp:post-title /--><!-- /wp:post-template -->` +
		`<!-- wp:query-pagination --><!-- wp:query-pagination-previous /--><!-- wp:query-pagination-numbers /--><!-- wp:query-pagination-next /--><!-- /wp:query-pagination -->` +
		`<!-- wp:query-no-results --><!-- wp:paragraph --><p>Nothing here.</p><!-- /wp:paragraph --><!-- /wp:query-no-results --><!-- /wp:query -->`
	for _, tc := range []struct {
		name  string
		pages map[string]int
		want  string
	}{
		{"first page", nil,
			`<ul class="wp-block-post-template"><li class="wp-block-post"><h2 class="wp-block-post-title">Sticky</h2></li><li class="wp-block-post"><h2 class="wp-block-post-title">Newer</h2></li></ul>` +
				`<div class="wp-block-query-pagination-numbers"><span aria-current="page" class="page-numbers current">1</span>` + "\n" + `<a class="page-numbers" href="?query-0-page=2">2</a></div>` +
				`<a href="?query-0-page=2" class="wp-block-query-pagination-next">Next Page</a>`},
		{"last page, another loop on its third", map[string]int{"query-0-page": 2, "query-7-page": 3},
			`<ul class="wp-block-post-template"><li class="wp-block-post"><h2 class="wp-block-post-title">Older</h2></li></ul>` +
				`<a href="?query-7-page=3" class="wp-block-query-pagination-previous">Previous Page</a>` +
				`<div class="wp-block-query-pagination-numbers"><a class="page-numbers" href="?query-7-page=3">1</a>` + "\n" + `<span aria-current="page" class="page-numbers current">2</span></div>`},
		{"back to the first page: the post's own address", map[string]int{"query-0-page": 2},
			`<ul class="wp-block-post-template"><li class="wp-block-post"><h2 class="wp-block-post-title">Older</h2></li></ul>` +
				`<a href="/2/" class="wp-block-query-pagination-previous">Previous Page</a>` +
				`<div class="wp-block-query-pagination-numbers"><a class="page-numbers" href="/2/">1</a>` + "\n" + `<span aria-current="page" class="page-numbers current">2</span></div>`},
		{"past the last page", map[string]int{"query-0-page": 9},
			`<ul class="wp-block-post-template"></ul><a href="?query-0-page=8" class="wp-block-query-pagination-previous">Previous Page</a>` +
				`<div class="wp-block-query-pagination-numbers"><a class="page-numbers" href="/2/">1</a>` + "\n" + `<a class="page-numbers" href="?query-0-page=2">2</a></div>` +
				`<p>Nothing here.</p>`},
	} {
		r := Renderer{Site: fixedSite{}, Post: 2, LoopPages: tc.pages}
		if got := strings.TrimSpace(r.HTML(loop)); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
	// A loop without a queryId is paged by query-page; a German blog's
	// links are in German.
	r := Renderer{Site: fixedSite{lang: "de-DE"}, Post: 2}
	got := r.HTML(strings.Replace(loop, `"queryId":0,`, "", 1))
	if want := `<a href="?query-page=2" class="wp-block-query-pagination-next">Nächste Seite</a>`; !strings.Contains(got, want) {
		t.Errorf("a loop without a queryId lacks %s:\n%s", want, got)
	}
}

// TestPageNumbers lists the pages as WordPress's paginate_links does: the
// first and last, two on each side of the current one, an ellipsis for
// each run left out.
func TestPageNumbers(t *testing.T) {
	for _, tc := range []struct {
		current, pages int
		want           string
	}{
		{1, 19, "[1] 2 3 … 19"},
		{4, 19, "1 2 3 [4] 5 6 … 19"},
		{10, 19, "1 … 8 9 [10] 11 12 … 19"},
		{19, 19, "1 … 17 18 [19]"},
		{2, 3, "1 [2] 3"},
		{1, 1, ""},
	} {
		html := pageNumbers(tc.current, tc.pages, func(page int) string { return "#" })
		html = strings.NewReplacer(`<div class="wp-block-query-pagination-numbers">`, "", `</div>`, "", `<span aria-current="page" class="page-numbers current">`, "[",
			`</span>`, "]", `<a class="page-numbers" href="#">`, "", `</a>`, "", `<span class="page-numbers dots">`, "", "\n", " ").Replace(html)
		if got := strings.ReplaceAll(html, "…]", "…"); got != tc.want {
			t.Errorf("page %d of %d: %q, want %q", tc.current, tc.pages, got, tc.want)
		}
	}
}
