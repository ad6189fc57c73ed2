package html

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// TestWordPressComPageFacts reads the saved WordPress.com pages as they
// show themselves: the post-N marker, the author the page names (none
// where it names none), the body beside a standfirst, and every comment's
// date, written in words and without a year on en.blog.
func TestWordPressComPageFacts(t *testing.T) {
	tests := []struct {
		file         string
		id           int64
		login, name  string
		minBodyText  int
		commentMonth string // every comment but pingbacks is dated in it, where the test says
	}{
		{"blog.wordpress.com.diverse.html", 41513, "Andrea Middleton", "Andrea Middleton", 4000, "2019-06"},
		{"damianduchamps.wordpress.com.hbdi.html", 2626, "", "", 5000, "2019-08"},
		{"gormulus.wordpress.com.durfen.html", 339, "guesswho", "Mathias", 3000, ""},
		{"grossefragen.wordpress.com.projekt.html", 787, "mivedo", "Michael Veeser-Dombrowski", 3000, ""},
		{"zulang.wordpress.com.genitalverstuemmelung.html", 462, "hansgeiger", "HansG", 5000, "2015-12"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			page := parseFile(t, sharedtest.File(t, "peers/wpcom-pages/"+tt.file))
			post := page.Post
			if post.ID != tt.id {
				t.Errorf("id = %d, want %d", post.ID, tt.id)
			}
			if post.AuthorLogin != tt.login {
				t.Errorf("author = %q, want %q", post.AuthorLogin, tt.login)
			}
			for _, a := range page.Authors {
				if a.Login == tt.login && a.DisplayName != tt.name {
					t.Errorf("author's name = %q, want %q", a.DisplayName, tt.name)
				}
			}
			body, err := goquery.NewDocumentFromReader(strings.NewReader(post.ContentRendered))
			if err != nil {
				t.Fatal(err)
			}
			if n := len([]rune(strings.TrimSpace(body.Text()))); n < tt.minBodyText {
				t.Errorf("body has %d characters of text, want at least %d", n, tt.minBodyText)
			}
			for _, c := range post.Comments {
				date := c.Date
				if date.IsZero() {
					date = c.DateGMT
				}
				switch {
				case c.Type != "comment":
				case date.IsZero():
					t.Errorf("comment %d has no date", c.ID)
				case tt.commentMonth != "" && date.Format("2006-01") != tt.commentMonth:
					t.Errorf("comment %d dated %v, want in %s", c.ID, date, tt.commentMonth)
				}
			}
		})
	}
}
