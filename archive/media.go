package archive

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Media statuses.
const (
	MediaPending = "pending" // known, not fetched yet
	MediaStored  = "stored"  // its bytes are in the archive
	MediaMissing = "missing" // the origin says it is gone (404, 410) or it may not be asked for
	MediaFailed  = "failed"  // a fetch failed; another run tries again
)

// mediaDir is the folder of the archive that holds media files, each
// named by its SHA-256.
const mediaDir = "media"

// MediaRef is one use of a file: a post (by its archive key) names URL;
// Original is the file URL is a variant of (a resized copy, a CDN form),
// or "".
type MediaRef struct {
	URL      string
	Site     string
	Original string
	PostKey  int64
}

// MediaFile is a file a blog uses, by one URL that names it.
type MediaFile struct {
	URL      string  `json:"url"`
	Site     string  `json:"site"`
	Original string  `json:"original,omitempty"`
	Status   string  `json:"status"`
	SHA256   string  `json:"sha256"`
	Bytes    int64   `json:"bytes"`
	Type     string  `json:"type"`
	Error    string  `json:"error"`
	Tries    int     `json:"tries"`
	Posts    []int64 `json:"posts"` // the keys of the posts that use it
}

// AddMedia records the files posts use; a URL the archive knows keeps its
// status. It returns how many URLs were new.
func (s *Store) AddMedia(ctx context.Context, refs []MediaRef) (added int, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		file, err := tx.PrepareContext(ctx, `INSERT INTO media (url, site, original) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING`)
		if err != nil {
			return err
		}
		defer file.Close()
		use, err := tx.PrepareContext(ctx, `INSERT INTO media_uses (url, post_id) VALUES (?, ?) ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer use.Close()
		for _, r := range refs {
			res, err := file.ExecContext(ctx, r.URL, NormalizeSiteURL(r.Site), r.Original)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			added += int(n)
			if r.PostKey != 0 {
				if _, err := use.ExecContext(ctx, r.URL, r.PostKey); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("archive: recording media: %w", err)
	}
	return added, nil
}

// MediaToFetch lists up to n files of site (every site when "") still to
// fetch: pending, or failed fewer than maxTries times, and not tried
// since notSince (a fetch leaves what failed during it to the next one).
func (s *Store) MediaToFetch(ctx context.Context, site string, maxTries int, notSince time.Time, n int) ([]MediaFile, error) {
	return s.mediaWhere(ctx, `(m.status = ? OR (m.status = ? AND m.tries < ?)) AND (? = '' OR m.site = ?) AND m.fetched_at < ? ORDER BY m.url LIMIT ?`,
		MediaPending, MediaFailed, maxTries, site, NormalizeSiteURL(site), mediaTime(notSince), n)
}

// CountMedia is how many files of site the archive knows.
func (s *Store) CountMedia(ctx context.Context, site string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM media WHERE site = ?`, NormalizeSiteURL(site)).Scan(&n)
	return n, err
}

// mediaTime writes a time so that it sorts as text.
func mediaTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000Z") }

