package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/parc-archive/parc/internal/tick"
)

// FollowInterval is how often a Follower catches up with imports, and
// tries again to open an index another process holds.
const FollowInterval = 2 * time.Second

// Follower keeps an archive's index open and in step with the archive for
// a long-running reader such as parc serve. Another process (an import
// still indexing) may hold the index when the reader starts: the Follower
// then keeps trying in the background, and its searches fail with
// ErrLocked until it has the index.
type Follower struct {
	store  Source
	dir    string
	logger *slog.Logger
	stop   context.CancelFunc
	done   chan struct{}

	mu      sync.RWMutex
	index   *Index // nil until opened
	openErr error  // why index is nil
}

// Follow opens the index of the archive in dir, brings it up to date with
// store, and syncs it every FollowInterval until Close or until ctx ends.
// When another process holds the index, Follow returns at once and opens
// it once the holder lets go. Any other failure to open is returned.
// Failed syncs are logged to logger (nil discards) and tried again.
func Follow(ctx context.Context, store Source, dir string, logger *slog.Logger) (*Follower, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	f := &Follower{store: store, dir: dir, logger: logger, done: make(chan struct{})}
	err := f.open(ctx)
	if err != nil && !errors.Is(err, ErrLocked) {
		return nil, err
	}
	if err != nil {
		logger.Info("search: waiting for the index", "err", err)
	}
	ctx, f.stop = context.WithCancel(ctx)
	go func() {
		defer close(f.done)
		tick.Every(ctx, FollowInterval, f.step)
	}()
	return f, nil
}

// open opens the index and syncs it, or records why it could not.
func (f *Follower) open(ctx context.Context) error {
	index, err := Open(f.dir, Options{LockTimeout: FollowInterval})
	f.mu.Lock()
	f.index, f.openErr = index, err
	f.mu.Unlock()
	if err != nil {
		return err
	}
	f.sync(ctx, index)
	return nil
}

func (f *Follower) sync(ctx context.Context, index *Index) {
	synced, err := index.Sync(ctx, f.store)
	for _, n := range synced.Notes {
		f.logger.Warn("search: " + n)
	}
	if err != nil && ctx.Err() == nil {
		f.logger.Warn("search: bringing the index up to date failed", "err", err)
	}
}

// step syncs the index, first opening it if another process held it.
func (f *Follower) step(ctx context.Context) {
	if index := f.get(); index != nil {
		f.sync(ctx, index)
		return
	}
	if err := f.open(ctx); err != nil && !errors.Is(err, ErrLocked) && ctx.Err() == nil {
		f.logger.Warn("search: opening the index failed", "err", err)
	}
}

func (f *Follower) get() *Index {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.index
}

// Search runs a search on the index. Until the Follower has the index the
// error says why: while another process holds it, an ErrLocked naming
// the holder.
func (f *Follower) Search(ctx context.Context, req Request) (*Results, error) {
	f.mu.RLock()
	index, openErr := f.index, f.openErr
	f.mu.RUnlock()
	if index == nil {
		return nil, fmt.Errorf("search: waiting for the index: %w", openErr)
	}
	return index.Search(ctx, req)
}

// Close stops following and lets go of the index. Closing again does
// nothing.
func (f *Follower) Close() error {
	f.stop()
	<-f.done
	if index := f.get(); index != nil {
		return index.Close()
	}
	return nil
}
