package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	bolterrors "go.etcd.io/bbolt/errors"
)

// An index is split into shards by post: each post's documents live in
// one shard, and a search runs on every shard at once. bleve scores each
// matching document on one core, so a common word in a million documents
// took twice as long on a single index as on two shards searched side by
// side; and two shards build their segments side by side too.
const shardPrefix = "shard-"

// maxShards bounds the shards of an index: each keeps its own dictionary,
// so more cost space.
const maxShards = 4

// shardCount is how many shards a new index gets: as many as asked (the
// tests run every path on 1, 2 and 4 whatever the machine), else one per
// core, up to maxShards.
func (o Options) shardCount() int {
	if o.Shards > 0 {
		return o.Shards
	}
	return max(1, min(runtime.NumCPU(), maxShards))
}

// shardSet is an open index: its shards, and an alias that searches them
// all and merges the hits.
type shardSet struct {
	shards []bleve.Index
	all    bleve.IndexAlias
}

func newShardSet(shards []bleve.Index) *shardSet {
	return &shardSet{shards: shards, all: bleve.NewIndexAlias(shards...)}
}

// of is the shard that holds a post's documents.
func (s *shardSet) of(postKey int64) int {
	return int(uint64(postKey) % uint64(len(s.shards)))
}

// SearchInContext searches every shard. bleve's alias reports a shard's
// failure, a cancelled search among them, beside the other shards' hits:
// here it is the search's error, since hits from part of the index would
// pass for all of them.
func (s *shardSet) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, err := s.all.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	if res.Status != nil && len(res.Status.Errors) > 0 {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		first := slices.Min(slices.Collect(maps.Keys(res.Status.Errors)))
		return nil, fmt.Errorf("search: %s: %w", first, res.Status.Errors[first])
	}
	return res, nil
}

// Mapping is the mapping every shard was built with.
func (s *shardSet) Mapping() mapping.IndexMapping { return s.shards[0].Mapping() }

func (s *shardSet) Close() error {
	errs := make([]error, len(s.shards))
	for i, sh := range s.shards {
		errs[i] = sh.Close()
	}
	return errors.Join(errs...)
}

// newBatches gives an empty batch for each shard.
func (s *shardSet) newBatches() []*bleve.Batch {
	batches := make([]*bleve.Batch, len(s.shards))
	for i, sh := range s.shards {
		batches[i] = sh.NewBatch()
	}
	return batches
}

