package search

import (
	"strconv"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/render"
)

// document is what the index holds of a post, a page or a comment. Only
// public text goes in: never emails, IPs, passwords or meta.
type document struct {
	Title        string   `json:"title,omitempty"`
	Content      string   `json:"content"`
	Excerpt      string   `json:"excerpt,omitempty"`
	Author       string   `json:"author,omitempty"`
	AuthorLogin  string   `json:"author_login,omitempty"`
	Category     []string `json:"category,omitempty"`
	CategorySlug []string `json:"category_slug,omitempty"`
	Tag          []string `json:"tag,omitempty"`
	TagSlug      []string `json:"tag_slug,omitempty"`
	Site         string   `json:"site"`
	SiteURL      string   `json:"site_url,omitempty"`
	Type         string   `json:"type"`
	Date         string   `json:"date,omitempty"`       // RFC 3339, the UTC day only: for after: and before:
	DateSort     string   `json:"date_sort,omitempty"`  // RFC 3339 in UTC, fixed width: sorts by date
	ShownDate    string   `json:"shown_date,omitempty"` // RFC 3339 with the site's offset, for display
	Year         string   `json:"year,omitempty"`
	Link         string   `json:"link,omitempty"`
	PostID       float64  `json:"post_id,omitempty"`
}

// Kinds of document, as the type field and Hit.Kind name them.
const (
	KindPost    = "post"
	KindPage    = "page"
	KindComment = "comment"
)

func postDocID(key int64) string { return "post/" + strconv.FormatInt(key, 10) }

func commentDocID(postKey, commentID int64) string {
	return "comment/" + strconv.FormatInt(postKey, 10) + "/" + strconv.FormatInt(commentID, 10)
}

// searchable reports whether a post belongs in the public index.
func searchable(p *archive.StoredPost) bool {
	return (p.Type == KindPost || p.Type == KindPage) && p.Public()
}

// plainText is the words of content in whichever form the archive holds.
func plainText(rendered, raw string) string {
	if rendered != "" {
		return render.Text(rendered)
	}
	return render.Plain(raw)
}

// dateFields fills in the date fields from the archive's local wall-clock
// and GMT times. They are left empty, and so out of the document, when
// the time is unknown.
func (d *document) dateFields(local, gmt time.Time) {
	t, ok := docTime(local, gmt)
	if !ok {
		return
	}
	d.ShownDate = t.Format(time.RFC3339)
	d.Year = strconv.Itoa(t.Year())
	u := t.UTC()
	d.DateSort = u.Format(dateSortLayout)
	// The range queries after:DAY and before:DAY compare with midnight
	// UTC, so the UTC day answers them exactly; indexed to the second,
	// bleve's numeric terms for the date were a fifth of the index.
	d.Date = time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
}

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

// postDocument builds the document of a searchable post or page; author is
// the display name when the archive knows it.
func postDocument(p *archive.StoredPost, author string) document {
	d := document{
		Title:       p.Title,
		Content:     plainText(p.ContentRendered, p.ContentRaw),
		Excerpt:     plainText(p.ExcerptRendered, p.ExcerptRaw),
		Author:      author,
		AuthorLogin: p.AuthorLogin,
		Site:        p.Site,
		SiteURL:     p.Site,
		Type:        p.Type,
		Link:        p.Link,
		PostID:      float64(p.ID),
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
// in its ID; a hit reads the post's title and link from the post's
// document, which keeps a million comments from each storing them again.
func commentDocument(p *archive.StoredPost, c *archive.Comment) document {
	d := document{
		Content: plainText(c.ContentRendered, c.ContentRaw),
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
