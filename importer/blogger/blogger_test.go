package blogger

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/sharedtest"
)

type result struct {
	site     *archive.Site
	authors  []archive.Author
	terms    []archive.Term
	posts    []*archive.Post
	warnings []string
	skipped  map[string]int
}

func readAll(t *testing.T, path string) result {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r := NewReader(fh, path)
	var res result
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case rec.Site != nil:
			res.site = rec.Site
		case rec.Author != nil:
			res.authors = append(res.authors, *rec.Author)
		case rec.Term != nil:
			res.terms = append(res.terms, *rec.Term)
		case rec.Post != nil:
			res.posts = append(res.posts, rec.Post)
		}
	}
	res.warnings, res.skipped = r.Warnings(), r.Skipped()
	return res
}

func TestExports(t *testing.T) {
	tests := []struct {
		path         func(t *testing.T) string
		wantSite     string
		wantTitle    string
		wantKinds    map[string]int // type/status → count
		wantComments int
		wantLabels   []string
		wantSkipped  map[string]int
		wantWarning  string
	}{
		{
			path: func(t *testing.T) string {
				return sharedtest.File(t, "peers/wxr-samples/ghost-importer-blogger.xml")
			},
			wantSite:     "http://mowords-winphone.blogspot.com/",
			wantTitle:    "Mo Words",
			wantKinds:    map[string]int{"post/publish": 4, "page/publish": 1},
			wantComments: 13,
			wantLabels:   []string{"v1.0"},
			wantSkipped:  map[string]int{"settings": 57, "template": 1},
		},
		{
			path: func(t *testing.T) string {
				return sharedtest.File(t, "peers/wxr-samples/pelican-bloggerexport.xml")
			},
			wantSite:     "http://youngdoctornotes.blogspot.com/",
			wantTitle:    "Notes of a Young Doctor",
			wantKinds:    map[string]int{"post/publish": 1, "post/draft": 1, "page/publish": 1, "page/draft": 1},
			wantComments: 1,
			wantLabels:   []string{"Interesting cases", "amputations"},
			wantSkipped:  map[string]int{"settings": 58, "template": 1},
			wantWarning:  `prefix "app" is used but never declared`,
		},
		{
			path:         func(*testing.T) string { return filepath.Join("testdata", "takeout-2018.xml") },
			wantSite:     "https://takeout.example.blogspot.com/",
			wantTitle:    "Takeout Blog",
			wantKinds:    map[string]int{"post/publish": 1, "post/trash": 1},
			wantComments: 2,
			wantLabels:   []string{"Web Tools"},
			wantSkipped:  map[string]int{},
		},
	}
	for _, tt := range tests {
		path := tt.path(t)
		t.Run(filepath.Base(path), func(t *testing.T) {
			res := readAll(t, path)
			if res.site == nil || res.site.URL != tt.wantSite || res.site.Title != tt.wantTitle {
				t.Fatalf("site %+v, want %s %q", res.site, tt.wantSite, tt.wantTitle)
			}
			kinds := map[string]int{}
			comments := 0
			for _, p := range res.posts {
				kinds[p.Type+"/"+p.Status]++
				comments += len(p.Comments)
				if p.ID <= 0 || !strings.HasPrefix(p.GUID, "tag:blogger.com,1999:blog-") {
					t.Errorf("post %q: id %d guid %q", p.Title, p.ID, p.GUID)
				}
				if p.DateGMT.IsZero() {
					t.Errorf("post %q has no date", p.Title)
				}
			}
			if !equalCounts(kinds, tt.wantKinds) {
				t.Errorf("posts by type/status %v, want %v", kinds, tt.wantKinds)
			}
			if comments != tt.wantComments {
				t.Errorf("%d comments, want %d", comments, tt.wantComments)
			}
			var labels []string
			for _, term := range res.terms {
				if term.Taxonomy != "post_tag" {
					t.Errorf("label %q in taxonomy %q", term.Name, term.Taxonomy)
				}
				labels = append(labels, term.Name)
			}
			if strings.Join(labels, "|") != strings.Join(tt.wantLabels, "|") {
				t.Errorf("labels %q, want %q", labels, tt.wantLabels)
			}
			if !equalCounts(res.skipped, tt.wantSkipped) {
				t.Errorf("skipped %v, want %v", res.skipped, tt.wantSkipped)
			}
			warnings := strings.Join(res.warnings, "\n")
			if tt.wantWarning == "" && warnings != "" || !strings.Contains(warnings, tt.wantWarning) {
				t.Errorf("warnings %q, want %q", warnings, tt.wantWarning)
			}
		})
	}
}

