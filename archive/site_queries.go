package archive

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SiteEntry is a post as a served site needs it for routing and listings:
// no content, no meta, no comments and no password, only whether it has one.
type SiteEntry struct {
	Key           int64
	Site          string
	ID            int64
	Type          string
	Parent        int64
	MenuOrder     int64
	Title         string
	Slug          string
	GUID          string
	Link          string
	Date          time.Time
	DateGMT       time.Time
	Modified      time.Time
	ModifiedGMT   time.Time
	AuthorLogin   string
	Protected     bool // password-protected: list the title, never the content
	Sticky        bool
	AttachmentURL string
	// Caption is an attachment's caption (its excerpt, raw as stored, or
	// as a source rendered it), which galleries show; empty for others.
	Caption string
	// AltText is an attachment's alternative text (its
	// _wp_attachment_image_alt), which its image shows; empty for others.
	AltText string
	// FeaturedImage is the WordPress ID of the attachment a post has as
	// its featured image (its _thumbnail_id); 0 when none.
	FeaturedImage int64
	CommentStatus string
	Terms         []TermRef
	CommentCount  int // approved comments, pings included
}

// SiteEntries lists what a site may show — what Post.Listed allows,
// password-protected posts flagged — newest first.
// Drafts, private, future and trashed items are left out here, in SQL, so
// that no caller can serve them by mistake.
func (s *Store) SiteEntries(ctx context.Context, site string) ([]SiteEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, s.url, `+postIDSQL+`, p.type, p.parent, p.menu_order, p.title, p.slug, p.guid, p.link,
		p.date, p.date_gmt, p.modified, p.modified_gmt, p.author_login, p.password != '', p.sticky, p.attachment_url,
		CASE WHEN p.type = 'attachment' THEN coalesce(nullif(p.excerpt_raw, ''), p.excerpt_rendered) ELSE '' END,
		CASE WHEN p.type = 'attachment' THEN `+firstMetaSQL("_wp_attachment_image_alt")+` ELSE '' END,
		`+firstMetaSQL("_thumbnail_id")+`, p.comment_status,
		(SELECT count(*) FROM comments c WHERE c.post_id = p.id AND c.approved = '1')
		FROM posts p JOIN sites s ON s.id = p.site_id
		WHERE s.url = ? AND `+ListedSQL+`
		ORDER BY coalesce(nullif(p.date_gmt, ''), p.date) DESC, p.id DESC`, NormalizeSiteURL(site))
	if err != nil {
		return nil, fmt.Errorf("archive: listing entries of %s: %w", site, err)
	}
	var out []SiteEntry
	byKey := map[int64]int{}
	for rows.Next() {
		var e SiteEntry
		var date, dateGMT, modified, modifiedGMT, featured string
		if err := rows.Scan(&e.Key, &e.Site, &e.ID, &e.Type, &e.Parent, &e.MenuOrder, &e.Title, &e.Slug, &e.GUID, &e.Link,
			&date, &dateGMT, &modified, &modifiedGMT, &e.AuthorLogin, &e.Protected, &e.Sticky, &e.AttachmentURL, &e.Caption, &e.AltText,
			&featured, &e.CommentStatus, &e.CommentCount); err != nil {
			rows.Close()
			return nil, fmt.Errorf("archive: listing entries of %s: %w", site, err)
		}
		e.FeaturedImage, _ = strconv.ParseInt(strings.TrimSpace(featured), 10, 64) // a value that is no ID names no image
		e.Date, e.DateGMT, e.Modified, e.ModifiedGMT = parseTime(date), parseTime(dateGMT), parseTime(modified), parseTime(modifiedGMT)
		byKey[e.Key] = len(out)
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("archive: listing entries of %s: %w", site, err)
	}
	terms, err := s.db.QueryContext(ctx, `SELECT t.post_id, t.taxonomy, t.slug, t.name FROM post_terms t
		JOIN posts p ON p.id = t.post_id JOIN sites s ON s.id = p.site_id WHERE s.url = ? ORDER BY t.post_id, t.seq`, NormalizeSiteURL(site))
	if err != nil {
		return nil, fmt.Errorf("archive: listing terms of %s: %w", site, err)
	}
	defer terms.Close()
	for terms.Next() {
		var key int64
		var t TermRef
		if err := terms.Scan(&key, &t.Taxonomy, &t.Slug, &t.Name); err != nil {
			return nil, fmt.Errorf("archive: listing terms of %s: %w", site, err)
		}
		if i, ok := byKey[key]; ok {
			out[i].Terms = append(out[i].Terms, t)
		}
	}
	return out, terms.Err()
}

// firstMetaSQL is the value of the first meta pair of the post p with
// the key, or an empty string, as WordPress's get_post_meta reads one
// value. The key is one of parc's constants, never input.
func firstMetaSQL(key string) string {
	return `coalesce((SELECT m.value FROM post_meta m WHERE m.post_id = p.id AND m.key = '` + key + `' ORDER BY m.seq LIMIT 1), '')`
}

// SiteTerms lists a site's categories, tags and other terms with their
// meta, by taxonomy and name.
func (s *Store) SiteTerms(ctx context.Context, site string) ([]Term, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.wp_id, t.taxonomy, t.slug, t.name, t.description, t.parent_slug, t.meta
		FROM terms t JOIN sites s ON s.id = t.site_id WHERE s.url = ? ORDER BY t.taxonomy, t.name`, NormalizeSiteURL(site))
	if err != nil {
		return nil, fmt.Errorf("archive: listing terms of %s: %w", site, err)
	}
	defer rows.Close()
	var out []Term
	for rows.Next() {
		var t Term
		var meta string
		if err := rows.Scan(&t.ID, &t.Taxonomy, &t.Slug, &t.Name, &t.Description, &t.ParentSlug, &meta); err != nil {
			return nil, fmt.Errorf("archive: listing terms of %s: %w", site, err)
		}
		t.Meta = decodeMeta(meta)
		out = append(out, t)
	}
	return out, rows.Err()
}

