package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/search/query"
)

// A search of a blog's comments can fill its first page with one post's
// thread. Grouped, each post comes once, ranked by its best hit (itself
// or one of its comments), with its best-matching comments under it and
// the number of its other comments that match.

// groupWindow is how many hits, best first, a grouped search ranks to
// find its posts: the groups of hits past it are not offered.
const groupWindow = MaxLimit

// Group is one post of a grouped search.
type Group struct {
	Post         *Hit  // the post or page itself; nil when only its comments match
	Comments     []Hit // its best-matching comments, best first
	MoreComments int   // its other comments that match
}

// Head is the hit that stands for the group's post: the post's own hit, or,
// when only its comments match, one with what the first comment knows of
// its post (site, IDs, title and link; no kind, date, author or snippet).
func (g Group) Head() Hit {
	if g.Post != nil {
		return *g.Post
	}
	c := g.Comments[0]
	return Hit{Site: c.Site, PostID: c.PostID, PostKey: c.PostKey, Title: c.Title, Link: c.Link}
}

// searchGrouped ranks a window of hits by their keys alone, groups them by
// post, and then reads in full (snippets and all) only the page's posts
// and their best comments.
func (ix *Index) searchGrouped(ctx context.Context, req Request) (*Results, error) {
	if _, err := searchRequest(req); err != nil {
		return nil, err
	}
	limit := req.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	window := req
	window.PerPost, window.Limit, window.Offset, window.idsOnly = 0, groupWindow, 0, true
	ranked, err := ix.Search(ctx, window)
	if err != nil {
		return nil, err
	}

	type group struct {
		post     bool
		comments []int64
	}
	var order []int64
	groups := map[int64]*group{}
	for _, h := range ranked.Hits {
		g := groups[h.PostKey]
		if g == nil {
			g = &group{}
			groups[h.PostKey] = g
			order = append(order, h.PostKey)
		}
		if h.Kind == KindComment {
			g.comments = append(g.comments, h.CommentID)
		} else {
			g.post = true
		}
	}
	out := &Results{Total: ranked.Total, Facets: ranked.Facets, Took: ranked.Took, Posts: len(order)}
	if req.Offset >= len(order) {
		return out, nil
	}
	page := order[req.Offset:min(len(order), req.Offset+limit)]
	var ids []string
	for _, key := range page {
		g := groups[key]
		if g.post {
			ids = append(ids, postDocID(key))
		}
		for _, c := range g.comments[:min(len(g.comments), req.PerPost)] {
			ids = append(ids, commentDocID(key, c))
		}
	}
	full := req
	full.PerPost, full.Limit, full.Offset, full.Facets, full.docIDs = 0, len(ids), 0, false, ids
	read, err := ix.Search(ctx, full)
	if err != nil {
		return nil, err
	}
	type docKey struct{ post, comment int64 }
	hits := make(map[docKey]Hit, len(read.Hits))
	for _, h := range read.Hits {
		hits[docKey{h.PostKey, h.CommentID}] = h
	}
	for _, key := range page {
		g := groups[key]
		var grp Group
		if h, ok := hits[docKey{key, 0}]; ok && g.post {
			grp.Post = &h
		}
		for _, c := range g.comments[:min(len(g.comments), req.PerPost)] {
			if h, ok := hits[docKey{key, c}]; ok {
				grp.Comments = append(grp.Comments, h)
			}
		}
		if grp.Post == nil && len(grp.Comments) == 0 {
			continue // no longer public: the index has yet to catch up
		}
		grp.MoreComments = max(0, len(g.comments)-req.PerPost)
		out.Groups = append(out.Groups, grp)
	}
	return out, nil
}

// restrict limits q to the documents ids names; q itself when ids is nil.
func restrict(q query.Query, ids []string) query.Query {
	if ids == nil {
		return q
	}
	return query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), q})
}
