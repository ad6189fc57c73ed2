package archive

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// FetchedPage is a response as a live site served it, kept so that posts
// can be rebuilt from it later (parc reparse) and so that the next crawl
// can ask only for what changed. Site is the normalized URL of the site
// the page was fetched for.
type FetchedPage struct {
	URL       string
	Site      string
	Status    int
	Header    map[string][]string
	FetchedAt time.Time
	Body      []byte
}

// SaveFetched stores a fetched page, replacing an earlier fetch of the
// same URL. The body is stored gzip-compressed.
func (s *Store) SaveFetched(ctx context.Context, p FetchedPage) error {
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(p.Body) // writes to a bytes.Buffer cannot fail
	zw.Close()
	header, err := json.Marshal(p.Header)
	if err != nil {
		return fmt.Errorf("archive: saving %s: %w", p.URL, err)
	}
	_, err = s.exec(ctx, `INSERT INTO fetched (url, site, status, header, fetched_at, body) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET site = excluded.site, status = excluded.status, header = excluded.header, fetched_at = excluded.fetched_at, body = excluded.body`,
		p.URL, NormalizeSiteURL(p.Site), p.Status, string(header), p.FetchedAt.UTC().Format(time.RFC3339Nano), zipped.Bytes())
	if err != nil {
		return fmt.Errorf("archive: saving %s: %w", p.URL, err)
	}
	return nil
}

// Fetched returns the stored fetch of url, or nil, nil when there is none.
func (s *Store) Fetched(ctx context.Context, url string) (*FetchedPage, error) {
	var p FetchedPage
	var header, fetchedAt string
	var zipped []byte
	err := s.db.QueryRowContext(ctx, `SELECT url, site, status, header, fetched_at, body FROM fetched WHERE url = ?`, url).
		Scan(&p.URL, &p.Site, &p.Status, &header, &fetchedAt, &zipped)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("archive: reading fetched %s: %w", url, err)
	}
	if err := json.Unmarshal([]byte(header), &p.Header); err != nil {
		return nil, fmt.Errorf("archive: headers of fetched %s: %w", url, err)
	}
	p.FetchedAt, _ = time.Parse(time.RFC3339Nano, fetchedAt) // written by SaveFetched
	zr, err := gzip.NewReader(bytes.NewReader(zipped))
	if err == nil {
		p.Body, err = io.ReadAll(zr)
	}
	if err != nil {
		return nil, fmt.Errorf("archive: body of fetched %s: %w", url, err)
	}
	return &p, nil
}

