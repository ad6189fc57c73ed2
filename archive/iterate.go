package archive

import (
	"context"
	"fmt"
)

// LastImport is the ID of the newest import that finished, 0 when none did.
// Readers that keep derived data (the search index) remember the last
// import they took in and catch up from there.
func (s *Store) LastImport(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM imports WHERE finished IS NOT NULL`).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("archive: %w", err)
	}
	return id, nil
}

// FinishedImports counts the imports that finished. It grows by one as each
// finishes, in whatever order overlapping imports end, so readers that
// rebuild views of the archive when an import ends watch it.
func (s *Store) FinishedImports(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM imports WHERE finished IS NOT NULL`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("archive: %w", err)
	}
	return n, nil
}

// ChangedSince lists the posts added or updated, directly, through their
// comments or through their author (a display name a later source gave),
// after the given change mark (see ChangeMark), in key order.
// Writes to the archive are serialised, so every change at or below a mark
// a reader has seen was committed before it saw it: a reader that resumes
// from its last mark misses nothing, even when imports overlap.
func (s *Store) ChangedSince(ctx context.Context, mark int64) ([]int64, error) {
	keys, err := s.queryKeys(ctx, `
		SELECT record_id FROM provenance WHERE rowid > ? AND kind = 'post'
		UNION
		SELECT c.post_id FROM provenance v JOIN comments c ON c.id = v.record_id WHERE v.rowid > ? AND v.kind = 'comment'
		UNION
		SELECT p.id FROM provenance v JOIN authors a ON a.id = v.record_id
			JOIN posts p ON p.site_id = a.site_id AND p.author_login = a.login
			WHERE v.rowid > ? AND v.kind = 'author'
		ORDER BY 1`, mark, mark, mark)
	if err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	return keys, nil
}

// queryKeys runs a query whose one column is post keys.
func (s *Store) queryKeys(ctx context.Context, query string, args ...any) ([]int64, error) {
	return queryColumn[int64](ctx, s.db, query, args...)
}

// queryColumn runs a query of one column and returns its values.
func queryColumn[T any](ctx context.Context, q querier, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ForEachPost calls fn with every post in the archive, in full, in key
// order. It reads in pages so that memory stays flat however large the
// archive is; fn may not keep the post after it returns.
func (s *Store) ForEachPost(ctx context.Context, fn func(*StoredPost) error) error {
	return s.ForEachSitePost(ctx, "", fn)
}

// ForEachSitePost is ForEachPost for one site's posts; site "" means every
// site. Key order is the order the posts were first imported in, so a
// site's items come in the order of the source that brought them.
func (s *Store) ForEachSitePost(ctx context.Context, site string, fn func(*StoredPost) error) error {
	const page = 500
	var after int64
	for {
		keys, err := s.queryKeys(ctx, `SELECT p.id FROM posts p JOIN sites s ON s.id = p.site_id
			WHERE p.id > ? AND (? = '' OR s.url = ?) ORDER BY p.id LIMIT ?`, after, site, NormalizeSiteURL(site), page)
		if err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		if len(keys) == 0 {
			return nil
		}
		posts, err := s.LoadPosts(ctx, keys)
		if err != nil {
			return err
		}
		for _, p := range posts {
			if err := fn(p); err != nil {
				return err
			}
		}
		after = keys[len(keys)-1]
	}
}

// CountPosts is the number of posts of every type and status.
func (s *Store) CountPosts(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM posts`).Scan(&n)
	return n, err
}

// PostTypes lists the post types the archive holds, sorted.
func (s *Store) PostTypes(ctx context.Context) ([]string, error) {
	types, err := queryColumn[string](ctx, s.db, `SELECT DISTINCT type FROM posts ORDER BY type`)
	if err != nil {
		return nil, fmt.Errorf("archive: listing post types: %w", err)
	}
	return types, nil
}
