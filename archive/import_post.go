package archive

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

func (im *Import) countItem(p *Post) {
	im.result.Counts.Comments += len(p.Comments)
	if p.stub() {
		return
	}
	switch p.Type {
	case "post":
		im.result.Counts.Posts++
	case "page":
		im.result.Counts.Pages++
	case "attachment":
		im.result.Counts.Attachments++
	default:
		im.result.Counts.OtherItems++
	}
}

// findPost locates the stored post a record speaks of: by type and
// WordPress ID when both are known, by ID alone for a stub that names no
// type, else by link, else by guid. It returns 0 when the post is new.
func (im *Import) findPost(p *Post) (int64, error) {
	var key int64
	var err error
	switch {
	case p.ID != 0 && p.Type != "":
		err = im.queryRow(`SELECT id FROM posts WHERE site_id=? AND type=? AND wp_id=? AND occurrence=?`,
			im.siteID, p.Type, p.ID, p.Occurrence).Scan(&key)
	case p.ID != 0:
		err = im.queryRow(`SELECT id FROM posts WHERE site_id=? AND wp_id=? ORDER BY type NOT IN ('post','page'), occurrence LIMIT 1`,
			im.siteID, p.ID).Scan(&key)
	default:
		err = sql.ErrNoRows
	}
	// A record that names its type and ID is new when that key is, unless
	// a source that showed no ID (a feed, a page) stored it before: then
	// its link or guid finds that row, which takes on the ID. A stub or a
	// page without an ID is matched by what else it shows.
	exact := p.ID != 0 && p.Type != ""
	if errors.Is(err, sql.ErrNoRows) && exact && p.Occurrence == 0 {
		err = im.queryRow(`SELECT id FROM posts WHERE site_id=? AND wp_id IS NULL AND ((link != '' AND link=?) OR (guid != '' AND guid=?)) ORDER BY id LIMIT 1`,
			im.siteID, p.Link, p.GUID).Scan(&key)
	}
	if errors.Is(err, sql.ErrNoRows) && !exact && p.Link != "" {
		err = im.queryRow(`SELECT id FROM posts WHERE site_id=? AND link=? ORDER BY id LIMIT 1`, im.siteID, p.Link).Scan(&key)
	}
	if errors.Is(err, sql.ErrNoRows) && !exact && p.GUID != "" {
		err = im.queryRow(`SELECT id FROM posts WHERE site_id=? AND guid=? ORDER BY id LIMIT 1`,
			im.siteID, p.GUID).Scan(&key)
	}
	if errors.Is(err, sql.ErrNoRows) && p.ID == 0 && p.Link == "" && p.GUID == "" {
		// Nothing names the item: its title and date are all that is left.
		err = im.queryRow(`SELECT id FROM posts WHERE site_id=? AND wp_id IS NULL AND type=? AND title=? AND date=? AND link='' AND guid='' ORDER BY id LIMIT 1`,
			im.siteID, cmp.Or(p.Type, "post"), p.Title, formatTime(p.Date)).Scan(&key)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return key, err
}

func (im *Import) putPost(p *Post) error {
	im.countItem(p)
	normalizeTimes(p)
	if p.Slug == "" {
		p.Slug = slugOf(p.Link)
	}
	if p.AuthorLogin != "" && im.result.Source.Authority < AuthorityExport {
		login, err := im.loginOf(p.AuthorLogin)
		if err != nil {
			return err
		}
		p.AuthorLogin = login
	}
	for i := range p.Comments {
		if p.Comments[i].ID == 0 {
			p.Comments[i].ID = syntheticCommentID(&p.Comments[i])
		}
	}
	key, err := im.findPost(p)
	if err != nil {
		return err
	}
	authority := im.result.Source.Authority
	if key == 0 {
		if p.Type == "" {
			p.Type = "post"
		}
		if p.Status == "" {
			// Pages, feeds and an anonymous API show only what is
			// published; an export that names no status holds a draft,
			// as WordPress makes a post that names none.
			p.Status = "publish"
			if authority == AuthorityExport {
				p.Status = "draft"
			}
		}
		key, err = im.insertPost(p, authority)
		if err != nil {
			return fmt.Errorf("post %d %q: %w", p.ID, p.Title, err)
		}
		if err := im.touched("post", key, "added"); err != nil {
			return err
		}
		im.warnThread(p)
		for i := range p.Comments {
			id, err := im.insertComment(key, &p.Comments[i], authority)
			if err != nil {
				return fmt.Errorf("post %d comment %d: %w", p.ID, p.Comments[i].ID, err)
			}
			if err := im.touched("comment", id, "added"); err != nil {
				return err
			}
		}
		return nil
	}

	old, rank, err := loadPost(im.ctx, im.tx, key)
	if err != nil {
		return err
	}
	if old.IDDerived {
		old.ID = 0 // merging sees what the sources named
	}
	merged := old.Post
	merged.Comments = nil
	mergePost(&merged, p, mergingFor(authority, rank, complete(p)))
	oldPost := old.Post
	oldPost.Comments = nil
	restated := im.counted[recordKey{"post", key}]
	if fingerprint(merged) == fingerprint(oldPost) {
		if err := im.touched("post", key, "unchanged"); err != nil {
			return err
		}
	} else {
		if err := im.updatePost(key, &merged, authority); err != nil {
			return fmt.Errorf("post %d %q: %w", p.ID, p.Title, err)
		}
		if err := im.touched("post", key, "updated"); err != nil {
			return err
		}
	}
	if err := im.putComments(key, old.Comments, p.Comments, authority, restated); err != nil {
		return fmt.Errorf("post %d %q: %w", p.ID, p.Title, err)
	}
	if len(p.Comments) > 0 {
		all, err := loadComments(im.ctx, im.tx, key)
		if err != nil {
			return err
		}
		merged.Comments = all
		im.warnThread(&merged)
	}
	return nil
}

// complete reports whether a record states a whole post. A source that
// could not read all of an item (a truncated export) marks it, and such a
// record only overwrites what it states.
func complete(p *Post) bool {
	for _, m := range p.Meta {
		if m.Key == MetaIncomplete {
			return false
		}
	}
	return true
}

func (im *Import) warnThread(p *Post) {
	if len(p.Comments) == 0 {
		return
	}
	_, problems := Thread(p.Comments)
	for _, pr := range problems {
		im.Warn(fmt.Sprintf("%s %d %q: %s", p.Type, p.ID, p.Title, pr))
	}
}

// putComments merges a post's incoming comments into those it holds;
// restated says this import gave the post before, and counted its
// comments then.
func (im *Import) putComments(postKey int64, held []Comment, incoming []Comment, authority Authority, restated bool) error {
	byID := make(map[int64]*Comment, len(held))
	for i := range held {
		byID[held[i].ID] = &held[i]
	}
	for i := range incoming {
		c := &incoming[i]
		old, ok := byID[c.ID]
		if !ok {
			id, err := im.insertComment(postKey, c, authority)
			if err != nil {
				return fmt.Errorf("comment %d: %w", c.ID, err)
			}
			if err := im.touched("comment", id, "added"); err != nil {
				return err
			}
			continue
		}
		var rank Authority
		var id int64
		if err := im.queryRow(`SELECT id, rank FROM comments WHERE post_id=? AND wp_id=?`, postKey, c.ID).Scan(&id, &rank); err != nil {
			return err
		}
		merged := *old
		mergeComment(&merged, *c, mergingFor(authority, rank, true))
		if fingerprint(merged) == fingerprint(*old) {
			if !restated {
				im.count("unchanged")
			}
			continue
		}
		if err := im.updateComment(id, &merged, authority); err != nil {
			return fmt.Errorf("comment %d: %w", c.ID, err)
		}
		if err := im.touched("comment", id, "updated"); err != nil {
			return err
		}
	}
	return nil
}

func (im *Import) insertPost(p *Post, authority Authority) (int64, error) {
	var wpID, derived any
	if p.ID != 0 {
		wpID = p.ID
	} else {
		id, err := freeDerivedID(im.queryRow, im.siteID, p)
		if err != nil {
			return 0, err
		}
		derived = id
	}
	res, err := im.exec(`INSERT INTO posts (site_id, type, wp_id, derived_id, occurrence, status, parent, menu_order, title, slug, guid, link,
		date, date_gmt, modified, modified_gmt, author_login, content_raw, content_rendered, excerpt_raw, excerpt_rendered,
		comment_status, ping_status, password, sticky, attachment_url, rank) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		im.siteID, p.Type, wpID, derived, p.Occurrence, p.Status, p.Parent, p.MenuOrder, p.Title, p.Slug, p.GUID, p.Link,
		formatTime(p.Date), formatTime(p.DateGMT), formatTime(p.Modified), formatTime(p.ModifiedGMT), p.AuthorLogin,
		p.ContentRaw, p.ContentRendered, p.ExcerptRaw, p.ExcerptRendered,
		p.CommentStatus, p.PingStatus, p.Password, p.Sticky, p.AttachmentURL, authority)
	if err != nil {
		return 0, err
	}
	key, _ := res.LastInsertId()
	return key, im.writeTermsAndMeta(key, p)
}

func (im *Import) updatePost(key int64, p *Post, authority Authority) error {
	var wpID any
	if p.ID != 0 {
		wpID = p.ID
	}
	_, err := im.exec(`UPDATE posts SET type=?, wp_id=?, status=?, parent=?, menu_order=?, title=?, slug=?, guid=?, link=?,
		date=?, date_gmt=?, modified=?, modified_gmt=?, author_login=?, content_raw=?, content_rendered=?, excerpt_raw=?, excerpt_rendered=?,
		comment_status=?, ping_status=?, password=?, sticky=?, attachment_url=?, rank=max(rank, ?) WHERE id=?`,
		p.Type, wpID, p.Status, p.Parent, p.MenuOrder, p.Title, p.Slug, p.GUID, p.Link,
		formatTime(p.Date), formatTime(p.DateGMT), formatTime(p.Modified), formatTime(p.ModifiedGMT), p.AuthorLogin,
		p.ContentRaw, p.ContentRendered, p.ExcerptRaw, p.ExcerptRendered,
		p.CommentStatus, p.PingStatus, p.Password, p.Sticky, p.AttachmentURL, authority, key)
	if err != nil {
		return err
	}
	if _, err := im.exec(`DELETE FROM post_terms WHERE post_id=?`, key); err != nil {
		return err
	}
	if _, err := im.exec(`DELETE FROM post_meta WHERE post_id=?`, key); err != nil {
		return err
	}
	return im.writeTermsAndMeta(key, p)
}

func (im *Import) writeTermsAndMeta(key int64, p *Post) error {
	for i, t := range p.Terms {
		if _, err := im.exec(`INSERT INTO post_terms (post_id, seq, taxonomy, slug, name) VALUES (?,?,?,?,?)`,
			key, i, t.Taxonomy, t.Slug, t.Name); err != nil {
			return err
		}
	}
	for i, m := range p.Meta {
		if _, err := im.exec(`INSERT INTO post_meta (post_id, seq, key, value) VALUES (?,?,?,?)`,
			key, i, m.Key, m.Value); err != nil {
			return err
		}
	}
	return nil
}

func (im *Import) insertComment(postKey int64, c *Comment, authority Authority) (int64, error) {
	res, err := im.exec(`INSERT INTO comments (post_id, wp_id, parent, author, author_email, author_url, author_ip,
		date, date_gmt, content_raw, content_rendered, approved, type, user_id, meta, rank) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		postKey, c.ID, c.Parent, c.Author, c.AuthorEmail, c.AuthorURL, c.AuthorIP, formatTime(c.Date), formatTime(c.DateGMT),
		c.ContentRaw, c.ContentRendered, c.Approved, c.Type, c.UserID, encodeMeta(c.Meta), authority)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func (im *Import) updateComment(id int64, c *Comment, authority Authority) error {
	_, err := im.exec(`UPDATE comments SET parent=?, author=?, author_email=?, author_url=?, author_ip=?,
		date=?, date_gmt=?, content_raw=?, content_rendered=?, approved=?, type=?, user_id=?, meta=?, rank=max(rank, ?) WHERE id=?`,
		c.Parent, c.Author, c.AuthorEmail, c.AuthorURL, c.AuthorIP, formatTime(c.Date), formatTime(c.DateGMT),
		c.ContentRaw, c.ContentRendered, c.Approved, c.Type, c.UserID, encodeMeta(c.Meta), authority, id)
	return err
}

// normalizeTimes puts a source's times in the form the archive keeps, so
// that the same instant from two sources compares equal: local times keep
// their wall clock, GMT times become UTC.
func normalizeTimes(p *Post) {
	p.Date, p.Modified = wallClock(p.Date), wallClock(p.Modified)
	p.DateGMT, p.ModifiedGMT = p.DateGMT.UTC().Truncate(time.Second), p.ModifiedGMT.UTC().Truncate(time.Second)
	for i := range p.Comments {
		c := &p.Comments[i]
		c.Date, c.DateGMT = wallClock(c.Date), c.DateGMT.UTC().Truncate(time.Second)
	}
}

func wallClock(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// slugOf is the slug a pretty permalink shows, for a source that names
// none (pages, feeds): its last path segment, percent-decoded, without
// an .html ending; "" for ?p=N links and date or number segments.
func slugOf(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.RawQuery != "" {
		return ""
	}
	path := strings.TrimSuffix(u.EscapedPath(), "/")
	seg := path[strings.LastIndex(path, "/")+1:]
	seg = strings.TrimSuffix(strings.TrimSuffix(seg, ".html"), ".htm")
	if decoded, err := url.PathUnescape(seg); err == nil && utf8.ValidString(decoded) {
		seg = decoded
	}
	if strings.Trim(seg, "0123456789") == "" {
		return ""
	}
	return seg
}

// loginOf is the login of the author a page or feed names: itself when
// it is a login the archive knows, else loginNamed.
func (im *Import) loginOf(named string) (string, error) {
	var login string
	err := im.queryRow(`SELECT login FROM authors WHERE site_id=? AND login=?`, im.siteID, named).Scan(&login)
	if errors.Is(err, sql.ErrNoRows) {
		return im.loginNamed(named)
	}
	return login, err
}

// loginNamed is the login of the author the archive knows by the display
// name name under another login (a block theme's byline shows only the
// name), else name itself.
func (im *Import) loginNamed(name string) (string, error) {
	var login string
	err := im.queryRow(`SELECT login FROM authors WHERE site_id=? AND display_name=? AND login != display_name ORDER BY rank DESC, id LIMIT 1`,
		im.siteID, name).Scan(&login)
	if errors.Is(err, sql.ErrNoRows) {
		return name, nil
	}
	return login, err
}
