package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export/jsonl"
	"github.com/parc-archive/parc/internal/wpcorpus"
)

// slowSite serves the captured Twenty Twenty-One pages of the corpus at
// their original paths, each after a pause, as a slow live blog would,
// and counts the requests for each path and the pages it served whole.
type slowSite struct {
	*httptest.Server
	pages map[string][]byte // request URI -> captured page
	pause time.Duration

	mu       sync.Mutex
	requests map[string]int // request URI -> requests
	served   int            // pages sent whole
}

// apiLink is the <link> by which a page advertises the REST API; the slow
// site has none, so parc import crawls it.
var apiLink = regexp.MustCompile(`<link rel="https://api.w.org/"[^>]*>`)

func newSlowSite(t *testing.T, pause time.Duration) *slowSite {
	t.Helper()
	dir := wpcorpus.Dir(t)
	manifest, err := os.Open(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer manifest.Close()
	s := &slowSite{pages: map[string][]byte{}, pause: pause, requests: map[string]int{}}
	scanner := bufio.NewScanner(manifest)
	for scanner.Scan() {
		fields := strings.Split(scanner.Text(), "\t")
		if len(fields) < 2 || !strings.HasPrefix(fields[0], "html/twentytwentyone/") {
			continue
		}
		body, err := os.ReadFile(filepath.Join(dir, fields[0]))
		if err != nil {
			t.Fatal(err)
		}
		s.pages[strings.TrimPrefix(fields[1], wpcorpus.Origin)] = apiLink.ReplaceAll(body, nil)
	}
	if len(s.pages) == 0 {
		t.Fatal("the corpus manifest lists no twentytwentyone pages")
	}
	// The handler reads s.URL: the server is s's before it starts
	// serving, so that no request sees it half set.
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func (s *slowSite) serve(w http.ResponseWriter, r *http.Request) {
	uri := r.URL.RequestURI()
	s.mu.Lock()
	s.requests[uri]++
	s.mu.Unlock()
	page, ok := s.pages[uri]
	if !ok {
		http.NotFound(w, r)
		return
	}
	select {
	case <-time.After(s.pause):
	case <-r.Context().Done():
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.Write(bytes.ReplaceAll(page, []byte(wpcorpus.Origin), []byte(s.URL)))
	s.mu.Lock()
	s.served++
	s.mu.Unlock()
}

func (s *slowSite) counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.requests)
}

func (s *slowSite) servedPages() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.served
}

// startParc starts the built parc on an archive.
func startParc(t *testing.T, bin, dir string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"--archive", dir}, args...)...)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, &stderr
}

// waitFor polls cond until it holds, or fails the test after a while.
func pollUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// threads is what an archive holds, read through parc posts and parc show
// --json: for each item ("type id"), its comments' ids and parents.
func threads(t *testing.T, dir string) map[string]map[int64]int64 {
	t.Helper()
	out, stderr, code := parc(t, dir, "posts", "--json", "--private", "--type", "any")
	if code != 0 {
		t.Fatalf("parc posts: exit %d: %s", code, stderr)
	}
	all := map[string]map[int64]int64{}
	for _, p := range decodePosts(t, out) {
		out, stderr, code := parc(t, dir, "show", "--json", "--private", "--site", p.Site, fmt.Sprint(p.ID))
		if code != 0 {
			t.Fatalf("parc show %d: exit %d: %s", p.ID, code, stderr)
		}
		var shown struct {
			Comments []*jsonl.Comment `json:"comments"`
		}
		if err := json.Unmarshal([]byte(out), &shown); err != nil {
			t.Fatalf("parc show --json %d printed %q: %v", p.ID, out, err)
		}
		comments := map[int64]int64{}
		var walk func([]*jsonl.Comment)
		walk = func(list []*jsonl.Comment) {
			for _, c := range list {
				comments[c.ID] = c.Parent
				walk(c.Replies)
			}
		}
		walk(shown.Comments)
		all[fmt.Sprintf("%s %d", p.Type, p.ID)] = comments
	}
	return all
}

