package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/renameio/v2"
	"github.com/parc-archive/parc/archive"
)

// Files and directories the index keeps inside the archive directory.
const (
	pointerFile = "index.current" // names the index in use
	pidFile     = "index.pid"     // the process holding it
	indexPrefix = "index-"        // index-<n>: one complete index each
)

// DefaultLockTimeout is how long Open waits for another process to let go
// of the index when Options leave it unset.
const DefaultLockTimeout = 2 * time.Second

// ErrLocked is returned, wrapped in an error that names the process, when
// another process holds the index.
var ErrLocked = errors.New("archive in use by another process")

// lockedError says which process holds the index.
type lockedError struct{ pid int }

func (e *lockedError) Error() string {
	if e.pid == 0 {
		return ErrLocked.Error()
	}
	return fmt.Sprintf("archive in use by process %d", e.pid)
}

func (e *lockedError) Is(target error) bool { return target == ErrLocked }

// PID is the process holding the index; 0 when unknown.
func (e *lockedError) PID() int { return e.pid }

// Options tune how an index is opened.
type Options struct {
	// LockTimeout bounds the wait for another process's lock;
	// DefaultLockTimeout when zero.
	LockTimeout time.Duration
	// Lang names the analyzer language (see Languages). Empty keeps the
	// index's language, or takes the first imported site's.
	Lang string
	// Store is the archive the index is of. The index keeps only the
	// words: hits are read back from Store, or, when it is nil, from the
	// store last given to Sync. Without either, Search fails.
	Store HitSource
	// Shards is how many shards a new index is split into, 1 to
	// maxShards; zero: one per core. An existing index keeps its own.
	Shards int
}

// HitSource is what a search reads its hits back from: the posts of a
// page of hits and their authors' names. *archive.Store is one.
type HitSource interface {
	LoadPosts(ctx context.Context, keys []int64) ([]*archive.StoredPost, error)
	Authors(ctx context.Context, site string) ([]archive.Author, error)
}

// Source is the archive an index is built from and kept in step with:
// what changed since a position, every post, and the counts Check
// compares with. *archive.Store is one.
type Source interface {
	HitSource
	ChangeMark(ctx context.Context) (int64, error)
	LastImport(ctx context.Context) (int64, error)
	ChangedSince(ctx context.Context, mark int64) ([]int64, error)
	ForEachPost(ctx context.Context, fn func(*archive.StoredPost) error) error
	CountSearchable(ctx context.Context) (archive.SearchableCounts, error)
	Sites(ctx context.Context) ([]archive.Site, error)
}

func (o Options) lockTimeout() time.Duration {
	if o.LockTimeout <= 0 {
		return DefaultLockTimeout
	}
	return o.LockTimeout
}

func (o Options) validate() error {
	if o.Shards < 0 || o.Shards > maxShards {
		return fmt.Errorf("search: %d shards; an index has 1 to %d", o.Shards, maxShards)
	}
	if o.Lang == "" {
		return nil
	}
	if _, ok := analyzerFor(o.Lang); !ok {
		return fmt.Errorf("search: no analyzer for language %q (parc knows %s)", o.Lang, strings.Join(Languages(), ", "))
	}
	return nil
}

// pointer is the content of the pointer file: which index directory is in
// use and the language it was built for.
type pointer struct {
	Index string `json:"index"`
	Lang  string `json:"lang"`
	// LangChosen is true when a user chose the language (--lang) rather
	// than parc taking it from the site, so a later rebuild keeps it.
	LangChosen bool `json:"lang_chosen"`
}

