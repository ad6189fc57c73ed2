package archive

import (
	"context"
	"fmt"
)

// danglingReferences reports the cross references among the records an
// import touched that point at nothing: post parents, featured images and
// term parents. Sources may name a parent after its child, so this runs
// once the whole source is in.
func (s *Store) danglingReferences(ctx context.Context, importID int64) ([]string, error) {
	checks := []struct {
		query string
		what  string
	}{
		{`SELECT p.type, coalesce(p.wp_id, 0), p.parent FROM posts p
			WHERE p.id IN (SELECT record_id FROM provenance WHERE import_id = ? AND kind = 'post')
			AND p.parent != 0 AND NOT EXISTS (SELECT 1 FROM posts q WHERE q.site_id = p.site_id AND q.wp_id = p.parent)`,
			"%s %d: parent %s is not in the archive; shown at the top level"},
		{`SELECT p.type, coalesce(p.wp_id, 0), m.value FROM posts p JOIN post_meta m ON m.post_id = p.id
			WHERE p.id IN (SELECT record_id FROM provenance WHERE import_id = ? AND kind = 'post')
			AND m.key = '_thumbnail_id' AND NOT EXISTS (SELECT 1 FROM posts q WHERE q.site_id = p.site_id AND q.type = 'attachment' AND q.wp_id = CAST(m.value AS INTEGER))`,
			"%s %d: featured image %s is not in the archive"},
		{`SELECT t.taxonomy, t.wp_id, t.parent_slug FROM terms t
			WHERE t.id IN (SELECT record_id FROM provenance WHERE import_id = ? AND kind = 'term')
			AND t.parent_slug != '' AND NOT EXISTS (SELECT 1 FROM terms u WHERE u.site_id = t.site_id AND u.taxonomy = t.taxonomy AND (u.slug = t.parent_slug OR u.name = t.parent_slug))`,
			"%s term %d: parent %q is not in the archive; kept at the top level"},
	}
	var problems []string
	for _, c := range checks {
		rows, err := s.db.QueryContext(ctx, c.query, importID)
		if err != nil {
			return nil, fmt.Errorf("archive: checking references: %w", err)
		}
		for rows.Next() {
			var kind, ref string
			var id int64
			if err := rows.Scan(&kind, &id, &ref); err != nil {
				rows.Close()
				return nil, err
			}
			problems = append(problems, fmt.Sprintf(c.what, kind, id, ref))
		}
		rows.Close()
	}
	return problems, nil
}

// Check is one finding of Verify.
type Check struct {
	Problems []string // the archive is damaged or inconsistent
	Notes    []string // worth knowing, not damage (e.g. an interrupted import)
}

// Verify checks the archive's integrity: SQLite's own checks, foreign
// keys, and parc's invariants.
func (s *Store) Verify(ctx context.Context) (Check, error) {
	var c Check
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return c, fmt.Errorf("archive: verify: %w", err)
	}
	for rows.Next() {
		var line string
		rows.Scan(&line)
		if line != "ok" {
			c.Problems = append(c.Problems, "sqlite: "+line)
		}
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return c, fmt.Errorf("archive: verify: %w", err)
	}
	for rows.Next() {
		var table, parent string
		var rowid, fkid any
		rows.Scan(&table, &rowid, &parent, &fkid)
		c.Problems = append(c.Problems, fmt.Sprintf("%s row %v points at a missing %s", table, rowid, parent))
	}
	rows.Close()
	invariants := []struct{ query, what string }{
		{`SELECT count(*) FROM posts WHERE type = ''`, "%d posts have no type"},
		{`SELECT count(*) FROM provenance WHERE import_id NOT IN (SELECT id FROM imports)`, "%d provenance rows name an unknown import"},
		{`SELECT count(*) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM provenance v WHERE v.kind = 'post' AND v.record_id = p.id)`, "%d posts have no record of the import that added them"},
	}
	for _, inv := range invariants {
		var n int
		if err := s.db.QueryRowContext(ctx, inv.query).Scan(&n); err != nil {
			return c, fmt.Errorf("archive: verify: %w", err)
		}
		if n > 0 {
			c.Problems = append(c.Problems, fmt.Sprintf(inv.what, n))
		}
	}
	// An import killed before it finished is worth a note until a later
	// import of the same source completes it.
	rows, err = s.db.QueryContext(ctx, `SELECT id, source FROM imports i WHERE finished IS NULL
		AND NOT EXISTS (SELECT 1 FROM imports later WHERE later.source = i.source AND later.id > i.id AND later.finished IS NOT NULL)
		ORDER BY id`)
	if err != nil {
		return c, fmt.Errorf("archive: verify: %w", err)
	}
	for rows.Next() {
		var id int64
		var source string
		rows.Scan(&id, &source)
		c.Notes = append(c.Notes, fmt.Sprintf("import %d of %s did not finish; importing it again completes it", id, source))
	}
	rows.Close()
	media, err := s.verifyMedia(ctx)
	if err != nil {
		return c, fmt.Errorf("archive: verify: %w", err)
	}
	c.Problems = append(c.Problems, media...)
	return c, nil
}
