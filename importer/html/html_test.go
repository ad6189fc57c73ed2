package html

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// commentFormPhrases are comment-form texts (English and WordPress.com's
// German) that must never end up in a post or a comment.
var commentFormPhrases = []string{
	"Leave a Reply", "Fill in your details below", "You are commenting using",
	"Trage deine Daten unten ein", "Du kommentierst mit", "Schreibe einen Kommentar", "Kommentar verfassen",
}

func assertNoCommentForm(t *testing.T, post *archive.Post) {
	t.Helper()
	texts := map[string]string{"post": post.ContentRendered}
	for _, c := range post.Comments {
		texts[fmt.Sprintf("comment %d", c.ID)] = c.ContentRendered
	}
	for where, s := range texts {
		for _, phrase := range commentFormPhrases {
			if strings.Contains(s, phrase) {
				t.Errorf("%s contains comment-form text %q", where, phrase)
			}
		}
	}
}

// commentDepths maps each comment id to its depth in the parsed thread.
func commentDepths(t *testing.T, comments []archive.Comment) map[int64]int {
	t.Helper()
	parent := map[int64]int64{}
	for _, c := range comments {
		parent[c.ID] = c.Parent
	}
	depths := map[int64]int{}
	for _, c := range comments {
		depth, id := 1, c.ID
		for parent[id] != 0 {
			if _, ok := parent[parent[id]]; !ok {
				t.Errorf("comment %d: parent %d is not on the page", id, parent[id])
				break
			}
			id = parent[id]
			depth++
			if depth > len(comments) {
				t.Fatalf("comment %d: cycle in parents", c.ID)
			}
		}
		depths[c.ID] = depth
	}
	return depths
}

var depthMarkup = regexp.MustCompile(`id="(?:li-)?comment-(\d+)"|class="(?:pingback|trackback|comment)[^"]*\bdepth-(\d+)`)

// markupDepths reads WordPress's own depth-N classes from the raw page,
// independently of the parser, as the truth for nesting.
func markupDepths(page []byte) map[int64]int {
	depths := map[int64]int{}
	for _, tag := range regexp.MustCompile(`<li [^>]*>`).FindAll(page, -1) {
		var id int64
		depth := 0
		for _, m := range depthMarkup.FindAllSubmatch(tag, -1) {
			if m[1] != nil {
				id, _ = strconv.ParseInt(string(m[1]), 10, 64)
			}
			if m[2] != nil {
				depth, _ = strconv.Atoi(string(m[2]))
			}
		}
		if id != 0 && depth != 0 {
			depths[id] = depth
		}
	}
	return depths
}

func TestWordPressComPages(t *testing.T) {
	dir := sharedtest.File(t, "peers/wpcom-pages")
	tests := []struct {
		file      string
		comments  int // from SOURCE.md
		pingbacks int
		firstText string
	}{
		{"gormulus.wordpress.com.durfen.html", 45, 5, "Dieser Artikel folgt auf einen betont sachlich gehaltenen"},
		{"grossefragen.wordpress.com.projekt.html", 23, 0, ""},
		{"zulang.wordpress.com.genitalverstuemmelung.html", 6, 0, "Gemeint ist natürlich das"},
		{"blog.wordpress.com.diverse.html", 13, 0, ""},
		{"damianduchamps.wordpress.com.hbdi.html", 2, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			page, err := Parse(bytes.NewReader(raw), "")
			if err != nil {
				t.Fatal(err)
			}
			if page.Kind != KindPost || page.Post == nil {
				t.Fatalf("kind %q, post %v", page.Kind, page.Post != nil)
			}
			post := page.Post
			if len(post.Comments) != tt.comments {
				t.Errorf("%d comments, want %d", len(post.Comments), tt.comments)
			}
			pings := 0
			for _, c := range post.Comments {
				if c.Type == "pingback" {
					pings++
				} else if strings.TrimSpace(c.ContentRendered) == "" {
					t.Errorf("comment %d has no content", c.ID)
				}
			}
			if pings != tt.pingbacks {
				t.Errorf("%d pingbacks, want %d", pings, tt.pingbacks)
			}
			want := markupDepths(raw)
			for id, depth := range commentDepths(t, post.Comments) {
				if want[id] != 0 && want[id] != depth {
					t.Errorf("comment %d at depth %d, the page says depth-%d", id, depth, want[id])
				}
			}
			if post.ContentRendered == "" || !strings.Contains(post.ContentRendered, tt.firstText) {
				t.Errorf("post text missing %q", tt.firstText)
			}
			for _, junk := range []string{"sharedaddy", "jp-relatedposts", "like_comment"} {
				if strings.Contains(post.ContentRendered, junk) {
					t.Errorf("post content keeps %q", junk)
				}
			}
			assertNoCommentForm(t, post)
		})
	}
}

