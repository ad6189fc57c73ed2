package search

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/benchsize"
	"github.com/parc-archive/parc/internal/gctune"
)

// benchScale reads the benchmark archive's size from the environment:
// PARC_BENCH_POSTS posts (default 100000) with PARC_BENCH_COMMENTS
// approved comments each (default 10), the 100k posts and 1M
// comments.
func benchScale(b *testing.B) (posts, comments int) {
	return benchsize.Get(b, "PARC_BENCH_POSTS", 100000), benchsize.Get(b, "PARC_BENCH_COMMENTS", 10)
}

// benchBlog generates blog posts of varied words, dates, tags and
// categories, deterministically: word frequencies fall off as in real
// text, so some words are rare and some are everywhere.
type benchBlog struct {
	rng   *rand.Rand
	zipf  *rand.Zipf
	words []string
}

func newBenchBlog() *benchBlog {
	rng := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 20000)
	for i := range words {
		var w strings.Builder
		for n := 3 + rng.IntN(7); w.Len() < n; {
			w.WriteByte("etaoinshrdlucmfwypvbgkqjxz"[min(rng.IntN(26), rng.IntN(26))])
		}
		words[i] = w.String()
	}
	return &benchBlog{rng: rng, zipf: rand.NewZipf(rng, 1.1, 2, uint64(len(words)-1)), words: words}
}

// phrase is n words.
func (g *benchBlog) phrase(n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = g.words[g.zipf.Uint64()]
	}
	return strings.Join(words, " ")
}

// text is n words in paragraphs of twelve, as post content.
func (g *benchBlog) text(n int) string {
	var b strings.Builder
	for n > 0 {
		k := min(n, 12)
		b.WriteString("<p>" + g.phrase(k) + ".</p>\n")
		n -= k
	}
	return b.String()
}

func (g *benchBlog) post(id, comments int) *archive.Post {
	date := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(g.rng.Int64N(20 * 365 * 24 * int64(time.Hour))))
	p := &archive.Post{
		ID: int64(id), Type: "post", Status: "publish",
		Title: g.phrase(2 + g.rng.IntN(6)),
		Slug:  "post-" + strconv.Itoa(id),
		Link:  "https://bench.example.org/post-" + strconv.Itoa(id) + "/",
		Date:  date, DateGMT: date,
		AuthorLogin: []string{"admin", "editor", "guest"}[g.rng.IntN(3)],
		ContentRaw:  g.text(150 + g.rng.IntN(300)),
		ExcerptRaw:  g.text(20),
		Terms: []archive.TermRef{
			{Taxonomy: "category", Slug: "c" + strconv.Itoa(g.rng.IntN(10)), Name: "Category " + strconv.Itoa(g.rng.IntN(10))},
			{Taxonomy: "post_tag", Slug: "t" + strconv.Itoa(g.rng.IntN(50)), Name: "t" + strconv.Itoa(g.rng.IntN(50))},
		},
	}
	for c := 0; c < comments; c++ {
		p.Comments = append(p.Comments, archive.Comment{
			ID: int64(id*comments + c), Author: "Reader " + strconv.Itoa(g.rng.IntN(500)),
			Date: date.Add(time.Duration(c+1) * time.Hour), DateGMT: date.Add(time.Duration(c+1) * time.Hour),
			ContentRaw: g.text(20 + g.rng.IntN(60)), Approved: archive.CommentApproved, Type: "comment",
		})
	}
	return p
}

