package exporttest

import (
	"context"
	"net/url"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/hugo"
	"github.com/parc-archive/parc/export/jekyll"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/internal/corpustruth"
)

// Generator is a static site generator as the tests drive it: parc's
// export to it, and the real tool's build of that export.
type Generator struct {
	Tool  string
	Write func(ctx context.Context, src sitegen.Source, dir string, opts sitegen.Options, progress func(export.Counts)) (export.Counts, error)
	build []string // the tool's arguments, before the folder it builds into
}

// The generators parc exports to.
var (
	Hugo   = Generator{Tool: "hugo", Write: hugo.Write, build: []string{"--quiet", "--destination"}}
	Jekyll = Generator{Tool: "jekyll", Write: jekyll.Write, build: []string{"build", "--quiet", "--destination"}}
)

// Export writes the archive's site as the generator's site and builds it
// with the real tool (a missing tool ends the test as Tool says): the
// export's folder, the built site's, and what the export counted.
func (g Generator) Export(t *testing.T, store *archive.Store, opts sitegen.Options) (site, built string, counts export.Counts) {
	t.Helper()
	bin := Tool(t, g.Tool)
	site = filepath.Join(t.TempDir(), "site")
	counts, err := g.Write(context.Background(), store, site, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	built = filepath.Join(t.TempDir(), "built")
	Run(t, site, bin, append(slices.Clone(g.build), built)...)
	return site, built, counts
}

// ExportShared imports a WXR file of the shared folder into a new archive
// and exports and builds it as Export does, failing the test when the
// export holds no post or no comment.
func (g Generator) ExportShared(t *testing.T, rel string) (site, built string, truth *corpustruth.Export) {
	t.Helper()
	store, truth := Import(t, rel)
	site, built, counts := g.Export(t, store, sitegen.Options{})
	if counts.Items == 0 || counts.Comments == 0 {
		t.Fatalf("exported %+v", counts)
	}
	return site, built, truth
}

// CorpusSite checks an export of the corpus site and its build: every
// public post and page, nothing private in either, and the review post
// 1814's thread.
func CorpusSite(t *testing.T, site, built string, truth *corpustruth.Export) {
	t.Helper()
	EveryPublicEntry(t, built, truth)
	NothingPrivate(t, built, truth)
	NothingPrivate(t, site, truth)
	review := truth.ByID()[1814]
	Thread(t, built, PathOf(t, review.Link), review)
}

// ThemeUnitTestSite checks a built export of the Theme Unit Test: every
// public post and page, nothing private, post 1148's ten-level thread, and
// term and author pages at WordPress's paths.
func ThemeUnitTestSite(t *testing.T, built string, truth *corpustruth.Export) {
	t.Helper()
	EveryPublicEntry(t, built, truth)
	NothingPrivate(t, built, truth)
	thread := truth.ByID()[1148]
	if depth := Thread(t, built, PathOf(t, thread.Link), thread); depth != 10 {
		t.Errorf("post 1148's thread is %d levels deep, want 10", depth)
	}
	for _, p := range []string{"/category/markup/", "/tag/content-2/", "/author/themedemos/"} {
		Page(t, built, p)
	}
}

// PathOf is the escaped path of a link.
func PathOf(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.EscapedPath()
}
