// Package jsonl holds the JSON contract of a post — the shape `parc posts
// --json` lists, `parc show --json` prints and `parc export json` writes —
// and writes an archive as JSON Lines, one post, page or attachment per
// line with its whole comment tree.
package jsonl

import (
	"cmp"
	"slices"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
)

// Listing is the stable --json shape of a post in a listing.
type Listing struct {
	Site              string   `json:"site"`
	ID                int64    `json:"id"`
	Type              string   `json:"type"`
	Status            string   `json:"status"`
	Title             string   `json:"title"`
	Slug              string   `json:"slug"`
	Date              *string  `json:"date"`
	DateGMT           *string  `json:"date_gmt"`
	Author            string   `json:"author"`       // the name readers see (archive.AuthorNames)
	AuthorLogin       string   `json:"author_login"` // the login the post names
	Categories        []string `json:"categories"`
	Tags              []string `json:"tags"`
	CommentCount      int      `json:"comment_count"`
	Sticky            bool     `json:"sticky"`
	PasswordProtected bool     `json:"password_protected"`
	Parent            int64    `json:"parent"`
	Link              string   `json:"link"`
}

// ListingOf is a listed post's shape; author is the name readers see of
// its author (archive.AuthorNames).
func ListingOf(p *archive.PostSummary, author string) Listing {
	date, dateGMT := Dates(p.Date, p.DateGMT)
	return Listing{
		Site: p.Site, ID: p.ID, Type: p.Type, Status: p.Status, Title: p.Title, Slug: p.Slug,
		Date: date, DateGMT: dateGMT, Author: author, AuthorLogin: p.AuthorLogin,
		Categories: nonNil(p.Categories), Tags: nonNil(p.Tags), CommentCount: p.CommentCount,
		Sticky: p.Sticky, PasswordProtected: p.Password != "", Parent: p.Parent, Link: p.Link,
	}
}

// Post is the stable --json shape of one post in full. The post's content
// comes in both the forms the archive keeps; an excerpt or a comment's
// content is its stored text, raw where the archive has it.
type Post struct {
	Listing
	Content         string         `json:"content"`          // raw, as exported
	ContentRendered string         `json:"content_rendered"` // as WordPress served it
	Excerpt         string         `json:"excerpt"`
	GUID            string         `json:"guid"`
	MenuOrder       int64          `json:"menu_order"`
	Password        string         `json:"password,omitempty"`
	Meta            []archive.Meta `json:"meta"`
	Comments        []*Comment     `json:"comments"`
}

// Comment is a comment with its replies.
type Comment struct {
	ID          int64          `json:"id"`
	Parent      int64          `json:"parent"`
	Author      string         `json:"author"`
	AuthorURL   string         `json:"author_url"`
	AuthorEmail string         `json:"author_email,omitempty"`
	AuthorIP    string         `json:"author_ip,omitempty"`
	Date        *string        `json:"date"`
	Status      string         `json:"status"`
	Type        string         `json:"type"`
	Content     string         `json:"content"`
	Meta        []archive.Meta `json:"meta"`
	Replies     []*Comment     `json:"replies"`
}

// PostOf is a post's full shape, threading the comments it is given.
// Without private it holds only what readers may see, as export.Withhold
// says (a password-protected post's content, meta and comments, emails,
// IPs and private meta are left out), and never the password.
func PostOf(p *archive.StoredPost, private bool, author string) Post {
	if !private {
		shown := *p
		shown.Comments = slices.Clone(p.Comments)
		export.Withhold(&shown.Post)
		p = &shown
	}
	summary := archive.PostSummary{StoredPost: *p}
	summary.Categories, summary.Tags = p.TermNames()
	for _, c := range p.Comments {
		if c.Public() {
			summary.CommentCount++
		}
	}
	out := Post{
		Listing: ListingOf(&summary, author),
		Content: p.ContentRaw, ContentRendered: p.ContentRendered, Excerpt: cmp.Or(p.ExcerptRaw, p.ExcerptRendered),
		GUID: p.GUID, MenuOrder: p.MenuOrder, Meta: nonNilMeta(p.Meta), Comments: []*Comment{},
	}
	if private {
		out.Password = p.Password
	}
	roots, _ := archive.Thread(p.Comments)
	for _, n := range roots {
		out.Comments = append(out.Comments, commentOf(n))
	}
	return out
}

func commentOf(n *archive.Node) *Comment {
	c := n.Comment
	date, _ := Dates(c.Date, c.DateGMT)
	out := &Comment{
		ID: c.ID, Parent: c.Parent, Author: c.Author, AuthorURL: c.AuthorURL, AuthorEmail: c.AuthorEmail, AuthorIP: c.AuthorIP,
		Date: date, Status: c.Status(), Type: c.Kind(), Content: cmp.Or(c.ContentRaw, c.ContentRendered),
		Meta: nonNilMeta(c.Meta), Replies: []*Comment{},
	}
	for _, r := range n.Replies {
		out.Replies = append(out.Replies, commentOf(r))
	}
	return out
}

func nonNilMeta(m []archive.Meta) []archive.Meta {
	if m == nil {
		return []archive.Meta{}
	}
	return m
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Dates writes a local wall-clock time with the site's offset, which the
// difference between the local and GMT times gives, and the GMT time, in
// RFC 3339. Unknown times are null.
func Dates(local, gmt time.Time) (*string, *string) {
	var d, g *string
	if !gmt.IsZero() {
		s := gmt.UTC().Format(time.RFC3339)
		g = &s
	}
	if !local.IsZero() {
		var s string
		if gmt.IsZero() {
			s = local.Format("2006-01-02T15:04:05") // offset unknown
		} else {
			t, _ := archive.ShownTime(local, gmt)
			s = t.Format(time.RFC3339)
		}
		d = &s
	} else if g != nil {
		d = g
	}
	return d, g
}