// Media lists the files of site (every site when ""), with the posts that use them.
func (s *Store) Media(ctx context.Context, site string) ([]MediaFile, error) {
	files, err := s.mediaWhere(ctx, `(? = '' OR m.site = ?) ORDER BY m.site, m.url`, site, NormalizeSiteURL(site))
	if err != nil {
		return nil, err
	}
	byURL := make(map[string]*MediaFile, len(files))
	for i := range files {
		files[i].Posts = []int64{}
		byURL[files[i].URL] = &files[i]
	}
	rows, err := s.db.QueryContext(ctx, `SELECT u.url, u.post_id FROM media_uses u JOIN media m ON m.url = u.url
		WHERE (? = '' OR m.site = ?) ORDER BY u.url, u.post_id`, site, NormalizeSiteURL(site))
	if err != nil {
		return nil, fmt.Errorf("archive: media uses: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var url string
		var key int64
		if err := rows.Scan(&url, &key); err != nil {
			return nil, fmt.Errorf("archive: media uses: %w", err)
		}
		if f := byURL[url]; f != nil {
			f.Posts = append(f.Posts, key)
		}
	}
	return files, rows.Err()
}

func (s *Store) mediaWhere(ctx context.Context, where string, args ...any) ([]MediaFile, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.url, m.site, m.original, m.status, m.sha256, m.bytes, m.type, m.error, m.tries FROM media m WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("archive: media: %w", err)
	}
	defer rows.Close()
	var out []MediaFile
	for rows.Next() {
		var f MediaFile
		if err := rows.Scan(&f.URL, &f.Site, &f.Original, &f.Status, &f.SHA256, &f.Bytes, &f.Type, &f.Error, &f.Tries); err != nil {
			return nil, fmt.Errorf("archive: media: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// StoreMedia writes the bytes r gives as the file url names, once however
// many URLs name the same bytes: into a temporary file while hashing, then
// renamed to its SHA-256, so that a file in the media folder is always
// whole. contentType is what the bytes were sniffed to be.
func (s *Store) StoreMedia(ctx context.Context, url string, r io.Reader, contentType string) (MediaFile, error) {
	if s.readOnly {
		return MediaFile{}, ErrReadOnly
	}
	dir := filepath.Join(s.dir, mediaDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return MediaFile{}, fmt.Errorf("archive: storing %s: %w", url, err)
	}
	tmp, err := os.CreateTemp(dir, ".incoming-*")
	if err != nil {
		return MediaFile{}, fmt.Errorf("archive: storing %s: %w", url, err)
	}
	defer os.Remove(tmp.Name()) // gone once renamed; cleans up after a failure
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return MediaFile{}, fmt.Errorf("archive: storing %s: %w", url, err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	path := s.MediaPath(sum)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return MediaFile{}, fmt.Errorf("archive: storing %s: %w", url, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return MediaFile{}, fmt.Errorf("archive: storing %s: %w", url, err)
	}
	_, err = s.exec(ctx, `UPDATE media SET status = ?, sha256 = ?, bytes = ?, type = ?, error = '', tries = tries + 1, fetched_at = ? WHERE url = ?`,
		MediaStored, sum, n, contentType, mediaTime(time.Now()), url)
	if err != nil {
		return MediaFile{}, fmt.Errorf("archive: storing %s: %w", url, err)
	}
	return MediaFile{URL: url, Status: MediaStored, SHA256: sum, Bytes: n, Type: contentType}, nil
}

// MediaUnavailable records why url could not be stored: status is
// MediaMissing or MediaFailed.
func (s *Store) MediaUnavailable(ctx context.Context, url, status, reason string) error {
	_, err := s.exec(ctx, `UPDATE media SET status = ?, error = ?, tries = tries + 1, fetched_at = ? WHERE url = ?`,
		status, reason, mediaTime(time.Now()), url)
	if err != nil {
		return fmt.Errorf("archive: recording %s: %w", url, err)
	}
	return nil
}

// MediaPath is where the file with the given SHA-256 is kept.
func (s *Store) MediaPath(sha string) string {
	if len(sha) < 2 {
		return filepath.Join(s.dir, mediaDir, "_")
	}
	return filepath.Join(s.dir, mediaDir, sha[:2], sha)
}

// verifyMedia checks every stored file against its hash.
func (s *Store) verifyMedia(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT sha256, MIN(url) FROM media WHERE status = 'stored' GROUP BY sha256 ORDER BY sha256`)
	if err != nil {
		return nil, err
	}
	type stored struct{ sha, url string }
	var files []stored
	for rows.Next() {
		var f stored
		if err := rows.Scan(&f.sha, &f.url); err != nil {
			rows.Close()
			return nil, err
		}
		files = append(files, f)
	}
	rows.Close()
	var problems []string
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return problems, err
		}
		sum, err := hashFile(s.MediaPath(f.sha))
		switch {
		case errors.Is(err, os.ErrNotExist):
			problems = append(problems, fmt.Sprintf("media file of %s is missing (%s): parc media fetch stores it again", f.url, f.sha))
		case err != nil:
			problems = append(problems, fmt.Sprintf("media file of %s cannot be read: %v", f.url, err))
		case sum != f.sha:
			problems = append(problems, fmt.Sprintf("media file of %s is damaged: its bytes hash to %s, not %s", f.url, sum, f.sha))
		}
	}
	return problems, nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// servable is the condition under which a stored file may be served: an
// item readers may see (Post.Public: a published post or page, a listed
// attachment) uses it. A file only drafts, private, trashed or protected
// items use stays private.
const servable = `m.status = '` + MediaStored + `' AND EXISTS (SELECT 1 FROM media_uses u JOIN posts p ON p.id = u.post_id
	WHERE u.url = m.url AND ` + PublicSQL + `)`

// ServableMedia returns, of urls, those that name a stored file the site
// may serve, by URL.
func (s *Store) ServableMedia(ctx context.Context, urls []string) (map[string]MediaFile, error) {
	out := map[string]MediaFile{}
	for len(urls) > 0 {
		chunk := urls[:min(len(urls), 500)]
		urls = urls[len(chunk):]
		args := make([]any, len(chunk))
		for i, u := range chunk {
			args[i] = u
		}
		files, err := s.mediaWhere(ctx, `m.url IN (?`+strings.Repeat(",?", len(chunk)-1)+`) AND `+servable, args...)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			out[f.URL] = f
		}
	}
	return out, nil
}

// ServableMediaFile returns a servable stored file by its SHA-256, or nil.
func (s *Store) ServableMediaFile(ctx context.Context, sha string) (*MediaFile, error) {
	files, err := s.mediaWhere(ctx, `m.sha256 = ? AND `+servable+` LIMIT 1`, sha)
	if err != nil || len(files) == 0 {
		return nil, err
	}
	return &files[0], nil
}

// MediaFirstUsed is the date (UTC when known) of the earliest post that
// uses the file at url: when a web archive most likely captured it. Zero
// when no post using it has a date.
func (s *Store) MediaFirstUsed(ctx context.Context, url string) (time.Time, error) {
	var first sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT min(CASE WHEN p.date_gmt != '' THEN p.date_gmt ELSE p.date END)
		FROM media_uses u JOIN posts p ON p.id = u.post_id WHERE u.url = ? AND (p.date_gmt != '' OR p.date != '')`, url).Scan(&first)
	if err != nil {
		return time.Time{}, fmt.Errorf("archive: media %s: %w", url, err)
	}
	if !first.Valid {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, first.String)
	if err != nil {
		return time.Time{}, nil
	}
	return t, nil
}