// TestSeedPage reads a WordPress.com-style page built from the seed text:
// the title counts 4 responses, the page shows 3 (one nested reply).
func TestSeedPage(t *testing.T) {
	page := parseFile(t, filepath.Join("testdata", "seed-wpcom.html"))
	post := page.Post
	if page.Kind != KindPost || post == nil {
		t.Fatalf("kind %q, no post", page.Kind)
	}
	if post.ID != 812 || post.Title != "Ruby Sparks (2012) Review" || post.AuthorLogin != "raegan" {
		t.Errorf("id %d title %q author %q", post.ID, post.Title, post.AuthorLogin)
	}
	if post.Link != "https://raereviews.wordpress.com/2012/08/20/ruby-sparks-2012-review/" {
		t.Errorf("link %q", post.Link)
	}
	if got := post.DateGMT.Format("2006-01-02 15:04"); got != "2012-08-20 14:05" {
		t.Errorf("DateGMT %s", got)
	}
	if got := post.Date.Format("2006-01-02 15:04"); got != "2012-08-20 07:05" {
		t.Errorf("Date %s", got)
	}
	wantTerms := []archive.TermRef{{Taxonomy: "category", Slug: "movies", Name: "Movies"}, {Taxonomy: "post_tag", Slug: "indie", Name: "indie"}}
	if !slices.Equal(post.Terms, wantTerms) {
		t.Errorf("terms %+v", post.Terms)
	}
	type thread struct {
		id, parent int64
		author     string
	}
	var got []thread
	for _, c := range post.Comments {
		got = append(got, thread{c.ID, c.Parent, c.Author})
		if c.Approved != archive.CommentApproved {
			t.Errorf("comment %d approved %q", c.ID, c.Approved)
		}
	}
	want := []thread{{101, 0, "Movie Fan"}, {102, 101, "Rae"}, {103, 0, "Sarasota Sam"}}
	if !slices.Equal(got, want) {
		t.Errorf("comments %+v, want %+v", got, want)
	}
	if post.Comments[0].AuthorURL != "http://moviefan.example/" || strings.Contains(post.Comments[0].ContentRendered, "Like") {
		t.Errorf("comment 101: url %q content %q", post.Comments[0].AuthorURL, post.Comments[0].ContentRendered)
	}
	if !strings.Contains(post.Comments[1].ContentRendered, "stopping by! :)") {
		t.Errorf("smiley not restored: %q", post.Comments[1].ContentRendered)
	}
	if !strings.Contains(post.ContentRendered, "if you can. 🙂") || strings.Contains(post.ContentRendered, "Share this") {
		t.Errorf("content %q", post.ContentRendered)
	}
	if !strings.Contains(post.ContentRendered, `src="https://i0.wp.com/raereviews.files.wordpress.com/2012/08/ruby-300x200.jpg?resize=300%2C200"`) {
		t.Errorf("lazy image source not restored: %q", post.ContentRendered)
	}
	wantOriginal := "https://i0.wp.com/raereviews.files.wordpress.com/2012/08/ruby-300x200.jpg?resize=300%2C200 https://raereviews.files.wordpress.com/2012/08/ruby.jpg"
	if v := metaValue(post.Meta, MetaImageOriginal); v != wantOriginal {
		t.Errorf("image original %q, want %q", v, wantOriginal)
	}
	if !page.CommentCountFound || page.CommentCount != 4 {
		t.Errorf("comment count %d found %v, want 4", page.CommentCount, page.CommentCountFound)
	}
	if !slices.ContainsFunc(page.Warnings, func(w string) bool { return strings.Contains(w, "4") && strings.Contains(w, "3") }) {
		t.Errorf("no warning about 4 counted vs 3 shown: %q", page.Warnings)
	}
	if !slices.Equal(page.Links[:1], []string{"https://raereviews.wordpress.com/"}) || slices.Contains(page.Links, "https://elsewhere.example/") ||
		slices.Contains(page.Links, "https://raereviews.wordpress.com/wp-admin/") || !slices.Contains(page.Links, "https://raereviews.wordpress.com/2012/08/19/older-post/") {
		t.Errorf("links %q", page.Links)
	}
	assertNoCommentForm(t, post)
}

