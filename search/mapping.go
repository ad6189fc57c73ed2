package search

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// mappingVersion changes whenever the mapping or the documents change; an
// index built with another version is rebuilt.
const mappingVersion = 6

// DefaultLang is the analyzer used when neither the caller nor the site
// names a language parc has an analyzer for.
const DefaultLang = "en"

// analyzerFor names the bleve analyzer for a language parc indexes.
func analyzerFor(lang string) (string, bool) {
	switch lang {
	case "en":
		return en.AnalyzerName, true
	case "de":
		return de.AnalyzerName, true
	case "fr":
		return fr.AnalyzerName, true
	case "es":
		return es.AnalyzerName, true
	case "it":
		return it.AnalyzerName, true
	case "pt":
		return pt.AnalyzerName, true
	case "nl":
		return nl.AnalyzerName, true
	case "ru":
		return ru.AnalyzerName, true
	case "cjk":
		return cjk.AnalyzerName, true
	}
	return "", false
}

// Languages lists the values Options.Lang accepts.
func Languages() []string {
	return []string{"en", "de", "fr", "es", "it", "pt", "nl", "ru", "cjk"}
}

// LangOf picks the analyzer language for a language tag as a WordPress
// export gives it ("en-GB", "pt_BR", "zh-CN"); "" when parc has none.
func LangOf(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	base, _, _ = strings.Cut(base, "_")
	switch base {
	case "zh", "ja", "ko":
		return "cjk"
	}
	if _, ok := analyzerFor(base); ok {
		return base
	}
	return ""
}

// Field names shared by the mapping, the documents and the queries.
const (
	fieldTitle       = "title"
	fieldContent     = "content" // all the words: a post's title, excerpt and content, or a comment's text
	fieldAuthor      = "author"
	fieldAuthorLogin = "author_login"
	fieldCategory    = "category"
	fieldCategorySlg = "category_slug"
	fieldTag         = "tag"
	fieldTagSlug     = "tag_slug"
	fieldSite        = "site"
	fieldType        = "type"
	fieldDay         = "day" // the UTC day and month, for after: and before: (dayTerm, monthTerm)
	fieldDateSort    = "date_sort"
	fieldYear        = "year"
)

// titleBoost weighs a match in the title against one in the content.
// The content field holds the title's words too, so a word in the title
// scores in both: title matches rank above body matches.
const titleBoost = 2

// The index keeps the positions of words, which phrase queries need, but
// not their byte offsets: snippets find the matched words in the archive's
// text again (snippet.go). Offsets were a third of the positions' size.
// Each language's analyzer is wrapped under a name of its own, which the
// mapping saved with an index refers to.
const positionsOnlyPrefix = "parc_positions_"

func init() {
	for _, lang := range Languages() {
		name, _ := analyzerFor(lang)
		registry.RegisterAnalyzer(positionsOnlyPrefix+lang, func(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
			a, err := cache.AnalyzerNamed(name)
			if err != nil {
				return nil, err
			}
			return positionsOnly{a}, nil
		})
	}
}

// maxTermBytes caps a word the index takes. No language has words near
// it; what is longer is a run of base64, a pasted hash or a hostile
// source's single 200 MB "word", and each such term would cost the
// dictionary its full length.
const maxTermBytes = 120

// positionsOnly is an analyzer whose tokens carry no byte offsets and
// that drops terms longer than maxTermBytes; the words after one keep
// their positions, so a phrase never matches across the gap.
type positionsOnly struct{ analysis.Analyzer }

func (a positionsOnly) Analyze(text []byte) analysis.TokenStream {
	tokens := a.Analyzer.Analyze(text)
	kept := tokens[:0]
	for _, t := range tokens {
		if len(t.Term) > maxTermBytes {
			continue
		}
		t.Start, t.End = 0, 0
		kept = append(kept, t)
	}
	return kept
}

// newMapping builds the index mapping for one language. Dynamic mapping is
// off so that only the fields named here are indexed, and there is no _all
// field: queries name the text fields themselves, with their weights.
// Nothing is stored and only the facets and the date sort keep doc values.
func newMapping(lang string) (*mapping.IndexMappingImpl, error) {
	analyzer, ok := analyzerFor(lang)
	if !ok {
		return nil, fmt.Errorf("search: no analyzer for language %q (parc knows %s)", lang, strings.Join(Languages(), ", "))
	}

	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = positionsOnlyPrefix + lang
		f.Store = false             // hits are read from the archive (results.go)
		f.IncludeTermVectors = true // positions, for phrase queries
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keywordField := func(facet bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = facet
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldTitle, text())
	doc.AddFieldMappingsAt(fieldContent, text())
	doc.AddFieldMappingsAt(fieldAuthor, keywordField(true))
	doc.AddFieldMappingsAt(fieldAuthorLogin, keywordField(false))
	doc.AddFieldMappingsAt(fieldCategory, keywordField(true))
	doc.AddFieldMappingsAt(fieldCategorySlg, keywordField(false))
	doc.AddFieldMappingsAt(fieldTag, keywordField(true))
	doc.AddFieldMappingsAt(fieldTagSlug, keywordField(false))
	doc.AddFieldMappingsAt(fieldSite, keywordField(false))
	doc.AddFieldMappingsAt(fieldType, keywordField(false))
	doc.AddFieldMappingsAt(fieldYear, keywordField(true))
	doc.AddFieldMappingsAt(fieldDay, keywordField(false))
	doc.AddFieldMappingsAt(fieldDateSort, keywordField(true))

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzer
	m.DefaultField = fieldContent
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}
