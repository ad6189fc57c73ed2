package archive

import (
	"context"
	"fmt"
	"strings"
)

// LoadPosts reads many posts in full — terms, meta and comments — with
// one query per table rather than four per post, in the order of keys.
// Keys that name no post are left out.
func (s *Store) LoadPosts(ctx context.Context, keys []int64) ([]*StoredPost, error) {
	const chunk = 500 // well under SQLite's limit on bound parameters
	out := make([]*StoredPost, 0, len(keys))
	for start := 0; start < len(keys); start += chunk {
		posts, err := s.loadChunk(ctx, keys[start:min(start+chunk, len(keys))])
		if err != nil {
			return nil, fmt.Errorf("archive: loading posts: %w", err)
		}
		out = append(out, posts...)
	}
	return out, nil
}

func (s *Store) loadChunk(ctx context.Context, keys []int64) ([]*StoredPost, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(keys)), ",") + ")"
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	byKey := make(map[int64]*StoredPost, len(keys))
	rows, err := s.db.QueryContext(ctx, `SELECT `+postColumns+` FROM posts p JOIN sites s ON s.id = p.site_id WHERE p.id IN `+in, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		sp, _, err := scanPost(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		byKey[sp.Key] = sp
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = s.db.QueryContext(ctx, `SELECT post_id, taxonomy, slug, name FROM post_terms WHERE post_id IN `+in+` ORDER BY post_id, seq`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var key int64
		var t TermRef
		if err := rows.Scan(&key, &t.Taxonomy, &t.Slug, &t.Name); err != nil {
			rows.Close()
			return nil, err
		}
		if sp := byKey[key]; sp != nil {
			sp.Terms = append(sp.Terms, t)
		}
	}
	rows.Close()

	rows, err = s.db.QueryContext(ctx, `SELECT post_id, key, value FROM post_meta WHERE post_id IN `+in+` ORDER BY post_id, seq`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var key int64
		var m Meta
		if err := rows.Scan(&key, &m.Key, &m.Value); err != nil {
			rows.Close()
			return nil, err
		}
		if sp := byKey[key]; sp != nil {
			sp.Meta = append(sp.Meta, m)
		}
	}
	rows.Close()

	rows, err = s.db.QueryContext(ctx, `SELECT post_id, `+commentColumns+` FROM comments WHERE post_id IN `+in+` ORDER BY post_id, date_gmt, wp_id`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var key int64
		c, err := scanComment(rows, &key)
		if err != nil {
			rows.Close()
			return nil, err
		}
		if sp := byKey[key]; sp != nil {
			sp.Comments = append(sp.Comments, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	out := make([]*StoredPost, 0, len(keys))
	for _, k := range keys {
		if sp := byKey[k]; sp != nil {
			out = append(out, sp)
		}
	}
	return out, nil
}
