package wxr_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/jsonl"
	"github.com/parc-archive/parc/export/wxr"
	"github.com/parc-archive/parc/importer"
	importwxr "github.com/parc-archive/parc/importer/wxr"
)

// benchEnv reads a positive integer from the environment.
func benchEnv(b *testing.B, name string, def int) int {
	if s := os.Getenv(name); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("%s=%q: want a positive number", name, s)
		}
		return n
	}
	return def
}

// benchArchive imports a generated export (importer/wxr.Generate) of
// PARC_BENCH_POSTS posts (default 5,000) with PARC_BENCH_COMMENTS
// comments each (default 6: 30,000 comments) into a new archive, or into
// PARC_BENCH_DIR, which keeps it for later runs.
func benchArchive(b *testing.B) *archive.Store {
	posts, comments := benchEnv(b, "PARC_BENCH_POSTS", 5000), benchEnv(b, "PARC_BENCH_COMMENTS", 6)
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

// peakHeap samples the live heap until stop is called and returns the
// largest figure seen.
func peakHeap() (stop func() uint64) {
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}

type exportFunc func(context.Context, *archive.Store, io.Writer, export.Options, func(export.Counts)) (export.Counts, error)

func benchExport(b *testing.B, write exportFunc) {
	store := benchArchive(b)
	runtime.GC()
	stop := peakHeap()
	var counts export.Counts
	start := time.Now()
	for b.Loop() {
		var err error
		counts, err = write(context.Background(), store, io.Discard, export.Options{Private: true}, nil)
		if err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	b.SetBytes(counts.Bytes)
	b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(counts.Items)*float64(b.N)/elapsed.Seconds(), "items/s")
	b.ReportMetric(float64(counts.Comments), "comments")
}

// BenchmarkExportWXR measures parc export wxr --private on a generated
// archive: throughput in MB/s of WXR written, items per second, and the
// largest live heap seen.
func BenchmarkExportWXR(b *testing.B) {
	benchExport(b, func(ctx context.Context, s *archive.Store, w io.Writer, o export.Options, p func(export.Counts)) (export.Counts, error) {
		return wxr.Write(ctx, s, w, o, p)
	})
}

// BenchmarkExportJSON is BenchmarkExportWXR for parc export json.
func BenchmarkExportJSON(b *testing.B) {
	benchExport(b, func(ctx context.Context, s *archive.Store, w io.Writer, o export.Options, p func(export.Counts)) (export.Counts, error) {
		return jsonl.Write(ctx, s, w, o, p)
	})
}
