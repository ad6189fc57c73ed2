package importer

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/sharedtest"
)

func openStore(t *testing.T) *archive.Store {
	t.Helper()
	s, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestRealWorldSources imports every export, feed and saved page in
// ../shared twice. The first import must succeed (or be refused as
// WordPress refuses it), the archive must verify, and the second import
// must change nothing.
func TestRealWorldSources(t *testing.T) {
	shared := sharedtest.Dir(t)
	refused := map[string]string{
		"missing-version-tag.xml": "missing/invalid WXR version number",
		"invalid-version-tag.xml": "missing/invalid WXR version number",
		"malformed.xml":           "missing/invalid WXR version number",
	}
	var files []string
	for _, pattern := range []string{
		"peers/wordpress-importer/*.xml", "peers/theme-unit-test/*.xml", "peers/wxr-samples/*.xml",
		"peers/wxr-samples/*.wxr", "peers/wpcom-pages/*.html", "corpus/wordpress-6.1.9/export/*.xml",
		"corpus/wordpress-6.1.9/feeds/*.xml", "corpus/wordpress-6.1.9/html/*/*.html",
	} {
		m, _ := filepath.Glob(filepath.Join(shared, pattern))
		files = append(files, m...)
	}
	if len(files) < 30 {
		t.Fatalf("found only %d files in %s", len(files), shared)
	}
	ctx := context.Background()
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			store := openStore(t)
			first, err := Import(ctx, store, []string{path}, Options{})
			if reason, ok := refused[filepath.Base(path)]; ok {
				if err == nil || !strings.Contains(err.Error(), reason) || !strings.Contains(err.Error(), path) {
					t.Fatalf("err = %v, want a refusal naming the file and %q", err, reason)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if first[0].Counts.Added == 0 {
				t.Fatalf("nothing added: %+v", first[0].Counts)
			}
			check, err := store.Verify(ctx)
			if err != nil || len(check.Problems) > 0 {
				t.Fatalf("verify: %v %v", check.Problems, err)
			}
			second, err := Import(ctx, store, []string{path}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if c := second[0].Counts; c.Added != 0 || c.Updated != 0 {
				t.Errorf("importing again changed the archive: %+v", c)
			}
		})
	}
}

func TestDirectoryImportsEverythingRecognised(t *testing.T) {
	dir := t.TempDir()
	sample, _ := os.ReadFile(filepath.Join("..", "testdata", "sample-blog.xml"))
	os.WriteFile(filepath.Join(dir, "backup-without-extension"), sample, 0o644)
	os.WriteFile(filepath.Join(dir, "README.txt"), []byte("not an export"), 0o644)
	results, err := Import(context.Background(), openStore(t), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Format != "wxr" || results[0].Counts.Posts != 4 {
		t.Fatalf("results %+v: the export without an extension must be found by its content", results)
	}
}

// TestMirrorIsOneSource imports a folder of saved pages, as wget leaves
// them, beside a feed: the pages are one import, and the comment pages of
// one post add up to its whole thread.
func TestMirrorIsOneSource(t *testing.T) {
	html := filepath.Join(sharedtest.Dir(t), "corpus", "wordpress-6.1.9", "html", "twentytwentyone")
	dir := t.TempDir()
	for src, dst := range map[string]string{
		"single-1148-template-comments-comment-page-1.html": "2012/01/03/template-comments/comment-page-1/index.html",
		"single-1148-template-comments-comment-page-2.html": "2012/01/03/template-comments/comment-page-2/index.html",
		"single-1814-the-quiet-lighthouse-review.html":      "index.html?p=1814",
	} {
		data, err := os.ReadFile(filepath.Join(html, src))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, dst)), 0o755)
		os.WriteFile(filepath.Join(dir, dst), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "broken.html"), []byte("<html><body class=\"single postid-1\"><article id=\"post-1\">"), 0o644)
	store := openStore(t)
	results, err := Import(context.Background(), store, []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Format != "html" || results[0].Source.Path != dir {
		t.Fatalf("want one html import of the folder, got %+v", results)
	}
	keys, _ := store.FindPosts(context.Background(), "1148", "")
	if len(keys) != 1 {
		t.Fatalf("post 1148: %d matches", len(keys))
	}
	p, _ := store.Post(context.Background(), keys[0])
	roots, _ := archive.Thread(p.Comments)
	if archive.Depth(roots) != 10 {
		t.Errorf("post 1148 from its two comment pages: depth %d, want the whole 10-level thread", archive.Depth(roots))
	}
}

