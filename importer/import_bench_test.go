package importer

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/wxr"
	"github.com/parc-archive/parc/internal/benchsize"
)

// BenchmarkImport measures a full import — parsing, merging and writing
// SQLite on disk — of a generated export with nested comment threads.
// PARC_BENCH_POSTS scales it (default 2000 posts of 20 comments).
func BenchmarkImport(b *testing.B) {
	posts := benchsize.Get(b, "PARC_BENCH_POSTS", 2000)
	path := filepath.Join(b.TempDir(), "export.xml")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := wxr.Generate(f, posts, 20); err != nil {
		b.Fatal(err)
	}
	f.Close()
	info, _ := os.Stat(path)
	b.SetBytes(info.Size())
	b.ResetTimer()
	var items int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		store, err := archive.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		results, err := Import(context.Background(), store, []string{path}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		c := results[0].Counts
		items += c.Posts + c.Comments
		b.StopTimer()
		store.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
}
