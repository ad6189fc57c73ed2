package jekyll_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/exporttest"
)

func TestCorpusBuildsWithJekyll(t *testing.T) {
	site, built, truth := exporttest.Jekyll.ExportShared(t, corpustruth.CorpusExport)
	exporttest.CorpusSite(t, site, built, truth)
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
	_, built, truth := exporttest.Jekyll.ExportShared(t, exporttest.ThemeUnitTest)
	exporttest.ThemeUnitTestSite(t, built, truth)
}

// sample exports the sample blog at /blog/ and builds it with the real
// jekyll (unpublished posts left out, as a plain 'jekyll build' does).
func sample(t *testing.T, private bool) (site, built string, counts export.Counts) {
	return exporttest.Jekyll.Export(t, exporttest.SampleAtSubpath(t), sitegen.Options{Options: export.Options{Private: private}})
}

// TestBlogAtSubPath: a blog at /blog/ keeps its home page there and every
// link and old path below it, without any Jekyll plugin: parc writes the
// redirect pages and the feed itself. --json counts the bytes written.
func TestBlogAtSubPath(t *testing.T) {
	site, built, counts := sample(t, false)
	config, err := os.ReadFile(filepath.Join(site, "_config.yml"))
	if err != nil || strings.Contains(string(config), "plugins") || !strings.Contains(string(config), `"baseurl": "/blog"`) {
		t.Errorf("_config.yml: %v\n%s", err, config)
	}
	if counts.Bytes < int64(len(config)) {
		t.Errorf("%d bytes counted", counts.Bytes)
	}
	home := exporttest.Page(t, built, "/")
	if home.Find(`a[href="`+exporttest.SampleReviewPath+`"]`).Length() == 0 {
		t.Errorf("the home page does not link the review at %s", exporttest.SampleReviewPath)
	}
	exporttest.Page(t, built, strings.TrimPrefix(exporttest.SampleVideoPath, "/blog"))
	exporttest.SampleThread(t, built)
	old := exporttest.Page(t, built, strings.TrimPrefix(exporttest.SampleOldPath, "/blog"))
	if href, _ := old.Find(`link[rel=canonical]`).Attr("href"); href != "https://lighthouse.example.org"+exporttest.SampleVideoPath {
		t.Errorf("the old path leads to %q", href)
	}
	data, err := os.ReadFile(filepath.Join(built, "feed.xml"))
	if err != nil {
		t.Fatal("no feed:", err)
	}
	var feed struct {
		Entries []struct {
			Link struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil || len(feed.Entries) != 4 || feed.Entries[0].Link.Href != "https://lighthouse.example.org"+exporttest.SampleVideoPath {
		t.Errorf("feed: %v %+v", err, feed)
	}
	if found := exporttest.Holding(t, site, exporttest.SampleSecrets...); len(found) > 0 {
		t.Errorf("a public export holds private things: %v", found)
	}
}

// TestPrivateExport: --private puts the drafts and the password-protected
// post in as unpublished and every comment with its status, never an
// email or IP; a plain build still shows none of them.
func TestPrivateExport(t *testing.T) {
	site, built, _ := sample(t, true)
	exporttest.SamplePrivate(t, site, filepath.Join(site, "_posts"), built, `"published":false`)
}
