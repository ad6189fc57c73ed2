package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/blevesearch/bleve/v2"

	"github.com/parc-archive/parc/archive"
)

// Batches are capped both ways: never one document at a time (slow), never
// one giant batch (memory grows with it).
const (
	batchDocs  = 1000
	batchBytes = 16 << 20
	loadChunk  = 500 // posts read from the store at once
)

// writer feeds posts into an index in capped batches, one per shard.
// Reading and rendering the next batches overlaps with bleve indexing the
// last ones: a goroutine writes them in order, the shards' side by side.
type writer struct {
	idx     *shardSet
	fresh   bool // the index is new and empty: nothing to delete
	batches []*bleve.Batch
	authors *archive.AuthorNames
	notes   []map[int64][]note // each shard's notes, by post key
	synced  Synced
	full    chan []*bleve.Batch
	done    chan error // the writing goroutine's first error, once
}

// Synced is what a Sync or a Rebuild did: how many documents it indexed,
// and a note on each one the index took only part of or could not take.
type Synced struct {
	Indexed int
	Notes   []string
}

func newWriter(idx *shardSet, store Source, fresh bool) (*writer, error) {
	w := &writer{
		idx: idx, fresh: fresh, batches: idx.newBatches(),
		authors: archive.NewAuthorNames(store),
		full:    make(chan []*bleve.Batch, 1),
		done:    make(chan error, 1),
	}
	for i := range idx.shards {
		notes := map[int64][]note{}
		if !fresh {
			var err error
			if notes, err = idx.notes(i); err != nil {
				return nil, err
			}
		}
		w.notes = append(w.notes, notes)
	}
	go func() {
		var first error
		for batches := range w.full {
			if first == nil {
				first = idx.write(batches)
			}
		}
		w.done <- first
	}()
	return w, nil
}

func (w *writer) add(ctx context.Context, p *archive.StoredPost) error {
	author, err := w.authors.Name(ctx, p.Site, p.AuthorLogin)
	if err != nil {
		return err
	}
	shard := w.idx.of(p.Key)
	batch := w.batches[shard]
	n, notes := writePost(batch, p, author, w.fresh)
	w.synced.Indexed += n
	delete(w.notes[shard], p.Key)
	if len(notes) > 0 {
		w.notes[shard][p.Key] = notes
		for _, n := range notes {
			w.synced.Notes = append(w.synced.Notes, n.Text)
		}
	}
	if batch.Size() >= batchDocs || batch.TotalDocsSize() >= batchBytes {
		w.full <- w.batches
		w.batches = w.idx.newBatches()
	}
	return nil
}

// finish writes what is pending together with the store position it
// reflects, so the position is never ahead of the documents, and the
// count of documents not yet merged, and waits for every batch to be
// written.
func (w *writer) finish(taken, mark, unmerged int64) error {
	for i, b := range w.batches {
		b.SetInternal([]byte(keyTaken), intBytes(taken))
		b.SetInternal([]byte(keyMark), intBytes(mark))
		b.SetInternal([]byte(keyUnmerged), intBytes(unmerged))
		notes, err := json.Marshal(w.notes[i])
		if err != nil {
			w.abandon()
			return fmt.Errorf("search: %w", err)
		}
		b.SetInternal([]byte(keyNotes), notes)
	}
	return w.close(w.batches)
}

// abandon stops the writing goroutine without recording a position.
func (w *writer) abandon() { w.close(nil) }

func (w *writer) close(last []*bleve.Batch) error {
	if last != nil {
		w.full <- last
	}
	close(w.full)
	return <-w.done
}

// storePosition reads where the store is, before reading what changed, so
// that the position recorded never claims more than was indexed.
func storePosition(ctx context.Context, store Source) (taken, mark int64, err error) {
	if mark, err = store.ChangeMark(ctx); err != nil {
		return 0, 0, err
	}
	if taken, err = store.LastImport(ctx); err != nil {
		return 0, 0, err
	}
	return taken, mark, nil
}

