package exporttest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
	importwxr "github.com/parc-archive/parc/importer/wxr"
	"github.com/parc-archive/parc/internal/benchsize"
)

// BenchArchive imports a generated export (importer/wxr.Generate) of
// PARC_BENCH_POSTS posts (default 5,000) with PARC_BENCH_COMMENTS
// comments each (default 6: 30,000 comments) into a new archive, or into
// PARC_BENCH_DIR, which keeps it for later runs.
func BenchArchive(b *testing.B) *archive.Store {
	posts, comments := benchsize.Get(b, "PARC_BENCH_POSTS", 5000), benchsize.Get(b, "PARC_BENCH_COMMENTS", 6)
	dir := os.Getenv("PARC_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	store, err := archive.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	if n, err := store.CountPosts(context.Background()); err != nil {
		b.Fatal(err)
	} else if n > 0 {
		if n != posts {
			b.Fatalf("%s holds %d posts, not the %d asked for", dir, n, posts)
		}
		return store
	}
	file := filepath.Join(b.TempDir(), "generated.xml")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := importwxr.Generate(f, posts, comments); err != nil {
		b.Fatal(err)
	}
	f.Close()
	if _, err := importer.Import(context.Background(), store, []string{file}, importer.Options{}); err != nil {
		b.Fatal(err)
	}
	os.Remove(file)
	return store
}
