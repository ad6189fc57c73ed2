package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parc-archive/parc/export/jsonl"
	"github.com/parc-archive/parc/importer/wxr"
)

// buildParc compiles the real command for tests that need separate processes.
func buildParc(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "parc")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// generatedExport writes an export of posts × comments (wxr.Generate) to
// a temporary file.
func generatedExport(t testing.TB, posts, comments int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := wxr.Generate(f, posts, comments); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// importKilledMidWay builds parc, starts it importing a generated export
// of posts × comments into a new archive, and kills it with SIGKILL as
// soon as its first batch of posts is committed. An import commits every
// 2000 posts and indexes only once all are stored, so with several times
// that many posts the kill lands in the middle of storing them on any
// machine; the test fails, never skips, when it did not. It returns the
// binary, the archive, the export and how many posts the kill left.
func importKilledMidWay(t *testing.T, posts, comments int) (bin, dir, export string, stored int) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds parc and imports a generated export")
	}
	bin = buildParc(t)
	export = generatedExport(t, posts, comments)
	dir = t.TempDir()
	cmd, stderr := startParc(t, bin, dir, "import", export)
	pollUntil(t, "the import's first batch to be committed", func() bool { return committedPosts(dir) > 0 })
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the import ended (%v) before it could be killed; it needs a larger export: %s", cmd.ProcessState, stderr)
	}
	stored = committedPosts(dir)
	if stored == 0 || stored >= posts {
		t.Fatalf("%d of %d posts stored when the kill landed; the test needs a partial import", stored, posts)
	}
	t.Logf("killed with %d of %d posts stored", stored, posts)
	return bin, dir, export, stored
}

// listedPosts is what parc posts --json lists.
func listedPosts(t *testing.T, bin, dir string) []jsonl.Listing {
	t.Helper()
	out, stderr, code := parcRun(t, bin, dir, "posts", "--json")
	if code != 0 {
		t.Fatalf("parc posts: exit %d: %s", code, stderr)
	}
	return decodePosts(t, out)
}

// decodePosts decodes parc posts --json output, every line of it.
func decodePosts(t *testing.T, out string) []jsonl.Listing {
	t.Helper()
	var posts []jsonl.Listing
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var p jsonl.Listing
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("parc posts --json printed %q: %v", line, err)
		}
		posts = append(posts, p)
	}
	return posts
}

// TestKilledImportLeavesConsistentArchive kills a real import process with
// SIGKILL mid-way, then checks that the archive opens and verifies with
// part of the posts in it, and that importing again completes it: every
// post, each with all its comments, none twice.
func TestKilledImportLeavesConsistentArchive(t *testing.T) {
	const posts, comments = 8000, 2
	bin, dir, export, stored := importKilledMidWay(t, posts, comments)
	verifies(t, bin, dir, "after kill -9")
	if listed := listedPosts(t, bin, dir); len(listed) != stored {
		t.Errorf("parc posts lists %d posts after the kill, the store holds %d", len(listed), stored)
	}

	if _, stderr, code := parcRun(t, bin, dir, "import", export); code != 0 {
		t.Fatalf("re-import after kill failed with %d: %s", code, stderr)
	}
	all := listedPosts(t, bin, dir)
	if len(all) != posts {
		t.Fatalf("after re-import: %d posts, want exactly %d", len(all), posts)
	}
	seen := map[int64]bool{}
	for _, p := range all {
		if seen[p.ID] {
			t.Errorf("post %d listed twice after re-import", p.ID)
		}
		seen[p.ID] = true
		if p.CommentCount != comments {
			t.Errorf("post %d has %d comments after re-import, want %d (no duplicates, none lost)", p.ID, p.CommentCount, comments)
		}
	}
	verifies(t, bin, dir, "after completion")
}

// TestInterruptIsObeyed sends Ctrl-C (SIGINT) to a real import while it
// stores posts and while it indexes them: parc stops at once, says what
// happened, and the archive verifies. (parc obeys within a fraction of a
// second here; the bound is loose so that a busy machine does not fail it.)
func TestInterruptIsObeyed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parc and imports a generated export")
	}
	bin := buildParc(t)
	export := generatedExport(t, 8000, 2)
	for _, stage := range []struct {
		name  string
		ready func(dir string) bool
		says  string
	}{
		{"storing", func(dir string) bool { return committedPosts(dir) > 0 }, "context canceled"},
		{"indexing", func(dir string) bool { return committedPosts(dir) == 8000 }, "indexing for search was interrupted"},
	} {
		t.Run(stage.name, func(t *testing.T) {
			dir := t.TempDir()
			cmd, stderr := startParc(t, bin, dir, "import", export)
			pollUntil(t, "the import to reach "+stage.name, func() bool { return stage.ready(dir) })
			cmd.Process.Signal(syscall.SIGINT)
			stopped := make(chan struct{})
			go func() { cmd.Wait(); close(stopped) }()
			select {
			case <-stopped:
			case <-time.After(10 * time.Second):
				t.Fatalf("parc still running 10 s after Ctrl-C while %s", stage.name)
			}
			if cmd.ProcessState.ExitCode() == 0 {
				t.Fatalf("parc ended with %v: the import finished before Ctrl-C landed while %s; it needs a larger export", cmd.ProcessState, stage.name)
			}
			if !strings.Contains(stderr.String(), stage.says) {
				t.Errorf("after Ctrl-C while %s parc said %q, want %q", stage.name, stderr.String(), stage.says)
			}
			verifies(t, bin, dir, "after Ctrl-C while "+stage.name)
		})
	}
}
