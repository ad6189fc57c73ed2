package search

import (
	"context"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/wxr"
)

// The index reads the archive through Source, which the store must keep
// satisfying.
var _ Source = (*archive.Store)(nil)

// importWXR imports a WordPress export into the store the way parc import
// does: the wxr reader's records through one archive import.
func importWXR(t testing.TB, store *archive.Store, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ctx := context.Background()
	imp, err := store.BeginImport(ctx, archive.Source{Path: path, Format: "wxr", Authority: archive.AuthorityExport})
	if err != nil {
		t.Fatal(err)
	}
	r := wxr.NewReader(f, path)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("reading %s: %v", path, err)
		}
		if err := imp.Put(rec); err != nil {
			t.Fatalf("importing %s: %v", path, err)
		}
	}
	if _, err := imp.Finish("", nil); err != nil {
		t.Fatal(err)
	}
}

// newArchive makes an archive in a temporary directory holding the given
// exports.
func newArchive(t testing.TB, exports ...string) (*archive.Store, string) {
	t.Helper()
	dir := t.TempDir()
	store, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	for _, path := range exports {
		importWXR(t, store, path)
	}
	return store, dir
}

// openSynced opens the archive's index and brings it up to date; a new
// index is split into the given number of shards (0: one per core).
func openSynced(t testing.TB, store *archive.Store, dir string, shards int) *Index {
	t.Helper()
	ix, err := Open(dir, Options{Shards: shards})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Sync(context.Background(), store); err != nil {
		t.Fatal(err)
	}
	if got := len(ix.idx.shards); shards > 0 && got != shards {
		t.Fatalf("the index has %d shards, want %d", got, shards)
	}
	return ix
}

// forEachShardCount runs a test on an index of one shard, two and four,
// whatever the machine's cores: the paths that meet several shards
// (routing, merged results, the best-of pruning) then run everywhere.
func forEachShardCount(t *testing.T, test func(t *testing.T, shards int)) {
	for _, n := range []int{1, 2, maxShards} {
		t.Run(fmt.Sprintf("shards=%d", n), func(t *testing.T) { test(t, n) })
	}
}

func mustSearch(t testing.TB, ix *Index, req Request) *Results {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("search %q: %v", req.Query, err)
	}
	return res
}

// generatedArchive is a new archive of generated posts without comments.
func generatedArchive(t *testing.T, posts int) (*archive.Store, string) {
	store, dir := newArchive(t)
	writeGenerated(t, store, posts, 0)
	return store, dir
}

// must is v, or a panic on err: for calls that cannot fail in a test.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// segments counts each shard's segments.
func segments(s *shardSet) []int {
	counts := make([]int, len(s.shards))
	for i, sh := range s.shards {
		if adv, err := sh.Advanced(); err == nil {
			if sc, ok := adv.(*scorch.Scorch); ok {
				stats := sc.StatsMap()
				files, _ := stats["num_root_filesegments"].(uint64)
				inMemory, _ := stats["num_root_memorysegments"].(uint64)
				counts[i] = int(files + inMemory)
			}
		}
	}
	return counts
}
