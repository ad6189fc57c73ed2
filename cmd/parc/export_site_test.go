package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportSiteCommands: each static-site format writes a directory
// without the sample blog's secrets, prints its --json summary, and
// refuses a directory of other files with a usage error.
func TestExportSiteCommands(t *testing.T) {
	archive := importedSample(t)
	for _, format := range []string{"hugo", "jekyll", "static"} {
		t.Run(format, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			stdout, stderr, code := parc(t, archive, "export", format, "--json", dir)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var summary struct {
				Items    int      `json:"items"`
				Comments int      `json:"comments"`
				Bytes    int64    `json:"bytes"`
				Warnings []string `json:"warnings"`
			}
			if err := json.Unmarshal([]byte(stdout), &summary); err != nil || summary.Items == 0 || summary.Warnings == nil {
				t.Fatalf("summary %q: %v", stdout, err)
			}
			var size int64
			err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				if info, err := d.Info(); err == nil && d.Name() != ".parc-export" {
					size += info.Size()
				}
				data, _ := os.ReadFile(path)
				for _, s := range sampleSecrets {
					if strings.Contains(string(data), s) {
						t.Errorf("%s holds %q", path, s)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if summary.Bytes != size {
				t.Errorf("--json says %d bytes, the export holds %d", summary.Bytes, size)
			}
			if _, _, code := parc(t, archive, "export", format, dir); code != 0 {
				t.Errorf("exporting over a previous export: exit %d", code)
			}
			other := t.TempDir()
			os.WriteFile(filepath.Join(other, "mine.txt"), nil, 0o644)
			if _, stderr, code := parc(t, archive, "export", format, other); code != 2 || !strings.Contains(stderr, "not an export by parc") {
				t.Errorf("exporting into a directory of other files: exit %d, %s", code, stderr)
			}
		})
	}
}
