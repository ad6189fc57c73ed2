package jekyll_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/export/jekyll"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/exporttest"
)

// build exports the archive of a shared WXR file as a Jekyll site and
// builds it with the real jekyll.
func build(t *testing.T, rel string) (site, built string, truth *corpustruth.Export) {
	jekyllBin := exporttest.Tool(t, "jekyll")
	store, truth := exporttest.Import(t, rel)
	site = filepath.Join(t.TempDir(), "site")
	counts, err := jekyll.Write(context.Background(), store, site, sitegen.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Items == 0 || counts.Comments == 0 {
		t.Fatalf("exported %+v", counts)
	}
	built = filepath.Join(t.TempDir(), "built")
	exporttest.Run(t, site, jekyllBin, "build", "--quiet", "--destination", built)
	return site, built, truth
}

func TestCorpusBuildsWithJekyll(t *testing.T) {
	site, built, truth := build(t, corpustruth.CorpusExport)
	exporttest.EveryPublicEntry(t, built, truth)
	exporttest.NothingPrivate(t, built, truth)
	exporttest.NothingPrivate(t, site, truth)
	review := truth.ByID()[1814]
	exporttest.Thread(t, built, path(t, review.Link), review)
	posts, _ := filepath.Glob(filepath.Join(site, "_posts", "*.md"))
	if len(posts) == 0 {
		t.Fatal("no _posts")
	}
	for _, p := range posts {
		if data, _ := os.ReadFile(p); strings.Count(string(data), "<p>") > 2 {
			t.Errorf("%s holds HTML paragraphs, not Markdown", p)
		}
	}
	if _, err := os.Stat(filepath.Join(built, "feed.xml")); err != nil {
		t.Error("no feed:", err)
	}
}

func TestThemeUnitTestBuildsWithJekyll(t *testing.T) {
	_, built, truth := build(t, exporttest.ThemeUnitTest)
	exporttest.EveryPublicEntry(t, built, truth)
	exporttest.NothingPrivate(t, built, truth)
	thread := truth.ByID()[1148]
	if depth := exporttest.Thread(t, built, path(t, thread.Link), thread); depth != 10 {
		t.Errorf("post 1148's thread is %d levels deep, want 10", depth)
	}
	for _, p := range []string{"/category/markup/", "/tag/content-2/", "/author/themedemos/"} {
		exporttest.Page(t, built, p)
	}
}

func path(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.EscapedPath()
}
