package wxr

import (
	"bytes"
	"encoding/xml"
	"io"
	"runtime"
	"testing"
)

// generatedExport returns an in-memory export of posts posts with
// comments comments each.
func generatedExport(tb testing.TB, posts, comments int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := Generate(&buf, posts, comments); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// GeneratedStream is an export of the given shape produced on the fly, so
// that huge inputs never sit in memory.
func GeneratedStream(posts, comments int) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(Generate(pw, posts, comments)) }()
	return pr
}

func TestGenerateReadsBack(t *testing.T) {
	e := readExport(t, generatedExport(t, 5, 7), "gen.xml")
	if e.err != nil || len(e.posts) != 5 || len(e.authors) != 2 || len(e.terms) != 3 {
		t.Fatalf("err %v: %d posts %d authors %d terms", e.err, len(e.posts), len(e.authors), len(e.terms))
	}
	p := e.posts[4]
	if len(p.Comments) != 7 || p.Comments[6].Parent != p.Comments[2].ID {
		t.Errorf("comments = %+v", p.Comments)
	}
	if v, _ := e.meta(p.ID, "settings"); v != "a:1:{s:4:\"text\";s:12:\"line1\r\nline2.\";}" {
		t.Errorf("serialized meta = %q", v)
	}
	if len(e.warnings) != 0 {
		t.Errorf("warnings on clean export: %q", e.warnings)
	}
}

// TestMemoryStaysFlat reads a ~200 MB export generated on the fly and
// checks that the heap does not grow with it.
func TestMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 200 MB generated export")
	}
	src := GeneratedStream(4000, 50)
	defer src.Close()
	counter := &countingReader{r: src}
	r := NewReader(counter, "big.xml")
	var peak uint64
	var stats runtime.MemStats
	for n := 0; ; n++ {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if n%2000 == 0 {
			runtime.ReadMemStats(&stats)
			peak = max(peak, stats.HeapInuse)
		}
	}
	t.Logf("read %d MB, peak heap in use %d MB", counter.n>>20, peak>>20)
	if peak > 100<<20 {
		t.Errorf("peak heap %d MB, want far under 100 MB", peak>>20)
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func BenchmarkParse(b *testing.B) {
	data := generatedExport(b, 2000, 10)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data), "bench.xml")
		for {
			if _, err := r.Next(); err != nil {
				if err != io.EOF {
					b.Fatal(err)
				}
				break
			}
		}
	}
}

func BenchmarkBareXML(b *testing.B) {
	data := generatedExport(b, 2000, 10)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err != nil {
				if err != io.EOF {
					b.Fatal(err)
				}
				break
			}
		}
	}
}
