package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCPUProfile: PARC_CPUPROFILE gets a profile go tool pprof reads (a
// gzipped protocol buffer), and a path that cannot be written is an
// error naming the variable before any work starts.
func TestCPUProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.prof")
	stop, err := startCPUProfile(path)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		t.Errorf("the profile is not gzipped: %d bytes starting %q", len(data), data[:min(len(data), 8)])
	}
	if _, err := startCPUProfile(filepath.Join(t.TempDir(), "missing", "cpu.prof")); err == nil || !bytes.Contains([]byte(err.Error()), []byte("PARC_CPUPROFILE")) {
		t.Errorf("an unwritable profile path gave %v, want an error naming PARC_CPUPROFILE", err)
	}
}
