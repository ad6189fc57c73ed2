package main

import (
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parc-archive/parc/internal/waybacktest"
)

// TestKilledWaybackImportResumes kills a real parc importing the corpus
// site from a slow web archive, then runs the same command again: the
// archive stays sound, the rerun asks again only for the capture that was
// in flight, and the blog has the later capture's comment.
func TestKilledWaybackImportResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parc and imports from a slow web archive")
	}
	bin := buildParc(t)
	ws := waybacktest.New(t)
	slow, servedSoFar := slowAnswers(30 * time.Millisecond)
	ws.OnReplay(func(_ http.ResponseWriter, r *http.Request, _ int) bool { return slow(r) })
	importArgs := []string{"import", "--wayback", "--wayback-url", ws.URL, "--delay", "0", "127.0.0.1:8088"}

	dir := t.TempDir()
	cmd, _ := startParc(t, bin, dir, importArgs...)
	pollUntil(t, "30 captures fetched", func() bool { return servedSoFar() >= 30 })
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if status := cmd.ProcessState.Sys().(syscall.WaitStatus); !status.Signaled() {
		t.Fatalf("the import ended (%v) before it could be killed; nothing to check", cmd.ProcessState)
	}
	verifies(t, bin, dir, "after kill -9")
	_, before := ws.ReplayCount()

	stdout, stderr, code := parcRun(t, bin, dir, importArgs...)
	if code != 0 {
		t.Fatalf("the rerun: exit %d: %s", code, stderr)
	}
	verifies(t, bin, dir, "after the rerun")
	requests, distinct := ws.ReplayCount()
	if distinct != 93 || requests > distinct+2 {
		t.Errorf("%d replay requests for %d captures (%d before the kill): the rerun asked again for what the first run had kept", requests, distinct, before)
	}
	if !strings.Contains(stdout, "93 captures read") {
		t.Errorf("the rerun's summary does not count every capture:\n%s", stdout)
	}
	show, _, _ := parcRun(t, bin, dir, "show", "1814")
	if !strings.Contains(show, "#1024") {
		t.Errorf("post 1814 lacks the later capture's comment 1024:\n%s", show)
	}
}
