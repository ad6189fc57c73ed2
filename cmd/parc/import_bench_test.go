package main

import (
	"os"
	"os/exec"
	"syscall"
	"testing"

	"github.com/parc-archive/parc/internal/benchsize"
)

// BenchmarkImportCommand measures what a user sees importing a large
// export: the built parc, as its own process, imports a file written by
// wxr.Generate (parse, merge, SQLite, then indexing all of it for search):
// the time per import (ns/op) and the process's peak resident memory.
// PARC_BENCH_POSTS and PARC_BENCH_COMMENTS (per post) size the export;
// the defaults make the README's 1 GB export:
//
//	go test ./cmd/parc -run '^$' -bench ImportCommand -benchtime 1x -timeout 1h
//	PARC_BENCH_POSTS=2000 go test ./cmd/parc -run '^$' -bench ImportCommand -benchtime 1x
func BenchmarkImportCommand(b *testing.B) {
	posts := benchsize.Get(b, "PARC_BENCH_POSTS", 46000)
	comments := benchsize.Get(b, "PARC_BENCH_COMMENTS", 20)
	bin := buildParc(b)
	export := generatedExport(b, posts, comments)
	info, err := os.Stat(export)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(info.Size())
	b.Logf("export of %d posts × %d comments: %.1f MB", posts, comments, float64(info.Size())/1e6)
	var peakRSS int64 // KiB, as Linux reports it
	for b.Loop() {
		cmd := exec.Command(bin, "--archive", b.TempDir(), "import", export)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("parc import: %v\n%s", err, out)
		}
		if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peakRSS = max(peakRSS, usage.Maxrss)
		}
	}
	b.ReportMetric(float64(peakRSS)/1024, "peak-RSS-MiB")
}
