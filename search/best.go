package search

import (
	"container/heap"
	"context"
	"errors"
	"math"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
)

// bestOf is a one-word search whose hits are ranked by score alone, with
// no facets: only its k best matches are shown, and how many there are.
// bleve's collector would take every match of the word (a third of a
// million for a common word in a large archive) and score, copy and weigh
// each against the best so far. bestOf's searcher reads the word's
// postings itself and passes on only the matches that can still be among
// the k best, judged by the word's frequency and the document's length
// before any scoring; the others are only counted. The hits, their scores
// and the total are those of the query it wraps, but for the order of
// equal scores from different shards: bleve's alias orders those by how
// many matches each shard's collector had seen, which pruning changes.
// Either order is as arbitrary as the other.
type bestOf struct {
	text *titleBoosted
	k    int

	// The shards' searchers pruned, so the collector's total is short.
	// All shards do or none: they share the mapping and the options.
	pruned  atomic.Bool
	matched atomic.Uint64 // matches counted by the shards' searchers
}

// bestOfRequest wraps a request's query in bestOf when the request allows
// it.
func bestOfRequest(q query.Query, sr *bleve.SearchRequest) query.Query {
	text, ok := q.(*titleBoosted)
	if !ok || len(sr.Facets) > 0 || len(sr.Sort) != 1 {
		return q
	}
	if byScore, ok := sr.Sort[0].(*search.SortScore); !ok || !byScore.Desc {
		return q
	}
	if sr.Size+sr.From < 1 {
		return q
	}
	return &bestOf{text: text, k: sr.Size + sr.From}
}

// matchCount is the number of matches of a search run with q: the
// collector's count unless bestOf's searchers pruned.
func matchCount(q query.Query, res *bleve.SearchResult) uint64 {
	if b, ok := q.(*bestOf); ok && b.pruned.Load() {
		return b.matched.Load()
	}
	return res.Total
}

// unwrapBest is the query bestOf wraps.
func unwrapBest(q query.Query) query.Query {
	if b, ok := q.(*bestOf); ok {
		return b.text
	}
	return q
}

func (q *bestOf) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	word, ok := oneTerm(q.text.content, m).(*query.TermQuery)
	if !ok || !linearScores(m) || options.Score == "none" || options.Explain {
		return q.text.Searcher(ctx, i, m, options)
	}
	docs, err := i.DocCount()
	if err != nil {
		return nil, err
	}
	postings, err := i.TermFieldReader(ctx, []byte(word.Term), word.FieldVal, true, true, options.IncludeTermVectors)
	if err != nil {
		return nil, err
	}
	title, err := q.text.titleSearcher(ctx, i, m, options)
	if err != nil {
		postings.Close()
		return nil, err
	}
	q.pruned.Store(true)
	s := &bestSearcher{
		ctx:      ctx,
		postings: postings,
		// As bleve's term searcher scores the word by tf-idf.
		scorer:  scorer.NewTermQueryScorer([]byte(word.Term), word.FieldVal, word.Boost(), docs, postings.Count(), 0, options),
		title:   title,
		k:       q.k,
		matched: &q.matched,
	}
	normalize(s)
	return s, nil
}

// linearScores tells whether a term's score in a document is its weight
// there (the square root of its frequency times the field's length norm)
// times a constant, as in bleve's default tf-idf scoring but not in BM25.
func linearScores(m mapping.IndexMapping) bool {
	im, ok := m.(*mapping.IndexMappingImpl)
	return ok && (im.ScoringModel == "" || im.ScoringModel == index.TFIDFScoring)
}

// bestSearcher is bestOf's searcher.
type bestSearcher struct {
	ctx      context.Context
	postings index.TermFieldReader // the word in the content
	doc      index.TermFieldDoc
	scorer   *scorer.TermQueryScorer
	title    *titleStream
	k        int
	best     scoreHeap // the scores of the best matches passed on, at most k
	// perWeight is a content score divided by the word's weight in that
	// document, the same for every document; 0 until a match is scored.
	perWeight float64
	counted   uint64
	matched   *atomic.Uint64
}

func (s *bestSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return s.next(ctx, nil)
}

func (s *bestSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	return s.next(ctx, id)
}

// next passes on the next match, from id on when id is not nil, that can
// be among the k best.
func (s *bestSearcher) next(ctx *search.SearchContext, from index.IndexInternalID) (*search.DocumentMatch, error) {
	for {
		var d *index.TermFieldDoc
		var err error
		if from != nil {
			d, err = s.postings.Advance(from, s.doc.Reset())
			from = nil
		} else {
			d, err = s.postings.Next(s.doc.Reset())
		}
		if err != nil {
			return nil, err
		}
		if d == nil {
			s.matched.Add(s.counted)
			s.counted = 0
			return nil, nil
		}
		s.counted++
		if s.counted%1024 == 0 && s.ctx.Err() != nil {
			return nil, s.ctx.Err()
		}
		weight := math.Sqrt(float64(d.Freq)) * d.Norm
		if len(s.best) == s.k && s.perWeight > 0 {
			title, err := s.title.at(ctx, d.ID)
			if err != nil {
				return nil, err
			}
			// The margin covers rounding: a match that may tie goes on.
			bound := weight * s.perWeight * (1 + 1e-9)
			if title != nil {
				bound += title.Score
			}
			if bound < s.best[0] {
				continue
			}
		}
		dm := s.scorer.Score(ctx, d)
		if s.perWeight == 0 && weight > 0 {
			s.perWeight = dm.Score / weight
		}
		if dm, err = s.title.add(ctx, dm); err != nil {
			return nil, err
		}
		s.keep(dm.Score)
		return dm, nil
	}
}

// keep counts a score passed on among the best k.
func (s *bestSearcher) keep(score float64) {
	switch {
	case len(s.best) < s.k:
		heap.Push(&s.best, score)
	case score > s.best[0]:
		s.best[0] = score
		heap.Fix(&s.best, 0)
	}
}

func (s *bestSearcher) Close() error {
	return errors.Join(s.postings.Close(), s.title.Close())
}

func (s *bestSearcher) Weight() float64 { return s.scorer.Weight() + s.title.Weight() }

func (s *bestSearcher) SetQueryNorm(norm float64) {
	s.scorer.SetQueryNorm(norm)
	s.title.SetQueryNorm(norm)
}

func (s *bestSearcher) Count() uint64 { return s.postings.Count() }
func (s *bestSearcher) Min() int      { return 0 }
func (s *bestSearcher) Size() int     { return 128 + s.postings.Size() + s.title.Size() + 8*cap(s.best) }

func (s *bestSearcher) DocumentMatchPoolSize() int { return 1 + s.title.DocumentMatchPoolSize() }

// scoreHeap is a min-heap of scores.
type scoreHeap []float64

func (h scoreHeap) Len() int           { return len(h) }
func (h scoreHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h scoreHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoreHeap) Push(x any)        { *h = append(*h, x.(float64)) }
func (h *scoreHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
