package feed

import (
	"html"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// wxrTruth is what the corpus site's own export says, read with the
// WXR importer's reader.
type wxrTruth struct {
	displayName map[string]string // login → display name
	byLink      map[string]*archive.Post
}

func loadTruth(t *testing.T) wxrTruth {
	t.Helper()
	e := corpustruth.Corpus(t)
	return wxrTruth{displayName: e.DisplayNames(), byLink: e.ByLink()}
}

func parseCorpusFeed(t *testing.T, name string) *Feed {
	t.Helper()
	path := sharedtest.File(t, "corpus/wordpress-6.1.9/feeds/"+name)
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := Parse(fh, path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCorpusPostFeeds(t *testing.T) {
	truth := loadTruth(t)
	tests := []struct {
		file      string
		wantPosts int
		wantIDs   int // posts whose guid shows the WordPress id
	}{
		// The corpus posts keep the guids of the site they were migrated
		// from (wpthemetestdata.wordpress.com/?p=N, the old site's ids):
		// none may be taken for a local id.
		{"rss2.xml", 10, 0},
		{"atom.xml", 10, 0},
		{"rss2-paged-2.xml", 10, 0},
		{"category-classic-rss2.xml", 10, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := parseCorpusFeed(t, tt.file)
			if f.IsCommentFeed {
				t.Error("read as a comment feed")
			}
			if f.Site.URL != "http://127.0.0.1:8088" {
				t.Errorf("site URL %q", f.Site.URL)
			}
			if len(f.Posts) != tt.wantPosts {
				t.Fatalf("%d posts, want %d", len(f.Posts), tt.wantPosts)
			}
			ids := 0
			for _, p := range f.Posts {
				want := truth.byLink[p.Link]
				if want == nil {
					t.Errorf("post %q: link %s not in the export", p.Title, p.Link)
					continue
				}
				if p.ID != 0 {
					ids++
					if p.ID != want.ID {
						t.Errorf("%s: id %d, export says %d", p.Link, p.ID, want.ID)
					}
				}
				if looseTitle(p.Title) != looseTitle(want.Title) {
					t.Errorf("%s: title %q, export says %q", p.Link, p.Title, want.Title)
				}
				if p.AuthorLogin != truth.displayName[want.AuthorLogin] {
					t.Errorf("%s: author %q, export says %q", p.Link, p.AuthorLogin, truth.displayName[want.AuthorLogin])
				}
				if !p.DateGMT.Equal(want.DateGMT) {
					t.Errorf("%s: date %v, export says %v", p.Link, p.DateGMT, want.DateGMT)
				}
				var gotTerms, wantTerms []string
				for _, term := range p.Terms {
					gotTerms = append(gotTerms, html.UnescapeString(term.Name))
				}
				for _, c := range want.Terms {
					if c.Taxonomy == "category" || c.Taxonomy == "post_tag" {
						wantTerms = append(wantTerms, html.UnescapeString(c.Name))
					}
				}
				slices.Sort(gotTerms)
				slices.Sort(wantTerms)
				if !slices.Equal(gotTerms, wantTerms) {
					t.Errorf("%s: terms %q, export says %q", p.Link, gotTerms, wantTerms)
				}
				if strings.TrimSpace(want.ContentRaw) != "" && (p.ContentRendered == "" || p.ContentRendered == p.ExcerptRendered) {
					t.Errorf("%s: content is empty or the excerpt: not the full text", p.Link)
				}
				if p.Type != "post" || p.Status != "publish" {
					t.Errorf("%s: type %q status %q", p.Link, p.Type, p.Status)
				}
			}
			if ids != tt.wantIDs {
				t.Errorf("%d posts with ids from their guid, want %d", ids, tt.wantIDs)
			}
		})
	}
}

func TestCorpusFullText(t *testing.T) {
	for _, file := range []string{"rss2.xml", "atom.xml"} {
		f := parseCorpusFeed(t, file)
		review := f.Posts[0]
		// The last paragraph of post 1814 is past the excerpt's cut.
		if !strings.Contains(review.ContentRendered, "see it on the biggest screen you can find") {
			t.Errorf("%s: post 1814 lacks its full text", file)
		}
		if !strings.Contains(review.ExcerptRendered, "I finally caught") {
			t.Errorf("%s: post 1814 excerpt %q", file, review.ExcerptRendered)
		}
	}
	rss := parseCorpusFeed(t, "rss2.xml")
	if got := meta(rss.Posts[0], MetaCommentCount); got != "4" {
		t.Errorf("post 1814 comment count %q, want 4", got)
	}
	if got, want := meta(rss.Posts[0], MetaCommentFeed), "http://127.0.0.1:8088/2023/03/18/the-quiet-lighthouse-review/feed/"; got != want {
		t.Errorf("post 1814 comment feed %q, want %q", got, want)
	}
}

func TestCorpusPaged(t *testing.T) {
	f := parseCorpusFeed(t, "rss2-paged-2.xml")
	// WordPress served page 2 with only its self link: no next or previous.
	if f.SelfURL != "http://127.0.0.1/feed/?paged=2" || f.NextPage != "" || f.PrevPage != "" {
		t.Errorf("self %q next %q prev %q", f.SelfURL, f.NextPage, f.PrevPage)
	}
}

func TestCorpusCommentFeeds(t *testing.T) {
	truth := loadTruth(t)
	tests := []struct {
		file         string
		wantComments int
		wantParents  bool // Atom comment feeds carry thr:in-reply-to
		wantSkipped  int  // comments of the password-protected post
	}{
		{"comments-rss2.xml", 9, false, 1},
		{"comments-atom.xml", 9, true, 1},
		{"post-1148-comments-rss2.xml", 10, false, 0},
		{"post-1814-comments-rss2.xml", 4, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := parseCorpusFeed(t, tt.file)
			if !f.IsCommentFeed {
				t.Fatal("not read as a comment feed")
			}
			if f.Site.URL != "http://127.0.0.1:8088" {
				t.Errorf("site URL %q", f.Site.URL)
			}
			n := 0
			for _, stub := range f.Posts {
				want := truth.byLink[stub.Link]
				if want == nil {
					t.Errorf("stub link %s is not a post in the export", stub.Link)
					continue
				}
				if stub.Type != "" || stub.Title != "" || stub.ContentRendered != "" {
					t.Errorf("stub %s carries more than its identity: %+v", stub.Link, stub)
				}
				if want.ID == 1168 {
					t.Errorf("comments of the password-protected post were imported: %+v", stub.Comments)
				}
				for _, c := range stub.Comments {
					n++
					i := slices.IndexFunc(want.Comments, func(w archive.Comment) bool { return w.ID == c.ID })
					if i < 0 {
						t.Errorf("comment %d is not a comment of post %d", c.ID, want.ID)
						continue
					}
					w := want.Comments[i]
					if c.Author != html.UnescapeString(w.Author) {
						t.Errorf("comment %d author %q, export says %q", c.ID, c.Author, w.Author)
					}
					if tt.wantParents && c.Parent != w.Parent {
						t.Errorf("comment %d parent %d, export says %d", c.ID, c.Parent, w.Parent)
					}
					if c.ContentRendered == "" || c.DateGMT.IsZero() {
						t.Errorf("comment %d lacks content or date", c.ID)
					}
				}
			}
			if n != tt.wantComments {
				t.Errorf("%d comments, want %d", n, tt.wantComments)
			}
			skipped := 0
			for _, w := range f.Warnings {
				if strings.Contains(w, "password") {
					skipped++
				}
			}
			if skipped != tt.wantSkipped {
				t.Errorf("%d protected comments skipped, want %d; warnings %q", skipped, tt.wantSkipped, f.Warnings)
			}
		})
	}
}

// looseTitle undoes what WordPress does to a title in a feed (tags
// stripped, quotes curled) so that it compares with the stored title.
func looseTitle(s string) string {
	s = html.UnescapeString(s)
	for strings.Contains(s, "<") {
		start := strings.Index(s, "<")
		end := strings.Index(s[start:], ">")
		if end < 0 {
			break
		}
		s = s[:start] + s[start+end+1:]
	}
	return strings.NewReplacer("”", `"`, "“", `"`, "’", "'", "‘", "'").Replace(s)
}

func meta(p archive.Post, key string) string {
	for _, m := range p.Meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}
