package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parc-archive/parc/importer/wxr"
)

// buildParc compiles the real command for tests that need separate processes.
func buildParc(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "parc")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKilledImportLeavesConsistentArchive kills a real import process with
// SIGKILL mid-way, then checks that the archive opens and verifies, and that
// importing again completes it without duplicates.
func TestKilledImportLeavesConsistentArchive(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parc and imports a generated export")
	}
	bin := buildParc(t)
	export := filepath.Join(t.TempDir(), "export.xml")
	f, _ := os.Create(export)
	if err := wxr.Generate(f, 3000, 10); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dir := t.TempDir()

	cmd := exec.Command(bin, "--archive", dir, "import", export)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once the first batches are in, while the import is still going.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if info, err := os.Stat(filepath.Join(dir, "parc.db-wal")); err == nil && info.Size() > 1<<20 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Skipf("the import finished before it could be killed (%v); nothing to check", err)
	}

	parcJSON := func(args ...string) (string, int) {
		var out bytes.Buffer
		c := exec.Command(bin, append([]string{"--archive", dir}, args...)...)
		c.Stdout = &out
		c.Run()
		return out.String(), c.ProcessState.ExitCode()
	}
	out, code := parcJSON("verify", "--json")
	if code != 0 || !strings.Contains(out, `"ok":true`) {
		t.Fatalf("archive after kill -9 does not verify (%d): %s", code, out)
	}
	partial, _ := parcJSON("posts", "--json")
	if strings.Count(partial, "\n") == 3000 {
		t.Fatalf("all posts were in before the kill; the test proves nothing")
	}
	if _, code := parcJSON("import", export); code != 0 {
		t.Fatalf("re-import after kill failed with %d", code)
	}
	all, _ := parcJSON("posts", "--json")
	if n := strings.Count(all, "\n"); n != 3000 {
		t.Fatalf("after re-import: %d posts, want exactly 3000", n)
	}
	var first struct {
		ID           int64 `json:"id"`
		CommentCount int   `json:"comment_count"`
	}
	json.Unmarshal([]byte(all[:strings.Index(all, "\n")]), &first)
	if first.CommentCount != 10 {
		t.Errorf("post %d has %d comments after re-import, want 10 (no duplicates, none lost)", first.ID, first.CommentCount)
	}
	if out, code := parcJSON("verify", "--json"); code != 0 {
		t.Fatalf("verify after completion: %s", out)
	}
}
