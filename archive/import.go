package archive

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Source describes where an import's records come from.
type Source struct {
	Path      string // file path or URL
	Format    string // wxr, html, rss, atom, blogger, rest, …
	Authority Authority
}

// Counts tallies what an import read and what it did to the archive.
// Added, Updated and Unchanged count every record: posts of any type,
// comments, authors and terms.
type Counts struct {
	Posts       int `json:"posts"`
	Pages       int `json:"pages"`
	Attachments int `json:"attachments"`
	OtherItems  int `json:"other_items"`
	Comments    int `json:"comments"`
	Authors     int `json:"authors"`
	Terms       int `json:"terms"`
	Added       int `json:"added"`
	Updated     int `json:"updated"`
	Unchanged   int `json:"unchanged"`
}

// ImportResult is the record of one finished import.
type ImportResult struct {
	ID       int64
	Source   Source
	Site     string // the URL of the last site the source named
	SHA256   string
	Started  time.Time
	Finished time.Time
	Counts   Counts
	Warnings []string
}

// Import writes one source's records into the archive in batches: each
// batch is one transaction, so an import killed at any moment leaves an
// archive that opens and verifies, and running it again completes it.
type Import struct {
	store   *Store
	ctx     context.Context
	tx      *sql.Tx
	pending int // records written in the open transaction
	stmts   map[string]*sql.Stmt
	// stated holds the authors and terms this import has written: a source
	// that states one twice (WXR files list a category both as wp:category
	// and wp:term) only fills gaps the second time, so that importing the
	// file again finds nothing to change.
	stated map[string]bool
	// counted holds the records other than comments this import has
	// counted as added, updated or unchanged: a record a source gives
	// twice (a term listed twice, a post on each of its comment pages) is
	// counted once, as what the import did to it first. Comments, the bulk
	// of a blog, are not held here (a million would cost 80 MB): a post
	// given again does not count its unchanged comments again.
	counted  map[recordKey]bool
	result   ImportResult
	siteID   int64
	siteURL  string
	warnings []string
}

// batchSize bounds a transaction: large enough that commits are not the
// bottleneck, small enough that a kill loses little work.
const batchSize = 2000

// BeginImport records the start of an import.
func (s *Store) BeginImport(ctx context.Context, src Source) (*Import, error) {
	if s.readOnly {
		return nil, fmt.Errorf("archive: importing %s: %w", src.Path, ErrReadOnly)
	}
	now := time.Now().UTC()
	res, err := s.db.ExecContext(ctx, `INSERT INTO imports (source, format, started) VALUES (?, ?, ?)`,
		src.Path, src.Format, now.Format(time.RFC3339Nano))
	if err != nil {
		return nil, fmt.Errorf("archive: recording import of %s: %w", src.Path, err)
	}
	id, _ := res.LastInsertId()
	return &Import{store: s, ctx: ctx, result: ImportResult{ID: id, Source: src, Started: now}, stated: make(map[string]bool), counted: make(map[recordKey]bool)}, nil
}

// maxWarning bounds one warning: sources quote what they repaired, and a
// hostile file can make that a title of megabytes.
const maxWarning = 500

// Warn adds a warning to the import's record.
func (im *Import) Warn(msg string) {
	if len(msg) > maxWarning {
		msg = strings.ToValidUTF8(msg[:maxWarning], "") + "…"
	}
	im.warnings = append(im.warnings, msg)
}

// Put writes one record, merging it with what the archive holds.
func (im *Import) Put(rec Record) error {
	if err := im.begin(); err != nil {
		return err
	}
	var err error
	switch {
	case rec.Site != nil:
		err = im.putSite(*rec.Site)
	case im.siteID == 0:
		err = errors.New("a record came before the site it belongs to")
	case rec.Author != nil:
		err = im.putAuthor(*rec.Author)
	case rec.Term != nil:
		err = im.putTerm(*rec.Term)
	case rec.Post != nil:
		err = im.putPost(rec.Post)
	}
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	im.pending++
	if im.pending >= batchSize {
		return im.commit()
	}
	return nil
}

func (im *Import) begin() error {
	if im.tx != nil {
		return nil
	}
	tx, err := im.store.db.BeginTx(im.ctx, nil)
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	im.tx = tx
	im.stmts = make(map[string]*sql.Stmt)
	return nil
}

// stmt prepares a query once per transaction: an import runs the same few
// statements hundreds of thousands of times.
func (im *Import) stmt(query string) (*sql.Stmt, error) {
	if st, ok := im.stmts[query]; ok {
		return st, nil
	}
	st, err := im.tx.PrepareContext(im.ctx, query)
	if err != nil {
		return nil, err
	}
	im.stmts[query] = st
	return st, nil
}

func (im *Import) exec(query string, args ...any) (sql.Result, error) {
	st, err := im.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(im.ctx, args...)
}

