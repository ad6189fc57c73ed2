package feed

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file        string
		wantErr     string
		wantSite    string
		wantPosts   int
		wantTitle   string // of the first post
		wantContent string // in the first post's content
		wantAuthor  string
		wantDate    time.Time
		wantID      int64
		wantNext    string
		wantWarning string
	}{
		{file: "rss091.xml", wantSite: "http://old.example.com/", wantPosts: 1, wantTitle: "Café opens",
			wantContent: "Prices in £", wantWarning: ""},
		{file: "rss10-rdf.xml", wantSite: "http://rdf.example.org/", wantPosts: 1, wantTitle: "First RDF item",
			wantContent: "Body of the first item.", wantAuthor: "Ada", wantDate: time.Date(2004, 5, 6, 7, 8, 9, 0, time.UTC)},
		{file: "atom-plain.xml", wantSite: "https://atom.example.net/", wantPosts: 2, wantTitle: "Hugo & friends",
			wantContent: "<p>Full <em>text</em>.</p>", wantAuthor: "Grace", wantDate: time.Date(2020, 1, 1, 8, 0, 0, 0, time.UTC),
			wantNext: "https://atom.example.net/feed.xml?page=2"},
		{file: "wordpress-complete.xml", wantSite: "http://cut.example.com", wantPosts: 3, wantTitle: "Post 1",
			wantContent: "Full text of post 1.", wantAuthor: "writer", wantDate: time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC), wantID: 1},
		{file: "wordpress-truncated.xml", wantSite: "http://cut.example.com", wantPosts: 2, wantTitle: "Post 1",
			wantContent: "Full text of post 1.", wantAuthor: "writer", wantDate: time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC), wantID: 1,
			wantWarning: "kept the 2 complete items"},
		{file: "wordpress-badbytes.xml", wantSite: "http://cut.example.com", wantPosts: 3, wantTitle: "Post 1",
			wantContent: "Full text of post 1.", wantAuthor: "writer", wantDate: time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC), wantID: 1,
			wantWarning: "replaced or dropped 2 bytes"},
		{file: "html-page.html", wantErr: "an HTML page, not a feed"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(bytes.NewReader(data), path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), path) {
					t.Fatalf("error %v, want one naming %s and saying %q", err, path, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Site.URL != tt.wantSite {
				t.Errorf("site URL %q, want %q", f.Site.URL, tt.wantSite)
			}
			if len(f.Posts) != tt.wantPosts {
				t.Fatalf("%d posts, want %d", len(f.Posts), tt.wantPosts)
			}
			p := f.Posts[0]
			if p.Title != tt.wantTitle {
				t.Errorf("title %q, want %q", p.Title, tt.wantTitle)
			}
			if !strings.Contains(p.ContentRendered, tt.wantContent) {
				t.Errorf("content %q lacks %q", p.ContentRendered, tt.wantContent)
			}
			if p.AuthorLogin != tt.wantAuthor {
				t.Errorf("author %q, want %q", p.AuthorLogin, tt.wantAuthor)
			}
			if !p.DateGMT.Equal(tt.wantDate) {
				t.Errorf("date %v, want %v", p.DateGMT, tt.wantDate)
			}
			if p.ID != tt.wantID {
				t.Errorf("id %d, want %d", p.ID, tt.wantID)
			}
			if f.NextPage != tt.wantNext {
				t.Errorf("next page %q, want %q", f.NextPage, tt.wantNext)
			}
			warnings := strings.Join(f.Warnings, "\n")
			if tt.wantWarning == "" && warnings != "" {
				t.Errorf("unexpected warnings %q", warnings)
			}
			if tt.wantWarning != "" && (!strings.Contains(warnings, tt.wantWarning) || !strings.Contains(warnings, path)) {
				t.Errorf("warnings %q lack %q and the file name", warnings, tt.wantWarning)
			}
		})
	}
}

func TestAtomTextContentIsEscaped(t *testing.T) {
	f, err := Parse(strings.NewReader(mustRead(t, "atom-plain.xml")), "atom-plain.xml")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Posts[1].ContentRendered; got != "1 &lt; 2" {
		t.Errorf("text content rendered as %q, want HTML-escaped", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"empty", "", "empty document"},
		{"json", `{"version": "https://jsonfeed.org/version/1.1", "items": []}`, "JSON"},
		{"unknown root", `<?xml version="1.0"?><opml version="2.0"><body/></opml>`, "root element <opml>"},
		{"plain text", "just words", "not XML"},
		{"broken before any item", `<rss version="2.0"><channel><title>x</title><item><title>a</ti`, "feed broken:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.doc), "broken")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"rss 2.0", `<?xml version="1.0"?><rss version="2.0"><channel>`, true},
		{"rdf", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">`, true},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>`, true},
		{"wxr", `<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>`, false},
		{"blogger", `<feed xmlns='http://www.w3.org/2005/Atom'><entry><category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>`, false},
		{"html", `<!DOCTYPE html><html><head>`, false},
		{"opml", `<opml version="2.0">`, false},
		{"garbage", "\x00\x01binary", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff([]byte(tt.head)); got != tt.want {
				t.Errorf("Sniff = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCommentLink(t *testing.T) {
	tests := []struct {
		link     string
		wantPost string
		wantID   int64
		wantOK   bool
	}{
		{"http://b.example/2012/01/03/x/comment-page-2/#comment-920", "http://b.example/2012/01/03/x/", 920, true},
		{"http://b.example/2012/01/03/x/#comment-7", "http://b.example/2012/01/03/x/", 7, true},
		{"http://b.example/?p=12&cpage=2#comment-5", "http://b.example/?p=12", 5, true},
		{"http://b.example/2012/01/03/x/", "", 0, false},
		{"http://b.example/x/#comment-99999999999999999999", "", 0, false},
	}
	for _, tt := range tests {
		post, id, ok := commentLink(tt.link)
		if post != tt.wantPost || id != tt.wantID || ok != tt.wantOK {
			t.Errorf("commentLink(%q) = %q, %d, %v; want %q, %d, %v", tt.link, post, id, ok, tt.wantPost, tt.wantID, tt.wantOK)
		}
	}
}

func TestReaderYieldsSiteFirst(t *testing.T) {
	r := NewReader(strings.NewReader(mustRead(t, "wordpress-complete.xml")), "wordpress-complete.xml")
	var kinds []string
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
			kinds = append(kinds, "site")
		case rec.Author != nil:
			kinds = append(kinds, "author:"+rec.Author.Login)
		case rec.Term != nil:
			kinds = append(kinds, "term:"+rec.Term.Taxonomy+"/"+rec.Term.Slug)
		case rec.Post != nil:
			kinds = append(kinds, "post")
		}
	}
	want := "site author:writer term:category/news post post post"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("records %q, want %q", got, want)
	}
	if _, err := NewReader(strings.NewReader("<html></html>"), "page.html").Next(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("an HTML page yields %v, want an error", err)
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Movie Reviews":  "movie-reviews",
		"6.1":            "6-1",
		"  Foo -- Bar  ": "foo-bar",
		"Café":           "caf%c3%a9",
		"a/b":            "a-b",
	}
	for name, want := range tests {
		if got := slugify(name); got != want {
			t.Errorf("slugify(%q) = %q, want %q", name, got, want)
		}
	}
}

func mustRead(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
