package archive

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Site is one blog. Its URL (the blog's own base URL, not the WordPress
// network's) identifies it within an archive.
type Site struct {
	URL         string
	Title       string
	Link        string
	Description string
	Language    string
	BaseSiteURL string
	BaseBlogURL string
	WXRVersion  string
	Generator   string
}

// Author is a WordPress user as an export or a page names them.
// Login identifies an author within a site.
type Author struct {
	ID          int64
	Login       string
	Email       string
	DisplayName string
	FirstName   string
	LastName    string
}

// Name is the name readers saw: the display name, else the login.
func (a Author) Name() string {
	if a.DisplayName != "" {
		return a.DisplayName
	}
	return a.Login
}

// Meta is one key/value pair of post, comment or term meta. Values are
// kept byte-for-byte, PHP-serialized ones included.
type Meta struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Term is a category, tag, nav menu, post format or custom taxonomy term.
// Taxonomy and Slug identify it within a site.
type Term struct {
	ID          int64
	Taxonomy    string // category, post_tag, nav_menu, post_format, or a custom taxonomy
	Slug        string
	Name        string
	Description string
	ParentSlug  string // WordPress exports name parents by slug
	Meta        []Meta
}

// TermRef is a post's membership in a term.
type TermRef struct {
	Taxonomy string
	Slug     string
	Name     string
}

// Post is any WordPress item: post, page, attachment, nav_menu_item,
// wp_block or a custom type, in any status.
//
// Content comes in one of two forms and the field says which: Raw is
// post_content as WordPress stores it (shortcodes, no paragraphs), as a WXR
// export carries it; Rendered is the HTML WordPress served, as pages, feeds
// and the REST API carry it. Both are kept when both are known.
type Post struct {
	ID        int64 // WordPress post ID; 0 when the source does not show it
	Type      string
	Status    string
	Parent    int64
	MenuOrder int64
	Title     string
	Slug      string
	GUID      string
	Link      string

	// Date and Modified are the site's local wall-clock times (in time.UTC
	// for lack of a better location); the GMT fields are true UTC.
	// Zero means unknown ("0000-00-00 00:00:00" in an export).
	Date        time.Time
	DateGMT     time.Time
	Modified    time.Time
	ModifiedGMT time.Time

	AuthorLogin string

	ContentRaw      string
	ContentRendered string
	ExcerptRaw      string
	ExcerptRendered string

	CommentStatus string
	PingStatus    string
	Password      string
	Sticky        bool
	AttachmentURL string

	Terms    []TermRef
	Meta     []Meta
	Comments []Comment

	// Occurrence tells apart items that share type and ID within one
	// source (WordPress exports repeat nav menu item IDs): the first is 0.
	Occurrence int
}

// stub reports a record that only names a post (by ID, type, link or
// guid) to carry comments to it, as comment feeds and the REST API's
// comment listings do. It is not counted as a post read.
func (p *Post) stub() bool {
	return p.Status == "" && p.Title == "" && p.ContentRaw == "" && p.ContentRendered == "" &&
		p.Date.IsZero() && p.DateGMT.IsZero()
}

// MetaIncomplete marks a post whose source could not read all of it, such
// as an item cut off by the end of a truncated export.
const MetaIncomplete = "parc:truncated"

// Comment approval values as WordPress stores them.
const (
	CommentApproved    = "1"
	CommentPending     = "0"
	CommentSpam        = "spam"
	CommentTrash       = "trash"
	CommentPostTrashed = "post-trashed"
)

// Comment is one comment, pingback or trackback of a post. Parent is the
// WordPress ID of the comment it replies to (0 for top level), kept as the
// source gave it; Thread resolves missing parents and cycles.
type Comment struct {
	ID              int64
	Parent          int64
	Author          string
	AuthorEmail     string
	AuthorURL       string
	AuthorIP        string
	Date            time.Time // local wall-clock, as Post.Date
	DateGMT         time.Time
	ContentRaw      string
	ContentRendered string
	Approved        string // "1", "0", "spam", "trash", "post-trashed"
	Type            string // "comment", "pingback", "trackback" or a plugin's own; "" in old exports
	UserID          int64
	Meta            []Meta
}

// Listed reports whether readers may know a post exists: its title and
// link. Only what a visitor of the blog could open is listed: published
// posts and pages and their attachments. Other types (menus, reusable
// blocks, templates, plugins' forms and caches) and other statuses are
// kept but never shown. ListedSQL says the same to the database.
func (p *Post) Listed() bool {
	switch p.Type {
	case "post", "page":
		return p.Status == "publish"
	case "attachment":
		return p.Status == "inherit" || p.Status == "publish"
	}
	return false
}

// ListedSQL is Post.Listed as an SQL condition on the posts table aliased p.
const ListedSQL = `((p.type IN ('post', 'page') AND p.status = 'publish') OR (p.type = 'attachment' AND p.status IN ('inherit', 'publish')))`

// ShownTime is the moment a post or comment was made as the site's
// clock showed it: the GMT time in the offset its local time implies
// (rounded to the quarter hours time zones use), the local time alone
// when GMT is unknown (its offset unknown), GMT alone when the local time
// is; ok is false when neither is known.
func ShownTime(local, gmt time.Time) (t time.Time, ok bool) {
	switch {
	case !local.IsZero() && !gmt.IsZero():
		offset := local.Sub(gmt).Round(15 * time.Minute)
		return gmt.In(time.FixedZone("", int(offset/time.Second))), true
	case !local.IsZero():
		return local, true
	case !gmt.IsZero():
		return gmt.UTC(), true
	}
	return time.Time{}, false
}

// TermNames are the names of the post's categories and tags, in the
// order the post lists them.
func (p *Post) TermNames() (categories, tags []string) {
	for _, t := range p.Terms {
		switch t.Taxonomy {
		case "category":
			categories = append(categories, t.Name)
		case "post_tag":
			tags = append(tags, t.Name)
		}
	}
	return categories, tags
}

// PublicSQL is Post.Public as an SQL condition on the posts table aliased p.
const PublicSQL = ListedSQL + ` AND p.password = ''`

// Public reports whether a post's content may be shown to readers and
// indexed for public search: listed and not password-protected.
func (p *Post) Public() bool { return p.Listed() && p.Password == "" }

// Public reports whether a comment may be shown to readers.
func (c *Comment) Public() bool { return c.Approved == CommentApproved }

// PublicMeta is the comment's meta that may be shown with it: not the
// anti-spam records (Akismet's keep the commenter's email, IP and browser),
// nor any value holding the commenter's email or IP.
func (c *Comment) PublicMeta() []Meta {
	var out []Meta
	for _, m := range c.Meta {
		if strings.HasPrefix(m.Key, "akismet_") ||
			c.AuthorEmail != "" && strings.Contains(m.Value, c.AuthorEmail) ||
			c.AuthorIP != "" && strings.Contains(m.Value, c.AuthorIP) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// Status is the comment's approval as a word: approved, pending, spam or trash.
func (c *Comment) Status() string {
	switch c.Approved {
	case CommentApproved:
		return "approved"
	case CommentPending, "":
		return "pending"
	case CommentSpam:
		return "spam"
	default:
		return "trash"
	}
}

// Kind is the comment's type with WordPress's empty legacy value named.
func (c *Comment) Kind() string {
	if c.Type == "" {
		return "comment"
	}
	return c.Type
}

// AuthorLister is what AuthorNames reads: a site's authors.
type AuthorLister interface {
	Authors(ctx context.Context, site string) ([]Author, error)
}

// AuthorNames gives the name readers see of the author a post names by
// login (Author.Name: the display name, else the login); a login the
// archive has no author for stands for itself. It reads each site's
// authors once. It is the one rule for an author's name, in pages,
// search hits, parc show and parc posts, and their --json.
type AuthorNames struct {
	authors AuthorLister
	bySite  map[string]map[string]string
}

// NewAuthorNames reads authors from authors.
func NewAuthorNames(authors AuthorLister) *AuthorNames {
	return &AuthorNames{authors: authors, bySite: map[string]map[string]string{}}
}

// Name is the name readers see of login, an author of site.
func (a *AuthorNames) Name(ctx context.Context, site, login string) (string, error) {
	names, ok := a.bySite[site]
	if !ok {
		authors, err := a.authors.Authors(ctx, site)
		if err != nil {
			return "", fmt.Errorf("archive: authors of %s: %w", site, err)
		}
		names = make(map[string]string, len(authors))
		for _, au := range authors {
			names[au.Login] = au.Name()
		}
		a.bySite[site] = names
	}
	if name, ok := names[login]; ok {
		return name, nil
	}
	return login, nil
}
