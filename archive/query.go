package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// StoredPost is a post as the archive holds it.
type StoredPost struct {
	Key  int64  // the archive's own identifier of the post
	Site string // the site's URL
	// IDDerived says that no source named the post's WordPress ID: Post.ID
	// is the one parc derived from its guid or link.
	IDDerived bool
	Post
}

const postColumns = `p.id, s.url, p.type, ` + postIDSQL + `, p.wp_id IS NULL AND p.derived_id IS NOT NULL, p.occurrence, p.status, p.parent, p.menu_order, p.title, p.slug, p.guid, p.link,
	p.date, p.date_gmt, p.modified, p.modified_gmt, p.author_login, p.content_raw, p.content_rendered, p.excerpt_raw, p.excerpt_rendered,
	p.comment_status, p.ping_status, p.password, p.sticky, p.attachment_url, p.rank`

func scanPost(row interface{ Scan(...any) error }) (*StoredPost, Authority, error) {
	var sp StoredPost
	var date, dateGMT, modified, modifiedGMT string
	var rank Authority
	p := &sp.Post
	err := row.Scan(&sp.Key, &sp.Site, &p.Type, &p.ID, &sp.IDDerived, &p.Occurrence, &p.Status, &p.Parent, &p.MenuOrder, &p.Title, &p.Slug, &p.GUID, &p.Link,
		&date, &dateGMT, &modified, &modifiedGMT, &p.AuthorLogin, &p.ContentRaw, &p.ContentRendered, &p.ExcerptRaw, &p.ExcerptRendered,
		&p.CommentStatus, &p.PingStatus, &p.Password, &p.Sticky, &p.AttachmentURL, &rank)
	if err != nil {
		return nil, 0, err
	}
	p.Date, p.DateGMT, p.Modified, p.ModifiedGMT = parseTime(date), parseTime(dateGMT), parseTime(modified), parseTime(modifiedGMT)
	return &sp, rank, nil
}

