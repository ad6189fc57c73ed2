package site

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parc-archive/parc/locale"
)

// Searcher answers search queries over the archive; package search's
// index is adapted to it by the serve command.
type Searcher interface {
	Search(ctx context.Context, q SearchRequest) (*SearchResults, error)
	// Expensive reports whether a query costs more than plain words do
	// (wildcards, say): the site runs fewer of those at once.
	Expensive(query string) bool
}

// SearchRequest is one page of results for a query in parc search's
// query language, to be answered within Timeout.
type SearchRequest struct {
	Query, Site   string
	Limit, Offset int
	Facets        bool
	Timeout       time.Duration
	// PerPost, when more than 0, asks for the hits grouped by post: Limit
	// and Offset count posts, each with at most PerPost of its comments.
	PerPost int
}

// SearchResults is a page of hits, the total and facet counts (year,
// author, category, tag → value → count).
type SearchResults struct {
	Total  uint64
	Hits   []SearchHit
	Facets map[string]map[string]int
	Posts  int // grouped: the posts with hits, which pages count
}

// SearchHit is one post, page or comment that matched. Snippet is HTML
// escaped text with matches in <mark>.
type SearchHit struct {
	Kind      string // post, page or comment
	PostKey   int64
	CommentID int64
	Title     string
	Author    string
	Date      time.Time
	Snippet   string
	// Grouped, a post's hit holds its best-matching comments and the
	// number of its other comments that match; a post only its comments
	// match has no Snippet.
	Comments     []SearchHit
	MoreComments int
}

// commentsPerHit is how many of a post's matching comments its search
// hit shows.
const commentsPerHit = 3

// BadQueryError is a query the searcher cannot parse or refuses: a 400,
// not a 503. The page shows its reason.
type BadQueryError struct{ Reason string }

func (e *BadQueryError) Error() string { return "bad search query: " + e.Reason }

// ErrSearchTimeout marks a search the searcher stopped at its deadline.
var ErrSearchTimeout = errors.New("the search took too long")

// Bounds on the searches a site runs, so that a flood of them (a
// thousand /ab.*/ from one client) leaves the pages, and most of the
// cores, to readers: DefaultSearchTimeout when Config leaves it unset,
// and at most Config.MaxSearches searches at once (GOMAXPROCS by
// default), of which at most half (at least one) expensive ones. A search
// over the bound is answered at once: 503, try again in
// searchRetryAfter seconds.
const (
	DefaultSearchTimeout = 3 * time.Second
	searchRetryAfter     = "2"
)

// searchSlots is how many searches run at once.
type searchSlots struct {
	all, expensive chan struct{}
}

func newSearchSlots(n int) searchSlots {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	return searchSlots{all: make(chan struct{}, n), expensive: make(chan struct{}, max(1, n/2))}
}

// take takes a slot without waiting; false when they are all taken. An
// expensive search takes one of each kind.
func (s searchSlots) take(expensive bool) bool {
	if expensive {
		select {
		case s.expensive <- struct{}{}:
		default:
			return false
		}
	}
	select {
	case s.all <- struct{}{}:
		return true
	default:
		if expensive {
			<-s.expensive
		}
		return false
	}
}

func (s searchSlots) give(expensive bool) {
	<-s.all
	if expensive {
		<-s.expensive
	}
}

// maxQueryRunes bounds what a search box sends.
const maxQueryRunes = 256

// searchRoute answers /search/?q=… and WordPress's /search/words/.
func (s *Server) searchRoute(ctx context.Context, req *request, segments []string) *response {
	sd := req.site
	switch len(segments) {
	case 1:
	case 2:
		return redirect(sd.mount + "/search/?q=" + url.QueryEscape(decodeSegment(segments[1])))
	default:
		return s.notFound(req)
	}
	if !samePath(req.URL.EscapedPath(), sd.mount+"/search/") {
		return redirect(sd.mount + "/search/" + query(req.URL))
	}
	params := req.URL.Query()
	q := strings.TrimSpace(params.Get("q"))
	if utf8.RuneCountInString(q) > maxQueryRunes {
		return s.badRequest(req, locale.QueryTooLong, maxQueryRunes)
	}
	page := 1
	if p := params.Get("page"); p != "" {
		n, ok := parsePage(p)
		if !ok {
			return s.badRequest(req, locale.PageOutOfRange)
		}
		page = n
	}
	v := searchView{Query: q, Pager: pagerView{Page: page, Pages: 1}}
	status := http.StatusOK
	switch {
	case s.searcher == nil:
		v.Unavailable = true
	case q != "":
		expensive := s.searcher.Expensive(q)
		if !s.searchSlots.take(expensive) {
			return busy(sd.locale)
		}
		results, err := s.searcher.Search(ctx, SearchRequest{Query: q, Site: sd.URL, Limit: postsPerPage, Offset: (page - 1) * postsPerPage, Facets: true, Timeout: s.searchTimeout, PerPost: commentsPerHit})
		s.searchSlots.give(expensive)
		var badQuery *BadQueryError
		switch {
		case errors.As(err, &badQuery):
			v.Error = sd.locale.Say(locale.QueryNotUnderstood, badQuery.Reason)
			status = http.StatusBadRequest
		case errors.Is(err, ErrSearchTimeout):
			v.Error = sd.locale.Say(locale.SearchTimedOut)
			status = http.StatusServiceUnavailable
		case err != nil:
			return s.unavailable(req, err)
		default:
			s.fillSearchView(req, &v, results)
		}
	}
	pv := s.page(req, sd.locale.Say(locale.Search))
	if q != "" {
		pv.Title = sd.locale.Say(locale.SearchResultsFor, q)
	}
	pv.NoIndex = true
	pv.Query = q
	pv.Main = v
	return s.html(req, "search", pv, status)
}

