package search

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/parc-archive/parc/archive"
)

// MaxQueryLength caps a query, in bytes: longer ones are refused rather
// than turned into huge searches.
const MaxQueryLength = 1024

// ErrBadQuery is what every QueryError is: errors.Is(err, ErrBadQuery)
// tells a query parc cannot run.
var ErrBadQuery = errors.New("bad query")

// QueryError is a query parc cannot understand or refuses to run.
type QueryError struct {
	Reason string // where and why, for the person who typed the query
}

func (e *QueryError) Error() string        { return ErrBadQuery.Error() + ": " + e.Reason }
func (e *QueryError) Is(target error) bool { return target == ErrBadQuery }

func badQuery(format string, args ...any) error {
	return &QueryError{Reason: fmt.Sprintf(format, args...)}
}

// parsedQuery is a query split into the words bleve's query-string syntax
// reads and the friendly filters parc reads itself.
type parsedQuery struct {
	text    string        // query-string syntax, filters taken out
	filters []query.Query // each must match
	exclude []query.Query // none may match
}

// parseQuery takes the friendly filters (author:, tag:, category:, site:,
// type:, after:, before:, year:) out of a query; a leading - negates one.
func parseQuery(raw string) (parsedQuery, error) {
	var pq parsedQuery
	if len(raw) > MaxQueryLength {
		return pq, badQuery("the query is %d bytes long; the most parc takes is %d", len(raw), MaxQueryLength)
	}
	raw = strings.ToValidUTF8(raw, "\uFFFD")
	tokens, unclosed := splitQuery(raw)
	if err := checkSyntax(tokens, unclosed); err != nil {
		return pq, err
	}
	var rest []string
	for _, t := range tokens {
		token := t.text
		negated := strings.HasPrefix(token, "-")
		body := strings.TrimLeft(token, "+-")
		name, value, ok := strings.Cut(body, ":")
		if !ok || !isFilter(strings.ToLower(name)) {
			rest = append(rest, quoteCompound(token))
			continue
		}
		value = unquote(value)
		if value == "" {
			return pq, badQuery("%s: needs a value, as in %s:VALUE", name, name)
		}
		f, err := filterQuery(strings.ToLower(name), value)
		if err != nil {
			return pq, err
		}
		if negated {
			pq.exclude = append(pq.exclude, f)
		} else {
			pq.filters = append(pq.filters, f)
		}
	}
	pq.text = strings.Join(rest, " ")
	return pq, nil
}

// A queryToken is one space-separated part of a query and the character
// it starts at, counted from 0.
type queryToken struct {
	text  string
	start int
}

// splitQuery splits at spaces outside double quotes; a backslash escapes
// the next character, as in bleve's syntax. unclosed is the character at
// which a quote opens a phrase that is never closed, or -1.
func splitQuery(s string) (tokens []queryToken, unclosed int) {
	var b strings.Builder
	start, pos := 0, -1
	unclosed = -1
	escaped := false
	for _, r := range s {
		pos++
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case r == '"':
			if unclosed < 0 {
				unclosed = pos
			} else {
				unclosed = -1
			}
		case unicode.IsSpace(r) && unclosed < 0:
			if b.Len() > 0 {
				tokens = append(tokens, queryToken{b.String(), start})
				b.Reset()
			}
			continue
		}
		if b.Len() == 0 {
			start = pos
		}
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		tokens = append(tokens, queryToken{b.String(), start})
	}
	return tokens, unclosed
}

// quoteCompound makes a hyphenated word (post-credits, e-mail, Wi-Fi,
// 2012-01-03) a phrase, so that it finds its parts side by side as the
// analyzer indexed them, not any text holding one of them. A leading +
// or - and a field name stay outside the quotes; a word that is quoted,
// a pattern or fuzzy stays as it is.
func quoteCompound(token string) string {
	body := strings.TrimLeft(token, "+-")
	prefix := token[:len(token)-len(body)]
	if name, value, ok := strings.Cut(body, ":"); ok {
		prefix, body = prefix+name+":", value
	}
	if !isCompound(body) {
		return token
	}
	return prefix + `"` + body + `"`
}

// isCompound reports a word of letters and digits joined by hyphens.
func isCompound(word string) bool {
	parts := strings.Split(word, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.IndexFunc(p, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
			return false
		}
	}
	return true
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	return strings.TrimSpace(strings.ReplaceAll(s, `\"`, `"`))
}

func isFilter(name string) bool {
	switch name {
	case "author", "tag", "category", "site", "type", "after", "before", "year":
		return true
	}
	return false
}

