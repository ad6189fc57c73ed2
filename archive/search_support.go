package archive

import (
	"context"
	"fmt"
)

// ChangeMark grows whenever an import adds or updates a record, and only
// then. A reader that keeps derived data compares it with the mark it last
// saw, so that finding nothing new costs one query.
func (s *Store) ChangeMark(ctx context.Context) (int64, error) {
	var mark int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) FROM provenance`).Scan(&mark); err != nil {
		return 0, fmt.Errorf("archive: change mark: %w", err)
	}
	return mark, nil
}

// SearchableCounts is how many published posts and pages, and approved
// comments on them, the archive holds: what a public search index should
// hold. It follows Post.Public and Comment.Public, for posts and pages.
type SearchableCounts struct {
	Posts    int
	Pages    int
	Comments int
}

// CountSearchable counts what a public search index should hold.
func (s *Store) CountSearchable(ctx context.Context) (SearchableCounts, error) {
	var c SearchableCounts
	err := s.db.QueryRowContext(ctx, `
		SELECT
			(SELECT count(*) FROM posts p WHERE p.type = 'post' AND `+PublicSQL+`),
			(SELECT count(*) FROM posts p WHERE p.type = 'page' AND `+PublicSQL+`),
			(SELECT count(*) FROM comments c JOIN posts p ON p.id = c.post_id
				WHERE c.approved = '1' AND p.type IN ('post', 'page') AND `+PublicSQL+`)`).
		Scan(&c.Posts, &c.Pages, &c.Comments)
	if err != nil {
		return c, fmt.Errorf("archive: counting searchable records: %w", err)
	}
	return c, nil
}
