package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// sampleSecrets are the sample blog's private things: commenters' and
// authors' emails and IPs, a held comment, spam, a password-protected
// post's content and its password, a draft.
var sampleSecrets = []string{
	"jonah@mail.example.net", "mara@lighthouse.example.org", "held@mail.example.net", "spam@spam.example.com",
	"203.0.113.7", "198.51.100.2", "203.0.113.50",
	"nobody may read it", "spamword", "secretletterword", "[CDATA[foghorn]]", "Unfinished thoughts on tides",
}

func TestExportHoldsNothingPrivateUnlessAsked(t *testing.T) {
	dir := importedSample(t)
	for _, format := range []string{"wxr", "json"} {
		t.Run(format, func(t *testing.T) {
			public, stderr, code := parc(t, dir, "export", format, "-")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, s := range sampleSecrets {
				if strings.Contains(public, s) {
					t.Errorf("export %s without --private holds %q", format, s)
				}
			}
			if !strings.Contains(public, "The Quiet Lighthouse") || !strings.Contains(public, "Letters to the Keeper") {
				t.Errorf("public export lacks the published posts:\n%.500s", public)
			}
			private, _, _ := parc(t, dir, "export", format, "--private", "-")
			for _, s := range sampleSecrets {
				if format == "json" && s == "[CDATA[foghorn]]" {
					s = `"password":"foghorn"`
				}
				if format == "json" && s == "mara@lighthouse.example.org" {
					continue // an author's email: the JSON shape has no authors
				}
				if !strings.Contains(private, s) {
					t.Errorf("export %s --private lacks %q", format, s)
				}
			}
		})
	}
}

// TestExportJSONIsShowJSON: each line is what parc show --json prints for
// that post.
func TestExportJSONIsShowJSON(t *testing.T) {
	dir := importedSample(t)
	for _, private := range []bool{false, true} {
		args := []string{"export", "json", "-"}
		showArgs := []string{"show", "--json"}
		if private {
			args = []string{"export", "json", "--private", "-"}
			showArgs = append(showArgs, "--private")
		}
		out, stderr, code := parc(t, dir, args...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		lines := 0
		sc := bufio.NewScanner(strings.NewReader(out))
		for sc.Scan() {
			lines++
			var p struct {
				Link string `json:"link"`
			}
			if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
				t.Fatalf("line %d: %v", lines, err)
			}
			shown, _, code := parc(t, dir, append(showArgs, p.Link)...)
			if code != 0 || strings.TrimSpace(shown) != sc.Text() {
				t.Errorf("private=%v %s:\nexport %s\nshow   %s", private, p.Link, sc.Text(), shown)
			}
		}
		if want := map[bool]int{false: 5, true: 6}[private]; lines != want {
			t.Errorf("private=%v: %d lines, want %d", private, lines, want)
		}
	}
}

// TestExportReplacesFileOnlyWhenComplete: a failed or interrupted export
// leaves the old file as it was and no temporary file beside it.
func TestExportReplacesFileOnlyWhenComplete(t *testing.T) {
	dir := importedSample(t)
	outDir := t.TempDir()
	file := filepath.Join(outDir, "blog.xml")
	os.WriteFile(file, []byte("old"), 0o644)
	leftovers := func() {
		t.Helper()
		entries, _ := os.ReadDir(outDir)
		if len(entries) != 1 {
			t.Errorf("files beside the export: %v", entries)
		}
		if b, _ := os.ReadFile(file); string(b) != "old" {
			t.Errorf("the file was changed: %.80q", b)
		}
	}
	if _, stderr, code := parc(t, dir, "export", "wxr", "--site", "https://nowhere.example", file); code != 1 || !strings.Contains(stderr, "lighthouse.example.org") {
		t.Errorf("unknown site: exit %d, %s", code, stderr)
	}
	leftovers()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	if code := run(ctx, []string{"parc", "--archive", dir, "export", "wxr", file}, &out, &errOut); code != 1 {
		t.Errorf("interrupted export: exit %d, %s", code, errOut.String())
	}
	leftovers()

	out2, _, code := parc(t, dir, "export", "wxr", "--json", file)
	var summary struct {
		Items, Comments, Authors, Terms int
		Bytes                           int64
	}
	if err := json.Unmarshal([]byte(out2), &summary); code != 0 || err != nil {
		t.Fatalf("exit %d, %v: %s", code, err, out2)
	}
	info, _ := os.Stat(file)
	if summary.Items != 5 || summary.Comments != 4 || summary.Authors != 1 || summary.Terms != 4 || summary.Bytes != info.Size() {
		t.Errorf("summary %+v, file of %d bytes", summary, info.Size())
	}
}

func TestExportUsage(t *testing.T) {
	dir := importedSample(t)
	// A second site: a WXR file holds one, so one must be named.
	if _, stderr, code := parc(t, dir, "import", sharedtest.File(t, "peers/wordpress-importer/small-export.xml")); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	for _, args := range [][]string{{"export"}, {"export", "csv", "f"}, {"export", "wxr"}, {"export", "json", "a", "b"}, {"export", "wxr", "-"}, {"export", "wxr", "--bogus", "-"}} {
		if _, stderr, code := parc(t, dir, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
}
