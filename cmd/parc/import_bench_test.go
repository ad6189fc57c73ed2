package main

import (
	"bufio"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

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
	bare := bareTokenizing(b, export) // the floor: encoding/xml reading the same bytes
	var peakRSS int64                 // KiB, as Linux reports it
	var took time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "--archive", b.TempDir(), "import", export)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		took += time.Since(start)
		if err != nil {
			b.Fatalf("parc import: %v\n%s", err, out)
		}
		if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peakRSS = max(peakRSS, usage.Maxrss)
		}
	}
	b.ReportMetric(float64(peakRSS)/1024, "peak-RSS-MiB")
	// parc's speed as a share of bare tokenizing: issue 18 asks ≥ 0.20.
	b.ReportMetric(bare.Seconds()/(took.Seconds()/float64(b.N)), "x-bare-xml")
}

// bareTokenizing is how long encoding/xml takes to read a file's raw
// tokens and nothing else.
func bareTokenizing(b *testing.B, path string) time.Duration {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	start := time.Now()
	dec := xml.NewDecoder(bufio.NewReaderSize(f, 64<<10))
	for {
		_, err := dec.RawToken()
		if err == io.EOF {
			return time.Since(start)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}
