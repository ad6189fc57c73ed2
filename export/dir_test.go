package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteDirFailure: a file that cannot be written (its folder is a
// file) fails the export, even though files are written in the
// background, and leaves neither the directory nor a temporary one.
func TestWriteDirFailure(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	err := WriteDir(dir, "test", func(tree *Tree) error {
		if err := tree.Write("a", []byte("file")); err != nil {
			return err
		}
		for i := 0; i < 1000; i++ {
			if err := tree.Write("a/b", []byte("under a file")); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("err = %v, want one naming the failed write", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("left %v behind", entries)
	}
}

// TestWriteDirWrites: the files given and copied are all there, with
// their folders, when WriteDir returns, and the bytes are counted.
func TestWriteDirWrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	video := filepath.Join(t.TempDir(), "stored")
	if err := os.WriteFile(video, []byte("a stored video"), 0o644); err != nil {
		t.Fatal(err)
	}
	var bytes int64
	err := WriteDir(dir, "test", func(tree *Tree) error {
		for _, rel := range []string{"index.html", "a/b/c.md", "a/d.md", "../escape"} {
			if err := tree.Write(rel, []byte(rel)); err != nil && rel != "../escape" {
				return err
			}
		}
		if err := tree.CopyFile("static/v/film.mp4", video, int64(len("a stored video"))); err != nil {
			return err
		}
		bytes = tree.Bytes()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"index.html", "a/b/c.md", "a/d.md", DirMarker} {
		if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "escape")); err == nil {
		t.Error("a file was written outside the export")
	}
	if data, err := os.ReadFile(filepath.Join(dir, "static", "v", "film.mp4")); string(data) != "a stored video" {
		t.Errorf("the copied file holds %q (%v)", data, err)
	}
	if bytes != int64(len("index.htmla/b/c.mda/d.md")+len("a stored video")) {
		t.Errorf("%d bytes counted", bytes)
	}
}
