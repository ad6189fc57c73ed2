package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// germanBlog writes the export of a German blog: one post with the
// given number of approved comments, and a page with a latest comments
// block and a calendar.
func germanBlog(t *testing.T, comments int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Leuchtturm</title><link>https://leuchtturm.example.de</link><description>Filme und das Meer</description><language>de-DE</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://leuchtturm.example.de</wp:base_site_url><wp:base_blog_url>https://leuchtturm.example.de</wp:base_blog_url>
<item><title>Der stille Leuchtturm</title><link>https://leuchtturm.example.de/2023/03/18/der-stille-leuchtturm/</link><dc:creator>mara</dc:creator>
<content:encoded><![CDATA[Ein langsamer Film.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>10</wp:post_id><wp:post_date>2023-03-18 13:15:00</wp:post_date><wp:post_date_gmt>2023-03-18 12:15:00</wp:post_date_gmt>
<wp:post_name>der-stille-leuchtturm</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
`)
	for i := 1; i <= comments; i++ {
		fmt.Fprintf(&b, `<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author>Leser %d</wp:comment_author><wp:comment_date>2023-03-19 09:%02d:00</wp:comment_date>
<wp:comment_content><![CDATA[Kommentar Nummer %d.]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
`, i, i, i, i)
	}
	b.WriteString(`</item>
<item><title>Neues</title><link>https://leuchtturm.example.de/neues/</link><dc:creator>mara</dc:creator>
<content:encoded><![CDATA[<!-- wp:latest-comments {"commentsToShow":1} /-->]]></content:encoded>
<wp:post_id>20</wp:post_id><wp:post_date>2023-03-20 10:00:00</wp:post_date><wp:post_name>neues</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type>
</item>
</channel></rss>
`)
	path := filepath.Join(t.TempDir(), "leuchtturm.xml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestGermanBlogIsShownInGerman: a blog whose export says de-DE is
// served with German words, plural forms and dates, on the site's own
// pages and in its dynamic blocks.
func TestGermanBlogIsShownInGerman(t *testing.T) {
	_, ts := startSite(t, Config{Store: importArchive(t, germanBlog(t, 19))})
	post := get(t, ts.URL+"/2023/03/18/der-stille-leuchtturm/")
	if post.status != 200 {
		t.Fatalf("post answers %d", post.status)
	}
	for _, want := range []string{
		`<html lang="de-DE">`,
		"19 Antworten auf „Der stille Leuchtturm“",
		"18. März 2023",         // the post's date
		"19. März 2023 um 9:19", // a comment's date and time
		"Die Kommentare sind geschlossen",
		"Zum Inhalt springen",
	} {
		if !strings.Contains(post.body, want) {
			t.Errorf("the post's page lacks %q", want)
		}
	}
	for _, english := range []string{"responses to", "March", " at 9:"} {
		if strings.Contains(post.body, english) {
			t.Errorf("the post's page of a German blog says %q", english)
		}
	}

	if month := get(t, ts.URL+"/2023/03/").body; !strings.Contains(month, "Monat: März 2023") {
		t.Errorf("the monthly archive is not named in German")
	}
	home := get(t, ts.URL+"/").body
	if !strings.Contains(home, "19 Kommentare") {
		t.Errorf("the home page does not count the post's comments in German")
	}
	page := get(t, ts.URL+"/neues/").body
	if !strings.Contains(page, "Leser 19</a> bei <a") && !strings.Contains(page, "Leser 19 bei <a") {
		t.Errorf("the latest comments block is not in German:\n%s", page)
	}
}

// TestOneCommentIsSingular: the singular form, in English and German.
func TestOneCommentIsSingular(t *testing.T) {
	_, ts := startSite(t, Config{Store: importArchive(t, germanBlog(t, 1))})
	if body := get(t, ts.URL+"/2023/03/18/der-stille-leuchtturm/").body; !strings.Contains(body, "Eine Antwort auf „Der stille Leuchtturm“") {
		t.Errorf("one comment is not counted in the singular")
	}
}
