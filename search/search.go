package search

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/parc-archive/parc/archive"
)

// Limits on a request, so one search cannot make the engine collect
// without bound.
const (
	DefaultLimit = 10
	MaxLimit     = 1000
	MaxOffset    = 10000
	facetSize    = 20
	snippetRunes = 240
)

// Request is one search.
type Request struct {
	Query  string // bleve query-string syntax plus parc's filters (see Search)
	Site   string // only this site's documents when set
	Limit  int    // hits to return; DefaultLimit when zero
	Offset int    // hits to skip
	Sort   string // "relevance" (default), "date" (oldest first) or "-date" (newest first)
	Facets bool   // count hits by year, author, category and tag
	// Timeout is how long the search may take; DefaultTimeout when zero.
	Timeout time.Duration
	// PerPost, when more than 0, groups the hits by post (see grouped.go):
	// Limit and Offset count posts, each with at most PerPost comments.
	PerPost int

	docIDs  []string // only these documents (a page of groups)
	idsOnly bool     // hits with keys and scores only (the groups' window)
}

// DefaultTimeout is how long a search may take when the request does not
// say: a search past it is stopped and fails with ErrTimeout.
const DefaultTimeout = 10 * time.Second

// ErrTimeout is returned, wrapped with how long the search ran, for a
// search stopped at its deadline.
var ErrTimeout = errors.New("the search took too long and was stopped")

// maxTermSearchers caps the words one search reads the matches of in each
// shard, counted by bleve over the whole query (search.MaxTermSearchersKey).
// Plain words and filters need a few dozen; a wildcard, regular
// expression or fuzzy word counts every word it expands to, twice (title
// and content).
const maxTermSearchers = 1024

// Results are a page of hits.
type Results struct {
	Total  uint64                    // hits in all, not only on this page
	Hits   []Hit                     // empty when grouped
	Groups []Group                   `json:",omitempty"` // when Request.PerPost is set
	Posts  int                       `json:",omitempty"` // when grouped: the posts with hits (up to groupWindow hits)
	Facets map[string]map[string]int // facet (FacetNames) → value → hits
	Took   time.Duration
}

// Hit is one matching post, page or comment. Title and Link are the
// post's, also for a comment.
type Hit struct {
	Site      string
	Kind      string // post, page or comment
	PostKey   int64  // the archive's key of the post
	PostID    int64  // the WordPress ID of the post
	CommentID int64  // the WordPress ID of the comment; 0 for posts and pages
	Title     string
	Link      string
	Author    string
	Date      time.Time // zero when unknown
	Score     float64
	// Snippet is HTML-escaped text with the matched words in
	// <mark>…</mark>, safe to put into a page as it is.
	Snippet string
}

// Search runs a query. The syntax is bleve's query string (words,
// "phrases", +must, -not, field:value, fuzzy~, prefix*) plus filters:
// author:, tag:, category:, site:, type:post|page|comment,
// after:YYYY-MM-DD (that day on), before:YYYY-MM-DD (up to that day) and
// year:YYYY; a leading - excludes what a filter matches. A query that
// cannot be understood (an unclosed phrase, an unknown field, a field
// without a value) is a QueryError saying where and why; text bleve parses
// but cannot run is searched as plain words.
func (ix *Index) Search(ctx context.Context, req Request) (*Results, error) {
	if req.PerPost > 0 {
		return ix.searchGrouped(ctx, req)
	}
	sr, err := searchRequest(req)
	if err != nil {
		return nil, err
	}
	timeout := req.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	started := time.Now()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, maxTermSearchers)
	res, err := ix.search(ctx, req, sr)
	switch {
	case err == nil:
		return res, nil
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("%w after %s: more words or fewer wildcards narrow it", ErrTimeout, time.Since(started).Round(time.Millisecond))
	case tooManyWords(err):
		return nil, badQuery("%q stands for too many words of the index: start its wildcards with more letters", req.Query)
	}
	return nil, err
}

// tooManyWords reports bleve's refusal of a search that would read more
// than maxTermSearchers words. The error has no type of its own; a test
// keeps its text in check.
func tooManyWords(err error) bool {
	return strings.Contains(err.Error(), "TooManyTermSearchers")
}

// search runs a search under the context Search set up.
func (ix *Index) search(ctx context.Context, req Request, sr *bleve.SearchRequest) (*Results, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return nil, fmt.Errorf("search: %w", bleve.ErrorIndexClosed)
	}
	q, err := buildQuery(req.Query, req.Site, true)
	if err == nil {
		sr.Query = bestOfRequest(restrict(q, req.docIDs), sr)
		res, posts, serr := ix.run(ctx, sr, req.idsOnly)
		if serr == nil {
			return ix.results(ctx, res, posts, req.idsOnly)
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if tooManyWords(serr) {
			return nil, serr // plain words would search for something else
		}
		err = serr
	}
	if errors.Is(err, ErrBadQuery) {
		return nil, err // a filter is wrong: plain words would not fix it
	}
	// bleve could not parse or run the text: search it as plain words.
	q, ferr := buildQuery(req.Query, req.Site, false)
	if ferr != nil {
		return nil, ferr
	}
	sr.Query = bestOfRequest(restrict(q, req.docIDs), sr)
	res, posts, ferr := ix.run(ctx, sr, req.idsOnly)
	if ferr != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, badQuery("%q cannot be searched: %v", req.Query, err)
	}
	return ix.results(ctx, res, posts, req.idsOnly)
}

