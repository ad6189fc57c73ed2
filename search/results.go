package search

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/render"
)

// The index stores nothing but document IDs (storing the text would more
// than double its size): a page of hits is read back from the archive,
// which also has the last word on what is public, and each snippet is
// made from the post's or comment's text as it was indexed (the text the
// site shows, render.ShownText), around the terms that matched.

// errNoStore is returned by a Search before any Sync when Options name no
// store: there is no archive to read the hits from.
var errNoStore = errors.New("search: no archive to read hits from (Sync, or set Options.Store)")

// hitStore is the archive hits are read from; nil when there is none
// yet. The caller holds mu.
func (ix *Index) hitStore() HitSource {
	if ix.opts.Store != nil {
		return ix.opts.Store
	}
	return ix.store
}

// results turns a page of bleve's hits into Hits, from the page's posts
// as the archive has them. A hit the archive no longer shows in public
// (the index has yet to catch up) is left out. Snippets, which render and
// analyze each hit's text, are made side by side. The caller holds mu.
func (ix *Index) results(ctx context.Context, res *bleve.SearchResult, posts map[int64]*archive.StoredPost, idsOnly bool) (*Results, error) {
	out := &Results{Total: res.Total, Took: res.Took, Hits: make([]Hit, 0, len(res.Hits)), Facets: facetCounts(res)}
	if len(res.Hits) == 0 {
		return out, nil
	}
	if idsOnly {
		for _, m := range res.Hits {
			key, commentID, isComment := parseDocID(m.ID)
			hit := Hit{PostKey: key, CommentID: commentID, Score: m.Score}
			if isComment {
				hit.Kind = KindComment
			}
			out.Hits = append(out.Hits, hit)
		}
		return out, nil
	}
	names := archive.NewAuthorNames(ix.hitStore())
	type snippetWork struct {
		raw, rendered string // the content, in the forms the archive holds
		shown         func(raw, rendered string) string
		locs          search.TermLocationMap
	}
	var work []snippetWork
	for _, m := range res.Hits {
		key, commentID, isComment := parseDocID(m.ID)
		p := posts[key]
		if p == nil || !searchable(p) {
			continue
		}
		hit := Hit{Site: p.Site, PostKey: p.Key, PostID: p.ID, Title: p.Title, Link: p.Link, Score: m.Score}
		w := snippetWork{locs: m.Locations[fieldContent], shown: render.ShownText}
		if !isComment {
			var err error
			hit.Kind = p.Type
			if hit.Author, err = names.Name(ctx, p.Site, p.AuthorLogin); err != nil {
				return nil, err
			}
			hit.Date, _ = archive.ShownTime(p.Date, p.DateGMT)
			w.raw, w.rendered = p.ContentRaw, p.ContentRendered
		} else {
			i := slices.IndexFunc(p.Comments, func(c archive.Comment) bool { return c.ID == commentID })
			if i < 0 || !p.Comments[i].Public() {
				continue
			}
			c := &p.Comments[i]
			hit.Kind, hit.CommentID, hit.Author = KindComment, c.ID, c.Author
			hit.Date, _ = archive.ShownTime(c.Date, c.DateGMT)
			w.raw, w.rendered, w.shown = c.ContentRaw, c.ContentRendered, render.ShownCommentText
		}
		out.Hits = append(out.Hits, hit)
		work = append(work, w)
	}
	analyzer := ix.analyzer()
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(work)) {
		wg.Go(func() {
			for i := range next {
				text, _ := shownText(work[i].shown, work[i].raw, work[i].rendered)
				out.Hits[i].Snippet = snippet(text, analyzedSpans(text, work[i].locs, analyzer))
			}
		})
	}
	for i := range work {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, nil
}

// facetCounts is bleve's facets as value → hits for each facet; nil when
// none were asked for.
func facetCounts(res *bleve.SearchResult) map[string]map[string]int {
	if res.Facets == nil {
		return nil
	}
	out := map[string]map[string]int{}
	for name, f := range res.Facets {
		counts := map[string]int{}
		if f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				counts[t.Term] = t.Count
			}
		}
		out[name] = counts
	}
	return out
}
