package wxr_test

import (
	"context"
	"io"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/jsonl"
	"github.com/parc-archive/parc/export/wxr"
	"github.com/parc-archive/parc/internal/exporttest"
)

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
	store := exporttest.BenchArchive(b)
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
