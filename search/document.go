package search

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/render"
)

// document is what the index holds of a post, a page or a comment: the
// words to find it by and the values to filter, sort and count it by.
// Nothing is stored: a hit is read back from the archive. Only public
// text goes in: never emails, IPs, passwords or meta.
type document struct {
	Title        string   `json:"title,omitempty"`
	Content      string   `json:"content"`
	Author       string   `json:"author,omitempty"`
	AuthorLogin  string   `json:"author_login,omitempty"`
	Category     []string `json:"category,omitempty"`
	CategorySlug []string `json:"category_slug,omitempty"`
	Tag          []string `json:"tag,omitempty"`
	TagSlug      []string `json:"tag_slug,omitempty"`
	Site         string   `json:"site"`
	Type         string   `json:"type"`
	Day          []string `json:"day,omitempty"`       // dayTerm and monthTerm of the UTC date
	DateSort     string   `json:"date_sort,omitempty"` // RFC 3339 in UTC, fixed width: sorts by date
	Year         string   `json:"year,omitempty"`      // four digits, so that years sort as text
}

// Kinds of document, as the type field and Hit.Kind name them.
const (
	KindPost    = "post"
	KindPage    = "page"
	KindComment = "comment"
)

// Document IDs are short (every one is kept twice, in the dictionary and
// stored), in base 36: "p" and the post's key, or "c", the post's key, a
// dot and the comment's ID.
func postDocID(key int64) string { return "p" + strconv.FormatInt(key, 36) }

func commentDocID(postKey, commentID int64) string {
	return "c" + strconv.FormatInt(postKey, 36) + "." + strconv.FormatInt(commentID, 36)
}

// parseDocID reads the post key and, for a comment, the comment ID out of
// a document ID.
func parseDocID(id string) (postKey, commentID int64, isComment bool) {
	if strings.HasPrefix(id, "c") {
		post, comment, _ := strings.Cut(id[1:], ".")
		postKey, _ = strconv.ParseInt(post, 36, 64)
		commentID, _ = strconv.ParseInt(comment, 36, 64)
		return postKey, commentID, true
	}
	postKey, _ = strconv.ParseInt(strings.TrimPrefix(id, "p"), 36, 64)
	return postKey, 0, false
}

// searchable reports whether a post belongs in the public index.
func searchable(p *archive.StoredPost) bool {
	return (p.Type == KindPost || p.Type == KindPage) && p.Public()
}

// dateFields fills in the date fields from the archive's local wall-clock
// and GMT times. They are left empty, and so out of the document, when
// the time is unknown.
func (d *document) dateFields(local, gmt time.Time) {
	t, ok := archive.ShownTime(local, gmt)
	if !ok {
		return
	}
	d.Year = yearTerm(t.Year())
	u := t.UTC()
	d.DateSort = u.Format(dateSortLayout)
	d.Day = []string{dayTerm(u), monthTerm(u.Year(), u.Month())}
}

// The day field holds two terms per document, the day and the month, and
// the year field the year: after:DAY and before:DAY become a few ranges of
// whole years, months and days (dateRange), where bleve's numeric date
// fields index sixteen terms per document, a fifth of the index.
func dayTerm(t time.Time) string { return t.Format("d2006-01-02") }

func monthTerm(year int, month time.Month) string { return fmt.Sprintf("m%04d-%02d", year, int(month)) }

func yearTerm(year int) string { return fmt.Sprintf("%04d", year) }

// dateSortLayout is RFC 3339 in UTC with a fixed width, so that the
// strings sort as the times do.
const dateSortLayout = "2006-01-02T15:04:05Z"

// What the index takes of one piece of content: its first maxIndexedText
// bytes of shown text, found by rendering at most maxRenderedContent bytes
// of it. A post of 200 MB, one word or a megabyte of pasted base64 from a
// hostile or broken source, then costs indexing (and a snippet) a bounded
// amount of memory, and the rest of the archive stays searchable. Real
// posts are far below: a novel is a megabyte of text.
const (
	maxIndexedText     = 1 << 20
	maxRenderedContent = 4 * maxIndexedText
)

// shownText is the text readers are shown of content, by the rule for
// its kind (render.ShownText for posts, render.ShownCommentText for
// comments), cut to what the index takes of it; cut reports whether it
// was.
func shownText(shown func(raw, rendered string) string, raw, rendered string) (text string, cut bool) {
	raw, cutRaw := cutBytes(raw, maxRenderedContent)
	rendered, cutRendered := cutBytes(rendered, maxRenderedContent)
	text, cutText := cutBytes(shown(raw, rendered), maxIndexedText)
	return text, cutText || (raw != "" && cutRaw) || (raw == "" && cutRendered)
}

// cutBytes cuts s to at most n bytes, at the start of a character.
func cutBytes(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}