// run ranks in two steps. Snippets need the locations of the terms that
// matched, but bleve gathers them for every matching document when asked:
// for a common word in a large archive that is most of the work. So the
// ranking runs without them, and a second search restricted to the page of
// hits fetches theirs, while the page's posts are read from the archive.
// The caller holds mu.
func (ix *Index) run(ctx context.Context, sr *bleve.SearchRequest, idsOnly bool) (*bleve.SearchResult, map[int64]*archive.StoredPost, error) {
	store := ix.hitStore()
	if store == nil {
		return nil, nil, errNoStore
	}
	res, err := ix.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, nil, err
	}
	res.Total = matchCount(sr.Query, res)
	if len(res.Hits) == 0 || idsOnly {
		return res, nil, nil
	}
	type loaded struct {
		posts []*archive.StoredPost
		err   error
	}
	done := make(chan loaded, 1)
	go func() {
		posts, err := store.LoadPosts(ctx, pageKeys(res))
		done <- loaded{posts, err}
	}()
	err = ix.addLocations(ctx, unwrapBest(sr.Query), res)
	page := <-done
	if err != nil {
		return nil, nil, err
	}
	if page.err != nil {
		return nil, nil, fmt.Errorf("search: reading the hits from the archive: %w", page.err)
	}
	byKey := make(map[int64]*archive.StoredPost, len(page.posts))
	for _, p := range page.posts {
		byKey[p.Key] = p
	}
	return res, byKey, nil
}

// pageKeys lists the posts of a page of hits, each once.
func pageKeys(res *bleve.SearchResult) []int64 {
	keys := make([]int64, 0, len(res.Hits))
	seen := make(map[int64]bool, len(res.Hits))
	for _, m := range res.Hits {
		if key, _, _ := parseDocID(m.ID); !seen[key] {
			seen[key] = true
			keys = append(keys, key)
		}
	}
	return keys
}

// addLocations gives each hit of a page the locations of its matched
// terms.
func (ix *Index) addLocations(ctx context.Context, q query.Query, res *bleve.SearchResult) error {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	page := query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), q})
	withLocations := bleve.NewSearchRequestOptions(page, len(ids), 0, false)
	withLocations.IncludeLocations = true
	found, err := ix.idx.SearchInContext(ctx, withLocations)
	if err != nil {
		return err
	}
	byID := make(map[string]search.FieldTermLocationMap, len(found.Hits))
	for _, h := range found.Hits {
		byID[h.ID] = h.Locations
	}
	for _, h := range res.Hits {
		h.Locations = byID[h.ID]
	}
	return nil
}

// searchRequest sets up everything but the query.
func searchRequest(req Request) (*bleve.SearchRequest, error) {
	limit := req.Limit
	switch {
	case limit == 0:
		limit = DefaultLimit
	case limit < 0 || limit > MaxLimit:
		return nil, badQuery("limit %d: it must be between 1 and %d", req.Limit, MaxLimit)
	}
	if req.Offset < 0 || req.Offset > MaxOffset {
		return nil, badQuery("offset %d: it must be between 0 and %d", req.Offset, MaxOffset)
	}
	sr := bleve.NewSearchRequestOptions(nil, limit, req.Offset, false)
	switch req.Sort {
	case "", "relevance":
		// Score alone: a tie-break on _id would read every hit's ID.
		sr.SortBy([]string{"-_score"})
	case "date":
		sr.SortBy([]string{fieldDateSort, "_id"})
	case "-date":
		sr.SortBy([]string{"-" + fieldDateSort, "_id"})
	default:
		return nil, badQuery("sort %q: it is relevance, date or -date", req.Sort)
	}
	if req.Facets {
		for _, name := range FacetNames() {
			sr.AddFacet(name, bleve.NewFacetRequest(name, facetSize))
		}
	}
	return sr, nil
}

// truncate cuts text to at most n runes, at a space when there is one.
func truncate(s string, n int) string {
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	cut := string(runes[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// FacetNames lists the facets a search counts hits by, in the order they
// are shown. Each is named by the field it counts.
func FacetNames() []string {
	return []string{fieldYear, fieldAuthor, fieldCategory, fieldTag}
}

// FacetValues lists a facet's values, most hits first, then by value.
func FacetValues(counts map[string]int) []string {
	values := make([]string, 0, len(counts))
	for v := range counts {
		values = append(values, v)
	}
	sort.Slice(values, func(i, j int) bool {
		if counts[values[i]] != counts[values[j]] {
			return counts[values[i]] > counts[values[j]]
		}
		return values[i] < values[j]
	})
	return values
}