func TestKinds(t *testing.T) {
	dir := sharedtest.File(t, "corpus/wordpress-6.1.9/html")
	tests := map[string]Kind{
		"front.html": KindIndex, "index-page-2.html": KindIndex, "category-classic.html": KindArchive,
		"tag-post-formats.html": KindArchive, "author-mara.html": KindArchive, "month-2018-11.html": KindArchive,
		"search-comments.html": KindSearch, "page-172-level-3.html": KindPage, "single-51-theme-block-category.html": KindPost,
	}
	for _, theme := range []string{"twentytwentyone", "twentytwentytwo", "twentytwentythree"} {
		for file, want := range tests {
			t.Run(theme+"/"+file, func(t *testing.T) {
				page := parseFile(t, filepath.Join(dir, theme, file))
				if page.Kind != want {
					t.Errorf("kind %q, want %q", page.Kind, want)
				}
				if page.Site.URL != "http://127.0.0.1:8088/" || page.Site.Language != "en-US" || page.Site.Generator != "WordPress 6.1.9" {
					t.Errorf("site %+v", page.Site)
				}
				if (want == KindPost || want == KindPage) != (page.Post != nil) {
					t.Errorf("post %v for kind %q", page.Post != nil, want)
				}
				for _, l := range page.Links {
					if !strings.HasPrefix(l, "http://127.0.0.1:8088/") || strings.Contains(l, "#") {
						t.Errorf("link %q is not a same-site crawl target", l)
					}
				}
			})
		}
	}
}

// TestCommentPageLinks checks the crawler learns every comment page.
func TestCommentPageLinks(t *testing.T) {
	dir := sharedtest.File(t, "corpus/wordpress-6.1.9/html")
	for _, theme := range []string{"twentytwentyone", "twentytwentytwo", "twentytwentythree"} {
		page := parseFile(t, filepath.Join(dir, theme, "single-1148-template-comments.html"))
		if !slices.Contains(page.Links, "http://127.0.0.1:8088/2012/01/03/template-comments/comment-page-1/") {
			t.Errorf("%s: no link to comment page 1 in %q", theme, page.Links)
		}
		if slices.ContainsFunc(page.Warnings, func(w string) bool { return strings.Contains(w, "counts") }) {
			t.Errorf("%s: count warning on a paginated thread: %q", theme, page.Warnings)
		}
	}
}