// busy answers a search over the bound of searches at once: a few bytes
// of text in the site's language, since a flood gets this answer
// thousands of times a second and rendering a page for each took the
// pages' share of the cores.
func busy(l *locale.Locale) *response {
	resp := newResponse(http.StatusServiceUnavailable, "text/plain; charset=utf-8",
		[]byte(l.Say(locale.SearchBusy)+"\n"), time.Time{})
	resp.retryAfter = searchRetryAfter
	return resp
}

func (s *Server) fillSearchView(req *request, v *searchView, results *SearchResults) {
	sd := req.site
	v.Total = results.Total
	pages := (results.Posts + postsPerPage - 1) / postsPerPage
	v.Pager.Pages = max(pages, 1)
	searchURL := func(q string, page int) string {
		u := sd.mount + "/search/?q=" + url.QueryEscape(q)
		if page > 1 {
			u += "&page=" + strconv.Itoa(page)
		}
		return u
	}
	if v.Pager.Page > 1 {
		v.Pager.Prev = searchURL(v.Query, v.Pager.Page-1)
	}
	if v.Pager.Page < pages {
		v.Pager.Next = searchURL(v.Query, v.Pager.Page+1)
	}
	for _, h := range results.Hits {
		// Only what the site shows may be found through it.
		hit, ok := hitViewOf(sd, h)
		if !ok {
			continue
		}
		for _, c := range h.Comments {
			if cv, ok := hitViewOf(sd, c); ok {
				hit.Comments = append(hit.Comments, cv)
			}
		}
		hit.MoreComments = h.MoreComments
		v.Hits = append(v.Hits, hit)
	}
	for _, facet := range facetNames {
		field := facet.field
		counts := results.Facets[field]
		if len(counts) == 0 {
			continue
		}
		f := facetView{Name: sd.locale.Say(facet.name)}
		for value, n := range counts {
			term := value
			if strings.ContainsAny(term, " \t\"") {
				term = `"` + strings.ReplaceAll(term, `"`, "") + `"`
			}
			f.Values = append(f.Values, facetValue{Value: value, Count: n, URL: searchURL(v.Query+" "+field+":"+term, 1)})
		}
		sort.Slice(f.Values, func(i, j int) bool {
			if f.Values[i].Count != f.Values[j].Count {
				return f.Values[i].Count > f.Values[j].Count
			}
			return f.Values[i].Value < f.Values[j].Value
		})
		if len(f.Values) > 10 {
			f.Values = f.Values[:10]
		}
		v.Facets = append(v.Facets, f)
	}
}

// facetNames are the facets the search page shows, in its order: the
// field a search narrows with (year:2023) and the heading it is shown
// under, one of locale's keys.
var facetNames = []struct{ field, name string }{
	{"year", locale.FacetYear}, {"author", locale.FacetAuthor}, {"category", locale.FacetCategory}, {"tag", locale.FacetTag},
}

// markOnly lets through a snippet's <mark> and </mark> and escapes any
// other angle bracket, so a snippet is safe whatever the searcher did.
func markOnly(snippet string) template.HTML {
	var b strings.Builder
	for len(snippet) > 0 {
		i := strings.IndexAny(snippet, "<>")
		if i < 0 {
			b.WriteString(snippet)
			break
		}
		b.WriteString(snippet[:i])
		rest := snippet[i:]
		switch {
		case strings.HasPrefix(rest, "<mark>"):
			b.WriteString("<mark>")
			snippet = rest[len("<mark>"):]
		case strings.HasPrefix(rest, "</mark>"):
			b.WriteString("</mark>")
			snippet = rest[len("</mark>"):]
		case rest[0] == '<':
			b.WriteString("&lt;")
			snippet = rest[1:]
		default:
			b.WriteString("&gt;")
			snippet = rest[1:]
		}
	}
	return template.HTML(balanceMarks(b.String()))
}

// balanceMarks closes a <mark> a cut snippet left open.
func balanceMarks(s string) string {
	open := strings.Count(s, "<mark>") - strings.Count(s, "</mark>")
	for ; open > 0; open-- {
		s += "</mark>"
	}
	return s
}

// hitViewOf is how the page shows a hit; false for a post the site does
// not show.
func hitViewOf(sd *siteData, h SearchHit) (hitView, bool) {
	e := sd.byKey[h.PostKey]
	if e == nil {
		return hitView{}, false
	}
	hit := hitView{Kind: h.Kind, Title: e.title, URL: e.path, Author: h.Author, Date: h.Date}
	if h.Kind == "comment" {
		hit.URL += "#comment-" + strconv.FormatInt(h.CommentID, 10)
	}
	if !e.Protected {
		hit.Snippet = markOnly(h.Snippet)
	}
	return hit, true
}
