package hugo_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/exporttest"
)

func TestCorpusBuildsWithHugo(t *testing.T) {
	site, built, truth := exporttest.Hugo.ExportShared(t, corpustruth.CorpusExport)
	exporttest.CorpusSite(t, site, built, truth)
	ordinaryPostsAreMarkdown(t, site)
}

func TestThemeUnitTestBuildsWithHugo(t *testing.T) {
	_, built, truth := exporttest.Hugo.ExportShared(t, exporttest.ThemeUnitTest)
	exporttest.ThemeUnitTestSite(t, built, truth)
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

// sample exports the sample blog at /blog/ and builds it with the real
// hugo (drafts left out, as a plain 'hugo' does).
func sample(t *testing.T, private bool) (site, built string, counts export.Counts) {
	return exporttest.Hugo.Export(t, exporttest.SampleAtSubpath(t), sitegen.Options{Options: export.Options{Private: private}})
}

// TestBlogAtSubPath: a blog at /blog/ keeps its home page there, and
// every link and old path below it; videos play through Hugo's own
// shortcodes; --json counts the bytes written.
func TestBlogAtSubPath(t *testing.T) {
	site, built, counts := sample(t, false)
	if counts.Bytes < 1000 {
		t.Errorf("%d bytes counted", counts.Bytes)
	}
	var size int64
	filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() && !strings.HasPrefix(p, filepath.Join(site, "public")) && d.Name() != ".parc-export" {
			size += info.Size()
		}
		return nil
	})
	if counts.Bytes != size {
		t.Errorf("%d bytes counted, the export holds %d", counts.Bytes, size)
	}
	// The site is published at /blog/: what Hugo builds at its root is served there.
	home := exporttest.Page(t, built, "/")
	if home.Find(`a[href="`+exporttest.SampleReviewPath+`"]`).Length() == 0 {
		t.Errorf("the home page does not link the review at %s", exporttest.SampleReviewPath)
	}
	exporttest.SampleThread(t, built)
	video := exporttest.Page(t, built, strings.TrimPrefix(exporttest.SampleVideoPath, "/blog"))
	for _, src := range []string{"youtube.com/embed/dQw4w9WgXcQ", "player.vimeo.com/video/76979871"} {
		if video.Find(`iframe[src*="`+src+`"]`).Length() != 1 {
			t.Errorf("the video post plays no %s", src)
		}
	}
	if video.Find(`a[href="https://vimeo.com/76979871"]`).Length() != 1 {
		t.Error("the link to the video within the text is not a link")
	}
	old, err := os.ReadFile(exporttest.PagePath(built, strings.TrimPrefix(exporttest.SampleOldPath, "/blog")))
	if err != nil || !strings.Contains(string(old), exporttest.SampleVideoPath) {
		t.Errorf("the old path does not lead to the post: %v %s", err, old)
	}
	if found := exporttest.Holding(t, site, exporttest.SampleSecrets...); len(found) > 0 {
		t.Errorf("a public export holds private things: %v", found)
	}
}

// TestPrivateExport: --private puts the drafts and the password-protected
// post in as drafts and every comment with its status, never an email or
// IP; a plain build still shows none of them.
func TestPrivateExport(t *testing.T) {
	site, built, _ := sample(t, true)
	exporttest.SamplePrivate(t, site, filepath.Join(site, "content"), built, `"draft": true`)
}
