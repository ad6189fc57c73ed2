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
	_, err = s.db.ExecContext(ctx, `INSERT INTO fetched (url, site, status, header, fetched_at, body) VALUES (?, ?, ?, ?, ?, ?)
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

// ForEachFetched calls fn with every stored page of site (every site when
// site is ""), in URL order, stopping at fn's first error. fn may write to
// the store: no query is open while it runs.
func (s *Store) ForEachFetched(ctx context.Context, site string, fn func(*FetchedPage) error) error {
	query, args := `SELECT url FROM fetched ORDER BY url`, []any{}
	if site != "" {
		query, args = `SELECT url FROM fetched WHERE site = ? ORDER BY url`, []any{NormalizeSiteURL(site)}
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("archive: listing fetched pages: %w", err)
	}
	var urls []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			rows.Close()
			return fmt.Errorf("archive: listing fetched pages: %w", err)
		}
		urls = append(urls, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
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
	db  *sql.DB
	job string
}

// Frontier returns the frontier of job.
func (s *Store) Frontier(job string) *Frontier { return &Frontier{db: s.db, job: job} }

// Enqueue adds urls after those already there. URLs the job already knows,
// visited or not, are left as they are, so a link seen twice is fetched once.
func (f *Frontier) Enqueue(ctx context.Context, urls ...string) error {
	if len(urls) == 0 {
		return nil
	}
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("archive: queueing for %s: %w", f.job, err)
	}
	defer tx.Rollback()
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM frontier WHERE job = ?`, f.job).Scan(&seq); err != nil {
		return fmt.Errorf("archive: queueing for %s: %w", f.job, err)
	}
	for _, u := range urls {
		seq++
		if _, err := tx.ExecContext(ctx, `INSERT INTO frontier (job, url, seq) VALUES (?, ?, ?) ON CONFLICT (job, url) DO NOTHING`, f.job, u, seq); err != nil {
			return fmt.Errorf("archive: queueing %s for %s: %w", u, f.job, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("archive: queueing for %s: %w", f.job, err)
	}
	return nil
}

// Next returns up to n URLs still to visit, oldest first. They stay queued
// until MarkDone, so a crawl killed meanwhile visits them again.
func (f *Frontier) Next(ctx context.Context, n int) ([]string, error) {
	rows, err := f.db.QueryContext(ctx, `SELECT url FROM frontier WHERE job = ? AND state = ? ORDER BY seq LIMIT ?`, f.job, frontierQueued, n)
	if err != nil {
		return nil, fmt.Errorf("archive: frontier of %s: %w", f.job, err)
	}
	defer rows.Close()
	var urls []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("archive: frontier of %s: %w", f.job, err)
		}
		urls = append(urls, u)
	}
	if err := rows.Err(); err != nil {
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
		_, err = f.db.ExecContext(ctx, `UPDATE frontier SET state = ?, tries = tries + 1, error = ? WHERE job = ? AND url = ?`, frontierFailed, errMsg, f.job, url)
	} else {
		_, err = f.db.ExecContext(ctx, `UPDATE frontier SET state = ?, error = '' WHERE job = ? AND url = ?`, frontierDone, f.job, url)
	}
	if err != nil {
		return fmt.Errorf("archive: marking %s visited for %s: %w", url, f.job, err)
	}
	return nil
}

// RetryFailed queues again, at the back, the failed URLs that have failed
// fewer than maxTries times, and returns how many it queued.
func (f *Frontier) RetryFailed(ctx context.Context, maxTries int) (int, error) {
	res, err := f.db.ExecContext(ctx, `UPDATE frontier SET state = ?, seq = seq + (SELECT MAX(seq) FROM frontier WHERE job = ?)
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
	rows, err := f.db.QueryContext(ctx, `SELECT url, tries, error FROM frontier WHERE job = ? AND state = ? ORDER BY seq`, f.job, frontierFailed)
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
	err = f.db.QueryRowContext(ctx, `SELECT
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
	if _, err := f.db.ExecContext(ctx, `UPDATE frontier SET state = ?, tries = 0, error = '' WHERE job = ?`, frontierQueued, f.job); err != nil {
		return fmt.Errorf("archive: resetting the frontier of %s: %w", f.job, err)
	}
	return nil
}

// Clear forgets every URL of the job, for a job whose list is used up once
// acted upon, such as the pages of a crawl still to import.
func (f *Frontier) Clear(ctx context.Context) error {
	if _, err := f.db.ExecContext(ctx, `DELETE FROM frontier WHERE job = ?`, f.job); err != nil {
		return fmt.Errorf("archive: clearing the frontier of %s: %w", f.job, err)
	}
	return nil
}