func TestGhostThread(t *testing.T) {
	res := readAll(t, sharedtest.File(t, "peers/wxr-samples/ghost-importer-blogger.xml"))
	for _, p := range res.posts {
		if len(p.Comments) == 0 {
			continue
		}
		// All 13 comments answer the Feedback page (their in-reply-to says
		// "post-1099408231173381423", the page's number).
		if p.Type != "page" || p.Title != "Feedback" || len(p.Comments) != 13 {
			t.Fatalf("comments on %s %q (%d), want 13 on page Feedback", p.Type, p.Title, len(p.Comments))
		}
		first := p.Comments[0]
		if first.ID != 3958318922264930120 || first.Parent != 0 || first.Author == "" || first.Approved != archive.CommentApproved {
			t.Errorf("first comment %+v", first)
		}
		if !strings.Contains(p.Comments[1].ContentRendered, "It&#39;s not in the marketplace") {
			t.Errorf("second comment content %q: entity-escaped HTML not decoded once", p.Comments[1].ContentRendered)
		}
	}
}

func TestTakeoutThread(t *testing.T) {
	res := readAll(t, filepath.Join("testdata", "takeout-2018.xml"))
	live := res.posts[0]
	if live.Link != "https://takeout.example.blogspot.com/2026/04/live-post.html" || live.Slug != "live-post" {
		t.Errorf("link %q slug %q", live.Link, live.Slug)
	}
	if len(live.Comments) != 2 {
		t.Fatalf("%d comments on the live post, want 2", len(live.Comments))
	}
	first, reply := live.Comments[0], live.Comments[1]
	if first.ID != 201 || first.Parent != 0 || reply.ID != 202 || reply.Parent != 201 {
		t.Errorf("thread: %d→%d, %d→%d; want 201→0, 202→201", first.ID, first.Parent, reply.ID, reply.Parent)
	}
	wantLocal := time.Date(2026, 4, 5, 8, 0, 0, 0, time.UTC)
	if !first.Date.Equal(wantLocal) || !first.DateGMT.Equal(wantLocal.Add(7*time.Hour)) {
		t.Errorf("comment dates local %v gmt %v", first.Date, first.DateGMT)
	}
}

func TestDeriveID(t *testing.T) {
	tests := []struct {
		id   string
		want int64
	}{
		{"tag:blogger.com,1999:blog-3200193110452366912.post-2544502800320433121", 2544502800320433121},
		{"tag:blogger.com,1999:blog-1.page-42", 42},
		{"", 0},
	}
	for _, tt := range tests {
		if got := DeriveID(tt.id); got != tt.want {
			t.Errorf("DeriveID(%q) = %d, want %d", tt.id, got, tt.want)
		}
	}
	// Too large for an int63, or not numeric: hashed, positive and stable.
	for _, id := range []string{"tag:blogger.com,1999:blog-1.post-99999999999999999999", "tag:blogger.com,1999:blog-1.post-abc"} {
		a, b := DeriveID(id), DeriveID(id)
		if a <= 0 || a != b {
			t.Errorf("DeriveID(%q) = %d then %d, want one positive number", id, a, b)
		}
	}
}

func TestHostileInput(t *testing.T) {
	tests := []struct {
		name, doc   string
		wantErr     string
		wantPosts   int
		wantWarning string
	}{
		{"not atom", `<rss><channel/></rss>`, "not a Blogger export", 0, ""},
		{"html", `<!DOCTYPE html><html><body>x</body></html>`, "not a Blogger export", 0, ""},
		{"truncated", `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link rel="alternate" href="http://t.example/"/>` +
			`<entry><id>tag:blogger.com,1999:blog-1.post-5</id><category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/><title>ok</title></entry>` +
			`<entry><id>tag:blogger.com,1999:blog-1.post-6</id><title>cut`, "", 1, "kept the entries before it"},
		{"bad bytes", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><link rel=\"alternate\" href=\"http://t.example/\"/>" +
			"<entry><id>tag:blogger.com,1999:blog-1.post-5</id><category scheme=\"http://schemas.google.com/g/2005#kind\" term=\"x#post\"/><title>a\x01b\xffc</title></entry></feed>", "", 1, "replaced or dropped 2 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.doc), "hostile.xml")
			posts := 0
			var err error
			for {
				var rec archive.Record
				rec, err = r.Next()
				if err != nil {
					break
				}
				if rec.Post != nil {
					posts++
				}
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "hostile.xml") {
					t.Fatalf("error %v, want one naming hostile.xml and saying %q", err, tt.wantErr)
				}
				return
			}
			if !errors.Is(err, io.EOF) {
				t.Fatal(err)
			}
			if posts != tt.wantPosts {
				t.Errorf("%d posts, want %d", posts, tt.wantPosts)
			}
			if w := strings.Join(r.Warnings(), "\n"); !strings.Contains(w, tt.wantWarning) {
				t.Errorf("warnings %q lack %q", w, tt.wantWarning)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{`<feed xmlns='http://www.w3.org/2005/Atom'><entry><category scheme='http://schemas.google.com/g/2005#kind' term='x#post'/>`, true},
		{`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:blogger="http://schemas.google.com/blogger/2018">`, true},
		{`<feed xmlns="http://www.w3.org/2005/Atom"><title>plain</title>`, false},
		{`<rss version="2.0"><channel>`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("Sniff(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
