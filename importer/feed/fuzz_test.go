package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// FuzzFeed checks that no input makes Parse panic and that whatever it
// returns is either an error or a feed.
func FuzzFeed(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<rss><channel><item><link>http://x/a/#comment-1</link><guid>http://x/?p=1#comment-1</guid></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="x#comment-2"/><in-reply-to ref="x#comment-1"/></entry>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(bytes.NewReader(data), "fuzz")
		if err == nil && feed == nil {
			t.Fatal("nil feed without an error")
		}
		if err != nil && !strings.Contains(err.Error(), "fuzz") {
			t.Fatalf("error %q does not name the source", err)
		}
		Sniff(data)
	})
}

// BenchmarkParse measures parsing of a WordPress RSS feed in items per
// second.
func BenchmarkParse(b *testing.B) {
	data := []byte(mustRead(b, "wordpress-complete.xml"))
	// The corpus feed when ../shared is there; the fixture otherwise.
	if corpus, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(b), "..", "shared", "corpus/wordpress-6.1.9/feeds/rss2.xml")); err == nil {
		data = corpus
	}
	b.SetBytes(int64(len(data)))
	items := 0
	for b.Loop() {
		f, err := Parse(bytes.NewReader(data), "bench")
		if err != nil {
			b.Fatal(err)
		}
		items += len(f.Posts)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}
