//go:build unix

package hugo_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/parc-archive/parc/export/hugo"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/internal/exporttest"
)

// BenchmarkExportHugo measures parc export hugo, comments included, on a
// generated archive (5,000 posts and 30,000 comments unless
// PARC_BENCH_POSTS and PARC_BENCH_COMMENTS say otherwise): seconds per
// export, posts per second, the heap the export allocated, and the CPU
// time (user and kernel) per export, which other programs running on the
// machine change less than the wall-clock time.
func BenchmarkExportHugo(b *testing.B) {
	store := exporttest.BenchArchive(b)
	// Each export goes to a new directory, as a first export does, and
	// the exports are removed only after the timing: on ext4 mounted with
	// discard, creating files right after thousands were deleted waits
	// for the deletions' journal commit, which would time the filesystem
	// rather than the export.
	parent := b.TempDir()
	runtime.GC()
	var items, comments, n int
	start, cpuStart := time.Now(), cpuTime(b)
	for b.Loop() {
		n++
		dir := filepath.Join(parent, fmt.Sprintf("site-%d", n))
		counts, err := hugo.Write(context.Background(), store, dir, sitegen.Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		items, comments = counts.Items, counts.Comments
	}
	elapsed, cpu := time.Since(start), cpuTime(b)-cpuStart
	b.ReportMetric(elapsed.Seconds()/float64(b.N), "s/export")
	b.ReportMetric(float64(items)*float64(b.N)/elapsed.Seconds(), "posts/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/export")
	b.ReportMetric(float64(items), "posts")
	b.ReportMetric(float64(comments), "comments")
}

// cpuTime is the CPU time the process has used, in user and kernel mode.
func cpuTime(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