// Sync brings the index up to date with the store: it (re)indexes the
// posts that imports since the last one it took in added or changed, and
// deletes the documents of those that are no longer public. It returns
// how many documents it indexed. When nothing changed it costs one query,
// so a server may call it on a ticker. It also switches to an index that
// Rebuild swapped in meanwhile. Interrupted at any point, the next Sync
// does the same work again. When most of the index is new since its
// segments were last merged (a first import, say), Sync merges them as
// Rebuild does.
func (ix *Index) Sync(ctx context.Context, store Source) (Synced, error) {
	ix.syncing.Lock()
	defer ix.syncing.Unlock()
	synced, err := ix.catchUp(ctx, store)
	if err != nil {
		return synced, err
	}
	return synced, ix.mergeIfMostlyNew(ctx)
}

// CatchUp is Sync without the merge: an import calls it round after round
// while it writes, so that the index is built beside the store rather
// than after it, and calls Sync once at its end, which merges what the
// rounds indexed.
func (ix *Index) CatchUp(ctx context.Context, store Source) (Synced, error) {
	ix.syncing.Lock()
	defer ix.syncing.Unlock()
	return ix.catchUp(ctx, store)
}

// catchUp indexes what changed since the index's position. Called with
// ix.syncing held.
func (ix *Index) catchUp(ctx context.Context, store Source) (Synced, error) {
	if ix.readOnly {
		return Synced{}, ErrReadOnly
	}
	if err := ix.followPointer(); err != nil {
		return Synced{}, err
	}
	// The position is read first: a site the import writes after it is
	// not indexed by this round, so the language is settled by a site
	// written before the round's first post.
	taken, mark, err := storePosition(ctx, store)
	if err != nil {
		return Synced{}, err
	}
	if err := ix.settleLang(ctx, store); err != nil {
		return Synced{}, err
	}
	ix.mu.Lock()
	idx, seen, seenTaken := ix.idx, ix.mark, ix.taken
	ix.store = store
	ix.mu.Unlock()
	if idx == nil {
		return Synced{}, fmt.Errorf("search: %w", bleve.ErrorIndexClosed)
	}
	if mark == seen {
		// An import that changed nothing since the last round (an import
		// of files ends so) has still finished: record that it was taken in.
		if taken != seenTaken {
			if err := idx.setInternal(keyTaken, taken); err != nil {
				return Synced{}, fmt.Errorf("search: %w", err)
			}
			ix.mu.Lock()
			ix.taken = taken
			ix.mu.Unlock()
		}
		return Synced{}, nil
	}
	keys, err := store.ChangedSince(ctx, seen)
	if err != nil {
		return Synced{}, err
	}
	w, err := newWriter(idx, store, false)
	if err != nil {
		return Synced{}, err
	}
	// Read the changed posts in chunks, one query per table each, as
	// ForEachPost does; posts are never removed from the archive, so a key
	// LoadPosts does not find has nothing to index.
	for start := 0; start < len(keys); start += loadChunk {
		posts, err := store.LoadPosts(ctx, keys[start:min(start+loadChunk, len(keys))])
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			w.abandon()
			return w.synced, fmt.Errorf("search: reading changed posts: %w", err)
		}
		for _, p := range posts {
			if err := w.add(ctx, p); err != nil {
				w.abandon()
				return w.synced, fmt.Errorf("search: post %d: %w", p.Key, err)
			}
		}
	}
	unmerged := ix.unmerged + int64(w.synced.Indexed)
	if err := w.finish(taken, mark, unmerged); err != nil {
		return w.synced, err
	}
	ix.unmerged = unmerged
	ix.mu.Lock()
	ix.taken, ix.mark = taken, mark
	ix.mu.Unlock()
	return w.synced, nil
}

// mergeIfMostlyNew merges the index's segments when at least mergeAfter
// documents, and at least half the index, were indexed since the last
// merge. Called with ix.syncing held.
func (ix *Index) mergeIfMostlyNew(ctx context.Context) error {
	ix.mu.RLock()
	idx := ix.idx
	ix.mu.RUnlock()
	if ix.unmerged < mergeAfter || idx == nil {
		return nil
	}
	if total, err := idx.all.DocCount(); err != nil || uint64(ix.unmerged)*2 < total {
		return nil
	}
	if err := idx.merge(ctx); err != nil {
		return err
	}
	if err := idx.setInternal(keyUnmerged, 0); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	ix.unmerged = 0
	return nil
}