// sameThreads fails the test unless two archives hold the same items with
// the same comment trees.
func sameThreads(t *testing.T, got, want map[string]map[int64]int64) {
	t.Helper()
	if len(want) == 0 {
		t.Fatal("the uninterrupted crawl archived nothing")
	}
	for _, key := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[key]; !ok {
			t.Errorf("%s: missing after resuming", key)
		} else if !maps.Equal(g, want[key]) {
			t.Errorf("%s: comments (id: parent) %v after resuming, want %v", key, g, want[key])
		}
	}
	for key := range got {
		if _, ok := want[key]; !ok {
			t.Errorf("%s: archived after resuming, but not by an uninterrupted crawl", key)
		}
	}
}

// verifies fails the test unless parc verify passes on the archive.
func verifies(t *testing.T, bin, dir, when string) {
	t.Helper()
	out, stderr, code := parcRun(t, bin, dir, "verify", "--json")
	if code != 0 || !strings.Contains(out, `"ok":true`) {
		t.Fatalf("parc verify %s: exit %d: %s %s", when, code, out, stderr)
	}
}

// storedPages lists the URLs whose pages the archive holds.
func storedPages(t *testing.T, dir, base string, uris []string) []string {
	t.Helper()
	store, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var stored []string
	for _, uri := range uris {
		if p, err := store.Fetched(context.Background(), base+uri); err != nil {
			t.Fatal(err)
		} else if p != nil {
			stored = append(stored, uri)
		}
	}
	return stored
}

// TestInterruptedCrawlResumes stops a real parc crawling a slow site,
// with kill -9 and with Ctrl-C, and runs the same command again: the
// archive stays sound, the rerun fetches again only what was in flight,
// and it ends with what one uninterrupted crawl gives.
func TestInterruptedCrawlResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parc and crawls a slow site")
	}
	bin := buildParc(t)
	site := newSlowSite(t, 150*time.Millisecond)
	importArgs := []string{"import", "--delay", "0", site.URL + "/"}

	whole := t.TempDir()
	if _, stderr, code := parcRun(t, bin, whole, importArgs...); code != 0 {
		t.Fatalf("uninterrupted crawl: exit %d: %s", code, stderr)
	}
	want := threads(t, whole)

	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			before := site.counts()
			served := site.servedPages()
			cmd, stderr := startParc(t, bin, dir, importArgs...)
			pollUntil(t, "a few pages to be fetched", func() bool { return site.servedPages() >= served+6 })
			cmd.Process.Signal(sig)
			stopped := make(chan error, 1)
			go func() { stopped <- cmd.Wait() }()
			select {
			case <-stopped:
			case <-time.After(5 * time.Second):
				t.Fatalf("parc still running 5s after %v", sig)
			}
			ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if sig == syscall.SIGKILL && !ws.Signaled() {
				t.Fatalf("the crawl ended (%v) before it could be killed; nothing to check", cmd.ProcessState)
			}
			if sig == syscall.SIGINT {
				msg := stderr.String()
				if ws.Signaled() || cmd.ProcessState.ExitCode() == 0 {
					t.Errorf("after Ctrl-C parc ended with %v, want a non-zero exit status", cmd.ProcessState)
				}
				if !strings.Contains(msg, "interrupted") || !strings.Contains(msg, "again") {
					t.Errorf("after Ctrl-C parc said %q; want it to say the crawl was interrupted and can be resumed", msg)
				}
			}
			verifies(t, bin, dir, "after "+sig.String())

			firstRun := site.counts()
			for uri, n := range before {
				firstRun[uri] -= n
			}
			stored := storedPages(t, dir, site.URL, slices.Collect(maps.Keys(firstRun)))
			if len(stored) == 0 {
				t.Fatal("no page was stored before the interruption; the test proves nothing")
			}

			if _, stderr, code := parcRun(t, bin, dir, importArgs...); code != 0 {
				t.Fatalf("the rerun: exit %d: %s", code, stderr)
			}
			verifies(t, bin, dir, "after the rerun")
			after := site.counts()
			var again []string
			for uri, n := range firstRun {
				if uri != "/robots.txt" && n > 0 && after[uri]-firstRun[uri]-before[uri] > 0 {
					again = append(again, uri)
				}
			}
			for _, uri := range stored {
				if after[uri]-firstRun[uri]-before[uri] > 0 {
					t.Errorf("%s was fetched and stored before the interruption, and fetched again by the rerun", uri)
				}
			}
			if len(again) > 2 {
				t.Errorf("the rerun fetched again %v; want at most the 2 requests in flight", again)
			}
			sameThreads(t, threads(t, dir), want)
		})
	}
}

