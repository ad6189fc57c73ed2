package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// mediaBlog serves files /wp-content/uploads/N.png slowly, counting the
// requests for each, and writes an export of one post using n of them.
func mediaBlog(t *testing.T, n int, delay time.Duration) (srv *httptest.Server, export string, asked func() map[string]int) {
	var mu sync.Mutex
	counts := map[string]int{}
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		counts[r.URL.Path]++
		mu.Unlock()
		if !strings.HasPrefix(r.URL.Path, "/wp-content/uploads/") {
			http.NotFound(w, r)
			return
		}
		time.Sleep(delay)
		fmt.Fprintf(w, "GIF89a%s", r.URL.Path) // GIF by its bytes, other bytes per file
	}))
	t.Cleanup(srv.Close)
	var imgs strings.Builder
	for i := range n {
		fmt.Fprintf(&imgs, `<img src="%s/wp-content/uploads/%d.png">`, srv.URL, i)
	}
	export = filepath.Join(t.TempDir(), "export.xml")
	err := os.WriteFile(export, []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Pictures</title><link>%[1]s</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>%[1]s</wp:base_site_url>
<item><title>Gallery</title><wp:post_id>3</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<content:encoded><![CDATA[%[2]s]]></content:encoded></item></channel></rss>`, srv.URL, imgs.String())), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return srv, export, func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		out := map[string]int{}
		for k, v := range counts {
			out[k] = v
		}
		return out
	}
}

// TestMediaCommands: parc import --media stores what the post uses, and
// parc media list --json gives each file in its contract.
func TestMediaCommands(t *testing.T) {
	_, export, _ := mediaBlog(t, 3, 0)
	dir := t.TempDir()
	stdout, stderr, code := parc(t, dir, "import", "--media", "--delay", "0", export)
	if code != 0 || !strings.Contains(stdout, "3 stored now") {
		t.Fatalf("import --media: exit %d\n%s\n%s", code, stdout, stderr)
	}
	stdout, _, code = parc(t, dir, "media", "list", "--json")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) != 3 {
		t.Fatalf("media list --json: exit %d, %d lines:\n%s", code, len(lines), stdout)
	}
	for _, line := range lines {
		var f map[string]any
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"url", "status", "sha256", "bytes", "type", "error", "posts"} {
			if _, ok := f[key]; !ok {
				t.Errorf("media list --json lacks %q: %s", key, line)
			}
		}
		if f["status"] != "stored" || f["type"] != "image/gif" || len(f["posts"].([]any)) != 1 {
			t.Errorf("file %s", line)
		}
	}
	if stdout, _, _ := parc(t, dir, "media", "list", "--missing"); strings.TrimSpace(stdout) != "" {
		t.Errorf("media list --missing lists stored files:\n%s", stdout)
	}
	if _, _, code := parc(t, dir, "media", "fetch", "--max-size", "lots"); code != 2 {
		t.Errorf("--max-size lots: exit %d, want 2", code)
	}
}

// TestKilledMediaFetchResumes kills a real parc media fetch mid-way; the
// rerun stores the rest, asking again for nothing it had stored.
func TestKilledMediaFetchResumes(t *testing.T) {
	bin := buildParc(t)
	_, export, asked := mediaBlog(t, 40, 50*time.Millisecond)
	dir := t.TempDir()
	if _, stderr, code := parcRun(t, bin, dir, "import", export); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	args := []string{"media", "fetch", "--delay", "0", "--concurrency", "2"}
	cmd, _ := startParc(t, bin, dir, args...)
	stored := func() int {
		out, _, _ := parcRun(t, bin, dir, "media", "list", "--json")
		return strings.Count(out, `"status":"stored"`)
	}
	pollUntil(t, "a few files to be stored", func() bool { return stored() >= 5 })
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if ws := cmd.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() {
		t.Fatalf("the fetch ended (%v) before it could be killed; nothing to check", cmd.ProcessState)
	}
	before := stored()
	if before == 0 || before == 40 {
		t.Fatalf("%d of 40 stored at the kill, want some", before)
	}
	var had []string
	out, _, _ := parcRun(t, bin, dir, "media", "list", "--json")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var f struct{ URL, Status string }
		json.Unmarshal([]byte(line), &f)
		if f.Status == "stored" {
			had = append(had, f.URL[strings.Index(f.URL, "/wp-content"):])
		}
	}
	first := asked()
	if _, stderr, code := parcRun(t, bin, dir, args...); code != 0 {
		t.Fatalf("the rerun: exit %d: %s", code, stderr)
	}
	if n := stored(); n != 40 {
		t.Errorf("%d of 40 stored after the rerun", n)
	}
	after := asked()
	for _, p := range had {
		if after[p] != first[p] {
			t.Errorf("%s was stored before the kill and asked for again", p)
		}
	}
	if _, stderr, code := parcRun(t, bin, dir, "verify"); code != 0 {
		t.Errorf("verify after the rerun: %s", stderr)
	}
}
