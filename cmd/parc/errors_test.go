package main

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
)

func TestEnumeratedFlagsListTheirValues(t *testing.T) {
	dir := importedSample(t)
	tests := []struct {
		args   []string
		values string // what stderr must list
	}{
		{[]string{"posts", "--status", "weird"}, "publish, draft, pending"},
		{[]string{"posts", "--private", "--status", "weird"}, "publish, draft, pending"},
		{[]string{"posts", "--type", "pots"}, "post, page, attachment"},
		{[]string{"search", "--sort", "newest", "keeper"}, "relevance, date, -date"},
		{[]string{"reindex", "--lang", "klingon"}, "en"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, stderr, code := parc(t, dir, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.values) {
				t.Errorf("exit status %d, stderr %q: want 2 and a list holding %q", code, stderr, tt.values)
			}
		})
	}
}

func TestSiteFlagNamesAnArchivedSite(t *testing.T) {
	dir := importedSample(t)
	for _, site := range []string{"lighthouse.example.org", "https://lighthouse.example.org/", "HTTPS://Lighthouse.example.org"} {
		stdout, stderr, code := parc(t, dir, "posts", "--site", site)
		if code != 0 || !strings.Contains(stdout, "The Quiet Lighthouse") {
			t.Errorf("--site %s: exit status %d, stdout %q, stderr %q: want the site's posts", site, code, stdout, stderr)
		}
	}
	for _, args := range [][]string{
		{"posts", "--site", "http://nosuch.example"},
		{"show", "--site", "127.0.0.1:8088", "10"},
		{"search", "--site", "nosuch.example", "keeper"},
		{"export", "wxr", "--site", "nosuch.example", "-"},
		{"media", "list", "--site", "nosuch.example"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			stdout, stderr, code := parc(t, dir, args...)
			if code != 1 || !strings.Contains(stderr, "no such site") || !strings.Contains(stderr, "https://lighthouse.example.org") || stdout != "" {
				t.Errorf("exit status %d, stderr %q, stdout %q: want 1 and the archive's sites", code, stderr, stdout)
			}
		})
	}
}

func TestQueryThatCannotBeUnderstood(t *testing.T) {
	dir := importedSample(t)
	tests := []struct{ query, why string }{
		{"foo:(", "foo: at character 1 is not a field"},
		{`"unclosed phrase`, "quote at character 1 is never closed"},
		{"keeper title:", "title: at character 8 needs a value"},
		{"after:notadate", "a date is YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			stdout, stderr, code := parc(t, dir, "search", tt.query)
			if code != 2 || !strings.Contains(stderr, tt.why) || stdout != "" {
				t.Errorf("exit status %d, stdout %q, stderr %q: want 2 saying %q", code, stdout, stderr, tt.why)
			}
		})
	}

	status, page := servedPage(t, dir, "/search/?q="+url.QueryEscape("foo:("))
	if status != http.StatusBadRequest || strings.Count(page, "is not a field") != 1 || strings.Contains(page, "bad query") {
		t.Errorf("the search page answered %d and should say once why the query is refused: %.3000s", status, page)
	}
}

func TestFailedFirstImportLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	fresh := filepath.Join(parent, "e1")
	if _, stderr, code := parc(t, fresh, "import", "nosuchfile.xml"); code != 1 || !strings.Contains(stderr, "nosuchfile.xml") {
		t.Fatalf("exit status %d, stderr %q: want 1 naming the file", code, stderr)
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a failed first import left %s behind (%v)", fresh, err)
	}

	folder := t.TempDir()
	os.WriteFile(filepath.Join(folder, "notes.txt"), []byte("mine"), 0o644)
	parc(t, folder, "import", "nosuchfile.xml")
	if entries, _ := os.ReadDir(folder); len(entries) != 1 {
		t.Errorf("a failed first import into a folder left %v; want only the user's notes.txt", entries)
	}
	_, stderr, code := parc(t, folder, "posts")
	if code != 1 || !strings.Contains(stderr, "no archive at") || !strings.Contains(stderr, "parc import") {
		t.Errorf("posts on a folder with no archive: exit status %d, stderr %q; want 1, saying so and how to start one", code, stderr)
	}
}

func TestReparseWithNoCrawledPages(t *testing.T) {
	dir := importedSample(t)
	stdout, stderr, code := parc(t, dir, "reparse")
	if code != 0 || !strings.Contains(stdout, "nothing to reparse") || !strings.Contains(stdout, "no crawled pages") {
		t.Errorf("exit status %d, stdout %q, stderr %q: want a note that there is nothing to reparse, and why", code, stdout, stderr)
	}
}

// servedPage serves the archive in dir as parc serve does and returns what
// path answers.
func servedPage(t *testing.T, dir, path string) (status int, body string) {
	t.Helper()
	store, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	base := startServe(t, store, serveOptions{addr: "127.0.0.1:0"})
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(data)
}