// postText is all the words of a post: title, excerpt and content, each
// in a paragraph of its own so that words never join across them, cut to
// what the index takes. title is the post's shown title; excerpt and
// content are the text readers are shown, so that a post is found by the
// words its page shows.
func postText(p *archive.StoredPost, title string) (text string, cut bool) {
	var b strings.Builder
	excerpt, cutExcerpt := shownText(render.ShownText, p.ExcerptRaw, p.ExcerptRendered)
	content, cutContent := shownText(render.ShownText, p.ContentRaw, p.ContentRendered)
	for _, part := range []string{title, excerpt, content} {
		if part == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(part)
	}
	text, cutAll := cutBytes(b.String(), maxIndexedText)
	return text, cutExcerpt || cutContent || cutAll
}

// postDocument builds the document of a searchable post or page; author is
// the display name when the archive knows it. cut reports that its text
// was longer than the index takes.
func postDocument(p *archive.StoredPost, author string) (d document, cut bool) {
	shownTitle := render.ShownTitle(p.Title)
	title, cutTitle := cutBytes(shownTitle, maxIndexedText)
	d = document{
		Title:       title,
		Author:      author,
		AuthorLogin: p.AuthorLogin,
		Site:        p.Site,
		Type:        p.Type,
	}
	d.Content, cut = postText(p, shownTitle)
	d.dateFields(p.Date, p.DateGMT)
	for _, t := range p.Terms {
		switch t.Taxonomy {
		case "category":
			d.Category = append(d.Category, t.Name)
			d.CategorySlug = append(d.CategorySlug, t.Slug)
		case "post_tag":
			d.Tag = append(d.Tag, t.Name)
			d.TagSlug = append(d.TagSlug, t.Slug)
		}
	}
	return d, cut || cutTitle
}

// commentDocument builds the document of an approved comment on a
// searchable post: its text, author and date. The post it belongs to is
// in its ID. cut reports that its text was longer than the index takes.
func commentDocument(p *archive.StoredPost, c *archive.Comment) (d document, cut bool) {
	d = document{
		Author: c.Author,
		Site:   p.Site,
		Type:   KindComment,
	}
	d.Content, cut = shownText(render.ShownCommentText, c.ContentRaw, c.ContentRendered)
	d.dateFields(c.Date, c.DateGMT)
	return d, cut
}

// batchWriter is the part of a bleve batch that documents are written to.
type batchWriter interface {
	Index(id string, data any) error
	Delete(id string)
}

// A note is what the index could not take of a document: the text past
// what it takes (cut), or the whole document when building or indexing it
// failed (skipped). Notes are kept in the index with the position they
// were written at, so that parc verify reports them and Sync goes past
// the document instead of failing on it at every import; the post is
// tried again when an import changes it.
type note struct {
	Kind    string `json:"kind"`              // post, page or comment
	Skipped bool   `json:"skipped,omitempty"` // not in the index at all
	Text    string `json:"text"`
}

// writePost puts a post's documents into a batch, or deletes them when the
// post or a comment is not (or no longer) public. fresh skips deletes in
// an index known to be empty. It returns how many documents it indexed
// and notes on those it cut or skipped.
func writePost(b batchWriter, p *archive.StoredPost, author string, fresh bool) (indexed int, notes []note) {
	if !searchable(p) {
		if !fresh {
			b.Delete(postDocID(p.Key))
			for i := range p.Comments {
				b.Delete(commentDocID(p.Key, p.Comments[i].ID))
			}
		}
		return 0, nil
	}
	put := func(id, kind string, build func() (document, bool), name func() string, size int) {
		d, cut, err := buildDocument(build)
		if err == nil {
			err = b.Index(id, d)
		}
		switch {
		case err != nil:
			if !fresh {
				b.Delete(id)
			}
			notes = append(notes, note{Kind: kind, Skipped: true, Text: fmt.Sprintf("%s is not searchable: %v", name(), err)})
		case cut:
			indexed++
			notes = append(notes, note{Kind: kind, Text: fmt.Sprintf("%s has %s of content: only its first %s of text is searchable", name(), mebibytes(size), mebibytes(maxIndexedText))})
		default:
			indexed++
		}
	}
	postName := func() string { return fmt.Sprintf("%s %d (%s)", p.Type, p.ID, p.Link) }
	put(postDocID(p.Key), p.Type, func() (document, bool) { return postDocument(p, author) }, postName,
		len(p.Title)+max(len(p.ContentRaw), len(p.ContentRendered))+max(len(p.ExcerptRaw), len(p.ExcerptRendered)))
	for i := range p.Comments {
		c := &p.Comments[i]
		id := commentDocID(p.Key, c.ID)
		if !c.Public() {
			if !fresh {
				b.Delete(id)
			}
			continue
		}
		put(id, KindComment, func() (document, bool) { return commentDocument(p, c) },
			func() string { return fmt.Sprintf("comment %d on %s", c.ID, postName()) },
			max(len(c.ContentRaw), len(c.ContentRendered)))
	}
	return indexed, notes
}

// buildDocument builds a document, turning a panic on hostile content
// into an error: one post the renderer cannot take must not stop every
// later import from indexing.
func buildDocument(build func() (document, bool)) (d document, cut bool, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("its content could not be read for indexing (%v)", v)
		}
	}()
	d, cut = build()
	return d, cut, nil
}

func mebibytes(n int) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
}
