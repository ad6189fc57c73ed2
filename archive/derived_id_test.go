package archive

import (
	"context"
	"testing"
)

// TestDerivedIDs: a post no source names the id of gets one derived from
// its guid, the same in any archive; a source that later names the
// WordPress id replaces it; an archive an earlier parc wrote without
// derived ids gets them when it is opened.
func TestDerivedIDs(t *testing.T) {
	ctx := context.Background()
	feed := Source{Path: "feed.xml", Format: "rss", Authority: AuthorityFeed}
	site := Record{Site: &Site{URL: "https://blog.example.org", Title: "Blog"}}
	post := func(id int64) Record {
		return Record{Post: &Post{ID: id, Type: "post", Status: "publish", Title: "Hello", GUID: "https://blog.example.org/?p=7x",
			Link: "https://blog.example.org/hello/", ContentRendered: "<p>hi</p>"}}
	}
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	put(t, s, feed, site, post(0))
	want := derivedID(post(0).Post)
	shown := func(s *Store) (int64, bool) {
		t.Helper()
		keys, err := s.FindPosts(ctx, "hello", "")
		if err != nil || len(keys) != 1 {
			t.Fatalf("hello: %v %v", keys, err)
		}
		p, err := s.Post(ctx, keys[0])
		if err != nil {
			t.Fatal(err)
		}
		return p.ID, p.IDDerived
	}
	if id, derived := shown(s); id != want || !derived || id < derivedIDBase {
		t.Errorf("feed post: id %d derived %v, want %d derived", id, derived, want)
	}

	// An archive of schema 4 knew no derived ids (nor schema 6's index).
	for _, q := range []string{`UPDATE posts SET derived_id = NULL`, `DROP INDEX posts_derived_id`, `ALTER TABLE posts DROP COLUMN derived_id`, `DROP INDEX posts_author`, `PRAGMA user_version = 4`} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	s.Close()
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if id, derived := shown(s); id != want || !derived {
		t.Errorf("after migrating: id %d derived %v, want %d derived", id, derived, want)
	}

	put(t, s, Source{Path: "export.xml", Format: "wxr", Authority: AuthorityExport}, site, post(7))
	if id, derived := shown(s); id != 7 || derived {
		t.Errorf("after the export: id %d derived %v, want 7 from the export", id, derived)
	}
	if keys, _ := s.FindPosts(ctx, "7", ""); len(keys) != 1 {
		t.Errorf("show 7 finds %d posts", len(keys))
	}
}

// TestDerivedIDTaken: a derived id another post of the site already has
// (as its WordPress id) moves on to the next free number.
func TestDerivedIDTaken(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	site := Record{Site: &Site{URL: "https://blog.example.org", Title: "Blog"}}
	fromFeed := &Post{Type: "post", Status: "publish", Title: "From the feed", Link: "https://blog.example.org/from-the-feed/"}
	taken := derivedID(fromFeed)
	put(t, s, Source{Path: "export.xml", Format: "wxr", Authority: AuthorityExport}, site,
		Record{Post: &Post{ID: taken, Type: "post", Status: "publish", Title: "Holds the number", Link: "https://blog.example.org/holds/"}})
	put(t, s, Source{Path: "feed.xml", Format: "rss", Authority: AuthorityFeed}, site, Record{Post: fromFeed})
	for ref, want := range map[string]string{"holds": "Holds the number", "from-the-feed": "From the feed"} {
		keys, err := s.FindPosts(context.Background(), ref, "")
		if err != nil || len(keys) != 1 {
			t.Fatalf("%s: %v %v", ref, keys, err)
		}
		p, err := s.Post(context.Background(), keys[0])
		if err != nil {
			t.Fatal(err)
		}
		wantID := taken
		if ref == "from-the-feed" {
			wantID = taken + 1
		}
		if p.Title != want || p.ID != wantID {
			t.Errorf("%s: %q id %d, want %q id %d", ref, p.Title, p.ID, want, wantID)
		}
	}
}
