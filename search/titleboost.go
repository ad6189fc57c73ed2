package search

import (
	"context"
	"errors"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// titleBoosted is a text query over the content field whose matches score
// more when the title matches too. A post's content field holds its title,
// so the title's matches are a subset of the content's: the content
// matches are the hits, and the title only adds to their scores. bleve's
// disjunction of the two fields merged two streams of matches and scored
// every document through a disjunction; this walks one stream and looks
// the title up alongside, which took 40% off a word matching a third of a
// million documents.
type titleBoosted struct {
	content, title query.Query
}

func (q *titleBoosted) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	content, err := oneTerm(q.content, m).Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	title, err := q.titleSearcher(ctx, i, m, options)
	if err != nil {
		content.Close()
		return nil, err
	}
	s := &titleBoostSearcher{content: content, title: title}
	normalize(s)
	return s, nil
}

// weighed is a searcher an enclosing query weighs against its others.
type weighed interface {
	Weight() float64
	SetQueryNorm(norm float64)
}

// normalize weighs the content's and the title's parts of a searcher
// against each other as a disjunction of the two would. Nothing does for a
// search of one word, which no query encloses, and its scores then left
// out the title's boost; a query that encloses it sets its own norm later.
func normalize(s weighed) {
	if w := s.Weight(); w > 0 {
		s.SetQueryNorm(1 / math.Sqrt(w))
	}
}

func (q *titleBoosted) titleSearcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (*titleStream, error) {
	title, err := oneTerm(q.title, m).Searcher(ctx, i, m, options)
	if err != nil {
		return nil, err
	}
	return &titleStream{Searcher: title}, nil
}

// oneTerm turns a match query for one word into a query for its term.
// bleve searches even one word's term through a disjunction, which
// re-scores and copies every match: a fifth of the time of a common word.
func oneTerm(q query.Query, m mapping.IndexMapping) query.Query {
	match, ok := q.(*query.MatchQuery)
	if !ok || match.Fuzziness != 0 {
		return q
	}
	analyzerName := match.Analyzer
	if analyzerName == "" {
		analyzerName = m.AnalyzerNameForPath(match.FieldVal)
	}
	analyzer := m.AnalyzerNamed(analyzerName)
	if analyzer == nil {
		return q // bleve's own searcher reports the missing analyzer
	}
	tokens := analyzer.Analyze([]byte(match.Match))
	if len(tokens) != 1 {
		return q
	}
	t := query.NewTermQuery(string(tokens[0].Term))
	t.SetField(match.FieldVal)
	t.SetBoost(match.Boost())
	return t
}

// titleBoostSearcher is titleBoosted's searcher.
type titleBoostSearcher struct {
	content search.Searcher
	title   *titleStream
}

func (s *titleBoostSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	dm, err := s.content.Next(ctx)
	if err != nil || dm == nil {
		return dm, err
	}
	return s.title.add(ctx, dm)
}

func (s *titleBoostSearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.content.Advance(ctx, id)
	if err != nil || dm == nil {
		return dm, err
	}
	return s.title.add(ctx, dm)
}

func (s *titleBoostSearcher) Close() error {
	return errors.Join(s.content.Close(), s.title.Close())
}

// Weight and SetQueryNorm let an enclosing query weigh both parts, as it
// would the two clauses of a disjunction.
func (s *titleBoostSearcher) Weight() float64 { return s.content.Weight() + s.title.Weight() }

func (s *titleBoostSearcher) SetQueryNorm(norm float64) {
	s.content.SetQueryNorm(norm)
	s.title.SetQueryNorm(norm)
}

func (s *titleBoostSearcher) Count() uint64 { return s.content.Count() }

func (s *titleBoostSearcher) Min() int { return 0 }

func (s *titleBoostSearcher) Size() int { return 64 + s.content.Size() + s.title.Size() }

func (s *titleBoostSearcher) DocumentMatchPoolSize() int {
	return s.content.DocumentMatchPoolSize() + s.title.DocumentMatchPoolSize()
}

// titleStream follows the title's matches alongside the content's, which
// come in the same order and include them.
type titleStream struct {
	search.Searcher
	match   *search.DocumentMatch // the title's current match; nil when exhausted
	matchAt uint64                // match's document
	started bool
}

// add adds the title's score and locations to a content match when the
// title matches the same document.
func (t *titleStream) add(ctx *search.SearchContext, dm *search.DocumentMatch) (*search.DocumentMatch, error) {
	tm, err := t.at(ctx, dm.IndexInternalID)
	if err != nil || tm == nil {
		return dm, err
	}
	dm.Score += tm.Score
	if dm.Expl != nil && tm.Expl != nil {
		dm.Expl = &search.Explanation{Value: dm.Score, Message: "sum of content and title", Children: []*search.Explanation{dm.Expl, tm.Expl}}
	}
	dm.FieldTermLocations = search.MergeFieldTermLocationsFromMatch(dm.FieldTermLocations, tm)
	return dm, nil
}

// at brings the stream up to a document and returns the title's match
// there; nil when the title does not match it. It runs for each match of
// the content: IDs are compared as the numbers they hold.
func (t *titleStream) at(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	n := id.Value()
	if !t.started || (t.match != nil && t.matchAt < n) {
		if t.match != nil {
			ctx.DocumentMatchPool.Put(t.match)
		}
		t.started = true
		var err error
		if t.match, err = t.Advance(ctx, id); err != nil {
			return nil, err
		}
		if t.match != nil {
			t.matchAt = t.match.IndexInternalID.Value()
		}
	}
	if t.match == nil || t.matchAt != n {
		return nil, nil
	}
	return t.match, nil
}
