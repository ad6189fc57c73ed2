package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallFeed is an RSS feed of another blog than the sample's.
const smallFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Harbour Log</title><link>https://harbour.example.net</link><description>Boats</description>
<item><title>Tides of March</title><link>https://harbour.example.net/2024/03/tides/</link>
<guid isPermaLink="false">https://harbour.example.net/?p=12</guid>
<pubDate>Fri, 01 Mar 2024 10:00:00 +0000</pubDate><description>The spring tides came early.</description></item>
</channel></rss>`

// refusedExport is a WXR the WordPress importer refuses: its version is not a number.
const refusedExport = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<title>Refused</title><wp:wxr_version>abc</wp:wxr_version>
</channel></rss>`

// TestImportSkipsFailedSources: in a folder or a list of sources, one that
// is refused or missing is named with its reason and skipped, the sources
// after it import, and the command exits 1.
func TestImportSkipsFailedSources(t *testing.T) {
	folder := t.TempDir()
	sample, err := os.ReadFile(sampleBlog(t))
	if err != nil {
		t.Fatal(err)
	}
	// Named so that the refused file comes between the two good ones.
	for name, content := range map[string]string{"a-sample.xml": string(sample), "b-refused.xml": refusedExport, "c-feed.xml": smallFeed} {
		if err := os.WriteFile(filepath.Join(folder, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	imported := func(t *testing.T, dir string) {
		t.Helper()
		out, _, _ := parc(t, dir, "sites")
		for _, site := range []string{"lighthouse.example.org", "harbour.example.net"} {
			if !strings.Contains(out, site) {
				t.Errorf("parc sites after the import:\n%s\nwant %s", out, site)
			}
		}
	}

	t.Run("folder", func(t *testing.T) {
		dir := t.TempDir()
		stdout, stderr, code := parc(t, dir, "import", folder)
		if code != 1 {
			t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
		}
		refused := filepath.Join(folder, "b-refused.xml")
		if !strings.Contains(stderr, refused) || !strings.Contains(stderr, "missing/invalid WXR version") {
			t.Errorf("stderr does not name %s and why it was refused:\n%s", refused, stderr)
		}
		if strings.Contains(stderr, "a-sample.xml") || strings.Contains(stderr, "c-feed.xml") {
			t.Errorf("stderr names a file that imported:\n%s", stderr)
		}
		if !strings.Contains(stdout, "c-feed.xml (feed)") {
			t.Errorf("stdout does not report the feed after the refused file:\n%s", stdout)
		}
		imported(t, dir)
	})

	t.Run("list with a missing path", func(t *testing.T) {
		dir := t.TempDir()
		missing := filepath.Join(folder, "missing.xml")
		_, stderr, code := parc(t, dir, "import", filepath.Join(folder, "a-sample.xml"), missing, filepath.Join(folder, "c-feed.xml"))
		if code != 1 {
			t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
		}
		if !strings.Contains(stderr, missing+": no such file") {
			t.Errorf("stderr does not name the missing file:\n%s", stderr)
		}
		imported(t, dir)
	})
}