// ForEachFetched calls fn with every stored page of site (when site is "",
// of every site, but no web archive's captures: see fetchedOf), in URL
// order, stopping at fn's first error. fn may write to the store: no
// query is open while it runs.
func (s *Store) ForEachFetched(ctx context.Context, site string, fn func(*FetchedPage) error) error {
	where, args := fetchedOf(site)
	query := `SELECT url FROM fetched WHERE ` + where + ` ORDER BY url`
	urls, err := queryColumn[string](ctx, s.db, query, args...)
	if err != nil {
		return fmt.Errorf("archive: listing fetched pages: %w", err)
	}
	for _, u := range urls {
		p, err := s.Fetched(ctx, u)
		if err != nil {
			return err
		}
		if p == nil {
			continue // replaced or removed since the listing
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// fetchedOf is the condition on the fetched table that picks the pages of
// site; for site "", those kept under any site's http(s) URL. A web
// archive's captures are kept under their import's job name instead, and
// are read only by that import, which names its job.
func fetchedOf(site string) (where string, args []any) {
	if site == "" {
		return `site GLOB 'http*'`, nil
	}
	return `site = ?`, []any{NormalizeSiteURL(site)}
}

// Frontier states.
const (
	frontierQueued = "queued"
	frontierDone   = "done"
	frontierFailed = "failed"
)

// Frontier is one job's list of URLs to visit, kept in the archive so that
// a crawl or an API import killed at any moment resumes where it stopped.
// A job is named by what it does and for which site, e.g.
// "crawl https://blog.example.org".
type Frontier struct {
	store *Store
	job   string
	max   int64 // MaxFrontier, but in tests
	// known counts the job's URLs once Enqueue first needed it; -1 before.
	known atomic.Int64
}

// MaxFrontier caps the URLs one job knows, visited or not: a site that
// lists more (a hostile sitemap of millions) cannot fill the archive.
const MaxFrontier = 1_000_000

// enqueueBatch bounds a queueing transaction, so that a crawl's other
// writers never wait long for the archive.
const enqueueBatch = 1000

// Frontier returns the frontier of job.
func (s *Store) Frontier(job string) *Frontier {
	f := &Frontier{store: s, job: job, max: MaxFrontier}
	f.known.Store(-1)
	return f
}

// FullError is the error of an Enqueue that left URLs out because the job
// knows MaxFrontier URLs already; the others were queued.
type FullError struct {
	Job     string
	Dropped int
}

func (e *FullError) Error() string {
	return fmt.Sprintf("archive: the frontier of %s holds the most URLs it keeps: %d more not queued", e.Job, e.Dropped)
}

// Enqueue adds urls after those already there. URLs the job already knows,
// visited or not, are left as they are, so a link seen twice is fetched
// once. Past MaxFrontier URLs it queues no more and says so with a
// *FullError.
func (f *Frontier) Enqueue(ctx context.Context, urls ...string) error {
	for len(urls) > 0 {
		batch := urls[:min(len(urls), enqueueBatch)]
		taken, err := f.enqueue(ctx, batch)
		if err != nil {
			return err
		}
		urls = urls[taken:]
		if taken < len(batch) {
			return &FullError{Job: f.job, Dropped: len(urls)}
		}
	}
	return nil
}

// enqueue adds what it can of one batch in one transaction, and returns
// how many of its URLs it went through before the job knew f.max URLs.
func (f *Frontier) enqueue(ctx context.Context, urls []string) (taken int, err error) {
	err = f.store.write(ctx, func(tx *sql.Tx) error {
		taken = 0
		known := f.known.Load()
		if known < 0 {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM frontier WHERE job = ?`, f.job).Scan(&known); err != nil {
				return err
			}
		}
		var seq int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM frontier WHERE job = ?`, f.job).Scan(&seq); err != nil {
			return err
		}
		insert, err := tx.PrepareContext(ctx, `INSERT INTO frontier (job, url, seq) VALUES (?, ?, ?) ON CONFLICT (job, url) DO NOTHING`)
		if err != nil {
			return err
		}
		defer insert.Close()
		for _, u := range urls {
			if known >= f.max {
				break
			}
			seq++
			res, err := insert.ExecContext(ctx, f.job, u, seq)
			if err != nil {
				return fmt.Errorf("queueing %s: %w", u, err)
			}
			n, _ := res.RowsAffected()
			known += n
			taken++
		}
		f.known.Store(known)
		return nil
	})
	if err != nil {
		f.known.Store(-1) // the transaction rolled back: count again next time
		return 0, fmt.Errorf("archive: queueing for %s: %w", f.job, err)
	}
	return taken, nil
}

// Next returns up to n URLs still to visit, oldest first. They stay queued
// until MarkDone, so a crawl killed meanwhile visits them again.
func (f *Frontier) Next(ctx context.Context, n int) ([]string, error) {
	urls, err := queryColumn[string](ctx, f.store.db, `SELECT url FROM frontier WHERE job = ? AND state = ? ORDER BY seq LIMIT ?`, f.job, frontierQueued, n)
	if err != nil {
		return nil, fmt.Errorf("archive: frontier of %s: %w", f.job, err)
	}
	return urls, nil
}

// MarkDone records a visit to url. A failed visit counts one more try and
// sets the URL aside with errMsg; RetryFailed queues it again while it
// has tries left, and Failures reports it once it has none.
func (f *Frontier) MarkDone(ctx context.Context, url string, failedVisit bool, errMsg string) error {
	var err error
	if failedVisit {
		_, err = f.store.exec(ctx, `UPDATE frontier SET state = ?, tries = tries + 1, error = ? WHERE job = ? AND url = ?`, frontierFailed, errMsg, f.job, url)
	} else {
		_, err = f.store.exec(ctx, `UPDATE frontier SET state = ?, error = '' WHERE job = ? AND url = ?`, frontierDone, f.job, url)
	}
	if err != nil {
		return fmt.Errorf("archive: marking %s visited for %s: %w", url, f.job, err)
	}
	return nil
}

// RetryFailed queues again, at the back, the failed URLs that have failed
// fewer than maxTries times, and returns how many it queued.
func (f *Frontier) RetryFailed(ctx context.Context, maxTries int) (int, error) {
	res, err := f.store.exec(ctx, `UPDATE frontier SET state = ?, seq = seq + (SELECT MAX(seq) FROM frontier WHERE job = ?)
		WHERE job = ? AND state = ? AND tries < ?`, frontierQueued, f.job, f.job, frontierFailed, maxTries)
	if err != nil {
		return 0, fmt.Errorf("archive: retrying failed URLs of %s: %w", f.job, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// QueueFailure is a URL a job gave up on, with its last error.
type QueueFailure struct {
	URL   string
	Tries int
	Error string
}

// Failures lists the URLs whose last visit failed.
func (f *Frontier) Failures(ctx context.Context) ([]QueueFailure, error) {
	rows, err := f.store.db.QueryContext(ctx, `SELECT url, tries, error FROM frontier WHERE job = ? AND state = ? ORDER BY seq`, f.job, frontierFailed)
	if err != nil {
		return nil, fmt.Errorf("archive: failures of %s: %w", f.job, err)
	}
	defer rows.Close()
	var list []QueueFailure
	for rows.Next() {
		var q QueueFailure
		if err := rows.Scan(&q.URL, &q.Tries, &q.Error); err != nil {
			return nil, fmt.Errorf("archive: failures of %s: %w", f.job, err)
		}
		list = append(list, q)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("archive: failures of %s: %w", f.job, err)
	}
	return list, nil
}

// Stats counts the URLs still queued, visited, and failed.
func (f *Frontier) Stats(ctx context.Context) (queuedURLs, doneURLs, failedURLs int, err error) {
	err = f.store.db.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(state = ?), 0), COALESCE(SUM(state = ?), 0), COALESCE(SUM(state = ?), 0)
		FROM frontier WHERE job = ?`, frontierQueued, frontierDone, frontierFailed, f.job).Scan(&queuedURLs, &doneURLs, &failedURLs)
	if err != nil {
		err = fmt.Errorf("archive: frontier of %s: %w", f.job, err)
	}
	return queuedURLs, doneURLs, failedURLs, err
}

// Reset queues every URL the job knows again, with its tries forgotten,
// so that a later crawl re-visits everything (with conditional requests).
func (f *Frontier) Reset(ctx context.Context) error {
	if _, err := f.store.exec(ctx, `UPDATE frontier SET state = ?, tries = 0, error = '' WHERE job = ?`, frontierQueued, f.job); err != nil {
		return fmt.Errorf("archive: resetting the frontier of %s: %w", f.job, err)
	}
	return nil
}

// Clear forgets every URL of the job, for a job whose list is used up once
// acted upon, such as the pages of a crawl still to import.
func (f *Frontier) Clear(ctx context.Context) error {
	if _, err := f.store.exec(ctx, `DELETE FROM frontier WHERE job = ?`, f.job); err != nil {
		return fmt.Errorf("archive: clearing the frontier of %s: %w", f.job, err)
	}
	f.known.Store(0) // else a later Enqueue would find the job still full
	return nil
}

// write runs fn in a write transaction, one at a time within this
// process: the crawl's workers queue here rather than in SQLite's busy
// handler, which could give up on a long wait.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// exec runs one write statement, one at a time within this process.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.db.ExecContext(ctx, query, args...)
}

// CountFetched is the number of stored pages of site (every site when site
// is "").
func (s *Store) CountFetched(ctx context.Context, site string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM fetched WHERE ? = '' OR site = ?`, site, NormalizeSiteURL(site)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("archive: counting fetched pages: %w", err)
	}
	return n, nil
}