func TestPasswordProtected(t *testing.T) {
	dir := sharedtest.File(t, "corpus/wordpress-6.1.9/html")
	for _, theme := range []string{"twentytwentyone", "twentytwentytwo", "twentytwentythree"} {
		page := parseFile(t, filepath.Join(dir, theme, "single-1168-template-password-protected.html"))
		if page.Post == nil || page.Post.ContentRendered != "" || metaValue(page.Post.Meta, MetaPasswordProtected) != "1" || len(page.Warnings) == 0 {
			t.Errorf("%s: post %+v warnings %q", theme, page.Post, page.Warnings)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		head string
		want bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"\xef\xbb\xbf\n  <html lang=de>", true},
		{"<!-- cached --><html>", true},
		{"<head><title>x</title>", true},
		{`<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">`, false},
		{`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">`, false},
		{`{"id": 1}`, false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("Sniff(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// deepThread is a single-post page with comments nested depth levels deep
// and extra top-level ones, up to count comments in all.
func deepThread(depth, count int) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta name="generator" content="WordPress 6.4"><link rel="canonical" href="https://blog.example/2024/01/01/deep/"></head>` +
		`<body class="single single-post postid-7"><article id="post-7" class="post-7 post"><h1 class="entry-title">Deep</h1><div class="entry-content"><p>Body</p></div></article>` +
		`<div id="comments"><h2 class="comments-title">` + strconv.Itoa(count) + ` comments</h2><ol class="comment-list">`)
	id := 1
	writeComment := func(level int) {
		fmt.Fprintf(&b, `<li id="comment-%d" class="comment depth-%d"><article class="comment-body"><b class="fn">Reader %d</b><time datetime="2024-01-02T03:04:05+01:00">x</time><div class="comment-content"><p>Reply <em>%d</em> &amp; more text here</p></div></article>`, id, level, id, id)
		id++
	}
	for level := 1; level <= depth; level++ {
		writeComment(level)
		b.WriteString(`<ol class="children">`)
	}
	for level := depth; level >= 1; level-- {
		b.WriteString(`</ol></li>`)
	}
	for id <= count {
		writeComment(1)
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ol></div></body></html>`)
	return b.Bytes()
}

func TestDeepThread(t *testing.T) {
	page, err := Parse(bytes.NewReader(deepThread(100, 100)), "https://blog.example/2024/01/01/deep/")
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Post.Comments) != 100 {
		t.Fatalf("%d comments, want 100", len(page.Post.Comments))
	}
	for i, c := range page.Post.Comments {
		if c.ID != int64(i+1) || c.Parent != int64(i) {
			t.Errorf("comment %d parent %d, want id %d parent %d", c.ID, c.Parent, i+1, i)
		}
	}
	if len(page.Warnings) != 0 {
		t.Errorf("warnings %q", page.Warnings)
	}
}

func TestBadInput(t *testing.T) {
	huge := bytes.Repeat([]byte("<p>lorem ipsum dolor sit amet</p>\n"), 50<<20/34)
	huge = append([]byte("<!DOCTYPE html><html><body>"), huge...)
	tests := []struct {
		name    string
		input   []byte
		wantErr error // nil: parses, with a warning
	}{
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 0xff, 0xfe}, ErrNotHTML},
		{"empty", nil, ErrNotHTML},
		{"feed", []byte(`<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`), ErrNotHTML},
		{"50 MB", huge, errTooLarge},
		{"broken markup", []byte(`<html><body class="single postid-3"><div id="comments"><li id="comment-1"><div class="comment-content"><p>unclosed <b>bold <li id="comment-2" class="comment depth-2"></ol></ol></body><p>after`), nil},
		{"invalid utf-8", []byte("<html><head><meta charset=utf-8><meta name=generator content='WordPress 6'></head><body class='single postid-4'><h1 class='entry-title'>T\xff\xfe</h1><div class='entry-content'>\xc3\x28</div></body></html>"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := Parse(bytes.NewReader(tt.input), "https://blog.example/x/")
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), "https://blog.example/x/") {
					t.Fatalf("error %v, want %v naming the page", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if page.Post == nil {
				t.Fatalf("no post from kind %q", page.Kind)
			}
			if tt.name != "invalid utf-8" {
				return
			}
			// Both held invalid bytes: each must be valid now, the bytes
			// shown as replacement characters, not dropped.
			for _, s := range []string{page.Post.Title, page.Post.ContentRendered} {
				if !utf8.ValidString(s) || !strings.Contains(s, "\uFFFD") {
					t.Errorf("invalid UTF-8 not replaced: %q", s)
				}
			}
		})
	}
}

