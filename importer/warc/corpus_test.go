package warc_test

import (
	"bufio"
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/warc"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/sharedtest"
)

const (
	corpusSite            = "http://127.0.0.1:8088"
	corpusWARC            = "wordpress-6.1.9-twentytwentyone.warc.gz"
	corpusLaterWARC       = "wordpress-6.1.9-twentytwentyone-later.warc.gz"
	corpusCapturesDirName = "corpus/wordpress-6.1.9/warc"
)

func openStore(t testing.TB) *archive.Store {
	t.Helper()
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

func importOne(t *testing.T, store *archive.Store, source string) importer.Result {
	t.Helper()
	results, err := importer.Import(context.Background(), store, []string{source}, importer.Options{})
	if err != nil {
		t.Fatalf("import %s: %v", source, err)
	}
	if len(results) != 1 {
		t.Fatalf("import %s: %d results, want 1", source, len(results))
	}
	return results[0]
}

// capturedURLs lists the URLs Wget captured, from the corpus's urls.txt.
func capturedURLs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "urls.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	urls := map[string]bool{}
	for s := bufio.NewScanner(f); s.Scan(); {
		urls[strings.TrimSpace(s.Text())] = true
	}
	return urls
}

func metaValue(meta []archive.Meta, key string) string {
	for _, m := range meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}

// TestCorpusCaptures imports the folder of the corpus's WARC files and
// compares the blog they make with the site's own export: every captured
// published post and page is there once, with every approved comment and
// its parent, and post 1814 has the comment only the later capture shows.
// Importing the folder again changes nothing.
func TestCorpusCaptures(t *testing.T) {
	dir := sharedtest.File(t, corpusCapturesDirName)
	urls := capturedURLs(t, dir)
	store := openStore(t)
	res := importOne(t, store, dir)
	if res.Captures == nil || res.Captures.Read != 94 || res.Captures.Merged < 90 {
		t.Fatalf("captures = %+v, want 94 read (92 + 2 later) and nearly all merged", res.Captures)
	}
	checked := 0
	for _, want := range corpustruth.Corpus(t).Posts {
		if (want.Type != "post" && want.Type != "page") || want.Status != "publish" || want.Password != "" || !urls[want.Link] {
			continue
		}
		checked++
		got := corpustruth.StoredPost(t, store, corpusSite, want.ID)
		if got.Link != want.Link {
			t.Errorf("post %d: link %q, want %q", want.ID, got.Link, want.Link)
		}
		wantComments := corpustruth.Approved(want)
		if want.ID == corpustruth.LaterPost {
			wantComments[corpustruth.LaterComment] = corpustruth.LaterParent
		}
		gotComments := map[int64]int64{}
		for _, c := range got.Comments {
			gotComments[c.ID] = c.Parent
		}
		if !maps.Equal(gotComments, wantComments) {
			t.Errorf("post %d %q: comments (id: parent) %v, want %v", want.ID, want.Title, gotComments, wantComments)
		}
	}
	if checked < 60 {
		t.Fatalf("only %d export posts were captured", checked)
	}
	later := corpustruth.StoredPost(t, store, corpusSite, corpustruth.LaterPost)
	if got := metaValue(later.Meta, warc.MetaCaptured); got != corpustruth.LaterCaptured {
		t.Errorf("post %d captured at %q, want the later capture's %s", corpustruth.LaterPost, got, corpustruth.LaterCaptured)
	}
	again := importOne(t, store, dir)
	if c := again.Counts; c.Added != 0 || c.Updated != 0 {
		t.Errorf("importing the captures again: %d added, %d updated, want nothing changed", c.Added, c.Updated)
	}
}

// TestLaterCaptureAddsToThread: a capture imported after another adds the
// comments it shows to the thread the first one gave.
func TestLaterCaptureAddsToThread(t *testing.T) {
	dir := sharedtest.File(t, corpusCapturesDirName)
	store := openStore(t)
	importOne(t, store, filepath.Join(dir, corpusWARC))
	if _, ok := corpustruth.Thread(corpustruth.StoredPost(t, store, corpusSite, corpustruth.LaterPost))[corpustruth.LaterComment]; ok {
		t.Fatalf("comment %d is in the first capture; the corpus changed", corpustruth.LaterComment)
	}
	importOne(t, store, filepath.Join(dir, corpusLaterWARC))
	got := corpustruth.StoredPost(t, store, corpusSite, corpustruth.LaterPost)
	if parent, ok := corpustruth.Thread(got)[corpustruth.LaterComment]; !ok || parent != corpustruth.LaterParent {
		t.Errorf("after the later capture, comment %d: present %v, parent %d; want a reply to %d", corpustruth.LaterComment, ok, parent, corpustruth.LaterParent)
	}
	if n := len(corpustruth.Thread(got)); n != len(corpustruth.Approved(corpustruth.Corpus(t).ByID()[corpustruth.LaterPost]))+1 {
		t.Errorf("post %d has %d comments, want the union of both captures", corpustruth.LaterPost, n)
	}

	// The first capture imported again, after the later one, adds nothing
	// and leaves the later capture's text.
	again := importOne(t, store, filepath.Join(dir, corpusWARC))
	if c := again.Counts; c.Added != 0 || c.Updated != 0 {
		t.Errorf("the older capture imported after the newer: %d added, %d updated, want nothing changed", c.Added, c.Updated)
	}
	if at := metaValue(corpustruth.StoredPost(t, store, corpusSite, corpustruth.LaterPost).Meta, warc.MetaCaptured); at != corpustruth.LaterCaptured {
		t.Errorf("post %d captured at %q after the older capture was imported again, want %s", corpustruth.LaterPost, at, corpustruth.LaterCaptured)
	}
}
