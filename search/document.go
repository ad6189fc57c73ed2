package search

import (
	"fmt"
	"strconv"
	"strings"
	"time"

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
	t, ok := docTime(local, gmt)
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

// docTime is the time readers saw, with the site's offset when both the
// local and the GMT time are known; false when neither is.
func docTime(local, gmt time.Time) (time.Time, bool) {
	var t time.Time
	switch {
	case !local.IsZero() && !gmt.IsZero():
		offset := local.Sub(gmt).Round(15 * time.Minute)
		t = gmt.In(time.FixedZone("", int(offset/time.Second)))
	case !local.IsZero():
		t = local // offset unknown
	case !gmt.IsZero():
		t = gmt.UTC()
	default:
		return time.Time{}, false
	}
	return t, true
}

// postText is all the words of a post: title, excerpt and content, each
// in a paragraph of its own so that words never join across them. Excerpt
// and content are the text readers are shown (render.ShownText), so that
// a post is found by the words its page shows.
func postText(p *archive.StoredPost) string {
	var b strings.Builder
	for _, part := range []string{render.ShownTitle(p.Title), render.ShownText(p.ExcerptRaw, p.ExcerptRendered), render.ShownText(p.ContentRaw, p.ContentRendered)} {
		if part == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(part)
	}
	return b.String()
}

// postDocument builds the document of a searchable post or page; author is
// the display name when the archive knows it.
func postDocument(p *archive.StoredPost, author string) document {
	d := document{
		Title:       render.ShownTitle(p.Title),
		Content:     postText(p),
		Author:      author,
		AuthorLogin: p.AuthorLogin,
		Site:        p.Site,
		Type:        p.Type,
	}
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
	return d
}

// commentDocument builds the document of an approved comment on a
// searchable post: its text, author and date. The post it belongs to is
// in its ID.
func commentDocument(p *archive.StoredPost, c *archive.Comment) document {
	d := document{
		Content: render.ShownText(c.ContentRaw, c.ContentRendered),
		Author:  c.Author,
		Site:    p.Site,
		Type:    KindComment,
	}
	d.dateFields(c.Date, c.DateGMT)
	return d
}

// batchWriter is the part of a bleve batch that documents are written to.
type batchWriter interface {
	Index(id string, data any) error
	Delete(id string)
}

// writePost puts a post's documents into a batch, or deletes them when the
// post or a comment is not (or no longer) public. fresh skips deletes in
// an index known to be empty. It returns how many documents it indexed.
func writePost(b batchWriter, p *archive.StoredPost, author string, fresh bool) (int, error) {
	if !searchable(p) {
		if !fresh {
			b.Delete(postDocID(p.Key))
			for i := range p.Comments {
				b.Delete(commentDocID(p.Key, p.Comments[i].ID))
			}
		}
		return 0, nil
	}
	if err := b.Index(postDocID(p.Key), postDocument(p, author)); err != nil {
		return 0, err
	}
	n := 1
	for i := range p.Comments {
		c := &p.Comments[i]
		id := commentDocID(p.Key, c.ID)
		if !c.Public() {
			if !fresh {
				b.Delete(id)
			}
			continue
		}
		if err := b.Index(id, commentDocument(p, c)); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