func (im *Import) queryRow(query string, args ...any) *sql.Row {
	st, err := im.stmt(query)
	if err != nil {
		// Let Scan report the error: *sql.Row cannot be built with one.
		return im.tx.QueryRowContext(im.ctx, query, args...)
	}
	return st.QueryRowContext(im.ctx, args...)
}

func (im *Import) commit() error {
	if im.tx == nil {
		return nil
	}
	for _, st := range im.stmts {
		st.Close()
	}
	err := im.tx.Commit()
	im.tx, im.pending, im.stmts = nil, 0, nil
	if err != nil {
		return fmt.Errorf("archive: committing batch: %w", err)
	}
	return nil
}

// Finish commits what is pending, checks the cross references the source
// made, and completes the import's record. readErr is the error that ended
// the source early, if any: what was read before it is kept, and the
// record says so.
func (im *Import) Finish(sha256 string, readErr error) (*ImportResult, error) {
	if err := im.commit(); err != nil {
		return nil, err
	}
	if im.siteID != 0 {
		problems, err := im.store.danglingReferences(im.ctx, im.result.ID)
		if err != nil {
			return nil, err
		}
		im.warnings = append(im.warnings, problems...)
	}
	im.result.SHA256 = sha256
	im.result.Site = im.siteURL
	im.result.Finished = time.Now().UTC()
	im.result.Warnings = im.warnings
	counts, _ := json.Marshal(im.result.Counts)
	warnings, _ := json.Marshal(im.warnings)
	errText := ""
	if readErr != nil {
		errText = readErr.Error()
	}
	_, err := im.store.db.ExecContext(im.ctx, `UPDATE imports SET sha256 = ?, finished = ?, counts = ?, warnings = ?, error = ? WHERE id = ?`,
		sha256, im.result.Finished.Format(time.RFC3339Nano), string(counts), string(warnings), errText, im.result.ID)
	if err != nil {
		return nil, fmt.Errorf("archive: completing import record: %w", err)
	}
	r := im.result
	return &r, nil
}

// Abort gives up the open batch; batches committed before stay.
func (im *Import) Abort() {
	if im.tx != nil {
		im.tx.Rollback()
		im.tx, im.stmts = nil, nil
	}
}

func (im *Import) count(action string) {
	switch action {
	case "added":
		im.result.Counts.Added++
	case "updated":
		im.result.Counts.Updated++
	default:
		im.result.Counts.Unchanged++
	}
}

// recordKey names one stored record: its kind and its row id.
type recordKey struct {
	kind string
	id   int64
}

// touched counts what the import did to a record and notes it in the
// record's provenance, once per record and import (comments: see counted).
func (im *Import) touched(kind string, id int64, action string) error {
	if kind != "comment" {
		key := recordKey{kind, id}
		if im.counted[key] {
			return nil
		}
		im.counted[key] = true
	}
	im.count(action)
	if action == "unchanged" {
		return nil
	}
	_, err := im.exec(`INSERT INTO provenance (import_id, kind, record_id, action) VALUES (?, ?, ?, ?)`,
		im.result.ID, kind, id, action)
	return err
}

func (im *Import) putSite(site Site) error {
	key := NormalizeSiteURL(site.URL)
	if key == "" {
		return errors.New("the source names no site URL")
	}
	var old Site
	var id int64
	var rank Authority
	err := im.queryRow(`SELECT id, title, link, description, language, base_site_url, base_blog_url, wxr_version, generator, rank FROM sites WHERE url = ?`, key).
		Scan(&id, &old.Title, &old.Link, &old.Description, &old.Language, &old.BaseSiteURL, &old.BaseBlogURL, &old.WXRVersion, &old.Generator, &rank)
	im.siteURL = key
	authority := im.result.Source.Authority
	if errors.Is(err, sql.ErrNoRows) {
		res, err := im.exec(`INSERT INTO sites (url, title, link, description, language, base_site_url, base_blog_url, wxr_version, generator, rank) VALUES (?,?,?,?,?,?,?,?,?,?)`,
			key, site.Title, site.Link, site.Description, site.Language, site.BaseSiteURL, site.BaseBlogURL, site.WXRVersion, site.Generator, authority)
		if err != nil {
			return err
		}
		im.siteID, _ = res.LastInsertId()
		return im.touched("site", im.siteID, "added")
	}
	if err != nil {
		return err
	}
	im.siteID = id
	merged := old
	mergeSite(&merged, site, authority >= rank)
	if merged == old {
		return im.touched("site", id, "unchanged")
	}
	_, err = im.exec(`UPDATE sites SET title=?, link=?, description=?, language=?, base_site_url=?, base_blog_url=?, wxr_version=?, generator=?, rank=MAX(rank, ?) WHERE id=?`,
		merged.Title, merged.Link, merged.Description, merged.Language, merged.BaseSiteURL, merged.BaseBlogURL, merged.WXRVersion, merged.Generator, authority, id)
	if err != nil {
		return err
	}
	return im.touched("site", id, "updated")
}

