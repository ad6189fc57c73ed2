package site

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// parcsEnglish are English words parc writes around a blog's content,
// as a reader of an English blog sees them: none may reach a reader of a
// German or Japanese blog. They are words of parc's own, not the sample
// blog's (TestNoEnglishOnABlogInAnotherLanguage checks that).
var parcsEnglish = []string{
	"is a read-only archive", "RSS feed", "All archived sites", "Archived sites",
	"Skip to content", "Search this archive", "Search", "Feed of", "Comments Feed",
	"Also:", "Pages:", "Pages of this post", "Pages below this one", "In this section",
	"More pages", "Page 1 of", "Page 2", "← Older", "Newer →", "Nothing here.",
	"Category:", "Tag:", "Author:", "Year:", "Month:", "Day:",
	"· by", "· in", "Tagged", "Continue reading", "Protected:", "password protected",
	"responses to", "No comments", "Pingbacks and trackbacks", "Comments are closed", "Comments feed",
	"Anonymous", "(no title)", "2023 at ", " pm", " am",
	"Not found", "Perhaps searching will help", "Go to the home page", "not available",
	" posts", " pages", " comments",
}

// sameInLanguage are the words of parcsEnglish that a language writes
// alike: German WordPress keeps "Anonymous", and "Tag:" (a day's
// archive) and "in" (a post's categories) are German words.
var sameInLanguage = map[string][]string{
	"de-DE": {"Anonymous", "Tag:", "· in"},
}

// TestNoEnglishOnABlogInAnotherLanguage walks every page a reader can
// reach of the sample blog served in German and in Japanese — the home
// page and its second page, posts with their comments (one nameless),
// a post split into pages, an untitled one, a page with a child page,
// categories, tags, authors, date archives, search, a 404 and the list
// of the sites of a multi-site archive — and fails on any English word
// of parc's own in what it shows, its text and the labels a screen
// reader speaks. The same walk of the English blog must meet every one
// of those words, so the list stays one of words parc writes.
func TestNoEnglishOnABlogInAnotherLanguage(t *testing.T) {
	blogText := sampleBlogText(t)
	for _, word := range parcsEnglish {
		if strings.Contains(blogText, word) {
			t.Fatalf("%q is the sample blog's own text, not parc's", word)
		}
	}
	shown := map[string]map[string][]string{} // language → word → pages
	for _, lang := range []string{"en-GB", "de-DE", "ja"} {
		shown[lang] = walkInLanguage(t, lang)
	}
	for _, word := range parcsEnglish {
		if len(shown["en-GB"][word]) == 0 {
			t.Errorf("the English blog never shows %q: the walk missed a page, or parc no longer writes it", word)
		}
		for _, lang := range []string{"de-DE", "ja"} {
			if pages := shown[lang][word]; len(pages) > 0 && !slices.Contains(sameInLanguage[lang], word) {
				t.Errorf("a %s blog says %q on %v", lang, word, pages)
			}
		}
	}
}

// walkInLanguage serves the sample blog in lang, with more posts and a
// second site, walks its pages and says on which of them each word of
// parcsEnglish shows.
func walkInLanguage(t *testing.T, lang string) map[string][]string {
	dir := t.TempDir()
	store := importArchive(t, sharedtest.SampleBlogIn(t, lang),
		writeWXRIn(t, lang, dir, "more.xml", "https://lighthouse.example.org", "Lighthouse Notes", moreOfTheSample()...),
		writeWXRIn(t, lang, dir, "second.xml", "https://zweite.example", "Zweite", secondSite))
	_, ts := startSite(t, Config{Store: store})

	seeds := []string{"/", "/_parc/sites/", "/zweite.example/", "/search/", "/search/?q=lamp", "/no/such/page/", "/2023/", "/2023/03/", "/2023/03/18/"}
	musts := []string{"/page/2/", "/2021/06/02/zwei-teile/2/", "/2021/06/03/stille/", "/2021/06/01/ohne-titel/", "/mannschaft/", "/category/films/", "/tag/indie/", "/author/mara/"}
	shown := map[string][]string{}
	visited := map[string]bool{}
	pages := crawl(t, ts.URL, seeds, 500, func(path string, got fetched) {
		visited[path] = true
		if !strings.HasPrefix(got.header.Get("Content-Type"), "text/html") {
			return
		}
		text := readerText(t, got.body)
		for _, word := range parcsEnglish {
			if strings.Contains(text, word) {
				shown[word] = append(shown[word], path)
			}
		}
	})
	t.Logf("%s: walked %d pages", lang, pages)
	for _, path := range musts {
		if !visited[path] {
			t.Errorf("%s: the walk did not reach %s", lang, path)
		}
	}
	return shown
}

// readerText is what a page shows a reader: its text, and the labels
// and titles a browser or a screen reader gives (aria-label, title,
// placeholder, alt), one per line; not markup, classes or addresses.
func readerText(t *testing.T, page string) string {
	t.Helper()
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
			b.WriteByte('\n')
		case html.StartTagToken, html.SelfClosingTagToken:
			for {
				key, value, more := z.TagAttr()
				switch string(key) {
				case "aria-label", "title", "placeholder", "alt":
					b.Write(value)
					b.WriteByte('\n')
				}
				if !more {
					break
				}
			}
		}
	}
}

// moreOfTheSample are posts for the sample blog that show what it lacks:
// enough to fill a second page, an untitled post, one split into pages,
// one cut by <!--more-->, a nameless comment, a child of its About page.
func moreOfTheSample() []wxrPost {
	more := []wxrPost{
		{id: 201, title: "", slug: "ohne-titel", date: "2021-06-01 10:00:00", body: "Ohne."},
		{id: 202, title: "Zwei Teile", slug: "zwei-teile", date: "2021-06-02 10:00:00", body: "Eins.<!--nextpage-->Zwei."},
		{id: 203, title: "Stille", slug: "stille", date: "2021-06-03 10:00:00", body: "Still.<!--more-->Sehr still.",
			comments: []wxrComment{{id: 2031, approved: "1", author: "", date: "2021-06-04 08:30:00", body: "Leise."}}},
		{id: 204, typ: "page", parent: 2, title: "Mannschaft", slug: "mannschaft", date: "2021-06-05 10:00:00", body: "Wir."},
	}
	for i := range 12 {
		more = append(more, wxrPost{id: 210 + i, title: fmt.Sprintf("Notiz %d", i+1), slug: fmt.Sprintf("notiz-%d", i+1),
			date: fmt.Sprintf("2020-%02d-01 10:00:00", i+1), body: "Kurz."})
	}
	return more
}

// secondSite is the page of a second site, which has no posts.
var secondSite = wxrPost{id: 1, typ: "page", title: "Erste", slug: "erste", date: "2022-01-01 10:00:00", body: "Da."}

// sampleBlogText is the walked blog's own words: every title, text and
// name of the sample's export, and of the posts added to it.
func sampleBlogText(t *testing.T) string {
	t.Helper()
	export, err := os.ReadFile(sampleBlog(t))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range cdata.FindAllSubmatch(export, -1) {
		b.Write(m[1])
		b.WriteByte('\n')
	}
	for _, p := range append(moreOfTheSample(), secondSite) {
		b.WriteString(p.title + "\n" + p.body + "\n")
		for _, c := range p.comments {
			b.WriteString(c.author + "\n" + c.body + "\n")
		}
	}
	return b.String()
}

var cdata = regexp.MustCompile(`(?s)<!\[CDATA\[(.*?)\]\]>`)
