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
// checks that it read all of it and that the live heap does not grow with
// it: measured after a collection every 100 posts, the most the heap held
// in the last three quarters of the stream is what it held in the first
// quarter, within 1 MiB (the reader remembers each item's type and id, to
// tell repeated ids apart: a few bytes a post), and a few MiB in all.
func TestMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 200 MB generated export")
	}
	const posts, comments = 4000, 50
	size := &countingWriter{}
	if err := Generate(size, posts, comments); err != nil {
		t.Fatal(err)
	}
	src := GeneratedStream(posts, comments)
	defer src.Close()
	counter := &countingReader{r: src}
	r := NewReader(counter, "big.xml")
	var early, late uint64 // the most the live heap held in the first quarter, and after
	var stats runtime.MemStats
	read := 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Post == nil {
			continue
		}
		if len(rec.Post.Comments) != comments {
			t.Fatalf("post %d has %d comments, want %d", rec.Post.ID, len(rec.Post.Comments), comments)
		}
		if read++; read%100 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&stats)
			if read <= posts/4 {
				early = max(early, stats.HeapAlloc)
			} else {
				late = max(late, stats.HeapAlloc)
			}
		}
	}
	t.Logf("read %d MB, live heap at most %.1f MiB in the first quarter, %.1f MiB after", counter.n>>20, float64(early)/(1<<20), float64(late)/(1<<20))
	if read != posts || counter.n != size.n || size.n < 200e6 {
		t.Fatalf("read %d posts and %d bytes, want %d posts and the whole %d bytes (over 200 MB)", read, counter.n, posts, size.n)
	}
	if late > early+1<<20 || late > 16<<20 {
		t.Errorf("the live heap grew from %d to %d bytes as the stream went on", early, late)
	}
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
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
