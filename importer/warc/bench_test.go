package warc_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/html"
	"github.com/parc-archive/parc/internal/benchsize"
)

// generatedCaptures is a WARC of posts single-post pages, each with
// comments comments and a second, later capture of every tenth post; it
// returns the pages' bodies too, for the parser's own rate.
func generatedCaptures(b *testing.B) (path string, pages [][]byte, size int64) {
	posts := benchsize.Get(b, "PARC_BENCH_POSTS", 2000)
	comments := benchsize.Get(b, "PARC_BENCH_COMMENTS", 20)
	var warcData bytes.Buffer
	for i := range posts {
		ids := make([]int, comments)
		for c := range ids {
			ids[c] = i*comments + c + 1
		}
		page := strings.ReplaceAll(postPage(fmt.Sprintf("Post %d text", i), ids...), "postid-7", fmt.Sprintf("postid-%d", i+1))
		page = strings.ReplaceAll(page, "/2024/01/01/deep/", fmt.Sprintf("/2024/01/01/post-%d/", i+1))
		pages = append(pages, []byte(page))
		uri := fmt.Sprintf("%s/2024/01/01/post-%d/", site, i+1)
		warcData.Write(gzipMember(httpRecord(uri, "2014-05-01T10:00:00Z", fmt.Sprintf("00000000-0000-0000-0000-%012d", 2*i), 200, "text/html; charset=UTF-8", page)))
		if i%10 == 0 {
			warcData.Write(gzipMember(httpRecord(uri, "2016-05-01T10:00:00Z", fmt.Sprintf("00000000-0000-0000-0000-%012d", 2*i+1), 200, "text/html; charset=UTF-8", page)))
		}
	}
	path = filepath.Join(b.TempDir(), "generated.warc.gz")
	if err := os.WriteFile(path, warcData.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, p := range pages {
		size += int64(len(p))
	}
	return path, pages, size
}

// BenchmarkWARCImport measures importing a WARC file of generated post
// pages into an archive on disk; MB/s counts the pages' HTML bytes, so it
// stands beside BenchmarkPageParse's rate on the same pages.
func BenchmarkWARCImport(b *testing.B) {
	path, _, size := generatedCaptures(b)
	b.SetBytes(size)
	for b.Loop() {
		b.StopTimer()
		store := openStore(b)
		b.StartTimer()
		if _, err := importer.Import(context.Background(), store, []string{path}, importer.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPageParse measures the page parser alone on the same pages.
func BenchmarkPageParse(b *testing.B) {
	_, pages, size := generatedCaptures(b)
	b.SetBytes(size)
	for b.Loop() {
		for i, p := range pages {
			if _, err := html.Parse(bytes.NewReader(p), fmt.Sprintf("%s/2024/01/01/post-%d/", site, i+1)); err != nil {
				b.Fatal(err)
			}
		}
	}
}
