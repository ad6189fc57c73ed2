package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/search"
	"github.com/parc-archive/parc/site"
)

// searchSyncInterval is how often the served index catches up with imports.
const searchSyncInterval = 2 * time.Second

// indexSearcher adapts the search index to the site's Searcher.
type indexSearcher struct{ index *search.Index }

func (s indexSearcher) Search(ctx context.Context, q site.SearchRequest) (*site.SearchResults, error) {
	res, err := s.index.Search(ctx, search.Request{Query: q.Query, Site: q.Site, Limit: q.Limit, Offset: q.Offset, Facets: q.Facets})
	if errors.Is(err, search.ErrBadQuery) {
		return nil, fmt.Errorf("%w: %w", site.ErrBadQuery, err)
	}
	if err != nil {
		return nil, err
	}
	out := &site.SearchResults{Total: res.Total, Facets: res.Facets}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, site.SearchHit{
			Kind: h.Kind, PostKey: h.PostKey, CommentID: h.CommentID, Title: h.Title,
			Author: h.Author, Date: h.Date, Snippet: h.Snippet,
		})
	}
	return out, nil
}

// openSearcher opens the archive's search index and keeps it in step
// with imports. Without an index the site still serves, search aside.
func openSearcher(ctx context.Context, store *archive.Store, logger *slog.Logger) (site.Searcher, func()) {
	index, err := search.Open(store.Dir(), search.Options{LockTimeout: 2 * time.Second})
	if err != nil {
		logger.Warn("serve: search is unavailable", "err", err)
		return nil, func() {}
	}
	if _, err := index.Sync(ctx, store); err != nil {
		logger.Warn("serve: bringing the search index up to date failed", "err", err)
	}
	syncCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		ticker := time.NewTicker(searchSyncInterval)
		defer ticker.Stop()
		for {
			select {
			case <-syncCtx.Done():
				return
			case <-ticker.C:
				if _, err := index.Sync(syncCtx, store); err != nil && syncCtx.Err() == nil {
					logger.Warn("serve: search index sync failed", "err", err)
				}
			}
		}
	}()
	return indexSearcher{index}, func() {
		stop()
		<-done
		index.Close()
	}
}
