package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/search"
)

// parcRun runs the built parc on an archive and returns its stdout,
// stderr and exit status.
func parcRun(t *testing.T, bin, dir string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := exec.Command(bin, append([]string{"--archive", dir}, args...)...)
	c.Stdout, c.Stderr = &out, &errOut
	c.Run()
	return out.String(), errOut.String(), c.ProcessState.ExitCode()
}

// searchTotal is the number of hits parc search reports for a query.
func searchTotal(t *testing.T, bin, dir, query string) int {
	t.Helper()
	out, errOut, code := parcRun(t, bin, dir, "search", "--json", "--facets", "--limit", "1", query)
	if code != 0 {
		t.Fatalf("parc search %q: exit %d: %s", query, code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var last struct {
		Total *int `json:"total"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last.Total == nil {
		t.Fatalf("parc search %q: no total in %q (%v)", query, out, err)
	}
	return *last.Total
}

// committedPosts counts the posts another process has committed so far.
// It reads the database read-only: opening the archive would create or
// migrate the schema, waiting for the import's write lock to do so.
func committedPosts(dir string) int {
	path := filepath.Join(dir, archive.DatabaseFile)
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if db.QueryRow(`SELECT count(*) FROM posts`).Scan(&n) != nil {
		return 0 // the import is still creating the schema
	}
	return n
}

// TestKilledImportThenVerifyAndReindex kills a real import with SIGKILL
// before it could index anything, then checks that verify says how the
// index stands, that reindex repairs it, and that search then agrees with
// the store.
func TestKilledImportThenVerifyAndReindex(t *testing.T) {
	const posts, comments = 8000, 2
	bin, dir, export, stored := importKilledMidWay(t, posts, comments)

	out, _, code := parcRun(t, bin, dir, "verify")
	if !strings.Contains(out, "search index") {
		t.Errorf("verify after kill -9 says nothing about the search index (exit %d):\n%s", code, out)
	}
	if out, errOut, code := parcRun(t, bin, dir, "reindex"); code != 0 {
		t.Fatalf("reindex: exit %d: %s%s", code, out, errOut)
	}
	out, _, code = parcRun(t, bin, dir, "verify")
	if code != 0 || strings.Contains(out, "search index") {
		t.Errorf("verify after reindex (exit %d):\n%s", code, out)
	}

	// Search agrees with the store: every public post, and its comments.
	listing := listedPosts(t, bin, dir)
	if len(listing) != stored {
		t.Fatalf("parc posts lists %d posts after the kill, the store holds %d", len(listing), stored)
	}
	if got := searchTotal(t, bin, dir, "type:post"); got != stored {
		t.Errorf("search finds %d posts, the store lists %d", got, stored)
	}
	storedComments := 0
	for _, p := range listing {
		storedComments += p.CommentCount
	}
	if got := searchTotal(t, bin, dir, "type:comment"); got != storedComments {
		t.Errorf("search finds %d comments, the store has %d", got, storedComments)
	}

	// Importing the rest brings the index along.
	if _, errOut, code := parcRun(t, bin, dir, "import", export); code != 0 {
		t.Fatalf("import after the kill: exit %d: %s", code, errOut)
	}
	if got := searchTotal(t, bin, dir, "type:post"); got != posts {
		t.Errorf("after the import completed search finds %d posts, want %d", got, posts)
	}
	if got := searchTotal(t, bin, dir, "type:comment"); got != posts*comments {
		t.Errorf("after the import completed search finds %d comments, want %d", got, posts*comments)
	}
}

// TestImportWhileIndexHeld imports while another process holds the index,
// as parc serve would: the import writes the store and says who will index
// it; a search says who holds the index, without hanging.
func TestImportWhileIndexHeld(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parc")
	}
	bin := buildParc(t)
	dir := t.TempDir()
	holder, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	sample := filepath.Join("..", "..", "testdata", "sample-blog.xml")
	held := fmt.Sprintf("in use by process %d", os.Getpid())

	_, errOut, code := parcRun(t, bin, dir, "import", sample)
	if code != 0 || !strings.Contains(errOut, held) || strings.Contains(errOut, "parc:") {
		t.Errorf("import while the index is held: exit %d, stderr %q, want 0 and a plain note saying %q", code, errOut, held)
	}
	start := time.Now()
	_, errOut, code = parcRun(t, bin, dir, "search", "rental")
	if code != 1 || !strings.Contains(errOut, held) {
		t.Errorf("search while the index is held: exit %d, stderr %q, want 1 and %q", code, errOut, held)
	}
	if waited := time.Since(start); waited > 20*time.Second {
		t.Errorf("search waited %s for the lock", waited)
	}

	// The holder indexes what the import wrote.
	store, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := holder.Sync(t.Context(), store); err != nil {
		t.Fatal(err)
	}
	res, err := holder.Search(t.Context(), search.Request{Query: "rental"})
	if err != nil || res.Total != 1 {
		t.Errorf("the holder's search for rental after Sync: %v %v", res, err)
	}
}

// TestImportIndexesOnceTheHolderLetsGo: an import of files that found the
// index held when it began, and so could not index as it stored, indexes
// everything at its end once the holder has let go.
func TestImportIndexesOnceTheHolderLetsGo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parc")
	}
	bin := buildParc(t)
	const posts, comments = 4000, 3
	export := generatedExport(t, posts, comments)
	dir := t.TempDir()
	holder, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	// The archive exists before the import starts, so that the two
	// processes do not both create it.
	store, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var errOut bytes.Buffer
	cmd := exec.Command(bin, "--archive", dir, "import", export)
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// The import has begun, and found the index held, once it has stored
	// a post; let go then, while it still stores.
	for n := 0; n == 0; {
		select {
		case err := <-exited:
			t.Fatalf("the import ended before it stored a post: %v\n%s", err, errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
		if n, err = store.CountPosts(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	holder.Close()
	if err := <-exited; err != nil {
		t.Fatalf("import: %v\n%s", err, errOut.String())
	}
	if strings.Contains(errOut.String(), "in use by") {
		t.Errorf("the import still found the index held at its end: %s", errOut.String())
	}
	// Check reads the index as the import left it (a search would catch
	// it up first).
	if problems, _, err := search.Check(context.Background(), store, dir); err != nil || len(problems) > 0 {
		t.Errorf("after the import the index disagrees with the archive: %v %v", err, problems)
	}
}
