package hugo_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/export/hugo"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/exporttest"
)

// build exports the archive of a shared WXR file as a Hugo site and
// builds it with the real hugo.
func build(t *testing.T, rel string) (site, built string, truth *corpustruth.Export) {
	hugoBin := exporttest.Tool(t, "hugo")
	store, truth := exporttest.Import(t, rel)
	site = filepath.Join(t.TempDir(), "site")
	counts, err := hugo.Write(context.Background(), store, site, sitegen.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Items == 0 || counts.Comments == 0 {
		t.Fatalf("exported %+v", counts)
	}
	exporttest.Run(t, site, hugoBin, "--quiet")
	return site, filepath.Join(site, "public"), truth
}

func TestCorpusBuildsWithHugo(t *testing.T) {
	site, built, truth := build(t, corpustruth.CorpusExport)
	exporttest.EveryPublicEntry(t, built, truth)
	exporttest.NothingPrivate(t, built, truth)
	exporttest.NothingPrivate(t, site, truth)
	review := truth.ByID()[1814]
	exporttest.Thread(t, built, pathOf(t, review.Link), review)
	ordinaryPostsAreMarkdown(t, site)
}

func TestThemeUnitTestBuildsWithHugo(t *testing.T) {
	_, built, truth := build(t, exporttest.ThemeUnitTest)
	exporttest.EveryPublicEntry(t, built, truth)
	exporttest.NothingPrivate(t, built, truth)
	thread := truth.ByID()[1148]
	if depth := exporttest.Thread(t, built, pathOf(t, thread.Link), thread); depth != 10 {
		t.Errorf("post 1148's thread is %d levels deep, want 10", depth)
	}
	// Term and author pages at WordPress's paths, RSS.
	for _, p := range []string{"/category/markup/", "/tag/content-2/", "/author/themedemos/"} {
		exporttest.Page(t, built, p)
	}
	if _, err := os.Stat(filepath.Join(built, "index.xml")); err != nil {
		t.Error("no RSS feed:", err)
	}
}

// ordinaryPostsAreMarkdown checks that a post made of paragraphs is
// written as Markdown, not as HTML paragraphs.
func ordinaryPostsAreMarkdown(t *testing.T, site string) {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(site, "content", "posts", "[0-9]*.md"))
	if len(matches) == 0 {
		t.Fatal("no post files")
	}
	html := 0
	for _, m := range matches {
		data, _ := os.ReadFile(m)
		if strings.Contains(string(data), "<p>") {
			html++
		}
	}
	if html > len(matches)/10 {
		t.Errorf("%d of %d posts hold HTML paragraphs", html, len(matches))
	}
}

func pathOf(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.EscapedPath()
}
