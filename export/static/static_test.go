package static_test

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/export/static"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/exporttest"
)

func TestCorpusAsStaticFiles(t *testing.T) {
	store, truth := exporttest.Import(t, corpustruth.CorpusExport)
	dir := filepath.Join(t.TempDir(), "site")
	counts, err := static.Write(context.Background(), store, dir, sitegen.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Items == 0 {
		t.Fatalf("exported %+v", counts)
	}
	exporttest.EveryPublicEntry(t, dir, truth)
	exporttest.NothingPrivate(t, dir, truth)
	review := truth.ByID()[1814]
	u, _ := url.Parse(review.Link)
	exporttest.Thread(t, dir, u.EscapedPath(), review)
	for _, f := range []string{"feed/index.xml", "sitemap.xml", "robots.txt", "search/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if search, _ := os.ReadFile(filepath.Join(dir, "search", "index.html")); !strings.Contains(string(search), "parc serve") {
		t.Error("the search page does not say it needs parc serve")
	}
	// Old links: ?p=1814 in every map, the comment pages as a rule.
	for _, f := range []string{"_redirects", ".htaccess", "nginx-redirects.conf"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "p=1814") || !strings.Contains(string(data), u.EscapedPath()) || !strings.Contains(string(data), "comment-page-") {
			t.Errorf("%s lacks the redirect of ?p=1814 to %s or the comment-page rule", f, u.EscapedPath())
		}
	}

	// A second export replaces the first; a directory of other files is refused.
	if _, err := static.Write(context.Background(), store, dir, sitegen.Options{}, nil); err != nil {
		t.Fatalf("exporting over a previous export: %v", err)
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if _, err := static.Write(context.Background(), store, other, sitegen.Options{}, nil); !errors.Is(err, export.ErrDirNotEmpty) {
		t.Errorf("exporting into a directory of other files: err %v, want ErrDirNotEmpty", err)
	}
	if data, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(data) != "mine" {
		t.Error("the refused directory was changed")
	}

	// Published on another host: the pages keep their paths and their
	// feeds name the new host. Under another path their links would break:
	// refused, with nothing written.
	moved := filepath.Join(t.TempDir(), "moved")
	if _, err := static.Write(context.Background(), store, moved, sitegen.Options{BaseURL: "https://mirror.example.net/"}, nil); err != nil {
		t.Fatal(err)
	}
	if feed, _ := os.ReadFile(filepath.Join(moved, "feed", "index.xml")); !strings.Contains(string(feed), "https://mirror.example.net"+u.EscapedPath()) {
		t.Errorf("the feed does not link the review at the new host")
	}
	under := filepath.Join(t.TempDir(), "under")
	if _, err := static.Write(context.Background(), store, under, sitegen.Options{BaseURL: "https://mirror.example.net/old-blog/"}, nil); !errors.Is(err, static.ErrOtherPath) {
		t.Errorf("a base URL with a path: err %v, want ErrOtherPath", err)
	}
	if _, err := os.Stat(under); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused export left %s behind", under)
	}
}