func readPointer(dir string) (pointer, error) {
	var p pointer
	data, err := os.ReadFile(filepath.Join(dir, pointerFile))
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(data, &p); err != nil || !strings.HasPrefix(p.Index, indexPrefix) || strings.ContainsAny(p.Index, `/\`) {
		return pointer{}, fmt.Errorf("search: %s is damaged: parc reindex rebuilds the index", filepath.Join(dir, pointerFile))
	}
	return p, nil
}

// writePointer replaces the pointer file atomically: a reader sees the old
// index or the new one, never a torn file, whenever a crash comes.
func writePointer(dir string, p pointer) error {
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	if err := renameio.WriteFile(filepath.Join(dir, pointerFile), append(data, '\n'), 0o600, renameio.WithTempDir(dir)); err != nil {
		return fmt.Errorf("search: writing index pointer: %w", err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("search: syncing %s: %w", dir, err)
	}
	return nil
}

// newIndexName names a directory for a new index, after every one there.
func newIndexName(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	highest := 0
	for _, e := range entries {
		if n, err := strconv.Atoi(strings.TrimPrefix(e.Name(), indexPrefix)); err == nil && strings.HasPrefix(e.Name(), indexPrefix) && n > highest {
			highest = n
		}
	}
	return indexPrefix + strconv.Itoa(highest+1), nil
}

// removeOtherIndexes deletes every index directory but the one in use:
// the one it replaced and any a crashed rebuild left. A process still
// holding a replaced index keeps its open files until it lets go.
func removeOtherIndexes(dir, keep string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), indexPrefix) && e.Name() != keep {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("search: removing an old index: %w", err)
			}
		}
	}
	return nil
}

// Internal keys the index keeps about itself.
const (
	keyMapping  = "parc.mapping"  // mappingVersion it was built with
	keyTaken    = "parc.taken"    // last finished import it took in
	keyMark     = "parc.mark"     // the store's change mark when it did
	keyUnmerged = "parc.unmerged" // documents indexed since the segments were last merged
	keyNotes    = "parc.notes"    // what the shard could not take (note), by post key
)

func intBytes(n int64) []byte { return []byte(strconv.FormatInt(n, 10)) }

func holderPID(archiveDir string) int {
	data, err := os.ReadFile(filepath.Join(archiveDir, pidFile))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	return pid
}

// Index is an open search index. Search may be called from many
// goroutines, also while Sync runs.
type Index struct {
	dir  string
	opts Options

	syncing sync.Mutex // one Sync at a time

	mu    sync.RWMutex // guards idx and ptr: Sync may switch to a rebuilt index
	idx   *shardSet
	ptr   pointer
	store HitSource // the store last synced from, to read hits from
	taken int64
	mark  int64
	// unmerged counts the documents indexed since the index's segments
	// were last merged (kept in the index: an import interrupted after
	// its rounds leaves the merge to the next Sync); it decides whether a
	// Sync merges them. Read and written with syncing held.
	unmerged int64
	// readOnly is an index opened by OpenReadOnly: searched, never synced.
	readOnly bool
}

// ErrReadOnly is the error of Sync on an index opened read-only.
var ErrReadOnly = errors.New("search: the index is open read-only")

// OpenReadOnly opens the archive's search index for searching only, as it
// stands, for an archive parc may not write: nothing is synced, locked,
// rebuilt or written. Hits are read back from opts.Store.
func OpenReadOnly(archiveDir string, opts Options) (*Index, error) {
	ptr, err := readPointer(archiveDir)
	if err != nil {
		return nil, fmt.Errorf("search: the read-only archive has no usable search index (%w); parc reindex makes one where the archive can be written", err)
	}
	idx, err := openShardsReadOnly(archiveDir, ptr.Index, opts.lockTimeout())
	var otherMapping *otherMappingError
	if errors.As(err, &otherMapping) {
		return nil, fmt.Errorf("search: the read-only archive's index was made by another version of parc; parc reindex rebuilds it where the archive can be written")
	}
	if err != nil {
		return nil, err
	}
	return &Index{dir: archiveDir, opts: opts, idx: idx, ptr: ptr, readOnly: true}, nil
}

// Open opens the archive's search index, creating it when there is none
// and rebuilding it (empty, for Sync to fill) when it was made by another
// mapping version or for another language than opts.Lang. When another
// process holds it, Open waits opts.LockTimeout and then returns an error
// that errors.Is ErrLocked and names the process.
func Open(archiveDir string, opts Options) (*Index, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(archiveDir, 0o755); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	ix := &Index{dir: archiveDir, opts: opts}
	ptr, err := readPointer(archiveDir)
	switch {
	case err == nil:
		idx, err := openShards(archiveDir, ptr.Index, opts.lockTimeout())
		if errors.Is(err, ErrLocked) {
			return nil, err
		}
		if err == nil {
			version, verr := idx.internalInt(keyMapping)
			if verr == nil && version == mappingVersion && (opts.Lang == "" || opts.Lang == ptr.Lang) {
				if err := ix.adopt(idx, ptr); err != nil {
					idx.Close()
					return nil, err
				}
				return ix, nil
			}
			idx.Close()
		}
		// An unreadable, outdated or other-language index: start afresh.
	case !errors.Is(err, os.ErrNotExist):
		// A damaged pointer: start afresh, as for a missing one.
	}
	lang, chosen := opts.Lang, opts.Lang != ""
	if !chosen {
		lang = ptr.Lang
		chosen = ptr.LangChosen
	}
	if lang == "" {
		lang = DefaultLang
	}
	if err := ix.replaceWithEmpty(lang, chosen); err != nil {
		return nil, err
	}
	return ix, nil
}

// adopt makes idx the index in use and records this process as its holder.
func (ix *Index) adopt(idx *shardSet, ptr pointer) error {
	taken, err := idx.internalInt(keyTaken)
	if err != nil {
		return fmt.Errorf("search: reading index state: %w", err)
	}
	mark, err := idx.internalInt(keyMark)
	if err != nil {
		return fmt.Errorf("search: reading index state: %w", err)
	}
	unmerged, err := idx.internalInt(keyUnmerged)
	if err != nil {
		return fmt.Errorf("search: reading index state: %w", err)
	}
	if err := os.WriteFile(filepath.Join(ix.dir, pidFile), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	ix.idx, ix.ptr, ix.taken, ix.mark, ix.unmerged = idx, ptr, taken, mark, unmerged
	return nil
}

// replaceWithEmpty swaps a new, empty index in for the one in use (if
// any); the next Sync fills it from the whole store. The caller holds mu
// or is the only one with ix.
func (ix *Index) replaceWithEmpty(lang string, chosen bool) error {
	idx, name, err := createShards(ix.dir, lang, ix.opts.shardCount())
	if err != nil {
		return err
	}
	ptr := pointer{Index: name, Lang: lang, LangChosen: chosen}
	if err := writePointer(ix.dir, ptr); err != nil {
		idx.Close()
		return err
	}
	if ix.idx != nil {
		ix.idx.Close()
	}
	if err := ix.adopt(idx, ptr); err != nil {
		idx.Close()
		return err
	}
	return removeOtherIndexes(ix.dir, name)
}

// Lang is the language the index analyses text in.
func (ix *Index) Lang() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.ptr.Lang
}

// Close lets go of the index.
func (ix *Index) Close() error {
	ix.syncing.Lock()
	defer ix.syncing.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.idx == nil {
		return nil
	}
	if holderPID(ix.dir) == os.Getpid() {
		os.Remove(filepath.Join(ix.dir, pidFile))
	}
	err := ix.idx.Close()
	ix.idx = nil
	if err != nil {
		return fmt.Errorf("search: closing index: %w", err)
	}
	return nil
}