// sideBySide runs do on every shard at once and joins their errors,
// each naming what was being done and to which shard.
func (s *shardSet) sideBySide(what string, do func(i int, sh bleve.Index) error) error {
	errs := make([]error, len(s.shards))
	var wg sync.WaitGroup
	for i, sh := range s.shards {
		wg.Go(func() {
			if err := do(i, sh); err != nil {
				errs[i] = fmt.Errorf("search: %s %s%d: %w", what, shardPrefix, i, err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// write writes each shard's batch, the shards side by side.
func (s *shardSet) write(batches []*bleve.Batch) error {
	return s.sideBySide("writing a batch to", func(i int, sh bleve.Index) error {
		return sh.Batch(batches[i])
	})
}

// merge merges each shard's segments into one, the shards side by side.
// scorch merges as it indexes but leaves a tier of segments behind; a
// query visits every segment, and each keeps its own dictionary, so an
// archive indexed in bulk is merged once at the end.
func (s *shardSet) merge(ctx context.Context) error {
	return s.sideBySide("merging", func(_ int, sh bleve.Index) error {
		adv, err := sh.Advanced()
		if err != nil {
			return err
		}
		sc, ok := adv.(*scorch.Scorch)
		if !ok {
			return nil
		}
		if err := persisted(ctx, sc); err != nil {
			return err
		}
		if err := sc.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions); err != nil {
			return err
		}
		return persisted(ctx, sc)
	})
}

// persisted waits until the index's current state is on disk: a merge
// leaves out segments still in memory only, and a merge's result must be
// recorded as the index's before it is closed.
func persisted(ctx context.Context, sc *scorch.Scorch) error {
	for {
		stats := sc.StatsMap()
		inMemory, _ := stats["num_root_memorysegments"].(uint64)
		root, _ := stats["CurRootEpoch"].(uint64)
		saved, _ := stats["LastPersistedEpoch"].(uint64)
		if inMemory == 0 && saved >= root {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// internalInt reads a number the index keeps about itself: the smallest
// any shard holds, so that a position one shard recorded before a crash
// kept the others from it is never taken for the whole index's.
func (s *shardSet) internalInt(key string) (int64, error) {
	var least int64
	for i, sh := range s.shards {
		v, err := sh.GetInternal([]byte(key))
		if err != nil {
			return 0, err
		}
		var n int64 // a shard that never recorded the key holds 0
		if v != nil {
			if n, err = strconv.ParseInt(string(v), 10, 64); err != nil {
				return 0, err
			}
		}
		if i == 0 || n < least {
			least = n
		}
	}
	return least, nil
}

// notes reads what shard i could not take of the posts it holds.
func (s *shardSet) notes(i int) (map[int64][]note, error) {
	notes := map[int64][]note{}
	data, err := s.shards[i].GetInternal([]byte(keyNotes))
	if err != nil || data == nil {
		return notes, err
	}
	if err := json.Unmarshal(data, &notes); err != nil {
		return nil, fmt.Errorf("search: the notes of %s%d are damaged (parc reindex rebuilds the index): %w", shardPrefix, i, err)
	}
	return notes, nil
}

// setInternal records a number in every shard.
func (s *shardSet) setInternal(key string, n int64) error {
	for _, sh := range s.shards {
		if err := sh.SetInternal([]byte(key), intBytes(n)); err != nil {
			return err
		}
	}
	return nil
}

// openShards opens an index directory's shards, waiting at most timeout
// for another process's lock. Batches stay "safe" (on disk when Batch
// returns): "unsafe_batch" lost the last batch's internal keys at Close in
// testing.
func openShards(archiveDir, name string, timeout time.Duration) (*shardSet, error) {
	return openShardsWith(archiveDir, name, map[string]any{"bolt_timeout": timeout.String()})
}

// openShardsReadOnly opens an index's shards for reading only, writing
// nothing (so that it works on an archive parc may not write), and waits
// up to timeout for a writer's lock. An index built with another mapping
// than this parc's is closed again and gives an *otherMappingError.
func openShardsReadOnly(archiveDir, name string, timeout time.Duration) (*shardSet, error) {
	idx, err := openShardsWith(archiveDir, name, map[string]any{"read_only": true, "bolt_timeout": timeout.String()})
	if err != nil {
		return nil, err
	}
	if version, err := idx.internalInt(keyMapping); err != nil || version != mappingVersion {
		idx.Close()
		return nil, &otherMappingError{version: version}
	}
	return idx, nil
}

// otherMappingError is an index built with another mapping version, by
// another version of parc.
type otherMappingError struct {
	version int64 // 0 when unreadable
}

func (e *otherMappingError) Error() string {
	return fmt.Sprintf("the search index was built by another version of parc (mapping %d, this parc writes %d)", e.version, mappingVersion)
}

// openShardsWith opens an index's shards with the given bleve runtime
// configuration.
func openShardsWith(archiveDir, name string, config map[string]any) (*shardSet, error) {
	path := filepath.Join(archiveDir, name)
	dirs, err := shardDirs(path)
	if err != nil {
		return nil, err
	}
	var shards []bleve.Index
	for _, dir := range dirs {
		sh, err := bleve.OpenUsing(dir, config)
		if err != nil {
			for _, open := range shards {
				open.Close()
			}
			if errors.Is(err, bolterrors.ErrTimeout) {
				return nil, &lockedError{pid: holderPID(archiveDir)}
			}
			return nil, fmt.Errorf("search: opening index %s: %w", dir, err)
		}
		shards = append(shards, sh)
	}
	return newShardSet(shards), nil
}

// shardDirs lists an index directory's shards in order; shard i holds
// the posts whose key is i modulo their number.
func shardDirs(path string) ([]string, error) {
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("search: opening index %s: %w", path, err)
	}
	var numbers []int
	for _, e := range entries {
		if n, err := strconv.Atoi(strings.TrimPrefix(e.Name(), shardPrefix)); err == nil && e.IsDir() && strings.HasPrefix(e.Name(), shardPrefix) {
			numbers = append(numbers, n)
		}
	}
	sort.Ints(numbers)
	for i, n := range numbers {
		if n != i {
			return nil, fmt.Errorf("search: index %s lacks %s%d", path, shardPrefix, i)
		}
	}
	if len(numbers) == 0 {
		return nil, fmt.Errorf("search: index %s has no shards", path)
	}
	dirs := make([]string, len(numbers))
	for i := range numbers {
		dirs[i] = filepath.Join(path, shardPrefix+strconv.Itoa(i))
	}
	return dirs, nil
}

// createShards creates an empty index of n shards for a language in a new
// directory and records the mapping version in each shard.
func createShards(archiveDir, lang string, n int) (*shardSet, string, error) {
	m, err := newMapping(lang)
	if err != nil {
		return nil, "", err
	}
	name, err := newIndexName(archiveDir)
	if err != nil {
		return nil, "", err
	}
	path := filepath.Join(archiveDir, name)
	if err := os.Mkdir(path, 0o755); err != nil {
		return nil, "", fmt.Errorf("search: creating index %s: %w", path, err)
	}
	var shards []bleve.Index
	for i := range n {
		sh, err := bleve.NewUsing(filepath.Join(path, shardPrefix+strconv.Itoa(i)), m, scorch.Name, bleve.Config.DefaultKVStore, nil)
		if err != nil {
			for _, open := range shards {
				open.Close()
			}
			os.RemoveAll(path)
			return nil, "", fmt.Errorf("search: creating index %s: %w", path, err)
		}
		shards = append(shards, sh)
	}
	set := newShardSet(shards)
	if err := set.setInternal(keyMapping, mappingVersion); err != nil {
		set.Close()
		os.RemoveAll(path)
		return nil, "", fmt.Errorf("search: creating index %s: %w", path, err)
	}
	return set, name, nil
}
