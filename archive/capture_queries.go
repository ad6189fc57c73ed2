package archive

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// PostMetaByLink is the value of the meta key of the post at link, in any
// site, with or without its trailing slash, or "" when there is no such
// post or it has no such meta. Of several posts at link it asks the one
// FindPosts lists first. Importers of captures ask it once per post, so it
// reads one value through the posts_link index instead of loading a post.
func (s *Store) PostMetaByLink(ctx context.Context, link, key string) (string, error) {
	trimmed := strings.TrimRight(strings.TrimSpace(link), "/")
	// The CROSS JOINs keep SQLite's planner on sites first, so that each
	// site's posts are looked up by (site_id, link) rather than scanned.
	var value string
	err := s.db.QueryRowContext(ctx, `SELECT m.value FROM (
			SELECT p.id FROM sites s CROSS JOIN posts p ON p.site_id = s.id
			WHERE p.link IN (?, ?)
			ORDER BY p.type NOT IN ('post', 'page'), p.type, p.occurrence, p.id LIMIT 1
		) found CROSS JOIN post_meta m ON m.post_id = found.id
		WHERE m.key = ? ORDER BY m.seq LIMIT 1`, trimmed, trimmed+"/", key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("archive: %s of %s: %w", key, link, err)
	}
	return value, nil
}

// FetchedHead is a stored fetch without its body.
type FetchedHead struct {
	URL    string
	Header map[string][]string
}

// FetchedHeads lists the stored pages of site (see ForEachFetched), in URL
// order, without reading their bodies: an import that reads each body
// once, when it comes to it, decides first from URLs and headers.
func (s *Store) FetchedHeads(ctx context.Context, site string) ([]FetchedHead, error) {
	where, args := fetchedOf(site)
	rows, err := s.db.QueryContext(ctx, `SELECT url, header FROM fetched WHERE `+where+` ORDER BY url`, args...)
	if err != nil {
		return nil, fmt.Errorf("archive: listing fetched pages: %w", err)
	}
	defer rows.Close()
	var heads []FetchedHead
	for rows.Next() {
		var h FetchedHead
		var header string
		if err := rows.Scan(&h.URL, &header); err != nil {
			return nil, fmt.Errorf("archive: listing fetched pages: %w", err)
		}
		if err := json.Unmarshal([]byte(header), &h.Header); err != nil {
			return nil, fmt.Errorf("archive: headers of fetched %s: %w", h.URL, err)
		}
		heads = append(heads, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("archive: listing fetched pages: %w", err)
	}
	return heads, nil
}
