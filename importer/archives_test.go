package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func writeZip(t *testing.T, entries map[string][]byte) string {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, content := range entries {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(content)
	}
	z.Close()
	path := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWordPressComZip: WordPress.com gives its export as a zip of WXR
// files, each with a share of the posts; they import as one source.
func TestWordPressComZip(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("..", "testdata", "sample-blog.xml"))
	if err != nil {
		t.Fatal(err)
	}
	// The second file's items are others: their ids and links differ.
	others := regexp.MustCompile(`<wp:post_id>(\d+)</wp:post_id>`).ReplaceAll(sample, []byte("<wp:post_id>9$1</wp:post_id>"))
	others = regexp.MustCompile(`<link>([^<]+)</link>`).ReplaceAll(others, []byte("<link>${1}other/</link>"))
	path := writeZip(t, map[string][]byte{
		"blog.wordpress.2024-01-01.000.xml": sample,
		"blog.wordpress.2024-01-01.001.xml": others,
		"README.txt":                        []byte("not an export"),
	})
	store := openStore(t)
	results, err := Import(context.Background(), store, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Format != "wxr" || results[0].Counts.Posts != 8 {
		t.Fatalf("results %+v: want one wxr source with the 4 posts of each file", results)
	}
	sites, err := store.Sites(context.Background())
	if err != nil || len(sites) != 1 {
		t.Fatalf("sites %+v, %v: want the one blog", sites, err)
	}
}

// TestZipWithoutExport: a zip holding neither captures nor an export is
// refused, naming the file.
func TestZipWithoutExport(t *testing.T) {
	path := writeZip(t, map[string][]byte{"photo.txt": []byte("hello")})
	_, err := Import(context.Background(), openStore(t), []string{path}, Options{})
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "no WARC file or WordPress export") {
		t.Fatalf("err = %v", err)
	}
}
