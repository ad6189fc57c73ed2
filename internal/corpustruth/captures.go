package corpustruth

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/parc-archive/parc/archive"
)

// The corpus's later web-archive capture (warc/…-later.warc.gz) shows
// post LaterPost with one approved comment more than the export and the
// first capture: LaterComment, a reply to LaterParent, captured at
// LaterCaptured.
const (
	LaterPost     = 1814
	LaterComment  = 1024
	LaterParent   = 1021
	LaterCaptured = "2026-12-01T14:10:42Z"
)

// StoredPost is the post of WordPress id id that the archive holds for
// site, or ends the test when there is not exactly one.
func StoredPost(t testing.TB, store *archive.Store, site string, id int64) *archive.StoredPost {
	t.Helper()
	ctx := context.Background()
	keys, err := store.FindPosts(ctx, fmt.Sprint(id), site)
	if err != nil || len(keys) != 1 {
		t.Fatalf("post %d: %v, %v; want one post in the archive", id, keys, err)
	}
	p, err := store.Post(ctx, keys[0])
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Thread maps each comment of a stored post to its parent.
func Thread(p *archive.StoredPost) map[int64]int64 {
	m := map[int64]int64{}
	for _, c := range p.Comments {
		m[c.ID] = c.Parent
	}
	return m
}

// capturedPostPage names the corpus's capture of a single post's or
// page's page: single-ID-slug… or page-ID-slug… (a comment page's too).
var capturedPostPage = regexp.MustCompile(`^(?:single|page)-(\d+)-`)

// PostPageID is the WordPress id of the post or page whose page the
// corpus file named name captured; false for any other capture.
func PostPageID(name string) (int64, bool) {
	m := capturedPostPage.FindStringSubmatch(name)
	if m == nil {
		return 0, false
	}
	id, err := strconv.ParseInt(m[1], 10, 64)
	return id, err == nil
}
