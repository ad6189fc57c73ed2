package site

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Searcher answers search queries over the archive; package search's
// index is adapted to it by the serve command.
type Searcher interface {
	Search(ctx context.Context, q SearchRequest) (*SearchResults, error)
}

// SearchRequest is one page of results for a query in parc search's
// query language.
type SearchRequest struct {
	Query, Site   string
	Limit, Offset int
	Facets        bool
}

// SearchResults is a page of hits, the total and facet counts (year,
// author, category, tag → value → count).
type SearchResults struct {
	Total  uint64
	Hits   []SearchHit
	Facets map[string]map[string]int
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
}

// ErrBadQuery marks a query the searcher cannot parse: a 400, not a 503.
var ErrBadQuery = errors.New("bad search query")

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
		return s.badRequest(req, "That search is too long: keep it under 256 characters.")
	}
	page := 1
	if p := params.Get("page"); p != "" {
		n, ok := parsePage(p)
		if !ok {
			return s.badRequest(req, "That page number is out of range.")
		}
		page = n
	}
	v := searchView{Query: q, Pager: pagerView{Page: page, Pages: 1}}
	switch {
	case s.searcher == nil:
		v.Unavailable = true
	case q != "":
		results, err := s.searcher.Search(ctx, SearchRequest{Query: q, Site: sd.URL, Limit: postsPerPage, Offset: (page - 1) * postsPerPage, Facets: true})
		switch {
		case errors.Is(err, ErrBadQuery):
			v.Error = "That search could not be understood: " + err.Error()
		case err != nil:
			return s.unavailable(req, err)
		default:
			s.fillSearchView(req, &v, results)
		}
	}
	pv := s.page(req, "Search")
	if q != "" {
		pv.Title = "Search results for “" + q + "”"
	}
	pv.NoIndex = true
	pv.Query = q
	pv.Main = v
	status := http.StatusOK
	if v.Error != "" {
		status = http.StatusBadRequest
	}
	return s.html(req, "search", pv, status)
}

func (s *Server) fillSearchView(req *request, v *searchView, results *SearchResults) {
	sd := req.site
	v.Total = results.Total
	pages := int((results.Total + postsPerPage - 1) / postsPerPage)
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
		e := sd.byKey[h.PostKey]
		if e == nil {
			continue
		}
		hit := hitView{Kind: h.Kind, Title: e.title, URL: e.path, Author: h.Author, Date: h.Date}
		if h.Kind == "comment" {
			hit.URL += "#comment-" + strconv.FormatInt(h.CommentID, 10)
		}
		if !e.Protected {
			hit.Snippet = markOnly(h.Snippet)
		}
		v.Hits = append(v.Hits, hit)
	}
	for _, field := range []string{"year", "author", "category", "tag"} {
		counts := results.Facets[field]
		if len(counts) == 0 {
			continue
		}
		f := facetView{Name: strings.ToUpper(field[:1]) + field[1:]}
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
