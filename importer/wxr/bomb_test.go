package wxr

import (
	"compress/gzip"
	"io"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestEnormousFieldIsCut: a gzip-compressed export whose one post holds a
// single word of 200 MB (a few hundred KB on disk) is read in bounded
// memory: the content is cut at 32 MiB, with a warning, and the post kept.
func TestEnormousFieldIsCut(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector allocates beside the reader; run without -race to measure the bound")
	}
	const word = 200 << 20
	pr, pw := io.Pipe()
	go func() {
		zw, _ := gzip.NewWriterLevel(pw, gzip.BestSpeed)
		io.WriteString(zw, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bomb</title><link>https://bomb.example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Big</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<content:encoded><![CDATA[`)
		chunk := strings.Repeat("é", 1<<19) // 1 MiB of two-byte characters
		for range word >> 20 {
			io.WriteString(zw, chunk)
		}
		io.WriteString(zw, `]]></content:encoded></item>
<item><title>After</title><wp:post_id>2</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
</channel></rss>`)
		zw.Close()
		pw.Close()
	}()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e := readStream(t, pr, "bomb.xml.gz")
	runtime.ReadMemStats(&after)
	if e.err != nil || len(e.posts) != 2 {
		t.Fatalf("err %v, %d posts; want both posts", e.err, len(e.posts))
	}
	content := e.posts[0].ContentRaw
	if len(content) > maxRun || len(content) < maxRun-8 || !utf8.ValidString(content) {
		t.Errorf("content of %d bytes (valid UTF-8: %v), want it cut at %d", len(content), utf8.ValidString(content), maxRun)
	}
	if !strings.Contains(strings.Join(e.warnings, "\n"), "cut texts longer than 32 MiB at that length") {
		t.Errorf("no warning of the cut: %q", e.warnings)
	}
	// Reading the whole word would allocate it several times over.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 400<<20 {
		t.Errorf("allocated %d MiB reading a 200 MiB field, want it bounded by the cut", alloc>>20)
	}
}

// TestRepeatedIDsAreWarned: items that share a type and an id are all
// kept, and the warning says how many repeat one.
func TestRepeatedIDsAreWarned(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title><link>https://t.example.org</link><wp:wxr_version>1.2</wp:wxr_version>`)
	for range 1000 {
		b.WriteString(`<item><title>Same</title><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>`)
	}
	b.WriteString(`<item><title>Page</title><wp:post_id>7</wp:post_id><wp:post_type>page</wp:post_type><wp:status>publish</wp:status></item></channel></rss>`)
	e := readExport(t, []byte(b.String()), "same-id.xml")
	if e.err != nil || len(e.posts) != 1001 {
		t.Fatalf("err %v, %d items; want all 1001 kept", e.err, len(e.posts))
	}
	if !strings.Contains(strings.Join(e.warnings, "\n"), "999 items repeat the id of an earlier item") {
		t.Errorf("warnings %q, want the 999 repeats counted", e.warnings)
	}
}
