package archive

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// put imports records as one source and returns the import's result.
func put(t *testing.T, s *Store, src Source, recs ...Record) *ImportResult {
	t.Helper()
	ctx := context.Background()
	im, err := s.BeginImport(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if err := im.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	res, err := im.Finish("", nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

var export = Source{Path: "export.xml", Format: "wxr", Authority: AuthorityExport}
var page = Source{Path: "page.html", Format: "html", Authority: AuthorityPage}

func samplePost() *Post {
	return &Post{
		ID: 10, Type: "post", Status: "publish", Title: "Review", Slug: "review",
		Link: "https://blog.example.org/2023/03/18/review/", Date: day("2023-03-18 13:15"), DateGMT: day("2023-03-18 20:15"),
		ContentRaw: "Line one\n\nLine two", Terms: []TermRef{{"category", "films", "Films"}},
		Meta: []Meta{{"_thumbnail_id", "12"}},
		Comments: []Comment{
			{ID: 21, Author: "Jonah", Approved: "1", Date: day("2023-03-18 15:02"), ContentRaw: "first"},
			{ID: 22, Parent: 21, Author: "Mara", Approved: "1", Date: day("2023-03-18 16:40"), ContentRaw: "reply"},
		},
	}
}

func siteRec() Record { return Record{Site: &Site{URL: "https://Blog.example.org/", Title: "Blog"}} }

func TestImportIsIdempotent(t *testing.T) {
	s := openTemp(t)
	first := put(t, s, export, siteRec(), Record{Post: samplePost()})
	if first.Counts.Added != 4 { // site, post, two comments
		t.Fatalf("first import added %d records, want 4", first.Counts.Added)
	}
	second := put(t, s, export, siteRec(), Record{Post: samplePost()})
	if second.Counts.Added != 0 || second.Counts.Updated != 0 || second.Counts.Unchanged != 4 {
		t.Fatalf("second import: %+v, want 4 unchanged and nothing else", second.Counts)
	}
	posts, err := s.Posts(context.Background(), PostFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || posts[0].CommentCount != 2 || posts[0].Site != "https://blog.example.org" {
		t.Fatalf("posts after two imports: %+v", posts)
	}
}

func TestNewerExportUpdatesWhatChanged(t *testing.T) {
	s := openTemp(t)
	put(t, s, export, siteRec(), Record{Post: samplePost()})
	p := samplePost()
	p.Title = "Review, revised"
	p.Comments = append(p.Comments, Comment{ID: 23, Parent: 22, Author: "Ellis", Approved: "1", ContentRaw: "late"})
	res := put(t, s, export, siteRec(), Record{Post: p})
	if res.Counts.Added != 1 || res.Counts.Updated != 1 {
		t.Fatalf("counts %+v: want the new comment added and the post updated", res.Counts)
	}
	got := loadOnly(t, s)
	if got.Title != "Review, revised" || len(got.Comments) != 3 {
		t.Fatalf("got %q with %d comments", got.Title, len(got.Comments))
	}
}

func loadOnly(t *testing.T, s *Store) *StoredPost {
	t.Helper()
	keys, err := s.FindPosts(context.Background(), "10", "")
	if err != nil || len(keys) != 1 {
		t.Fatalf("FindPosts: %v %v", keys, err)
	}
	p, err := s.Post(context.Background(), keys[0])
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPageAddsCommentsButNeverOverwritesExport(t *testing.T) {
	s := openTemp(t)
	put(t, s, export, siteRec(), Record{Post: samplePost()})
	scraped := &Post{
		ID: 10, Type: "post", Title: "Review | My Blog", ContentRendered: "<p>Line one</p>\n<p>Line two</p>",
		Link: "https://blog.example.org/2023/03/18/review/",
		Comments: []Comment{
			{ID: 21, Author: "Jonah (edited)", Approved: "1", ContentRendered: "<p>first</p>"},
			{ID: 30, Parent: 21, Author: "Newcomer", Approved: "1", ContentRendered: "<p>only on the page</p>"},
		},
	}
	put(t, s, page, siteRec(), Record{Post: scraped})
	got := loadOnly(t, s)
	if got.Title != "Review" {
		t.Errorf("title %q: a page must not overwrite the export's title", got.Title)
	}
	if got.ContentRaw != "Line one\n\nLine two" || got.ContentRendered == "" {
		t.Errorf("want raw content kept and rendered content added, got raw %q rendered %q", got.ContentRaw, got.ContentRendered)
	}
	byID := map[int64]Comment{}
	for _, c := range got.Comments {
		byID[c.ID] = c
	}
	if byID[21].Author != "Jonah" || byID[21].ContentRendered != "<p>first</p>" {
		t.Errorf("comment 21 = %+v: author must stay, rendered content be added", byID[21])
	}
	if byID[30].Parent != 21 {
		t.Errorf("the page's new reply was not added under 21: %+v", byID[30])
	}
}

func TestStubMatchesByLink(t *testing.T) {
	s := openTemp(t)
	put(t, s, export, siteRec(), Record{Post: samplePost()})
	stub := &Post{Link: "https://blog.example.org/2023/03/18/review/", Comments: []Comment{{ID: 40, Author: "Feed", Approved: "1"}}}
	put(t, s, Source{Path: "comments.rss", Format: "feed", Authority: AuthorityFeed}, siteRec(), Record{Post: stub})
	if got := loadOnly(t, s); len(got.Comments) != 3 {
		t.Fatalf("comment from the feed not attached to the post: %d comments", len(got.Comments))
	}
}

func TestRepeatedIDsKeepBoth(t *testing.T) {
	s := openTemp(t)
	a := &Post{ID: 1643, Type: "nav_menu_item", Status: "publish", Terms: []TermRef{{"nav_menu", "all-pages", "All Pages"}}}
	b := &Post{ID: 1643, Type: "nav_menu_item", Status: "publish", Terms: []TermRef{{"nav_menu", "all-pages-flat", "All Pages Flat"}}, Occurrence: 1}
	put(t, s, export, siteRec(), Record{Post: a}, Record{Post: b})
	posts, _ := s.Posts(context.Background(), PostFilter{Type: "nav_menu_item"})
	if len(posts) != 2 {
		t.Fatalf("got %d menu items, want both", len(posts))
	}
}

func TestDanglingReferencesAreWarned(t *testing.T) {
	s := openTemp(t)
	p := samplePost()
	p.Parent = 999
	res := put(t, s, export, siteRec(), Record{Term: &Term{Taxonomy: "category", Slug: "child", ParentSlug: "ghost"}}, Record{Post: p})
	joined := strings.Join(res.Warnings, "\n")
	for _, want := range []string{"parent 999", "featured image 12", `parent "ghost"`} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings lack %q:\n%s", want, joined)
		}
	}
}

func TestThreadRepairsOrphansAndCycles(t *testing.T) {
	comments := []Comment{
		{ID: 1, Date: day("2020-01-01 10:00")},
		{ID: 2, Parent: 1, Date: day("2020-01-01 11:00")},
		{ID: 3, Parent: 77, Date: day("2020-01-01 12:00")}, // orphan
		{ID: 4, Parent: 5, Date: day("2020-01-01 13:00")},  // 4 and 5 form a cycle
		{ID: 5, Parent: 4, Date: day("2020-01-01 14:00")},
	}
	roots, problems := Thread(comments)
	var ids []int64
	for _, r := range roots {
		ids = append(ids, r.Comment.ID)
	}
	if fmt.Sprint(ids) != "[1 3 4]" {
		t.Errorf("roots %v, want [1 3 4]", ids)
	}
	if len(roots[0].Replies) != 1 || len(roots[2].Replies) != 1 || roots[2].Replies[0].Comment.ID != 5 {
		t.Errorf("replies not kept under their parents")
	}
	if len(problems) != 2 {
		t.Errorf("problems %q, want one orphan and one cycle", problems)
	}
}

func TestThreadHundredLevels(t *testing.T) {
	var comments []Comment
	for i := int64(1); i <= 100; i++ {
		comments = append(comments, Comment{ID: 101 - i, Parent: 102 - i, Date: day("2020-01-01 10:00").Add(time.Duration(i) * time.Minute)})
	}
	comments[0].Parent = 0 // comment 100 is the root
	roots, problems := Thread(comments)
	if len(roots) != 1 || Depth(roots) != 100 || len(problems) != 0 {
		t.Fatalf("roots %d depth %d problems %v", len(roots), Depth(roots), problems)
	}
}

// TestOpenedAtOnce: processes that open a new archive at the same moment
// (parc serve and parc import started together) each get it: the schema
// is made once, not by each of them over the other's.
func TestOpenedAtOnce(t *testing.T) {
	dir := t.TempDir()
	const openers = 6
	errs := make(chan error, openers)
	start := make(chan struct{})
	for range openers {
		go func() {
			<-start
			s, err := Open(dir)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	close(start)
	for range openers {
		if err := <-errs; err != nil {
			t.Errorf("opening a new archive beside others: %v", err)
		}
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec(`PRAGMA user_version = 99`)
	s.Close()
	_, err = Open(dir)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), filepath.Join(dir, DatabaseFile)) {
		t.Fatalf("got %v, want ErrNewerSchema naming the database", err)
	}
}

func TestVerifyFindsMissingProvenance(t *testing.T) {
	s := openTemp(t)
	put(t, s, export, siteRec(), Record{Post: samplePost()})
	ctx := context.Background()
	if c, err := s.Verify(ctx); err != nil || len(c.Problems) != 0 {
		t.Fatalf("fresh archive: %v %v", c.Problems, err)
	}
	s.db.Exec(`DELETE FROM provenance WHERE kind = 'post'`)
	if c, _ := s.Verify(ctx); len(c.Problems) != 1 {
		t.Fatalf("verify missed a post without provenance: %v", c.Problems)
	}
}

func TestLoadPostsMatchesPost(t *testing.T) {
	s := openTemp(t)
	other := samplePost()
	other.ID, other.Link, other.Comments = 11, "https://blog.example.org/other/", nil
	put(t, s, export, siteRec(), Record{Post: samplePost()}, Record{Post: other})
	ctx := context.Background()
	keys, _ := s.FindPosts(ctx, "10", "")
	keys2, _ := s.FindPosts(ctx, "11", "")
	bulk, err := s.LoadPosts(ctx, []int64{keys2[0], 999, keys[0]})
	if err != nil {
		t.Fatal(err)
	}
	if len(bulk) != 2 || bulk[0].ID != 11 || bulk[1].ID != 10 {
		t.Fatalf("LoadPosts kept neither order nor skipped the unknown key: %d posts", len(bulk))
	}
	one, _ := s.Post(ctx, keys[0])
	if fingerprint(one) != fingerprint(bulk[1]) {
		t.Errorf("bulk load differs from Post:\n%s\n%s", fingerprint(one), fingerprint(bulk[1]))
	}
}

func TestNewerExportRestatesWholeRecord(t *testing.T) {
	s := openTemp(t)
	p := samplePost()
	p.Password, p.ExcerptRaw = "foghorn", "old excerpt"
	put(t, s, export, siteRec(), Record{Post: p})
	put(t, s, page, siteRec(), Record{Post: &Post{ID: 10, Type: "post", ContentRendered: "<p>served</p>",
		Meta: []Meta{{"parc:featured_image", "https://blog.example.org/lamp.jpg"}}}})

	newer := samplePost()
	newer.Meta = nil // the thumbnail was removed; the password and excerpt too
	newer.Comments[1].Parent = 0
	put(t, s, export, siteRec(), Record{Post: newer})
	got := loadOnly(t, s)
	if got.Password != "" || got.ExcerptRaw != "" {
		t.Errorf("a newer export could not clear the password %q or excerpt %q", got.Password, got.ExcerptRaw)
	}
	if len(got.Meta) != 1 || got.Meta[0].Key != "parc:featured_image" {
		t.Errorf("meta %v: want _thumbnail_id gone and the page's own key kept", got.Meta)
	}
	if got.ContentRendered != "<p>served</p>" {
		t.Errorf("the page's rendered content was lost: %q", got.ContentRendered)
	}
	for _, c := range got.Comments {
		if c.ID == 22 && c.Parent != 0 {
			t.Errorf("comment 22 keeps parent %d after the export moved it to the top", c.Parent)
		}
	}
}

func TestIncompleteRecordNeverPublishesOrClears(t *testing.T) {
	s := openTemp(t)
	draft := samplePost()
	draft.Status, draft.ExcerptRaw = "draft", "kept"
	put(t, s, export, siteRec(), Record{Post: draft})
	cut := &Post{ID: 10, Type: "post", Title: draft.Title, Meta: []Meta{{MetaIncomplete, "1"}}}
	put(t, s, export, siteRec(), Record{Post: cut})
	got := loadOnly(t, s)
	if got.Status != "draft" || got.ExcerptRaw != "kept" || got.ContentRaw == "" {
		t.Errorf("a cut-off item changed the stored post: status %q excerpt %q content %q", got.Status, got.ExcerptRaw, got.ContentRaw)
	}
	fresh := openTemp(t)
	put(t, fresh, export, siteRec(), Record{Post: &Post{ID: 5, Type: "post", Title: "no status"}})
	if posts, _ := fresh.Posts(context.Background(), PostFilter{Public: true}); len(posts) != 0 {
		t.Errorf("an exported item that names no status was listed as public: %+v", posts[0].Post)
	}
}

func TestExportAdoptsPostStoredWithoutID(t *testing.T) {
	s := openTemp(t)
	fromFeed := &Post{Type: "post", Title: "Review", Link: "https://blog.example.org/2023/03/18/review/", ContentRendered: "<p>x</p>"}
	put(t, s, Source{Path: "feed.xml", Format: "feed", Authority: AuthorityFeed}, siteRec(), Record{Post: fromFeed})
	put(t, s, export, siteRec(), Record{Post: samplePost()})
	posts, _ := s.Posts(context.Background(), PostFilter{})
	if len(posts) != 1 || posts[0].ID != 10 {
		t.Fatalf("want the feed's post to take the export's ID, got %d posts", len(posts))
	}
}

func TestOnlyViewableTypesAreListed(t *testing.T) {
	s := openTemp(t)
	form := &Post{ID: 41, Type: "wpcf7_contact_form", Status: "publish", Title: "Contact", ContentRaw: "owner@private.example"}
	menu := &Post{ID: 42, Type: "nav_menu_item", Status: "publish"}
	put(t, s, export, siteRec(), Record{Post: samplePost()}, Record{Post: form}, Record{Post: menu})
	posts, _ := s.Posts(context.Background(), PostFilter{Type: "any", Public: true})
	if len(posts) != 1 || posts[0].ID != 10 {
		t.Errorf("listed %d items; plugins' and menu types must not be", len(posts))
	}
	if form.Listed() || menu.Listed() || !samplePost().Listed() {
		t.Error("Post.Listed disagrees")
	}
}

// TestChangedSinceOverlappingImports: an import that began first but wrote
// last must still be seen by a reader that caught up in between.
func TestChangedSinceOverlappingImports(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	first, err := s.BeginImport(ctx, export)
	if err != nil {
		t.Fatal(err)
	}
	put(t, s, export, siteRec(), Record{Post: samplePost()})
	mark, _ := s.ChangeMark(ctx)
	finishedBefore, _ := s.FinishedImports(ctx)

	late := samplePost()
	late.ID, late.Link, late.Title = 77, "https://blog.example.org/late/", "Late"
	for _, r := range []Record{siteRec(), {Post: late}} {
		if err := first.Put(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := first.Finish("", nil); err != nil {
		t.Fatal(err)
	}
	keys, err := s.ChangedSince(ctx, mark)
	if err != nil {
		t.Fatal(err)
	}
	posts, _ := s.LoadPosts(ctx, keys)
	if len(posts) != 1 || posts[0].ID != 77 {
		t.Fatalf("changes after the mark: %d posts, want the late import's post 77", len(posts))
	}
	if n, _ := s.FinishedImports(ctx); n != finishedBefore+1 {
		t.Errorf("FinishedImports did not grow when the earlier import finished: %d → %d", finishedBefore, n)
	}
}

// TestChangedSinceAuthor: an import that changes only an author (a display
// name a later export gives) changes what that author's posts show, so
// they are among the changes; another author's posts are not.
func TestChangedSinceAuthor(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	mine, theirs := samplePost(), samplePost()
	mine.AuthorLogin = "mara"
	theirs.ID, theirs.Link, theirs.AuthorLogin = 11, "https://blog.example.org/other/", "jonah"
	put(t, s, export, siteRec(), Record{Author: &Author{Login: "mara", DisplayName: "mara"}}, Record{Author: &Author{Login: "jonah", DisplayName: "Jonah"}},
		Record{Post: mine}, Record{Post: theirs})
	mark, _ := s.ChangeMark(ctx)
	put(t, s, export, siteRec(), Record{Author: &Author{Login: "mara", DisplayName: "Mara Quill"}}, Record{Author: &Author{Login: "jonah", DisplayName: "Jonah"}})
	keys, err := s.ChangedSince(ctx, mark)
	if err != nil {
		t.Fatal(err)
	}
	posts, _ := s.LoadPosts(ctx, keys)
	if len(posts) != 1 || posts[0].ID != 10 {
		t.Fatalf("changes after renaming mara: %d posts, want mara's post 10 alone", len(posts))
	}
}

// TestLesserSourceNeverRetitlesSite: a feed or a page only fills in what an
// export left empty of the site; an export replaces what it states.
func TestLesserSourceNeverRetitlesSite(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	title := func() (string, string) {
		t.Helper()
		sites, err := s.Sites(ctx)
		if err != nil || len(sites) != 1 {
			t.Fatalf("sites %v, %v", sites, err)
		}
		return sites[0].Title, sites[0].Description
	}
	put(t, s, export, Record{Site: &Site{URL: "https://blog.example.org", Title: "Lighthouse Notes"}})
	put(t, s, page, Record{Site: &Site{URL: "https://blog.example.org", Title: "Hacked", Description: "Films and the sea"}})
	if got, desc := title(); got != "Lighthouse Notes" || desc != "Films and the sea" {
		t.Errorf("after a page: title %q, description %q; want the export's title kept and the gap filled", got, desc)
	}
	put(t, s, export, Record{Site: &Site{URL: "https://blog.example.org", Title: "Lighthouse"}})
	if got, _ := title(); got != "Lighthouse" {
		t.Errorf("after a newer export: title %q, want Lighthouse", got)
	}
}

// TestReadOnlyArchive: an archive opened for reading answers every read
// and refuses every write with ErrReadOnly, leaving the file as it was.
func TestReadOnlyArchive(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	put(t, s, export, siteRec(), Record{Post: samplePost()})
	s.Close()

	ro, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	posts, err := ro.Posts(ctx, PostFilter{})
	if err != nil || len(posts) != 1 {
		t.Errorf("Posts: %d, %v; want the one post", len(posts), err)
	}
	if _, err := ro.BeginImport(ctx, export); !errors.Is(err, ErrReadOnly) {
		t.Errorf("BeginImport: %v, want ErrReadOnly", err)
	}
	if err := ro.Frontier("crawl x").Enqueue(ctx, "/a"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Enqueue: %v, want ErrReadOnly", err)
	}
	if err := ro.SaveFetched(ctx, FetchedPage{URL: "https://blog.example.org/", Site: "https://blog.example.org"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveFetched: %v, want ErrReadOnly", err)
	}
	if _, err := OpenReadOnly(t.TempDir()); err == nil {
		t.Error("OpenReadOnly of an empty folder: no error")
	}
}

// TestVerifyForgetsAnImportCompletedByARerun: an import that did not finish
// is noted until an import of the same source finishes.
func TestVerifyForgetsAnImportCompletedByARerun(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	killed, err := s.BeginImport(ctx, export)
	if err != nil {
		t.Fatal(err)
	}
	if err := killed.Put(siteRec()); err != nil {
		t.Fatal(err)
	}
	killed.commit() // as far as a killed import got; it never finishes
	notes := func() []string {
		t.Helper()
		c, err := s.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c.Notes
	}
	if n := notes(); len(n) != 1 || !strings.Contains(n[0], "did not finish") {
		t.Fatalf("notes %q, want the unfinished import", n)
	}
	put(t, s, page, siteRec()) // another source does not complete it
	if n := notes(); len(n) != 1 {
		t.Errorf("after another source: notes %q, want the unfinished import still", n)
	}
	put(t, s, export, siteRec(), Record{Post: samplePost()})
	if n := notes(); len(n) != 0 {
		t.Errorf("after the rerun: notes %q, want none", n)
	}
}
