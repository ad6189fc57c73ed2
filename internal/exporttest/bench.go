package exporttest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
	importwxr "github.com/parc-archive/parc/importer/wxr"
)

// BenchEnv reads a positive integer from the environment.
func BenchEnv(b *testing.B, name string, def int) int {
	if s := os.Getenv(name); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("%s=%q: want a positive number", name, s)
		}
		return n
	}
	return def
}

// BenchArchive imports a generated export (importer/wxr.Generate) of
// PARC_BENCH_POSTS posts (default 5,000) with PARC_BENCH_COMMENTS
// comments each (default 6: 30,000 comments) into a new archive, or into
// PARC_BENCH_DIR, which keeps it for later runs.
func BenchArchive(b *testing.B) *archive.Store {
	posts, comments := BenchEnv(b, "PARC_BENCH_POSTS", 5000), BenchEnv(b, "PARC_BENCH_COMMENTS", 6)
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
