package importer

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/parc-archive/parc/archive"
)

// TestImportRecordsDigest: the SHA-256 an import records is that of the
// bytes on disk, what sha256sum prints for the file, compressed or not,
// both in the result and in the archive's record of the import.
func TestImportRecordsDigest(t *testing.T) {
	plain := filepath.Join("..", "testdata", "sample-blog.xml")
	data, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	gz := filepath.Join(t.TempDir(), "sample-blog.xml.gz")
	f, err := os.Create(gz)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{plain, gz} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			onDisk, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(onDisk)
			want := hex.EncodeToString(sum[:])
			dir := t.TempDir()
			store, err := archive.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			results, err := Import(context.Background(), store, []string{path}, Options{})
			store.Close()
			if err != nil || len(results) != 1 {
				t.Fatalf("import: %d results, %v", len(results), err)
			}
			if got := results[0].SHA256; got != want {
				t.Errorf("result's SHA-256 %s, want %s", got, want)
			}
			db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, archive.DatabaseFile)+"?mode=ro")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var recorded string
			if err := db.QueryRow(`SELECT sha256 FROM imports WHERE id = ?`, results[0].ID).Scan(&recorded); err != nil {
				t.Fatal(err)
			}
			if recorded != want {
				t.Errorf("recorded SHA-256 %s, want %s", recorded, want)
			}
		})
	}
}
