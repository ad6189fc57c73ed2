package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/search"
	"github.com/parc-archive/parc/site"
)

// searchSyncInterval is how often the served index catches up with imports.
const searchSyncInterval = 2 * time.Second

// indexSearcher adapts the search index to the site's Searcher. Its
// index is nil until it could be opened: another process (an import
// indexing) may hold it when the server starts.
type indexSearcher struct {
	mu    sync.RWMutex
	index *search.Index
}

// errSearchNotYet answers searches while another process holds the index.
var errSearchNotYet = errors.New("the search index is held by another process; search resumes once it lets go")

func (s *indexSearcher) get() *search.Index {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.index
}

func (s *indexSearcher) Search(ctx context.Context, q site.SearchRequest) (*site.SearchResults, error) {
	index := s.get()
	if index == nil {
		return nil, errSearchNotYet
	}
	res, err := index.Search(ctx, search.Request{Query: q.Query, Site: q.Site, Limit: q.Limit, Offset: q.Offset, Facets: q.Facets})
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
// with imports. When another process holds the index, it keeps trying
// in the background and search answers "unavailable" meanwhile; when
// the index cannot be opened at all the site serves without search.
func openSearcher(ctx context.Context, store *archive.Store, logger *slog.Logger) (site.Searcher, func()) {
	open := func() (*search.Index, error) {
		return search.Open(store.Dir(), search.Options{LockTimeout: 2 * time.Second})
	}
	index, err := open()
	if err != nil && !errors.Is(err, search.ErrLocked) {
		logger.Warn("serve: search is unavailable", "err", err)
		return nil, func() {}
	}
	if err != nil {
		logger.Info("serve: search waits for the index", "err", err)
	} else if _, err := index.Sync(ctx, store); err != nil {
		logger.Warn("serve: bringing the search index up to date failed", "err", err)
	}
	s := &indexSearcher{index: index}
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
			}
			index := s.get()
			if index == nil {
				opened, err := open()
				if err != nil {
					if !errors.Is(err, search.ErrLocked) && syncCtx.Err() == nil {
						logger.Warn("serve: opening the search index failed", "err", err)
					}
					continue
				}
				index = opened
				s.mu.Lock()
				s.index = index
				s.mu.Unlock()
			}
			if _, err := index.Sync(syncCtx, store); err != nil && syncCtx.Err() == nil {
				logger.Warn("serve: search index sync failed", "err", err)
			}
		}
	}()
	return s, func() {
		stop()
		<-done
		if index := s.get(); index != nil {
			index.Close()
		}
	}
}