// TestKilledRESTImportResumes kills a real parc reading the corpus site's
// REST API slowly, then runs the same command again: the archive stays
// sound, the rerun asks again only for what was in flight (and the API
// root, which each run reads first), and it ends with what one
// uninterrupted import gives.
func TestKilledRESTImportResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parc and imports from a slow REST API")
	}
	bin := buildParc(t)
	cs := wpcorpus.NewServer(t, "rest")
	slow, servedSoFar := slowAnswers(150 * time.Millisecond)
	cs.SetOverride(func(_ http.ResponseWriter, r *http.Request) bool { return slow(r) })
	counts := func() map[string]int {
		n := map[string]int{}
		for _, uri := range cs.Requested() {
			n[uri]++
		}
		return n
	}
	importArgs := []string{"import", "--rest", "--delay", "0", cs.URL}

	whole := t.TempDir()
	if _, stderr, code := parcRun(t, bin, whole, importArgs...); code != 0 {
		t.Fatalf("uninterrupted import: exit %d: %s", code, stderr)
	}
	want := threads(t, whole)
	wholeRequests := len(cs.Requested())

	dir := t.TempDir()
	before, start, arrived := counts(), servedSoFar(), len(cs.Requested())
	cmd, _ := startParc(t, bin, dir, importArgs...)
	// Killed while it waits for a response: the import reads one page at a
	// time, so every page before it was saved and marked visited.
	pollUntil(t, "a few responses", func() bool {
		done := servedSoFar() - start
		return done >= wholeRequests/2 && len(cs.Requested())-arrived > done
	})
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if ws := cmd.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() {
		t.Fatalf("the import ended (%v) before it could be killed; nothing to check", cmd.ProcessState)
	}
	verifies(t, bin, dir, "after kill -9")
	firstRun := counts()
	for uri, n := range before {
		firstRun[uri] -= n
	}
	stored := storedPages(t, dir, cs.URL, slices.Collect(maps.Keys(firstRun)))
	if len(stored) == 0 {
		t.Fatalf("no response was stored before the kill; the test proves nothing (requested %v)", firstRun)
	}

	if _, stderr, code := parcRun(t, bin, dir, importArgs...); code != 0 {
		t.Fatalf("the rerun: exit %d: %s", code, stderr)
	}
	verifies(t, bin, dir, "after the rerun")
	after := counts()
	// Routes the corpus lacks answer 404 and are asked for again; only
	// the responses an archive keeps count.
	var again []string
	for _, uri := range storedPages(t, dir, cs.URL, slices.Collect(maps.Keys(firstRun))) {
		if uri != "/wp-json/" && firstRun[uri] > 0 && after[uri]-firstRun[uri]-before[uri] > 0 {
			again = append(again, uri)
		}
	}
	for _, uri := range stored {
		if uri != "/wp-json/" && after[uri]-firstRun[uri]-before[uri] > 0 {
			t.Errorf("%s was fetched and stored before the kill, and fetched again by the rerun", uri)
		}
	}
	if len(again) > 1 {
		t.Errorf("the rerun fetched again %v; want at most the one request in flight", again)
	}
	sameThreads(t, threads(t, dir), want)
}

// slowAnswers makes a test server answer slowly: slow waits delay before
// each answer (true when the client gave up meanwhile, and the request is
// answered no further), served counts the answers that waited it out.
func slowAnswers(delay time.Duration) (slow func(*http.Request) bool, served func() int) {
	var mu sync.Mutex
	n := 0
	slow = func(r *http.Request) bool {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return true
		}
		mu.Lock()
		n++
		mu.Unlock()
		return false
	}
	served = func() int {
		mu.Lock()
		defer mu.Unlock()
		return n
	}
	return slow, served
}