func term(field, value string) query.Query {
	q := query.NewTermQuery(value)
	q.SetField(field)
	return q
}

// anyTerm matches when one field holds one of the values.
func anyTerm(pairs ...[2]string) query.Query {
	var qs []query.Query
	for _, p := range pairs {
		qs = append(qs, term(p[0], p[1]))
	}
	return query.NewDisjunctionQuery(qs)
}

func filterQuery(name, value string) (query.Query, error) {
	switch name {
	case "author":
		return anyTerm([2]string{fieldAuthor, value}, [2]string{fieldAuthorLogin, value}), nil
	case "tag":
		return anyTerm([2]string{fieldTag, value}, [2]string{fieldTagSlug, value}, [2]string{fieldTagSlug, strings.ToLower(value)}), nil
	case "category":
		return anyTerm([2]string{fieldCategory, value}, [2]string{fieldCategorySlg, value}, [2]string{fieldCategorySlg, strings.ToLower(value)}), nil
	case "site":
		return siteQuery(value), nil
	case "type":
		switch t := strings.ToLower(value); t {
		case KindPost, KindPage, KindComment:
			return term(fieldType, t), nil
		}
		return nil, badQuery("type:%s: the types are post, page and comment", value)
	case "year":
		if len(value) != 4 || strings.Trim(value, "0123456789") != "" {
			return nil, badQuery("year:%s: a year is four digits, as in year:2012", value)
		}
		return term(fieldYear, value), nil
	default: // after, before
		day, err := time.Parse("2006-01-02", value)
		if err != nil {
			return nil, badQuery("%s:%s: a date is YYYY-MM-DD, as in %s:2012-01-31", name, value, name)
		}
		return dateRange(day, name == "after"), nil
	}
}

// dateRange matches the documents dated from day on (from true) or before
// day: the rest of day's month by day, the rest of its year by month, and
// the years beyond by year.
func dateRange(day time.Time, from bool) query.Query {
	y, m := day.Year(), day.Month()
	firstOfMonth := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	nextMonth := firstOfMonth.AddDate(0, 1, 0)
	parts := []query.Query{}
	span := func(field, min, max string) {
		if min != "" && min == max {
			return
		}
		yes, no := true, false
		q := query.NewTermRangeInclusiveQuery(min, max, &yes, &no)
		q.SetField(field)
		parts = append(parts, q)
	}
	if from {
		span(fieldDay, dayTerm(day), dayTerm(nextMonth))
		if m < time.December {
			span(fieldDay, monthTerm(y, m+1), monthTerm(y+1, time.January))
		}
		span(fieldYear, yearTerm(y+1), "")
	} else {
		span(fieldDay, dayTerm(firstOfMonth), dayTerm(day))
		span(fieldDay, monthTerm(y, time.January), monthTerm(y, m))
		span(fieldYear, "", yearTerm(y))
	}
	return query.NewDisjunctionQuery(parts)
}

// siteQuery matches a site by its URL, as archive.SiteURLsFor reads it.
func siteQuery(value string) query.Query {
	var pairs [][2]string
	for _, u := range archive.SiteURLsFor(value) {
		pairs = append(pairs, [2]string{fieldSite, u})
	}
	return anyTerm(pairs...)
}

// textQuery turns the query-string part into a query over the text
// fields; nil when there are no words. strict false gives the fallback for
// text bleve cannot parse: all of it as plain words.
func textQuery(text string, strict bool) (query.Query, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	if !strict {
		return spread(query.NewMatchQuery(text)), nil
	}
	q, err := query.NewQueryStringQuery(text).Parse()
	if err != nil {
		return nil, badQuery("%q cannot be understood: %v", text, err)
	}
	if err := checkCost(q); err != nil {
		return nil, err
	}
	return spread(q), nil
}

// textFields are the fields a query may name besides parc's filters.
var textFields = []string{fieldTitle, fieldContent}

// checkSyntax finds what bleve's query-string syntax would misread or
// refuse without saying where: an unclosed phrase, a field with no value,
// a field parc does not have, a lone + or -. tokens and unclosed are what
// splitQuery gives. Positions are counted in characters from 1.
func checkSyntax(tokens []queryToken, unclosed int) error {
	for i, t := range tokens {
		// An unclosed phrase runs to the end of the query: it is in the
		// last token, which is told about after the tokens before it.
		if unclosed >= 0 && i == len(tokens)-1 {
			return badQuery("the phrase opened by the quote at character %d is never closed: end it with another \"", unclosed+1)
		}
		if err := checkToken(t.text, t.start+1); err != nil {
			return err
		}
	}
	return nil
}

