package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// oversizedExport writes the sample blog with the review's content grown
// by one 24 MB word and 8 MB of 200-letter words, as a broken or hostile
// source may carry.
func oversizedExport(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(sampleBlog(t))
	if err != nil {
		t.Fatal(err)
	}
	const marker = "Catch this one if you can :)"
	if !bytes.Contains(data, []byte(marker)) {
		t.Fatalf("%s lacks %q", sampleBlog(t), marker)
	}
	var grown bytes.Buffer
	grown.WriteString(marker + " " + strings.Repeat("a", 24<<20))
	rng := rand.New(rand.NewPCG(1, 2))
	word := make([]byte, 200)
	for grown.Len() < 32<<20 {
		for i := range word {
			word[i] = byte('a' + rng.IntN(26))
		}
		grown.WriteByte(' ')
		grown.Write(word)
	}
	path := filepath.Join(t.TempDir(), "oversized.xml")
	if err := os.WriteFile(path, bytes.Replace(data, []byte(marker), grown.Bytes(), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestOversizedPostKeepsTheArchiveWorking imports a 32 MB post through the
// real parc command, in a process of its own whose peak memory is read
// back, and checks that indexing took the post's beginning with a note,
// that search and a second import work without indexing it again, and
// that verify reports the note. Before the index capped what it takes,
// such a post took parc import minutes and gigabytes (48 MB: 5.5 min, 12 GB
// resident) and every later command tried again.
func TestOversizedPostKeepsTheArchiveWorking(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parc and imports a 32 MB post")
	}
	bin := buildParc(t)
	export := oversizedExport(t)
	dir := t.TempDir()
	runParc := func(args ...string) (stdout, stderr string, peakMiB int64) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--archive", dir}, args...)...)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Fatalf("parc %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
		}
		return out.String(), errOut.String(), cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10
	}

	_, stderr, peak := runParc("import", export)
	t.Logf("parc import of a 32 MB post: peak resident memory %d MiB", peak)
	// The export and the post are read whole by the importer: a few
	// copies of 32 MB. Indexing must add a bounded amount, not a multiple.
	if peak > 600 {
		t.Errorf("parc import peaked at %d MiB resident, want under 600", peak)
	}
	note := "post 10 (https://lighthouse.example.org/2023/03/18/the-quiet-lighthouse-review/) has 32.0 MiB of content: only its first 1.0 MiB of text is searchable"
	if !strings.Contains(stderr, note) {
		t.Errorf("import did not report the cut post; stderr:\n%s", stderr)
	}

	stdout, stderr, _ := runParc("search", "catch")
	if !strings.Contains(stdout, "The Quiet Lighthouse (2023) Review") {
		t.Errorf("search for a word at the start of the big post:\n%s", stdout)
	}
	if strings.Contains(stderr, "search index") {
		t.Errorf("search indexed the post again: %s", stderr)
	}
	if stdout, _, _ := runParc("search", "--flat", "keeper"); !strings.Contains(stdout, "1 result") {
		t.Errorf("the rest of the archive is not searchable:\n%s", stdout)
	}

	stdout, stderr, _ = runParc("import", export)
	if !strings.Contains(stdout, "nothing changed") || strings.Contains(stderr, "search index") {
		t.Errorf("a second import: stdout %s\nstderr %s", stdout, stderr)
	}

	stdout, _, _ = runParc("verify")
	if !strings.Contains(stdout, "note: search index: "+note) || !strings.Contains(stdout, "ok: the archive is consistent") {
		t.Errorf("verify does not report the cut post as a note of a consistent archive:\n%s", stdout)
	}
}
