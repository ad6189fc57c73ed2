package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
)

// rewrite writes a copy of an export with replacements applied, each of
// which must apply.
func rewrite(t *testing.T, path string, replacements ...string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for i := 0; i < len(replacements); i += 2 {
		if !strings.Contains(text, replacements[i]) {
			t.Fatalf("%s does not contain %q", path, replacements[i])
		}
		text = strings.Replace(text, replacements[i], replacements[i+1], 1)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func total(t *testing.T, ix *Index, q string) uint64 {
	t.Helper()
	return mustSearch(t, ix, Request{Query: q}).Total
}

func TestSyncFollowsTheStore(t *testing.T) {
	forEachShardCount(t, func(t *testing.T, shards int) {
		ctx := context.Background()
		store, dir := newArchive(t, sampleBlog(t))
		ix := openSynced(t, store, dir, shards)
		if s, err := ix.Sync(ctx, store); err != nil || s.Indexed != 0 {
			t.Fatalf("a second Sync with nothing new indexed %d documents (%v), want 0", s.Indexed, err)
		}
		if total(t, ix, "rental") != 1 || total(t, ix, "gulls") != 1 {
			t.Fatal("the sample blog is not searchable")
		}

		// A newer export: Jonah's comment turned out to be spam, the headland
		// walk went back to draft, and a new word appears in the review.
		newer := rewrite(t, sampleBlog(t),
			"I think I’ll wait for a rental.]]></wp:comment_content>\n\t\t\t<wp:comment_approved><![CDATA[1]]>",
			"I think I’ll wait for a rental.]]></wp:comment_content>\n\t\t\t<wp:comment_approved><![CDATA[spam]]>",
			"<wp:status><![CDATA[publish]]></wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n\t\t<wp:is_sticky>0",
			"<wp:status><![CDATA[draft]]></wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n\t\t<wp:is_sticky>0",
			"Catch this one if you can :)", "Catch this one if you can, zanzibarword :)",
		)
		importWXR(t, store, newer)
		ix.Close()
		if _, _, err := Check(ctx, store, dir); !errors.Is(err, ErrBehind) {
			t.Errorf("Check after an import the index has not taken in: %v, want ErrBehind", err)
		}
		ix, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		synced, err := ix.Sync(ctx, store)
		if err != nil {
			t.Fatal(err)
		}
		if synced.Indexed == 0 {
			t.Error("Sync after an import that changed posts indexed nothing")
		}
		for q, want := range map[string]uint64{"rental": 0, "gulls": 0, "zanzibarword": 1, "keeper": 1} {
			if got := total(t, ix, q); got != want {
				t.Errorf("after the newer export, %q has %d hits, want %d", q, got, want)
			}
		}
		ix.Close() // Check needs the index to itself
		problems, _, err := Check(ctx, store, dir)
		if err != nil || len(problems) != 0 {
			t.Errorf("Check after Sync: %v %v, want no problems", problems, err)
		}
	})
}

func TestCheckAndRebuild(t *testing.T) {
	forEachShardCount(t, func(t *testing.T, shards int) {
		ctx := context.Background()
		store, dir := newArchive(t, sampleBlog(t))
		if problems, _, err := Check(ctx, store, dir); !errors.Is(err, ErrBehind) || len(problems) != 0 {
			t.Fatalf("Check without an index: %q %v, want ErrBehind", problems, err)
		}

		// An index that missed documents: Check names the disagreement.
		ix := openSynced(t, store, dir, shards)
		res := mustSearch(t, ix, Request{Query: "type:comment"})
		deleteDocs(t, ix, res.Hits[0].PostKey, postDocID(res.Hits[0].PostKey), commentDocID(res.Hits[0].PostKey, res.Hits[0].CommentID))
		holder := ix // a server, say, that keeps its index open
		before := mustSearch(t, holder, Request{Query: "type:comment"}).Total

		if _, err := Rebuild(ctx, store, dir, Options{Shards: shards}); err != nil {
			t.Fatalf("Rebuild while another holds the index: %v", err)
		}
		if got := mustSearch(t, holder, Request{Query: "type:comment"}).Total; got != before {
			t.Errorf("the holder's searches changed before it synced: %d, want %d", got, before)
		}
		if _, err := holder.Sync(ctx, store); err != nil {
			t.Fatalf("the holder's Sync after a rebuild: %v", err)
		}
		if got := mustSearch(t, holder, Request{Query: "type:comment"}).Total; got != before+1 {
			t.Errorf("after following the rebuild the holder finds %d comments, want %d", got, before+1)
		}
		holder.Close()

		entries, _ := filepath.Glob(filepath.Join(dir, indexPrefix+"*"))
		if len(entries) != 1 {
			t.Errorf("index directories after the rebuild: %v, want only the new one", entries)
		}

		if problems, _, err := Check(ctx, store, dir); err != nil || len(problems) != 0 {
			t.Errorf("Check after Rebuild: %q %v", problems, err)
		}
	})
}

// deleteDocs takes documents of a post out of the index behind parc's back.
func deleteDocs(t *testing.T, ix *Index, postKey int64, ids ...string) {
	t.Helper()
	shard := ix.idx.shards[ix.idx.of(postKey)]
	b := shard.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	if err := shard.Batch(b); err != nil {
		t.Fatal(err)
	}
}

func TestCheckFindsMissingDocuments(t *testing.T) {
	forEachShardCount(t, func(t *testing.T, shards int) {
		ctx := context.Background()
		store, dir := newArchive(t, sampleBlog(t))
		ix := openSynced(t, store, dir, shards)
		res := mustSearch(t, ix, Request{Query: "rental"})
		deleteDocs(t, ix, res.Hits[0].PostKey, commentDocID(res.Hits[0].PostKey, res.Hits[0].CommentID))
		ix.Close()
		problems, _, err := Check(ctx, store, dir)
		if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "comments") {
			t.Errorf("Check after losing a comment: %q %v, want one problem about comments", problems, err)
		}
	})
}

func TestOlderMappingIsRebuilt(t *testing.T) {
	ctx := context.Background()
	store, dir := newArchive(t, sampleBlog(t))
	ix := openSynced(t, store, dir, 0)
	// One shard of the older version is enough to make the index older.
	if err := ix.idx.shards[0].SetInternal([]byte(keyMapping), intBytes(mappingVersion-1)); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if problems, _, err := Check(ctx, store, dir); len(problems) != 1 || !strings.Contains(problems[0], "another version") {
		t.Errorf("Check did not notice the older mapping: %q %v", problems, err)
	}
	ix = openSynced(t, store, dir, 0)
	if total(t, ix, "rental") != 1 {
		t.Error("the index rebuilt for the new mapping does not find rental")
	}
	ix.Close()
	if problems, _, err := Check(ctx, store, dir); err != nil || len(problems) != 0 {
		t.Errorf("Check after the rebuild: %q %v", problems, err)
	}
}

func TestLanguage(t *testing.T) {
	ctx := context.Background()
	store, dir := newArchive(t, sampleBlog(t)) // en-GB
	ix := openSynced(t, store, dir, 0)
	if ix.Lang() != "en" {
		t.Errorf("the sample blog (en-GB) is indexed as %q", ix.Lang())
	}
	ix.Close()
	ix, err := Open(dir, Options{Lang: "de"})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(ctx, store); err != nil {
		t.Fatal(err)
	}
	if ix.Lang() != "de" || total(t, ix, "rental") != 1 {
		t.Errorf("--lang de: lang %q, rental %d hits", ix.Lang(), total(t, ix, "rental"))
	}
	ix.Close()
	if _, err := Rebuild(ctx, store, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	ptr, err := readPointer(dir)
	if err != nil || ptr.Lang != "de" {
		t.Errorf("a rebuild forgot the chosen language: %+v %v", ptr, err)
	}
	if _, err := Open(dir, Options{Lang: "xx"}); err == nil {
		t.Error("Open accepted the unknown language xx")
	}
}

func TestLangOf(t *testing.T) {
	for tag, want := range map[string]string{"en-GB": "en", "de_DE": "de", "pt-BR": "pt", "zh-CN": "cjk", "ja": "cjk", "ko-KR": "cjk", "fi": "", "": ""} {
		if got := LangOf(tag); got != want {
			t.Errorf("LangOf(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestLockNamesTheHolder(t *testing.T) {
	store, dir := newArchive(t, sampleBlog(t))
	openSynced(t, store, dir, 0)
	start := time.Now()
	_, err := Open(dir, Options{LockTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("a second Open: %v, want ErrLocked", err)
	}
	if want := fmt.Sprintf("archive in use by process %d", os.Getpid()); err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if waited := time.Since(start); waited > 10*time.Second {
		t.Errorf("the second Open waited %s", waited)
	}
	if _, _, err := Check(context.Background(), store, dir); !errors.Is(err, ErrLocked) {
		t.Errorf("Check while the index is held: %v, want ErrLocked", err)
	}
}

func TestRebuildMergesSegments(t *testing.T) {
	// Enough posts for several batches per shard, each its own segment,
	// on two shards whatever the machine.
	const shards = 2
	posts := 3 * batchDocs * shards
	store, dir := generatedArchive(t, posts)
	if _, err := Rebuild(context.Background(), store, dir, Options{Shards: shards}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, Options{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for i, n := range segments(ix.idx) {
		if n != 1 {
			t.Errorf("%s%d has %d segments after the rebuild, want one", shardPrefix, i, n)
		}
	}
	if n := total(t, ix, "type:post"); n != uint64(posts) {
		t.Errorf("the merged index finds %d posts, want %d", n, posts)
	}
}

// TestOpenReadOnly: an index opened read-only answers searches from the
// archive and changes nothing on disk; it refuses to sync.
func TestOpenReadOnly(t *testing.T) {
	store, dir := newArchive(t, sampleBlog(t))
	ix := openSynced(t, store, dir, 0)
	ix.Close()
	listing := func() map[string]string {
		t.Helper()
		files := map[string]string{}
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && filepath.Base(p) != archive.DatabaseFile+"-wal" && filepath.Base(p) != archive.DatabaseFile+"-shm" {
				files[p] = fmt.Sprint(info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
		return files
	}
	before := listing()
	ro, err := OpenReadOnly(dir, Options{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	if total(t, ro, "rental") != 1 {
		t.Error("the read-only index does not find what the archive holds")
	}
	if _, err := ro.Sync(context.Background(), store); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Sync of a read-only index: %v, want ErrReadOnly", err)
	}
	ro.Close()
	after := listing()
	for p, b := range before {
		if after[p] != b && !strings.Contains(p, "parc.db") {
			t.Errorf("%s changed: %s → %s", p, b, after[p])
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was written", p)
		}
	}
}

// TestCatchUpWhileImporting: rounds of CatchUp while an import writes,
// then one Sync, leave the index equal to the archive, and that Sync
// merges the segments the rounds wrote, as a Sync indexing all of them
// would have.
func TestCatchUpWhileImporting(t *testing.T) {
	const shards, posts, comments = 2, 3000, 3
	store, dir := newArchive(t)
	ix, err := Open(dir, Options{Shards: shards})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	imported, roundsDone := make(chan struct{}), make(chan error, 1)
	duringImport := 0
	go func() {
		for {
			select {
			case <-imported:
				roundsDone <- nil
				return
			default:
			}
			synced, err := ix.CatchUp(ctx, store)
			if err != nil {
				roundsDone <- err
				return
			}
			duringImport += synced.Indexed
		}
	}()
	writeGenerated(t, store, posts, comments)
	close(imported)
	if err := <-roundsDone; err != nil {
		t.Fatal(err)
	}
	t.Logf("rounds indexed %d documents while the import wrote", duringImport)
	if _, err := ix.Sync(ctx, store); err != nil {
		t.Fatal(err)
	}
	if n := total(t, ix, "type:post"); n != posts {
		t.Errorf("the index finds %d posts, want %d", n, posts)
	}
	for i, n := range segments(ix.idx) {
		if n != 1 {
			t.Errorf("%s%d has %d segments after the import's Sync, want one", shardPrefix, i, n)
		}
	}
	last, err := store.LastImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if taken, err := ix.idx.internalInt(keyTaken); err != nil || taken != last {
		t.Errorf("the index records import %d taken in (%v), want the finished import %d", taken, err, last)
	}
	ix.Close()
	problems, _, err := Check(ctx, store, dir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("after the rounds and a Sync the index disagrees with the archive: %v %v", err, problems)
	}
}

// TestUnmergedOutlivesTheProcess: an import interrupted after its rounds
// indexed everything, before the Sync that merges, leaves the merge to
// the next Sync in another process, which has nothing left to index.
func TestUnmergedOutlivesTheProcess(t *testing.T) {
	const shards, posts, comments = 2, 3000, 3
	store, dir := newArchive(t)
	writeGenerated(t, store, posts, comments)
	ctx := context.Background()
	ix, err := Open(dir, Options{Shards: shards})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.CatchUp(ctx, store); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if synced, err := ix.Sync(ctx, store); err != nil || synced.Indexed != 0 {
		t.Fatalf("the next Sync indexed %d documents (%v), want 0", synced.Indexed, err)
	}
	for i, n := range segments(ix.idx) {
		if n != 1 {
			t.Errorf("%s%d has %d segments after the next Sync, want one", shardPrefix, i, n)
		}
	}
}
