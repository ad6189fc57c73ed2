package search

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// A one-word search that passes on only the matches that can be among the
// best must show the same page of hits, with the same scores, and count
// the same matches as bleve's collector given every match. (Equal scores
// from different shards may come in another order; the generated words
// have none at the pages' edges.)
func TestBestOfFindsWhatTheCollectorFinds(t *testing.T) {
	forEachShardCount(t, func(t *testing.T, shards int) {
		store, dir := newArchive(t)
		writeGenerated(t, store, 400, 4)
		ix := openSynced(t, store, dir, shards)
		ctx := context.Background()
		g := newBenchBlog()
		pages := []struct{ limit, offset int }{{10, 0}, {1, 0}, {3, 7}, {10, 40}, {50, 0}}
		words := []string{"qqqzzzx"} // in no document
		for _, rank := range []int{0, 1, 5, 20, 100, 1000} {
			words = append(words, g.words[rank])
		}
		for _, word := range words {
			for _, page := range pages {
				t.Run(fmt.Sprintf("%s/%d+%d", word, page.offset, page.limit), func(t *testing.T) {
					sr, err := searchRequest(Request{Query: word, Limit: page.limit, Offset: page.offset})
					if err != nil {
						t.Fatal(err)
					}
					q := must(buildQuery(word, "", true))
					sr.Query = q
					want, err := ix.idx.SearchInContext(ctx, sr)
					if err != nil {
						t.Fatal(err)
					}
					best, ok := bestOfRequest(q, sr).(*bestOf)
					if !ok {
						t.Fatalf("a one-word search by relevance is not searched for the best only")
					}
					sr.Query = best
					got, err := ix.idx.SearchInContext(ctx, sr)
					if err != nil {
						t.Fatal(err)
					}
					if !best.pruned.Load() {
						t.Fatal("the shards searched every match")
					}
					if n := matchCount(best, got); n != want.Total {
						t.Errorf("%d matches counted, want %d", n, want.Total)
					}
					if len(got.Hits) != len(want.Hits) {
						t.Fatalf("%d hits, want %d", len(got.Hits), len(want.Hits))
					}
					for i := range want.Hits {
						if got.Hits[i].ID != want.Hits[i].ID || got.Hits[i].Score != want.Hits[i].Score {
							t.Errorf("hit %d: %s scored %g, want %s scored %g", i, got.Hits[i].ID, got.Hits[i].Score, want.Hits[i].ID, want.Hits[i].Score)
						}
					}
				})
			}
		}
	})
}

// Only a search ranked by relevance alone, without facets or filters, is
// searched for the best matches only.
func TestBestOfOnlyWhereItHolds(t *testing.T) {
	for _, req := range []Request{
		{Query: "word", Sort: "date"},
		{Query: "word", Facets: true},
		{Query: "word tag:t1"},
		{Query: "word -other"},
	} {
		sr := must(searchRequest(req))
		q := must(buildQuery(req.Query, "", true))
		if _, ok := bestOfRequest(q, sr).(*bestOf); ok {
			t.Errorf("%+v is searched for the best matches only", req)
		}
	}
}

// A word searched alone scores as bleve scores it inside a query of one
// clause, which weighs the title's boost against the content; left alone,
// bleve applies no weights and the boost did nothing.
func TestOneWordWeighsTheTitle(t *testing.T) {
	store, dir := newArchive(t)
	writeGenerated(t, store, 200, 2)
	ix := openSynced(t, store, dir, 0)
	ctx := context.Background()
	word := newBenchBlog().words[3]
	scores := func(q query.Query) map[string]float64 {
		sr := must(searchRequest(Request{Query: word, Limit: 50}))
		sr.Query = q
		res := must(ix.idx.SearchInContext(ctx, sr))
		out := map[string]float64{}
		for _, h := range res.Hits {
			out[h.ID] = h.Score
		}
		return out
	}
	q := must(buildQuery(word, "", true))
	weighed := scores(query.NewDisjunctionQuery([]query.Query{q}))
	for name, got := range map[string]map[string]float64{"alone": scores(q), "best only": scores(bestOfRequest(q, must(searchRequest(Request{Query: word, Limit: 50}))))} {
		if len(got) != len(weighed) || len(got) == 0 {
			t.Fatalf("%s: %d hits, want %d", name, len(got), len(weighed))
		}
		for id, want := range weighed {
			if math.Abs(got[id]-want) > 1e-12*want {
				t.Errorf("%s: %s scored %g, want %g", name, id, got[id], want)
			}
		}
	}
}