// PostContent is the content of one post, for listings that show teasers.
type PostContent struct {
	Raw, Rendered, ExcerptRaw, ExcerptRendered string
}

// Content reads a post's content without its comments or meta.
func (s *Store) Content(ctx context.Context, key int64) (PostContent, error) {
	var c PostContent
	err := s.db.QueryRowContext(ctx, `SELECT content_raw, content_rendered, excerpt_raw, excerpt_rendered FROM posts WHERE id = ?`, key).
		Scan(&c.Raw, &c.Rendered, &c.ExcerptRaw, &c.ExcerptRendered)
	if err != nil {
		return c, fmt.Errorf("archive: content of post %d: %w", key, err)
	}
	return c, nil
}

// LastImportFinished is when the newest finished import ended; zero when
// none did. A served site uses it as its Last-Modified time.
func (s *Store) LastImportFinished(ctx context.Context) (time.Time, error) {
	var finished string
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(finished), '') FROM imports WHERE finished IS NOT NULL`).Scan(&finished)
	if err != nil {
		return time.Time{}, fmt.Errorf("archive: %w", err)
	}
	if t, err := time.Parse(time.RFC3339Nano, finished); err == nil {
		return t, nil
	}
	return parseTime(finished), nil
}

// SiteComment is an approved comment with the key of the post it is on.
type SiteComment struct {
	PostKey int64
	Comment
}

// RecentComments lists a site's newest approved comments on posts that
// readers may see in full (listed and not password-protected), newest
// first, at most limit: a site's comments feed.
func (s *Store) RecentComments(ctx context.Context, site string, limit int) ([]SiteComment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.post_id, `+prefixed("c.", commentColumns)+`
		FROM comments c JOIN posts p ON p.id = c.post_id JOIN sites s ON s.id = p.site_id
		WHERE s.url = ? AND c.approved = '1' AND `+PublicSQL+`
		ORDER BY coalesce(nullif(c.date_gmt, ''), c.date) DESC, c.id DESC
		LIMIT ?`, NormalizeSiteURL(site), limit)
	if err != nil {
		return nil, fmt.Errorf("archive: recent comments of %s: %w", site, err)
	}
	defer rows.Close()
	var out []SiteComment
	for rows.Next() {
		var sc SiteComment
		if sc.Comment, err = scanComment(rows, &sc.PostKey); err != nil {
			return nil, fmt.Errorf("archive: recent comments of %s: %w", site, err)
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// prefixed qualifies each of a comma-separated list of columns.
func prefixed(prefix, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = prefix + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}
