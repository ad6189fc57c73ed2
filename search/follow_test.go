package search

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/parc-archive/parc/internal/poll"
)

// TestFollowerWaitsForAHeldIndex starts a Follower while another holder
// (an import still indexing, say) has the index: searches say the index
// is locked, and once the holder lets go the Follower opens the index,
// syncs it and keeps it in step with later imports.
func TestFollowerWaitsForAHeldIndex(t *testing.T) {
	ctx := context.Background()
	store, dir := newArchive(t, sampleBlog(t))
	holder, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()

	f, err := Follow(ctx, store, dir, nil)
	if err != nil {
		t.Fatalf("Follow while the index is held: %v, want a Follower that waits", err)
	}
	defer f.Close()
	if _, err := f.Search(ctx, Request{Query: "lighthouse"}); !errors.Is(err, ErrLocked) {
		t.Fatalf("a search while the index is held: %v, want ErrLocked", err)
	}

	if err := holder.Close(); err != nil {
		t.Fatal(err)
	}
	found := func(word string) func() bool {
		return func() bool {
			res, err := f.Search(ctx, Request{Query: word})
			return err == nil && res.Total > 0
		}
	}
	poll.Until(t, 20*time.Second, "the Follower to open and sync the let-go index", found("rental"))

	newer := rewrite(t, sampleBlog(t), "Catch this one if you can :)", "Catch this one if you can, zanzibarword :)")
	importWXR(t, store, newer)
	poll.Until(t, 20*time.Second, "the Follower to take in a later import", found("zanzibarword"))

	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, Options{LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("opening the index after the Follower closed: %v", err)
	}
	ix.Close()
}