// TestPostIDOverflow: an id too large for an int64 is no id, not the
// largest int64, wherever the page prints it.
func TestPostIDOverflow(t *testing.T) {
	const huge = "99999999999999999999"
	tests := []struct {
		name, head, article string
		want                int64
	}{
		{"class", "", `<article class="post post-` + huge + `">`, 0},
		{"id, then class", "", `<article id="post-` + huge + `" class="post post-7">`, 7},
		{"shortlink", `<link rel="shortlink" href="https://blog.example/?p=` + huge + `">`, `<article class="post post-5">`, 5},
		{"small enough", "", `<article class="post post-42">`, 42},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head><meta name="generator" content="WordPress 6.4">` + tt.head + `</head><body class="single">` +
				tt.article + `<h1 class="entry-title">T</h1><div class="entry-content"><p>Body</p></div></article></body></html>`
			got, err := Parse(strings.NewReader(page), "https://blog.example/2024/01/01/t/")
			if err != nil {
				t.Fatal(err)
			}
			if got.Post == nil || got.Post.ID != tt.want {
				t.Fatalf("post %+v: want id %d", got.Post, tt.want)
			}
		})
	}
}

func TestNotWordPress(t *testing.T) {
	page := `<!DOCTYPE html><html lang="fr"><head><title>Un article</title></head><body><nav><a href="/">Accueil</a></nav><article><h1>Un article</h1>` +
		strings.Repeat(`<p>Ceci est un long paragraphe de texte, assez long pour que l'extraction le retienne comme contenu principal de la page.</p>`, 8) +
		`</article><footer>pied</footer></body></html>`
	got, err := Parse(strings.NewReader(page), "https://example.org/article")
	if err != nil {
		t.Fatal(err)
	}
	if got.Kind != KindNotWordPress || got.Post == nil || !strings.Contains(got.Post.ContentRendered, "long paragraphe") || len(got.Warnings) == 0 {
		t.Errorf("kind %q post %+v warnings %q", got.Kind, got.Post, got.Warnings)
	}
}

func TestReader(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "seed-wpcom.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f, "testdata/seed-wpcom.html")
	var kinds []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case rec.Site != nil:
			kinds = append(kinds, "site:"+rec.Site.URL)
		case rec.Author != nil:
			kinds = append(kinds, "author:"+rec.Author.Login)
		case rec.Post != nil:
			kinds = append(kinds, fmt.Sprintf("post:%d/%d", rec.Post.ID, len(rec.Post.Comments)))
		}
	}
	want := []string{"site:https://raereviews.wordpress.com/", "author:raegan", "post:812/3"}
	if !slices.Equal(kinds, want) {
		t.Errorf("records %q, want %q", kinds, want)
	}
	if len(r.Warnings()) == 0 || !strings.Contains(r.Warnings()[0], "testdata/seed-wpcom.html") {
		t.Errorf("warnings %q should name the file", r.Warnings())
	}
}

func FuzzParse(f *testing.F) {
	f.Add(deepThread(5, 8))
	if seed, err := os.ReadFile(filepath.Join("testdata", "seed-wpcom.html")); err == nil {
		f.Add(seed)
	}
	f.Add([]byte(`<html><body class="single postid-1"><li id="comment-1"><li id="li-comment-1"><div id="comment-1">`))
	f.Fuzz(func(t *testing.T, data []byte) {
		page, err := Parse(bytes.NewReader(data), "https://fuzz.example/p/")
		if err == nil && page == nil {
			t.Fatal("nil page without error")
		}
		if err != nil || page.Post == nil {
			return
		}
		// A thread is a tree of this page's comments: each id once, each
		// parent a comment before it on the page (so no cycles) or none.
		before := map[int64]bool{}
		for _, c := range page.Post.Comments {
			if before[c.ID] {
				t.Fatalf("comment %d appears twice in %+v", c.ID, page.Post.Comments)
			}
			if c.Parent != 0 && !before[c.Parent] {
				t.Fatalf("comment %d replies to %d, not a comment before it on the page", c.ID, c.Parent)
			}
			before[c.ID] = true
		}
	})
}

func BenchmarkParse(b *testing.B) {
	page := deepThread(10, 200)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(page), "https://blog.example/2024/01/01/deep/"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// TestDeepThreadLinear guards against the fuzz hang: each comment's parts
// were looked for in its whole reply subtree, so a deep thread cost far
// more than linear and a large page never ended. The work is counted, not
// timed (a busy machine would make a clock lie): every search of a subtree
// allocates, so the allocations per comment must not grow with the nesting.
// Before the one-walk reader they grew 2.5 times from nesting 60 to 240.
func TestDeepThreadLinear(t *testing.T) {
	perComment := func(depth int) float64 {
		page := deepThread(depth, depth)
		allocs := testing.AllocsPerRun(2, func() {
			got, err := Parse(bytes.NewReader(page), "https://blog.example/2024/01/01/deep/")
			if err != nil {
				t.Fatal(err)
			}
			if n := len(got.Post.Comments); n != depth || got.Post.Comments[n-1].Parent != int64(n-1) {
				t.Fatalf("depth %d: %d comments, last parent %d", depth, n, got.Post.Comments[n-1].Parent)
			}
		})
		return allocs / float64(depth)
	}
	small, large := perComment(60), perComment(240)
	if large > 1.25*small {
		t.Errorf("nesting 60 allocates %.0f per comment, nesting 240 %.0f: more than linear", small, large)
	}
}
