package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// TestImportWARCFolder: parc import of the corpus's folder of WARC files
// says how many captures it read and merged, in text and in --json, and
// parc show prints the comment only the later capture holds.
func TestImportWARCFolder(t *testing.T) {
	captures := sharedtest.File(t, "corpus/wordpress-6.1.9/warc")
	dir := t.TempDir()
	stdout, stderr, code := parc(t, dir, "import", captures)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "(warc)") || !strings.Contains(stdout, "94 captures read") || !strings.Contains(stdout, "merged into one blog") {
		t.Errorf("the summary does not count the captures:\n%s", stdout)
	}
	show, _, _ := parc(t, dir, "show", "1814")
	if !strings.Contains(show, "#1024") {
		t.Errorf("parc show 1814 lacks the later capture's comment 1024:\n%s", show)
	}
	stdout, stderr, code = parc(t, dir, "import", "--json", captures)
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var got struct {
		Format   string `json:"format"`
		Added    int    `json:"added"`
		Updated  int    `json:"updated"`
		Captures struct {
			Read   int `json:"read"`
			Merged int `json:"merged"`
		} `json:"captures"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout)
	}
	if got.Format != "warc" || got.Captures.Read != 94 || got.Captures.Merged == 0 || got.Added+got.Updated != 0 {
		t.Errorf("--json of the second import: %+v, want 94 captures read and nothing changed", got)
	}
}
