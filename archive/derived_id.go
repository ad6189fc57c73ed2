package archive

import (
	"cmp"
	"database/sql"
	"errors"
	"hash/fnv"
	"strings"
)

// Derived IDs lie above any WordPress's own (an auto-increment column
// that would need a trillion posts to get there) and below 2^53, so that
// JavaScript reads them exactly from --json output.
const (
	derivedIDBase  = 1_000_000_000_000
	derivedIDRange = 8_000_000_000_000
)

// postIDSQL is the ID a post is shown by, on the posts table aliased p:
// its WordPress ID, else the one parc derived.
const postIDSQL = `coalesce(p.wp_id, p.derived_id, 0)`

// postIDIsSQL matches a post by the ID it is shown by, given twice as
// arguments; written so that both indexes serve it.
const postIDIsSQL = `(p.wp_id = ? OR (p.wp_id IS NULL AND p.derived_id = ?))`

// derivedID is the ID parc gives a post no source names the WordPress ID
// of: a hash of what identifies it where it came from — its guid, else its
// link, else its title and date — so that every import of the same feed
// or page gives the same number.
func derivedID(p *Post) int64 {
	key := cmp.Or(strings.TrimSpace(p.GUID), strings.TrimSpace(p.Link))
	if key == "" {
		key = p.Type + "\x00" + p.Title + "\x00" + formatTime(p.Date) + formatTime(p.DateGMT)
	}
	h := fnv.New64a()
	h.Write([]byte(key))
	return derivedIDBase + int64(h.Sum64()%derivedIDRange)
}

// freeDerivedID is p's derived ID, or the next free one when another post
// of the site has that number already (as its WordPress ID or its own
// derived one).
func freeDerivedID(queryRow func(query string, args ...any) *sql.Row, siteID int64, p *Post) (int64, error) {
	id := derivedID(p)
	for range 1000 {
		var taken int
		err := queryRow(`SELECT 1 FROM posts WHERE site_id=? AND (wp_id=? OR derived_id=?) LIMIT 1`, siteID, id, id).Scan(&taken)
		if errors.Is(err, sql.ErrNoRows) {
			return id, nil
		}
		if err != nil {
			return 0, err
		}
		id++
	}
	return id, nil // a thousand taken in a row is not a hash collision
}

// deriveMissingIDs gives the posts an earlier parc stored without a
// WordPress ID their derived one.
func deriveMissingIDs(tx *sql.Tx) error {
	rows, err := tx.Query(`SELECT id, site_id, type, guid, link, title, date, date_gmt FROM posts WHERE wp_id IS NULL AND derived_id IS NULL ORDER BY id`)
	if err != nil {
		return err
	}
	type missing struct {
		key, siteID int64
		post        Post
	}
	var all []missing
	for rows.Next() {
		var m missing
		var date, dateGMT string
		if err := rows.Scan(&m.key, &m.siteID, &m.post.Type, &m.post.GUID, &m.post.Link, &m.post.Title, &date, &dateGMT); err != nil {
			rows.Close()
			return err
		}
		m.post.Date, m.post.DateGMT = parseTime(date), parseTime(dateGMT)
		all = append(all, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, m := range all {
		id, err := freeDerivedID(tx.QueryRow, m.siteID, &m.post)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE posts SET derived_id=? WHERE id=?`, id, m.key); err != nil {
			return err
		}
	}
	return nil
}
