package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/parc-archive/parc/search"
	"github.com/parc-archive/parc/site"
)

// siteSearcher answers the site's search page from a search.Follower,
// turning its hits into the site's. The packages know nothing of each
// other; this is where they meet.
type siteSearcher struct {
	follower *search.Follower
}

func (s siteSearcher) Search(ctx context.Context, q site.SearchRequest) (*site.SearchResults, error) {
	res, err := s.follower.Search(ctx, search.Request{Query: q.Query, Site: q.Site, Limit: q.Limit, Offset: q.Offset, Facets: q.Facets, Timeout: q.Timeout, PerPost: q.PerPost})
	var badQuery *search.QueryError
	switch {
	case errors.As(err, &badQuery):
		return nil, &site.BadQueryError{Reason: badQuery.Reason}
	case errors.Is(err, search.ErrTimeout):
		return nil, fmt.Errorf("%w: %w", site.ErrSearchTimeout, err)
	}
	if err != nil {
		return nil, err
	}
	out := &site.SearchResults{Total: res.Total, Facets: res.Facets, Posts: res.Posts}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, siteHit(h))
	}
	for _, g := range res.Groups {
		hit := siteHit(g.Head())
		if g.Post == nil {
			hit.Kind = search.KindPost
		}
		for _, c := range g.Comments {
			hit.Comments = append(hit.Comments, siteHit(c))
		}
		hit.MoreComments = g.MoreComments
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}

func siteHit(h search.Hit) site.SearchHit {
	return site.SearchHit{
		Kind: h.Kind, PostKey: h.PostKey, CommentID: h.CommentID, Title: h.Title,
		Author: h.Author, Date: h.Date, Snippet: h.Snippet,
	}
}

func (s siteSearcher) Expensive(query string) bool { return search.Expensive(query) }