// mergeAfter is how many documents Syncs must have indexed since the last
// merge, and at least half the index, before one merges its segments.
const mergeAfter = 10000

// followPointer switches to the index the pointer file names when a
// Rebuild has swapped in a new one.
func (ix *Index) followPointer() error {
	ptr, err := readPointer(ix.dir)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	ix.mu.RLock()
	current := ix.ptr.Index
	ix.mu.RUnlock()
	if ptr.Index == current {
		return nil
	}
	idx, err := openShards(ix.dir, ptr.Index, ix.opts.lockTimeout())
	if err != nil {
		return err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	old := ix.idx
	if err := ix.adopt(idx, ptr); err != nil {
		idx.Close()
		return err
	}
	if old != nil {
		old.Close()
	}
	return nil
}

// settleLang gives a still empty index whose language nobody chose the
// language of the first site imported.
func (ix *Index) settleLang(ctx context.Context, store Source) error {
	ix.mu.RLock()
	ptr, empty := ix.ptr, ix.mark == 0
	ix.mu.RUnlock()
	if ptr.LangChosen || !empty {
		return nil
	}
	lang, err := siteLang(ctx, store)
	if err != nil || lang == "" || lang == ptr.Lang {
		return err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.replaceWithEmpty(lang, false)
}

// siteLang is the analyzer language of the archive's first site; "" when
// there is no site or parc has no analyzer for its language.
func siteLang(ctx context.Context, store Source) (string, error) {
	sites, err := store.Sites(ctx)
	if err != nil {
		return "", err
	}
	if len(sites) == 0 {
		return "", nil
	}
	return LangOf(sites[0].Language), nil
}

// Rebuild builds a new index of the whole store in a new directory and
// swaps it in atomically. Until the swap, searches go on from the old
// index; a crash before it leaves the old index in use and the new
// directory to be removed by the next rebuild. A process holding the old
// index switches on its next Sync.
func Rebuild(ctx context.Context, store Source, archiveDir string, opts Options) (Synced, error) {
	if err := opts.validate(); err != nil {
		return Synced{}, err
	}
	if err := os.MkdirAll(archiveDir, 0o755); err != nil {
		return Synced{}, fmt.Errorf("search: %w", err)
	}
	lang, chosen := opts.Lang, opts.Lang != ""
	if old, err := readPointer(archiveDir); err == nil && !chosen && old.LangChosen {
		lang, chosen = old.Lang, true
	}
	if lang == "" {
		var err error
		if lang, err = siteLang(ctx, store); err != nil {
			return Synced{}, err
		}
	}
	if lang == "" {
		lang = DefaultLang
	}
	idx, name, err := createShards(archiveDir, lang, opts.shardCount())
	if err != nil {
		return Synced{}, err
	}
	synced, err := fill(ctx, idx, store)
	if err == nil {
		err = idx.merge(ctx)
	}
	if err != nil {
		idx.Close()
		os.RemoveAll(filepath.Join(archiveDir, name))
		return synced, err
	}
	if err := idx.Close(); err != nil {
		return synced, fmt.Errorf("search: closing the new index: %w", err)
	}
	if err := writePointer(archiveDir, pointer{Index: name, Lang: lang, LangChosen: chosen}); err != nil {
		return synced, err
	}
	return synced, removeOtherIndexes(archiveDir, name)
}

// fill indexes every post of the store into an empty index.
func fill(ctx context.Context, idx *shardSet, store Source) (Synced, error) {
	taken, mark, err := storePosition(ctx, store)
	if err != nil {
		return Synced{}, err
	}
	w, err := newWriter(idx, store, true)
	if err != nil {
		return Synced{}, err
	}
	err = store.ForEachPost(ctx, func(p *archive.StoredPost) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return w.add(ctx, p)
	})
	if err != nil {
		w.abandon()
		return w.synced, err
	}
	// Rebuild merges what fill indexed.
	return w.synced, w.finish(taken, mark, 0)
}

// ErrBehind is returned by Check, wrapped with what the index lacks, when
// the index has not yet taken in every import: after a kill, or while
// another process imports. That is not damage: the next Sync (parc import,
// parc search, a running parc serve) catches up.
var ErrBehind = errors.New("the search index is behind the archive")

// Check compares the index with the store and describes each way they
// disagree; parc reindex repairs them all. It also returns the index's
// notes: the documents it took only part of, or could not take, which are
// not counted as missing. An index that is merely behind gives ErrBehind
// instead of problems; an archive with nothing to search and no index is
// consistent. When another process holds the index the error is ErrLocked.
func Check(ctx context.Context, store Source, archiveDir string) (problems, notes []string, err error) {
	want, err := store.CountSearchable(ctx)
	if err != nil {
		return nil, nil, err
	}
	ptr, err := readPointer(archiveDir)
	if errors.Is(err, os.ErrNotExist) {
		if want == (archive.SearchableCounts{}) {
			return nil, nil, nil
		}
		return nil, nil, fmt.Errorf("%w: there is no index yet (parc reindex builds it)", ErrBehind)
	}
	if err != nil {
		return []string{err.Error()}, nil, nil
	}
	// Check only reads, so it opens the index read-only: it works on an
	// archive parc may not write.
	idx, err := openShardsReadOnly(archiveDir, ptr.Index, DefaultLockTimeout)
	var otherMapping *otherMappingError
	switch {
	case errors.Is(err, ErrLocked):
		return nil, nil, err
	case errors.As(err, &otherMapping):
		return []string{otherMapping.Error() + ": parc reindex rebuilds it"}, nil, nil
	case err != nil:
		return []string{fmt.Sprintf("the search index cannot be opened (%v): parc reindex rebuilds it", err)}, nil, nil
	}
	defer idx.Close()
	storeMark, err := store.ChangeMark(ctx)
	if err != nil {
		return nil, nil, err
	}
	if mark, err := idx.internalInt(keyMark); err != nil || mark != storeMark {
		taken, _ := idx.internalInt(keyTaken)
		return nil, nil, fmt.Errorf("%w: it has taken in imports up to %d, and imports since changed the archive", ErrBehind, taken)
	}
	for i := range idx.shards {
		byPost, err := idx.notes(i)
		if err != nil {
			return []string{err.Error()}, nil, nil
		}
		for _, key := range slices.Sorted(maps.Keys(byPost)) {
			for _, n := range byPost[key] {
				notes = append(notes, n.Text)
				switch {
				case !n.Skipped:
				case n.Kind == KindPost:
					want.Posts--
				case n.Kind == KindPage:
					want.Pages--
				case n.Kind == KindComment:
					want.Comments--
				}
			}
		}
	}
	have, err := countIndexed(ctx, idx)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range []struct {
		what       string
		have, want int
	}{
		{"posts", have.Posts, want.Posts},
		{"pages", have.Pages, want.Pages},
		{"comments", have.Comments, want.Comments},
	} {
		if c.have != c.want {
			problems = append(problems, fmt.Sprintf("the search index holds %d %s, the archive has %d public ones it can take: parc reindex rebuilds it", c.have, c.what, c.want))
		}
	}
	return problems, notes, nil
}

// countIndexed counts the index's documents of each kind.
func countIndexed(ctx context.Context, idx *shardSet) (archive.SearchableCounts, error) {
	var c archive.SearchableCounts
	for _, k := range []struct {
		kind string
		n    *int
	}{{KindPost, &c.Posts}, {KindPage, &c.Pages}, {KindComment, &c.Comments}} {
		q := bleve.NewTermQuery(k.kind)
		q.SetField(fieldType)
		res, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
		if err != nil {
			return c, fmt.Errorf("search: counting %ss: %w", k.kind, err)
		}
		*k.n = int(res.Total)
	}
	return c, nil
}
