package rest

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/parc-archive/parc/archive"
)

// apply decodes the saved pages of each listing into the archive.
func (in *run) apply(ctx context.Context, listings []listing, put func(archive.Record) error) error {
	for _, l := range listings {
		var err error
		switch l.holds {
		case holdsUsers:
			err = in.applyUsers(ctx, l, put)
		case holdsTerms:
			err = in.applyTerms(ctx, l, put)
		case holdsPosts:
			err = in.applyPosts(ctx, l, put)
		case holdsComments:
			err = in.readComments(ctx, l)
		}
		if err != nil {
			return err
		}
	}
	return in.putComments(put)
}

// eachPage hands the saved body of each of a listing's pages to fn.
func (in *run) eachPage(ctx context.Context, l listing, fn func(body []byte) error) error {
	for _, target := range l.pages {
		saved, err := in.store.Fetched(ctx, target)
		if err != nil {
			return err
		}
		if saved == nil {
			return fmt.Errorf("rest %s: the fetched page is no longer in the archive", target)
		}
		if err := fn(saved.Body); err != nil {
			return fmt.Errorf("rest %s: %w", target, err)
		}
	}
	return nil
}

func (in *run) applyUsers(ctx context.Context, l listing, put func(archive.Record) error) error {
	return in.eachPage(ctx, l, func(body []byte) error {
		authors, err := DecodeUsers(body)
		for i := range authors {
			in.lookup.Users[authors[i].ID] = authors[i].Login
			if err := put(archive.Record{Author: &authors[i]}); err != nil {
				return err
			}
		}
		return err
	})
}

// applyTerms reads all of a taxonomy's pages before writing any term, as a
// parent may come on a later page than its child.
func (in *run) applyTerms(ctx context.Context, l listing, put func(archive.Record) error) error {
	var terms []archive.Term
	parents := map[int64]int64{}
	err := in.eachPage(ctx, l, func(body []byte) error {
		page, pageParents, err := DecodeTerms(body, l.taxonomy)
		terms = append(terms, page...)
		for child, parent := range pageParents {
			parents[child] = parent
		}
		return err
	})
	ResolveParents(terms, parents)
	in.lookup.AddTerms(terms)
	for i := range terms {
		if err := put(archive.Record{Term: &terms[i]}); err != nil {
			return err
		}
	}
	return err
}

func (in *run) applyPosts(ctx context.Context, l listing, put func(archive.Record) error) error {
	warned := map[string]bool{}
	return in.eachPage(ctx, l, func(body []byte) error {
		posts, problems, err := DecodePosts(body, in.lookup)
		for _, problem := range problems {
			if !warned[problem] {
				warned[problem] = true
				in.out.Warn(fmt.Sprintf("rest %s: %s", l.name, problem))
			}
		}
		for i := range posts {
			p := &posts[i]
			if p.Type == "" {
				p.Type = l.postType
			}
			in.postTypes[p.ID] = p.Type
			if err := put(archive.Record{Post: p}); err != nil {
				return err
			}
		}
		return err
	})
}

func (in *run) readComments(ctx context.Context, l listing) error {
	return in.eachPage(ctx, l, func(body []byte) error {
		comments, err := DecodeComments(body)
		for _, c := range comments {
			in.comments[c.PostID] = append(in.comments[c.PostID], c.Comment)
		}
		return err
	})
}

// putComments attaches the comments to their posts once all are read, so
// that each post's thread arrives whole, parents with their replies.
func (in *run) putComments(put func(archive.Record) error) error {
	ids := make([]int64, 0, len(in.comments))
	for id := range in.comments {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		comments := in.comments[id]
		typ, ok := in.postTypes[id]
		if !ok {
			in.out.Warn(fmt.Sprintf("rest: %d comments belong to post %d, which the API did not list: skipped", len(comments), id))
			continue
		}
		slices.SortFunc(comments, func(a, b archive.Comment) int { return cmp.Compare(a.ID, b.ID) })
		if err := put(archive.Record{Post: &archive.Post{ID: id, Type: typ, Comments: comments}}); err != nil {
			return err
		}
	}
	return nil
}