func (im *Import) putAuthor(a Author) error {
	im.result.Counts.Authors++
	login := a.Login
	if login == "" {
		login = a.DisplayName
	}
	if login == "" {
		login = a.Email
	}
	if login == "" {
		im.Warn(fmt.Sprintf("author with id %d has no login, name or email: skipped", a.ID))
		im.count("unchanged")
		return nil
	}
	a.Login = login
	var old Author
	var id int64
	var rank Authority
	err := im.queryRow(`SELECT id, wp_id, email, display_name, first_name, last_name, rank FROM authors WHERE site_id = ? AND login = ?`, im.siteID, login).
		Scan(&id, &old.ID, &old.Email, &old.DisplayName, &old.FirstName, &old.LastName, &rank)
	if errors.Is(err, sql.ErrNoRows) && a.Login == a.DisplayName && im.result.Source.Authority < AuthorityExport {
		// Known only by name: the author the archive knows by that name
		// under a login is the same one.
		if known, err := im.loginNamed(a.DisplayName); err != nil || known != a.DisplayName {
			return err
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		res, err := im.exec(`INSERT INTO authors (site_id, login, wp_id, email, display_name, first_name, last_name, rank) VALUES (?,?,?,?,?,?,?,?)`,
			im.siteID, login, a.ID, a.Email, a.DisplayName, a.FirstName, a.LastName, im.result.Source.Authority)
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		im.stated["author\x00"+login] = true
		return im.touched("author", id, "added")
	}
	if err != nil {
		return err
	}
	old.Login = login
	merged := old
	mergeAuthor(&merged, a, im.replaces(rank, "author\x00"+login))
	if merged == old {
		return im.touched("author", id, "unchanged")
	}
	_, err = im.exec(`UPDATE authors SET wp_id=?, email=?, display_name=?, first_name=?, last_name=?, rank=max(rank, ?) WHERE id=?`,
		merged.ID, merged.Email, merged.DisplayName, merged.FirstName, merged.LastName, im.result.Source.Authority, id)
	if err != nil {
		return err
	}
	return im.touched("author", id, "updated")
}

func (im *Import) putTerm(t Term) error {
	if t.Slug == "" {
		t.Slug = t.Name
	}
	if t.Taxonomy == "" || t.Slug == "" {
		im.result.Counts.Terms++
		im.Warn(fmt.Sprintf("term %q (id %d) has no taxonomy or slug: skipped", t.Name, t.ID))
		im.count("unchanged")
		return nil
	}
	var old Term
	var id int64
	var rank Authority
	var meta string
	err := im.queryRow(`SELECT id, wp_id, name, description, parent_slug, meta, rank FROM terms WHERE site_id = ? AND taxonomy = ? AND slug = ?`, im.siteID, t.Taxonomy, t.Slug).
		Scan(&id, &old.ID, &old.Name, &old.Description, &old.ParentSlug, &meta, &rank)
	// WordPress 6 exports list each category and tag twice, as
	// wp:category or wp:tag and as wp:term: one term read, the one this
	// import has not counted yet.
	if !im.counted[recordKey{"term", id}] {
		im.result.Counts.Terms++
	}
	if errors.Is(err, sql.ErrNoRows) {
		res, err := im.exec(`INSERT INTO terms (site_id, taxonomy, slug, wp_id, name, description, parent_slug, meta, rank) VALUES (?,?,?,?,?,?,?,?,?)`,
			im.siteID, t.Taxonomy, t.Slug, t.ID, t.Name, t.Description, t.ParentSlug, encodeMeta(t.Meta), im.result.Source.Authority)
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		im.stated["term\x00"+t.Taxonomy+"\x00"+t.Slug] = true
		return im.touched("term", id, "added")
	}
	if err != nil {
		return err
	}
	old.Taxonomy, old.Slug, old.Meta = t.Taxonomy, t.Slug, decodeMeta(meta)
	merged := old
	mergeTerm(&merged, t, im.replaces(rank, "term\x00"+t.Taxonomy+"\x00"+t.Slug))
	if fingerprint(merged) == fingerprint(old) {
		return im.touched("term", id, "unchanged")
	}
	_, err = im.exec(`UPDATE terms SET wp_id=?, name=?, description=?, parent_slug=?, meta=?, rank=max(rank, ?) WHERE id=?`,
		merged.ID, merged.Name, merged.Description, merged.ParentSlug, encodeMeta(merged.Meta), im.result.Source.Authority, id)
	if err != nil {
		return err
	}
	return im.touched("term", id, "updated")
}

// replaces reports whether this import's word on a record overrides what
// the archive holds, and notes that the import has now stated it.
func (im *Import) replaces(rank Authority, key string) bool {
	first := !im.stated[key]
	im.stated[key] = true
	return first && im.result.Source.Authority >= rank
}

func encodeMeta(m []Meta) string {
	if len(m) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func decodeMeta(s string) []Meta {
	var m []Meta
	if s != "" && s != "[]" {
		json.Unmarshal([]byte(s), &m) // written by encodeMeta
	}
	return m
}