// benchArchive writes a generated blog into a new archive, or, when
// PARC_BENCH_DIR names a directory, into the archive there unless it
// already holds one: runs of the query benchmarks then share one archive
// and its index instead of generating and indexing it again each time.
func benchArchive(b *testing.B, posts, comments int) (*archive.Store, string) {
	dir := os.Getenv("PARC_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	store, err := archive.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	if last, err := store.LastImport(context.Background()); err != nil {
		b.Fatal(err)
	} else if last > 0 {
		have, err := store.CountSearchable(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if have.Posts != posts || have.Comments != posts*comments {
			b.Fatalf("%s holds %d posts and %d comments, not the %d and %d asked for", dir, have.Posts, have.Comments, posts, posts*comments)
		}
		return store, dir
	}
	writeGenerated(b, store, posts, comments)
	return store, dir
}

// writeGenerated imports a generated blog into store.
func writeGenerated(tb testing.TB, store *archive.Store, posts, comments int) {
	ctx := context.Background()
	imp, err := store.BeginImport(ctx, archive.Source{Path: "generated", Format: "wxr", Authority: archive.AuthorityExport})
	if err != nil {
		tb.Fatal(err)
	}
	put := func(r archive.Record) {
		if err := imp.Put(r); err != nil {
			tb.Fatal(err)
		}
	}
	put(archive.Record{Site: &archive.Site{URL: "https://bench.example.org", Title: "Bench", Language: "en-US"}})
	for _, login := range []string{"admin", "editor", "guest"} {
		put(archive.Record{Author: &archive.Author{Login: login, DisplayName: strings.ToUpper(login[:1]) + login[1:]}})
	}
	g := newBenchBlog()
	for i := 1; i <= posts; i++ {
		put(archive.Record{Post: g.post(i, comments)})
	}
	if _, err := imp.Finish("", nil); err != nil {
		tb.Fatal(err)
	}
}

func dirSize(dir string) int64 {
	var size int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	return size
}

// BenchmarkSearch measures, on one generated archive: building the index
// from the store beside bleve's own batch indexing of the same documents,
// the index's size against the plain text it holds, and query latency on
// the warm index.
//
//	go test -run '^$' -bench BenchmarkSearch -benchtime 1x -timeout 2h ./search
//	PARC_BENCH_POSTS=10000 go test -run '^$' -bench BenchmarkSearch -benchtime 1x ./search
//	PARC_BENCH_DIR=/tmp/bench go test -run '^$' -bench 'BenchmarkSearch/query' -benchtime 200x ./search
func BenchmarkSearch(b *testing.B) {
	posts, comments := benchScale(b)
	store, dir := benchArchive(b, posts, comments)
	ctx := context.Background()
	docs := posts * (1 + comments)

	// parc's build runs with the collector set as parc reindex sets it;
	// bare bleve gets the same growth and no memory limit, which suits
	// its heap of prepared documents.
	defer debug.SetGCPercent(debug.SetGCPercent(gctune.RebuildPercent))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	b.Run("build", func(b *testing.B) {
		debug.SetMemoryLimit(gctune.MemoryLimit)
		defer debug.SetMemoryLimit(math.MaxInt64)
		for b.Loop() {
			if _, err := Rebuild(ctx, store, dir, Options{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})

	b.Run("bare-bleve", func(b *testing.B) {
		m, err := newMapping(DefaultLang)
		if err != nil {
			b.Fatal(err)
		}
		// The same documents, with the same mapping, made before the
		// timing: only bleve counts, from creating the index through
		// batches of the same size as parc's to closing it, by the wall
		// clock as for build (bleve persists and merges in background
		// goroutines, so timing only the Batch calls would leave work out).
		type idDoc struct {
			id       string
			doc      document
			postEnds bool // parc flushes only between posts: so does this
		}
		var all []idDoc
		var textBytes int64
		err = store.ForEachPost(ctx, func(p *archive.StoredPost) error {
			if !searchable(p) {
				return nil
			}
			d, _ := postDocument(p, p.AuthorLogin)
			textBytes += int64(len(d.Content))
			all = append(all, idDoc{postDocID(p.Key), d, len(p.Comments) == 0})
			for i := range p.Comments {
				d, _ := commentDocument(p, &p.Comments[i])
				textBytes += int64(len(d.Content))
				all = append(all, idDoc{commentDocID(p.Key, p.Comments[i].ID), d, i == len(p.Comments)-1})
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for b.Loop() {
			idx, err := bleve.New(filepath.Join(b.TempDir(), "bare"), m)
			if err != nil {
				b.Fatal(err)
			}
			batch := idx.NewBatch()
			for i, d := range all {
				if err := batch.Index(d.id, d.doc); err != nil {
					b.Fatal(err)
				}
				if (d.postEnds && batch.Size() >= batchDocs) || i == len(all)-1 {
					if err := idx.Batch(batch); err != nil {
						b.Fatal(err)
					}
					batch = idx.NewBatch()
				}
			}
			if err := idx.Close(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(all))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		ptr, err := readPointer(dir)
		if err != nil {
			b.Fatal(err)
		}
		indexBytes := dirSize(filepath.Join(dir, ptr.Index))
		b.ReportMetric(float64(indexBytes)/float64(textBytes), "index/text")
		b.ReportMetric(float64(textBytes)/(1<<20), "text-MiB")
		b.ReportMetric(float64(indexBytes)/(1<<20), "index-MiB")
	})

	ix, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Sync(ctx, store); err != nil {
		b.Fatal(err)
	}
	g := newBenchBlog()
	queries := []struct {
		name string
		req  func(i int) Request
	}{
		{"term", func(i int) Request { return Request{Query: g.words[20+i%200]} }},
		{"phrase", func(i int) Request { return Request{Query: `"` + g.words[2+i%20] + " " + g.words[2+(i+1)%20] + `"`} }},
		{"tag-year", func(i int) Request {
			return Request{Query: g.words[20+i%200] + " tag:t" + strconv.Itoa(i%50) + " year:" + strconv.Itoa(2005+i%20)}
		}},
		{"facets", func(i int) Request { return Request{Query: g.words[20+i%200], Facets: true} }},
	}
	for _, q := range queries {
		b.Run("query/"+q.name, func(b *testing.B) {
			var took []time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				if _, err := ix.Search(ctx, q.req(i)); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
			}
			slices.Sort(took)
			ms := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / float64(time.Millisecond) }
			b.ReportMetric(ms(0.50), "p50-ms")
			b.ReportMetric(ms(0.99), "p99-ms")
		})
	}
	fmt.Fprintf(os.Stderr, "benchmark archive: %d posts, %d comments\n", posts, posts*comments)
}
