package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// DatabaseFile is the name of the SQLite database inside an archive directory.
const DatabaseFile = "parc.db"

// ErrNewerSchema is returned by Open for an archive written by a newer parc.
var ErrNewerSchema = errors.New("archive was written by a newer parc")

// Store is an open archive. It is safe for concurrent use; SQLite's WAL
// lets readers (a running site) go on while an import writes.
type Store struct {
	dir string
	db  *sql.DB
	// writeMu makes the frontier's and fetched pages' writers take turns.
	writeMu  sync.Mutex
	readOnly bool
}

// ErrReadOnly is returned by every write to an archive opened read-only.
var ErrReadOnly = errors.New("archive is read-only")

// Open opens the archive in dir, creating it when absent and migrating an
// older schema. An archive with a newer schema is refused. An archive
// parc may not write (a read-only file, folder or file system) is opened
// for reading: everything that reads works, every write says ErrReadOnly.
func Open(dir string) (*Store, error) {
	path := filepath.Join(dir, DatabaseFile)
	if !writable(dir, path) {
		return OpenReadOnly(dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("archive %s: %w", dir, err)
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(30000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", path, err)
	}
	s := &Store{dir: dir, db: db}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, fmt.Errorf("archive %s: %w", path, err)
	}
	return s, nil
}

// writable reports whether parc may write the archive: its database file
// and, for SQLite's journal files beside it, its folder. An archive not
// made yet is writable where its folder can be made.
func writable(dir, path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return true // MkdirAll and SQLite say why if it cannot be made
	}
	if err != nil {
		return false
	}
	f.Close()
	probe, err := os.CreateTemp(dir, ".parc-write-check-*")
	if err != nil {
		return false
	}
	probe.Close()
	os.Remove(probe.Name())
	return true
}

// OpenReadOnly opens the archive in dir for reading only, as Open does
// for an archive parc may not write; nobody may change it meanwhile.
func OpenReadOnly(dir string) (*Store, error) {
	path := filepath.Join(dir, DatabaseFile)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("archive %s: %w", path, err)
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&immutable=1&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", path, err)
	}
	s := &Store{dir: dir, db: db, readOnly: true}
	var version int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		db.Close()
		return nil, fmt.Errorf("archive %s: not a parc archive database: %w", path, err)
	}
	if version != len(migrations) {
		db.Close()
		return nil, fmt.Errorf("archive %s: %w, and its schema (%d) is not this parc's (%d): open it once where it can be written", path, ErrReadOnly, version, len(migrations))
	}
	return s, nil
}

// ReadOnly reports whether the archive was opened for reading only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Dir is the archive directory; other parts of parc keep their files there.
func (s *Store) Dir() string { return s.dir }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate() error {
	// An archive that is current, as nearly every one opened is, takes no
	// write lock: opening it never waits for another process's import.
	if version, err := schemaVersion(s.db); version == len(migrations) || err != nil {
		return err
	}
	for {
		done, err := s.migrateOnce()
		if done || err != nil {
			return err
		}
	}
}

// schemaVersion reads the archive's schema version, and fails for a file
// that is no parc archive or one a newer parc wrote.
func schemaVersion(q querier) (int, error) {
	var version int
	if err := q.QueryRowContext(context.Background(), `PRAGMA user_version`).Scan(&version); err != nil {
		return 0, fmt.Errorf("not a parc archive database: %w", err)
	}
	if version > len(migrations) {
		return 0, fmt.Errorf("%w (schema %d; this parc knows up to %d): upgrade parc", ErrNewerSchema, version, len(migrations))
	}
	return version, nil
}

// migrateOnce brings the schema one version forward, or reports that it
// is current. The version is read inside the migration's transaction
// (immediate: one writer at a time), so that two processes opening a new
// archive at once migrate it once: the second finds the first's work.
func (s *Store) migrateOnce() (done bool, err error) {
	tx, err := s.db.Begin()
	if err != nil {
		return false, err
	}
	defer tx.Rollback() // after Commit it does nothing
	version, err := schemaVersion(tx)
	if version == len(migrations) || err != nil {
		return err == nil, err
	}
	if _, err := tx.Exec(migrations[version]); err != nil {
		return false, fmt.Errorf("migrating schema to %d: %w", version+1, err)
	}
	if step := migrationSteps[version+1]; step != nil {
		if err := step(tx); err != nil {
			return false, fmt.Errorf("migrating schema to %d: %w", version+1, err)
		}
	}
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, version+1)); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrating schema to %d: %w", version+1, err)
	}
	return false, nil
}

// SiteURLsFor are the site URLs, normalized, a site named by a user may
// mean: the name itself, and with https or http in front when it has no
// scheme ("blog.example.org", "127.0.0.1:8088").
func SiteURLsFor(given string) []string {
	if u, err := url.Parse(given); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return []string{NormalizeSiteURL(given)}
	}
	return []string{NormalizeSiteURL(given), NormalizeSiteURL("https://" + given), NormalizeSiteURL("http://" + given)}
}

// NormalizeSiteURL gives the form in which a site's URL identifies it:
// lower-case scheme and host, no trailing slash, no query or fragment.
func NormalizeSiteURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return strings.TrimRight(raw, "/")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.RawQuery, u.Fragment = "", ""
	return strings.TrimRight(u.String(), "/")
}

// dateLayout stores times so that they sort as text; "" is unknown.
const dateLayout = "2006-01-02 15:04:05"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(dateLayout)
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation(dateLayout, s, time.UTC)
	if err != nil {
		return time.Time{}
	}
	return t
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
