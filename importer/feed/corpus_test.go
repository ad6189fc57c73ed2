package feed

import (
	"encoding/xml"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
)

// sharedDir returns ../shared beside the module root, skipping the test
// when it is absent unless PARC_REQUIRE_SHARED=1.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		if os.Getenv("PARC_REQUIRE_SHARED") == "1" {
			t.Fatalf("shared fixtures missing at %s (PARC_REQUIRE_SHARED=1)", shared)
		}
		t.Skipf("shared fixtures not found at %s; skipping", shared)
	}
	return shared
}

// wxrTruth is what the corpus site's own export says, read with a plain
// encoding/xml loop independent of the code under test.
type wxrTruth struct {
	displayName map[string]string // login → display name
	byLink      map[string]*wxrItem
}

type wxrItem struct {
	Title      string `xml:"title"`
	Link       string `xml:"link"`
	Creator    string `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Content    string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	ID         int64  `xml:"post_id"`
	DateGMT    string `xml:"post_date_gmt"`
	Categories []struct {
		Domain string `xml:"domain,attr"`
		Name   string `xml:",chardata"`
	} `xml:"category"`
	Comments []struct {
		ID       int64  `xml:"comment_id"`
		Author   string `xml:"comment_author"`
		Approved string `xml:"comment_approved"`
		Parent   int64  `xml:"comment_parent"`
	} `xml:"comment"`
}

func loadTruth(t *testing.T, shared string) wxrTruth {
	t.Helper()
	fh, err := os.Open(filepath.Join(shared, "corpus/wordpress-6.1.9/export/wordpress-export.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	truth := wxrTruth{displayName: map[string]string{}, byLink: map[string]*wxrItem{}}
	d := xml.NewDecoder(fh)
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "author":
			var a struct {
				Login   string `xml:"author_login"`
				Display string `xml:"author_display_name"`
			}
			if err := d.DecodeElement(&a, &se); err != nil {
				t.Fatal(err)
			}
			truth.displayName[a.Login] = a.Display
		case "item":
			it := &wxrItem{}
			if err := d.DecodeElement(it, &se); err != nil {
				t.Fatal(err)
			}
			truth.byLink[it.Link] = it
		}
	}
	if len(truth.byLink) == 0 {
		t.Fatal("no items in the corpus export")
	}
	return truth
}

func parseCorpusFeed(t *testing.T, shared, name string) *Feed {
	t.Helper()
	path := filepath.Join(shared, "corpus/wordpress-6.1.9/feeds", name)
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
	shared := sharedDir(t)
	truth := loadTruth(t, shared)
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
			f := parseCorpusFeed(t, shared, tt.file)
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
				if p.AuthorLogin != truth.displayName[want.Creator] {
					t.Errorf("%s: author %q, export says %q", p.Link, p.AuthorLogin, truth.displayName[want.Creator])
				}
				wantDate, _ := time.Parse(time.DateTime, want.DateGMT)
				if !p.DateGMT.Equal(wantDate) {
					t.Errorf("%s: date %v, export says %v", p.Link, p.DateGMT, wantDate)
				}
				var gotTerms, wantTerms []string
				for _, term := range p.Terms {
					gotTerms = append(gotTerms, html.UnescapeString(term.Name))
				}
				for _, c := range want.Categories {
					if c.Domain == "category" || c.Domain == "post_tag" {
						wantTerms = append(wantTerms, html.UnescapeString(c.Name))
					}
				}
				slices.Sort(gotTerms)
				slices.Sort(wantTerms)
				if !slices.Equal(gotTerms, wantTerms) {
					t.Errorf("%s: terms %q, export says %q", p.Link, gotTerms, wantTerms)
				}
				if strings.TrimSpace(want.Content) != "" && (p.ContentRendered == "" || p.ContentRendered == p.ExcerptRendered) {
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
	shared := sharedDir(t)
	for _, file := range []string{"rss2.xml", "atom.xml"} {
		f := parseCorpusFeed(t, shared, file)
		review := f.Posts[0]
		// The last paragraph of post 1814 is past the excerpt's cut.
		if !strings.Contains(review.ContentRendered, "see it on the biggest screen you can find") {
			t.Errorf("%s: post 1814 lacks its full text", file)
		}
		if !strings.Contains(review.ExcerptRendered, "I finally caught") {
			t.Errorf("%s: post 1814 excerpt %q", file, review.ExcerptRendered)
		}
	}
	rss := parseCorpusFeed(t, shared, "rss2.xml")
	if got := meta(rss.Posts[0], MetaCommentCount); got != "4" {
		t.Errorf("post 1814 comment count %q, want 4", got)
	}
	if got, want := meta(rss.Posts[0], MetaCommentFeed), "http://127.0.0.1:8088/2023/03/18/the-quiet-lighthouse-review/feed/"; got != want {
		t.Errorf("post 1814 comment feed %q, want %q", got, want)
	}
}

func TestCorpusPaged(t *testing.T) {
	f := parseCorpusFeed(t, sharedDir(t), "rss2-paged-2.xml")
	// WordPress served page 2 with only its self link: no next or previous.
	if f.SelfURL != "http://127.0.0.1/feed/?paged=2" || f.NextPage != "" || f.PrevPage != "" {
		t.Errorf("self %q next %q prev %q", f.SelfURL, f.NextPage, f.PrevPage)
	}
}

func TestCorpusCommentFeeds(t *testing.T) {
	shared := sharedDir(t)
	truth := loadTruth(t, shared)
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
			f := parseCorpusFeed(t, shared, tt.file)
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
					i := slices.IndexFunc(want.Comments, func(w struct {
						ID       int64  `xml:"comment_id"`
						Author   string `xml:"comment_author"`
						Approved string `xml:"comment_approved"`
						Parent   int64  `xml:"comment_parent"`
					}) bool {
						return w.ID == c.ID
					})
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