// loadPost reads a post with its terms, meta and comments.
func loadPost(ctx context.Context, q querier, key int64) (*StoredPost, Authority, error) {
	sp, rank, err := scanPost(q.QueryRowContext(ctx, `SELECT `+postColumns+` FROM posts p JOIN sites s ON s.id = p.site_id WHERE p.id = ?`, key))
	if err != nil {
		return nil, 0, err
	}
	rows, err := q.QueryContext(ctx, `SELECT taxonomy, slug, name FROM post_terms WHERE post_id = ? ORDER BY seq`, key)
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var t TermRef
		if err := rows.Scan(&t.Taxonomy, &t.Slug, &t.Name); err != nil {
			rows.Close()
			return nil, 0, err
		}
		sp.Terms = append(sp.Terms, t)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT key, value FROM post_meta WHERE post_id = ? ORDER BY seq`, key)
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var m Meta
		if err := rows.Scan(&m.Key, &m.Value); err != nil {
			rows.Close()
			return nil, 0, err
		}
		sp.Meta = append(sp.Meta, m)
	}
	rows.Close()
	sp.Comments, err = loadComments(ctx, q, key)
	return sp, rank, err
}

const commentColumns = `wp_id, parent, author, author_email, author_url, author_ip, date, date_gmt,
	content_raw, content_rendered, approved, type, user_id, meta`

// scanComment reads commentColumns, after any leading columns given.
func scanComment(row interface{ Scan(...any) error }, leading ...any) (Comment, error) {
	var c Comment
	var date, dateGMT, meta string
	err := row.Scan(append(leading, &c.ID, &c.Parent, &c.Author, &c.AuthorEmail, &c.AuthorURL, &c.AuthorIP, &date, &dateGMT,
		&c.ContentRaw, &c.ContentRendered, &c.Approved, &c.Type, &c.UserID, &meta)...)
	c.Date, c.DateGMT, c.Meta = parseTime(date), parseTime(dateGMT), decodeMeta(meta)
	return c, err
}

func loadComments(ctx context.Context, q querier, postKey int64) ([]Comment, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+commentColumns+` FROM comments WHERE post_id = ? ORDER BY date_gmt, wp_id`, postKey)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Post reads one post in full: terms, meta and all its comments.
func (s *Store) Post(ctx context.Context, key int64) (*StoredPost, error) {
	sp, _, err := loadPost(ctx, s.db, key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no post %d in the archive", key)
	}
	return sp, err
}

// SiteSummary is a site with the number of its items: all the archive
// keeps, and what of it readers may see.
type SiteSummary struct {
	Site
	Posts       int // of any status
	Pages       int // of any status
	Comments    int // approved comments of every type
	AllComments int // held and spam ones too
	// Public counts what `parc posts` lists and the site serves without
	// --private: published posts and pages (password-protected titles
	// included) and the approved comments shown under public ones.
	PublicPosts, PublicPages, PublicComments int
}

const siteColumns = `s.url, s.title, s.link, s.description, s.language, s.base_site_url, s.base_blog_url, s.wxr_version, s.generator`

func scanSite(rows *sql.Rows, site *Site, counts ...any) error {
	return rows.Scan(append([]any{&site.URL, &site.Title, &site.Link, &site.Description, &site.Language, &site.BaseSiteURL, &site.BaseBlogURL, &site.WXRVersion, &site.Generator}, counts...)...)
}

// Sites lists the sites in the archive, without counting their items.
func (s *Store) Sites(ctx context.Context) ([]Site, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+siteColumns+` FROM sites s ORDER BY s.url`)
	if err != nil {
		return nil, fmt.Errorf("archive: listing sites: %w", err)
	}
	defer rows.Close()
	var out []Site
	for rows.Next() {
		var site Site
		if err := scanSite(rows, &site); err != nil {
			return nil, err
		}
		out = append(out, site)
	}
	return out, rows.Err()
}

// SiteSummaries lists the sites in the archive with the number of their
// items, which costs a count over every post and comment.
func (s *Store) SiteSummaries(ctx context.Context) ([]SiteSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+siteColumns+`,
		(SELECT count(*) FROM posts p WHERE p.site_id = s.id AND p.type = 'post'),
		(SELECT count(*) FROM posts p WHERE p.site_id = s.id AND p.type = 'page'),
		(SELECT count(*) FROM comments c JOIN posts p ON p.id = c.post_id WHERE p.site_id = s.id AND c.approved = '1'),
		(SELECT count(*) FROM comments c JOIN posts p ON p.id = c.post_id WHERE p.site_id = s.id),
		(SELECT count(*) FROM posts p WHERE p.site_id = s.id AND p.type = 'post' AND `+ListedSQL+`),
		(SELECT count(*) FROM posts p WHERE p.site_id = s.id AND p.type = 'page' AND `+ListedSQL+`),
		(SELECT count(*) FROM comments c JOIN posts p ON p.id = c.post_id WHERE p.site_id = s.id AND c.approved = '1'
			AND p.type IN ('post', 'page') AND `+PublicSQL+`)
		FROM sites s ORDER BY s.url`)
	if err != nil {
		return nil, fmt.Errorf("archive: listing sites: %w", err)
	}
	defer rows.Close()
	var out []SiteSummary
	for rows.Next() {
		var ss SiteSummary
		if err := scanSite(rows, &ss.Site, &ss.Posts, &ss.Pages, &ss.Comments, &ss.AllComments, &ss.PublicPosts, &ss.PublicPages, &ss.PublicComments); err != nil {
			return nil, err
		}
		out = append(out, ss)
	}
	return out, rows.Err()
}

// PostFilter selects posts. Empty fields select everything.
type PostFilter struct {
	Site     string
	Type     string // "" or "any" for every type
	Status   string // "" or "any" for every status
	Author   string // login or display name
	Category string // slug or name
	Tag      string // slug or name
	Since    time.Time
	Until    time.Time
	Limit    int
	Offset   int
	// Public keeps only what readers may see listed: published items,
	// password-protected ones included (their titles are public, their
	// content is not).
	Public bool
}

// PostSummary is a post as a listing shows it.
type PostSummary struct {
	StoredPost
	Categories   []string
	Tags         []string
	CommentCount int // approved comments of every type
}

// Posts lists posts newest first, without their content's comments.
func (s *Store) Posts(ctx context.Context, f PostFilter) ([]PostSummary, error) {
	var where []string
	var args []any
	if f.Site != "" {
		where = append(where, `s.url = ?`)
		args = append(args, NormalizeSiteURL(f.Site))
	}
	if f.Type != "" && f.Type != "any" {
		where = append(where, `p.type = ?`)
		args = append(args, f.Type)
	}
	if f.Status != "" && f.Status != "any" {
		where = append(where, `p.status = ?`)
		args = append(args, f.Status)
	}
	if f.Public {
		where = append(where, ListedSQL)
	}
	if f.Author != "" {
		where = append(where, `(p.author_login = ? OR EXISTS (SELECT 1 FROM authors a WHERE a.site_id = p.site_id AND a.login = p.author_login AND a.display_name = ?))`)
		args = append(args, f.Author, f.Author)
	}
	for _, t := range []struct{ tax, val string }{{"category", f.Category}, {"post_tag", f.Tag}} {
		if t.val != "" {
			where = append(where, `EXISTS (SELECT 1 FROM post_terms t WHERE t.post_id = p.id AND t.taxonomy = ? AND (t.slug = ? OR t.name = ?))`)
			args = append(args, t.tax, t.val, t.val)
		}
	}
	if !f.Since.IsZero() {
		where = append(where, `coalesce(nullif(p.date_gmt, ''), p.date) >= ?`)
		args = append(args, formatTime(f.Since))
	}
	if !f.Until.IsZero() {
		where = append(where, `coalesce(nullif(p.date_gmt, ''), p.date) < ?`)
		args = append(args, formatTime(f.Until))
	}
	q := `SELECT ` + postColumns + `,
		(SELECT count(*) FROM comments c WHERE c.post_id = p.id AND c.approved = '1')
		FROM posts p JOIN sites s ON s.id = p.site_id`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY coalesce(nullif(p.date_gmt, ''), p.date) DESC, p.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit) + ` OFFSET ` + strconv.Itoa(f.Offset)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("archive: listing posts: %w", err)
	}
	var out []PostSummary
	for rows.Next() {
		var ps PostSummary
		sp, _, err := scanPost(scanExtra{rows, &ps.CommentCount})
		if err != nil {
			rows.Close()
			return nil, err
		}
		ps.StoredPost = *sp
		out = append(out, ps)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := s.termNames(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanExtra scans a post row followed by one more column.
type scanExtra struct {
	rows  *sql.Rows
	extra *int
}

func (r scanExtra) Scan(dest ...any) error { return r.rows.Scan(append(dest, r.extra)...) }

func (s *Store) termNames(ctx context.Context, ps *PostSummary) error {
	rows, err := s.db.QueryContext(ctx, `SELECT taxonomy, slug, name FROM post_terms WHERE post_id = ? ORDER BY seq`, ps.Key)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var t TermRef
		if err := rows.Scan(&t.Taxonomy, &t.Slug, &t.Name); err != nil {
			return err
		}
		ps.Terms = append(ps.Terms, t)
	}
	ps.Categories, ps.Tags = ps.TermNames()
	return rows.Err()
}

// FindPosts resolves what a user types to name a post: a WordPress ID, a
// slug, or a URL (permalink, guid, or a ?p=N link). Several sites can
// answer; posts and pages come before other types.
func (s *Store) FindPosts(ctx context.Context, ref, site string) ([]int64, error) {
	ref = strings.TrimSpace(ref)
	var cond string
	var args []any
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		cond, args = postIDIsSQL, []any{id, id}
	} else if u, err := url.Parse(ref); err == nil && u.Host != "" {
		if id, err := strconv.ParseInt(u.Query().Get("p"), 10, 64); err == nil {
			cond, args = `(p.link = ? OR p.guid = ? OR `+postIDIsSQL+`)`, []any{ref, ref, id, id}
		} else {
			trimmed := strings.TrimRight(ref, "/")
			cond, args = `(p.link IN (?, ?) OR p.guid IN (?, ?))`, []any{trimmed, trimmed + "/", trimmed, trimmed + "/"}
		}
	} else {
		slug := strings.Trim(ref, "/")
		cond, args = `(p.slug = ? OR p.slug = ?)`, []any{slug, strings.ToLower(url.PathEscape(slug))}
	}
	q := `SELECT p.id FROM posts p JOIN sites s ON s.id = p.site_id WHERE ` + cond
	if site != "" {
		q += ` AND s.url = ?`
		args = append(args, NormalizeSiteURL(site))
	}
	q += ` ORDER BY p.type NOT IN ('post', 'page'), p.type, p.occurrence, p.id`
	keys, err := s.queryKeys(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("archive: finding %q: %w", ref, err)
	}
	return keys, nil
}

// Authors lists a site's authors.
func (s *Store) Authors(ctx context.Context, site string) ([]Author, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.wp_id, a.login, a.email, a.display_name, a.first_name, a.last_name
		FROM authors a JOIN sites s ON s.id = a.site_id WHERE s.url = ? ORDER BY a.login`, NormalizeSiteURL(site))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Author
	for rows.Next() {
		var a Author
		if err := rows.Scan(&a.ID, &a.Login, &a.Email, &a.DisplayName, &a.FirstName, &a.LastName); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// FirstSite is the URL of the site imported first; "" when there is none.
func (s *Store) FirstSite(ctx context.Context) (string, error) {
	var first string
	err := s.db.QueryRowContext(ctx, `SELECT url FROM sites ORDER BY id LIMIT 1`).Scan(&first)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("archive: the first site: %w", err)
	}
	return first, nil
}