// checkToken checks one space-separated part of a query, found at
// character at.
func checkToken(token string, at int) error {
	body := strings.TrimLeft(token, "+-")
	if body == "" {
		return badQuery("%q at character %d stands alone: put it right before a word (+word must match, -word must not)", token, at)
	}
	if strings.HasPrefix(body, `"`) || strings.HasPrefix(body, "/") {
		return nil
	}
	name, value, ok := strings.Cut(body, ":")
	if !ok || strings.HasSuffix(name, `\`) {
		return nil
	}
	if !slices.Contains(textFields, strings.ToLower(name)) && !isFilter(strings.ToLower(name)) {
		return badQuery("%s: at character %d is not a field: parc knows %s: and the filters author:, tag:, category:, site:, type:, after:, before:, year: (put text with a colon in quotes)",
			name, at, strings.Join(textFields, ":, "))
	}
	if value == "" {
		return badQuery("%s: at character %d needs a value, as in %s:word", name, at, name)
	}
	return nil
}

// Bounds on the words of a query that stand for many words: wildcards,
// regular expressions and fuzzy words. bleve expands each into every
// word of the index it matches, and then searches them all: /.*/ on an
// archive of 120,000 posts took 16 s and gigabytes. A pattern must start
// with maxLiteralPrefix plain characters, so that only the dictionary's
// words that start with them are read; the words it expands to are capped
// by maxTermSearchers (see Index.run); and every search has a deadline.
const (
	minLiteralPrefix = 2
	maxPatternBytes  = 64
	maxPatterns      = 4
)

// patternOf is the pattern of a query that expands to many words, and
// what to call it; ok is false for other queries.
func patternOf(q query.Query) (kind, pattern string, ok bool) {
	switch q := q.(type) {
	case *query.WildcardQuery:
		return "wildcard", q.Wildcard, true
	case *query.RegexpQuery:
		return "regular expression", "/" + q.Regexp + "/", true
	case *query.FuzzyQuery:
		return "fuzzy word", q.Term + "~", true
	case *query.MatchQuery:
		if q.Fuzziness != 0 {
			return "fuzzy word", q.Match + "~" + strconv.Itoa(q.Fuzziness), true
		}
	}
	return "", "", false
}

// literalPrefix is the plain text every word a wildcard or regular
// expression matches starts with; ok is false for a regular expression
// that does not compile, which bleve refuses by itself.
func literalPrefix(q query.Query) (prefix string, ok bool) {
	switch q := q.(type) {
	case *query.WildcardQuery:
		end := strings.IndexAny(q.Wildcard, "*?")
		if end < 0 {
			return q.Wildcard, true
		}
		return strings.ReplaceAll(q.Wildcard[:end], `\`, ""), true
	case *query.RegexpQuery:
		re, err := regexp.Compile(q.Regexp)
		if err != nil {
			return "", false
		}
		prefix, _ := re.LiteralPrefix()
		return prefix, true
	}
	return "", false
}

// shortPrefix reports a wildcard or regular expression that does not
// start with minLiteralPrefix plain characters.
func shortPrefix(q query.Query) bool {
	prefix, ok := literalPrefix(q)
	return ok && utf8.RuneCountInString(prefix) < minLiteralPrefix
}

// checkCost refuses a query whose patterns could make it search without
// bound, saying why.
func checkCost(q query.Query) error {
	patterns := 0
	var err error
	walkQuery(q, func(q query.Query) {
		kind, pattern, ok := patternOf(q)
		if !ok || err != nil {
			return
		}
		patterns++
		switch {
		case patterns > maxPatterns:
			err = badQuery("a search may hold at most %d wildcards, regular expressions and fuzzy words", maxPatterns)
		case len(pattern) > maxPatternBytes:
			err = badQuery("the %s %s is longer than %d bytes", kind, pattern, maxPatternBytes)
		case kind == "fuzzy word":
			if f := q.(*query.MatchQuery); f.Fuzziness > searcher.MaxFuzziness {
				err = badQuery("the fuzzy word %s allows %d edits; the most parc allows is %d", pattern, f.Fuzziness, searcher.MaxFuzziness)
			}
		case shortPrefix(q):
			err = badQuery("the %s %s must start with at least %d plain letters: one that can match from the first letter reads every word of the index", kind, pattern, minLiteralPrefix)
		}
	})
	return err
}

// Expensive reports whether a query holds words that stand for many
// words (wildcards, regular expressions, fuzzy words), which cost more
// than plain words and phrases: a server runs fewer of them at once.
func Expensive(raw string) bool {
	pq, err := parseQuery(raw)
	if err != nil {
		return false
	}
	q, err := query.NewQueryStringQuery(pq.text).Parse()
	if err != nil || strings.TrimSpace(pq.text) == "" {
		return false // searched as plain words
	}
	expensive := false
	walkQuery(q, func(q query.Query) {
		if _, _, ok := patternOf(q); ok {
			expensive = true
		}
	})
	return expensive
}

// walkQuery calls visit on q and every query inside it.
func walkQuery(q query.Query, visit func(query.Query)) {
	if q == nil {
		return
	}
	visit(q)
	switch q := q.(type) {
	case *query.BooleanQuery:
		walkQuery(q.Must, visit)
		walkQuery(q.Should, visit)
		walkQuery(q.MustNot, visit)
		walkQuery(q.Filter, visit)
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			walkQuery(c, visit)
		}
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			walkQuery(d, visit)
		}
	}
}

// spread makes each part of a query that names no field search the
// content, scoring more where the title matches too, so that title
// matches rank above body matches.
func spread(q query.Query) query.Query {
	switch q := q.(type) {
	case *query.BooleanQuery:
		if q.Must != nil {
			q.Must = spread(q.Must)
		}
		if q.Should != nil {
			q.Should = spread(q.Should)
		}
		if q.MustNot != nil {
			q.MustNot = spread(q.MustNot)
		}
		if q.MustNot == nil && q.Filter == nil && q.BoostVal == nil {
			// bleve searches a lone clause as it is; so does parc, which
			// then sees a one-word query for what it is (see bestOf).
			switch {
			case q.Must == nil && q.Should != nil:
				return q.Should
			case q.Should == nil && q.Must != nil:
				return q.Must
			}
		}
		return q
	case *query.ConjunctionQuery:
		for i := range q.Conjuncts {
			q.Conjuncts[i] = spread(q.Conjuncts[i])
		}
		return q
	case *query.DisjunctionQuery:
		if len(q.Disjuncts) == 1 && q.Min <= 1 && q.BoostVal == nil {
			// The query string makes one of each word: searching a
			// common word through it cost a tenth more.
			return spread(q.Disjuncts[0])
		}
		for i := range q.Disjuncts {
			q.Disjuncts[i] = spread(q.Disjuncts[i])
		}
		return q
	case query.FieldableQuery:
		if q.Field() != "" {
			return q
		}
		content, title := fieldCopy(q, fieldContent, 1), fieldCopy(q, fieldTitle, titleBoost)
		if content == nil {
			return q // not a text query: leave it on the default field
		}
		return &titleBoosted{content: content, title: title}
	}
	return q
}

// fieldCopy copies a text query onto one field with a boost; nil for
// queries that are not about text.
func fieldCopy(q query.FieldableQuery, field string, boost float64) query.Query {
	var c query.FieldableQuery
	switch q := q.(type) {
	case *query.MatchQuery:
		v := *q
		c = &v
	case *query.MatchPhraseQuery:
		v := *q
		c = &v
	case *query.WildcardQuery:
		v := *q
		v.Wildcard = strings.ToLower(v.Wildcard) // the analyzers lower-case what they index
		c = &v
	case *query.PrefixQuery:
		v := *q
		v.Prefix = strings.ToLower(v.Prefix)
		c = &v
	case *query.RegexpQuery:
		v := *q
		c = &v
	case *query.FuzzyQuery:
		v := *q
		v.Term = strings.ToLower(v.Term)
		c = &v
	case *query.TermQuery:
		v := *q
		v.Term = strings.ToLower(v.Term)
		c = &v
	default:
		return nil
	}
	c.SetField(field)
	if b, ok := c.(query.BoostableQuery); ok {
		b.SetBoost(boost * b.Boost()) // keeps a boost the user gave (word^2)
	}
	return c
}

// buildQuery is the whole query for a request: the text, the filters and
// the site. strict false parses the text as plain words.
func buildQuery(raw, site string, strict bool) (query.Query, error) {
	pq, err := parseQuery(raw)
	if err != nil {
		return nil, err
	}
	text, err := textQuery(pq.text, strict)
	if err != nil {
		return nil, err
	}
	must := pq.filters
	if site != "" {
		must = append(must, siteQuery(site))
	}
	if text != nil {
		must = append([]query.Query{text}, must...)
	}
	var result query.Query
	switch {
	case len(must) == 0:
		result = query.NewMatchAllQuery()
	case len(must) == 1:
		result = must[0]
	default:
		result = query.NewConjunctionQuery(must)
	}
	if len(pq.exclude) > 0 {
		result = query.NewBooleanQuery([]query.Query{result}, nil, pq.exclude)
	}
	return result, nil
}