// TestFolderWithRefusedFiles imports the official importer's own fixtures
// as one folder: the files WordPress refuses are named in the error, each
// with its reason, and every other file imports.
func TestFolderWithRefusedFiles(t *testing.T) {
	folder := sharedtest.File(t, "peers/wordpress-importer")
	refused := map[string]bool{"missing-version-tag.xml": true, "invalid-version-tag.xml": true, "malformed.xml": true}
	all, err := filepath.Glob(filepath.Join(folder, "*.xml"))
	if err != nil || len(all) < 20 {
		t.Fatalf("found %d exports in %s: %v", len(all), folder, err)
	}
	results, err := Import(context.Background(), openStore(t), []string{folder}, Options{})
	var failures Failures
	if !errors.As(err, &failures) {
		t.Fatalf("err = %v, want the refused files as Failures", err)
	}
	failed := map[string]bool{}
	for _, f := range failures {
		failed[filepath.Base(f.Source)] = true
		if !strings.Contains(f.Err.Error(), "missing/invalid WXR version number") || !strings.Contains(f.Err.Error(), f.Source) {
			t.Errorf("%s: %v, want WordPress's reason and the file's name", f.Source, f.Err)
		}
	}
	if !maps.Equal(failed, refused) {
		t.Errorf("failed %v, want exactly %v", failed, refused)
	}
	imported := 0
	for _, r := range results {
		if slices.Contains(all, r.Source.Path) && !refused[filepath.Base(r.Source.Path)] {
			imported++
		}
	}
	if imported != len(all)-len(refused) {
		t.Errorf("%d files imported, want all %d that WordPress takes", imported, len(all)-len(refused))
	}
}

// TestUTF16Sources: an export or a feed saved as UTF-16 (with a byte order
// mark, either byte order, gzipped or not) imports as its UTF-8 original.
func TestUTF16Sources(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(t), "testdata", "sample-blog.xml"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want := openStore(t)
	wantRes, err := Import(ctx, want, []string{filepath.Join(sharedtest.RepoRoot(t), "testdata", "sample-blog.xml")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	utf16 := func(order unicode.Endianness, gz bool) []byte {
		text := strings.Replace(string(sample), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
		encoded, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if !gz {
			return encoded
		}
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(encoded)
		zw.Close()
		return b.Bytes()
	}
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"little-endian.xml", utf16(unicode.LittleEndian, false)},
		{"big-endian.xml", utf16(unicode.BigEndian, false)},
		{"little-endian.xml.gz", utf16(unicode.LittleEndian, true)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.name)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			store := openStore(t)
			res, err := Import(ctx, store, []string{path}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res[0].Format != "wxr" || res[0].Counts != wantRes[0].Counts {
				t.Errorf("%s: %+v, want %+v", res[0].Format, res[0].Counts, wantRes[0].Counts)
			}
			var got, expected []string
			for s, list := range map[*archive.Store]*[]string{store: &got, want: &expected} {
				s.ForEachPost(ctx, func(p *archive.StoredPost) error {
					*list = append(*list, p.Title+"|"+p.ContentRaw)
					return nil
				})
			}
			if !slices.Equal(got, expected) {
				t.Errorf("posts differ from the UTF-8 original:\n got %q\nwant %q", got, expected)
			}
		})
	}
}
