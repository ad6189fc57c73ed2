package search

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
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
)

// mappingVersion changes whenever the mapping or the documents change; an
// index built with another version is rebuilt.
const mappingVersion = 3

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
	fieldContent     = "content"
	fieldExcerpt     = "excerpt"
	fieldAuthor      = "author"
	fieldAuthorLogin = "author_login"
	fieldCategory    = "category"
	fieldCategorySlg = "category_slug"
	fieldTag         = "tag"
	fieldTagSlug     = "tag_slug"
	fieldSite        = "site"
	fieldSiteURL     = "site_url" // stored on posts only: comments read their post's
	fieldType        = "type"
	fieldDate        = "date"
	fieldDateSort    = "date_sort"
	fieldYear        = "year"
	fieldShownDate   = "shown_date"
	fieldLink        = "link"
	fieldPostID      = "post_id"
)

// weightedField is a text field searched by the words of a query that
// name no field.
type weightedField struct {
	name  string
	boost float64
}

// textFields are the fields unqualified words search, each with its
// weight: title matches rank above body matches.
func textFields() []weightedField {
	return []weightedField{{fieldTitle, 3}, {fieldExcerpt, 1.5}, {fieldContent, 1}}
}

// newMapping builds the index mapping for one language. Dynamic mapping is
// off so that only the fields named here are indexed, and there is no _all
// field: queries name the text fields themselves, with their weights.
func newMapping(lang string) (*mapping.IndexMappingImpl, error) {
	analyzer, ok := analyzerFor(lang)
	if !ok {
		return nil, fmt.Errorf("search: no analyzer for language %q (parc knows %s)", lang, strings.Join(Languages(), ", "))
	}

	text := func(store, positions bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = positions // phrase queries and highlighting need them
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keywordField := func(facet, store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = facet
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	storedNumber := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	date := bleve.NewDateTimeFieldMapping()
	date.Store = false // bleve would give it back in UTC: shown_date keeps the offset
	date.IncludeInAll = false
	date.DocValues = false // date_sort sorts

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldTitle, text(true, true))
	// Content is not stored: snippets are made from the archive's text
	// (snippet.go). It keeps its term vectors: scorch records positions
	// only with them, and phrase queries need positions.
	doc.AddFieldMappingsAt(fieldContent, text(false, true))
	doc.AddFieldMappingsAt(fieldExcerpt, text(false, false))
	doc.AddFieldMappingsAt(fieldAuthor, keywordField(true, true))
	doc.AddFieldMappingsAt(fieldAuthorLogin, keywordField(false, false))
	doc.AddFieldMappingsAt(fieldCategory, keywordField(true, false))
	doc.AddFieldMappingsAt(fieldCategorySlg, keywordField(false, false))
	doc.AddFieldMappingsAt(fieldTag, keywordField(true, false))
	doc.AddFieldMappingsAt(fieldTagSlug, keywordField(false, false))
	doc.AddFieldMappingsAt(fieldSite, keywordField(false, false))
	doc.AddFieldMappingsAt(fieldSiteURL, storedOnly())
	doc.AddFieldMappingsAt(fieldType, keywordField(false, true))
	doc.AddFieldMappingsAt(fieldYear, keywordField(true, false))
	doc.AddFieldMappingsAt(fieldDate, date)
	doc.AddFieldMappingsAt(fieldDateSort, keywordField(true, false))
	doc.AddFieldMappingsAt(fieldShownDate, storedOnly())
	doc.AddFieldMappingsAt(fieldLink, storedOnly())
	doc.AddFieldMappingsAt(fieldPostID, storedNumber())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzer
	m.DefaultField = fieldContent
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}
