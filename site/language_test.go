package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/sharedtest"
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

// TestFramesSpeakTheBlogsLanguage: the feeds' titles, the error pages,
// the password notices and the search page of a German or Japanese blog
// are in its language, an English blog's as they always were.
func TestFramesSpeakTheBlogsLanguage(t *testing.T) {
	const (
		review    = "/2023/03/18/the-quiet-lighthouse-review/"
		protected = "/2023/04/01/letters-to-the-keeper/"
		reviews   = "/category/films/reviews/"
	)
	tooLong := "/search/?q=" + strings.Repeat("x", 300)
	tests := []struct {
		lang string
		says map[string][]string // what the answer to a request (a path, or POST /) says
	}{
		{"en-GB", map[string][]string{
			"/":                      {`title="Lighthouse Notes » Feed"`, `title="Lighthouse Notes » Comments Feed"`, "This content is password protected; the archive does not show it.", "Lighthouse Notes is a read-only archive · <a href=\"/feed/\">RSS feed</a>", `<nav aria-label="Pages">`},
			"/category/films/":       {"<p class=\"children-terms\">Also: <a"},
			review:                   {`<nav class="post-nav" aria-label="Posts">`, `title="Lighthouse Notes » The Quiet Lighthouse (2023) Review Comments Feed"`},
			"/feed/":                 {"This content is password protected."},
			review + "feed/":         {"<title>Comments on: The Quiet Lighthouse (2023) Review</title>", "<title>By: Jonah</title>"},
			"/comments/feed/":        {"<title>Comments for Lighthouse Notes</title>", "<title>Comment on The Quiet Lighthouse (2023) Review by Jonah</title>"},
			reviews:                  {"<h1>Category: Reviews</h1>", "Feed of Category: Reviews", `title="Lighthouse Notes » Category: Reviews Feed"`},
			reviews + "feed/":        {"<title>Lighthouse Notes » Category: Reviews</title>"},
			"/author/mara/":          {"<h1>Author: Mara Quill</h1>"},
			protected:                {"Protected: Letters to the Keeper", "This content is password protected. The archive keeps it private and does not show it."},
			"/no/such/page/":         {"<h1>Not found</h1>", "This archive has no page at that address. It may never have existed, or it was not public.", "Perhaps searching will help:", "Go to the home page"},
			"/_parc/static/none.css": {"<h1>Not found</h1>", "There is no such file."},
			"POST /":                 {"<h1>Method not allowed</h1>", "This archive is read-only: it answers GET and HEAD only."},
			"/search/":               {"<h1>Search</h1>", "Search is not available here: it needs the archive served by parc serve."},
			tooLong:                  {"<h1>Bad request</h1>", "That search is too long: keep it under 256 characters."},
			"/search/?q=x&page=abc":  {"<h1>Bad request</h1>", "That page number is out of range."},
		}},
		{"de-DE", map[string][]string{
			"/":                      {`title="Lighthouse Notes » Feed"`, `title="Lighthouse Notes » Kommentar-Feed"`, "Dieser Inhalt ist passwortgeschützt; das Archiv zeigt ihn nicht.", "Lighthouse Notes ist ein Archiv, das nur gelesen werden kann · <a href=\"/feed/\">RSS-Feed</a>", `<nav aria-label="Seiten">`},
			"/category/films/":       {"<p class=\"children-terms\">Siehe auch: <a"},
			review:                   {`<nav class="post-nav" aria-label="Beiträge">`, `title="Lighthouse Notes » The Quiet Lighthouse (2023) Review Kommentar-Feed"`},
			"/feed/":                 {"Dieser Inhalt ist passwortgeschützt."},
			review + "feed/":         {"<title>Kommentare zu: The Quiet Lighthouse (2023) Review</title>", "<title>Von: Jonah</title>"},
			"/comments/feed/":        {"<title>Kommentare für Lighthouse Notes</title>", "<title>Kommentar zu The Quiet Lighthouse (2023) Review von Jonah</title>"},
			reviews:                  {"<h1>Kategorie: Reviews</h1>", "Feed von Kategorie: Reviews", `title="Lighthouse Notes » Kategorie: Reviews Feed"`},
			reviews + "feed/":        {"<title>Lighthouse Notes » Kategorie: Reviews</title>"},
			"/author/mara/":          {"<h1>Autor: Mara Quill</h1>"},
			protected:                {"Geschützt: Letters to the Keeper", "Dieser Inhalt ist passwortgeschützt. Das Archiv hält ihn privat und zeigt ihn nicht."},
			"/no/such/page/":         {"<h1>Nicht gefunden</h1>", "Dieses Archiv hat keine Seite unter dieser Adresse.", "Vielleicht hilft eine Suche:", "Zur Startseite"},
			"/_parc/static/none.css": {"<h1>Nicht gefunden</h1>", "Diese Datei gibt es nicht."},
			"POST /":                 {"<h1>Methode nicht erlaubt</h1>", "Dieses Archiv kann nur gelesen werden: Es beantwortet nur GET und HEAD."},
			"/search/":               {"<h1>Suchen</h1>", "Die Suche ist hier nicht verfügbar: Dafür muss das Archiv mit parc serve bereitgestellt werden."},
			tooLong:                  {"<h1>Ungültige Anfrage</h1>", "Diese Suche ist zu lang: Sie muss kürzer als 256 Zeichen sein."},
			"/search/?q=x&page=abc":  {"<h1>Ungültige Anfrage</h1>", "Diese Seitenzahl liegt außerhalb des Bereichs."},
		}},
		{"ja", map[string][]string{
			"/":                      {`title="Lighthouse Notes » フィード"`, `title="Lighthouse Notes » コメントフィード"`, "このコンテンツはパスワードで保護されています。アーカイブには表示されません。", "Lighthouse Notes は読み取り専用のアーカイブです · <a href=\"/feed/\">RSS フィード</a>", `<nav aria-label="固定ページ">`},
			"/category/films/":       {"<p class=\"children-terms\">関連: <a"},
			review:                   {`<nav class="post-nav" aria-label="投稿">`, `title="Lighthouse Notes » The Quiet Lighthouse (2023) Review のコメントのフィード"`},
			"/feed/":                 {"このコンテンツはパスワードで保護されています。"},
			review + "feed/":         {"<title>The Quiet Lighthouse (2023) Review へのコメント</title>", "<title>Jonah より</title>"},
			"/comments/feed/":        {"<title>Lighthouse Notes へのコメント</title>", "<title>Jonah より The Quiet Lighthouse (2023) Review へのコメント</title>"},
			reviews:                  {"<h1>カテゴリー: Reviews</h1>", "カテゴリー: Reviews のフィード", `title="Lighthouse Notes » カテゴリー: Reviews フィード"`},
			reviews + "feed/":        {"<title>Lighthouse Notes » カテゴリー: Reviews</title>"},
			"/author/mara/":          {"<h1>作成者: Mara Quill</h1>"},
			protected:                {"保護中: Letters to the Keeper", "このコンテンツはパスワードで保護されています。アーカイブは非公開のまま保管し、表示しません。"},
			"/no/such/page/":         {"<h1>見つかりませんでした</h1>", "このアーカイブにはそのアドレスのページはありません。", "検索してみてください:", "ホームページへ移動"},
			"/_parc/static/none.css": {"<h1>見つかりませんでした</h1>", "そのようなファイルはありません。"},
			"POST /":                 {"<h1>許可されていないメソッド</h1>", "このアーカイブは読み取り専用です"},
			"/search/":               {"<h1>検索</h1>", "ここでは検索を利用できません: アーカイブを parc serve で公開する必要があります。"},
			tooLong:                  {"<h1>不正なリクエスト</h1>", "検索語が長すぎます: 256 文字未満にしてください。"},
			"/search/?q=x&page=abc":  {"<h1>不正なリクエスト</h1>", "そのページ番号は範囲外です。"},
		}},
	}
	english := []string{"Comments on:", "Comments for", "Category:", "password protected", "Not found", "Perhaps searching", "home page", "Bad request", "not available", "read-only", "Also:", `aria-label="Posts"`, "Comments Feed"}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			_, ts := startSite(t, Config{Store: importArchive(t, sharedtest.SampleBlogIn(t, tt.lang))})
			for request, wants := range tt.says {
				method, path, posted := strings.Cut(request, " ")
				if !posted {
					method, path = http.MethodGet, request
				}
				body := fetch(t, http.DefaultClient, method, ts.URL+path, nil).body
				for _, want := range wants {
					if !strings.Contains(body, want) {
						t.Errorf("%s does not say %q:\n%s", request, want, body)
					}
				}
				if strings.HasPrefix(tt.lang, "en") {
					continue
				}
				for _, word := range english {
					if strings.Contains(body, word) {
						t.Errorf("%s of a %s blog says %q", request, tt.lang, word)
					}
				}
			}
		})
	}
}

// TestPagesOfSeveralSitesSpeakTheirLanguage: the list of the sites of an
// archive, and the choice an old link several of them had leads to,
// belong to no site; they are in the language all the sites are in, and
// in English when the sites' languages differ.
func TestPagesOfSeveralSitesSpeakTheirLanguage(t *testing.T) {
	archiveOf := func(t *testing.T, alphaLang, betaLang string) *httptest.Server {
		dir := t.TempDir()
		// Alpha, imported first, is served at its own path /blog, so the
		// root is no site's and answers old links for both.
		alpha := writeWXRIn(t, alphaLang, dir, "alpha.xml", "https://alpha.example/blog", "Alpha",
			wxrPost{id: 7, title: "Sieben", slug: "sieben", date: "2021-01-01 10:00:00", body: "Sieben."})
		beta := writeWXRIn(t, betaLang, dir, "beta.xml", "https://beta.example", "Beta",
			wxrPost{id: 7, title: "Auch sieben", slug: "auch-sieben", date: "2022-03-04 10:00:00", body: "Auch sieben."},
			wxrPost{id: 8, title: "Acht", slug: "acht", date: "2022-03-05 10:00:00", body: "Acht."})
		_, ts := startSite(t, Config{Store: importArchive(t, alpha, beta)})
		return ts
	}
	tests := []struct {
		alpha, beta string
		sites       []string // what the list of sites says
		choice      []string // what the root's /?p=7 says
	}{
		{"de-DE", "de-AT",
			[]string{`<html lang="de">`, "<title>Archivierte Websites</title>", "<h1>Archivierte Websites</h1>", "1 Beitrag, 0 Seiten", "2 Beiträge, 0 Seiten"},
			[]string{`<html lang="de">`, "<title>Mehrere Seiten hatten diese Adresse – Archivierte Websites</title>", "<h1>Welche davon?</h1>", "Diese alte Adresse bezeichnet eine Seite auf mehr als einer der archivierten Websites."}},
		{"ja", "ja",
			[]string{`<html lang="ja">`, "<h1>アーカイブ済みのサイト</h1>", "1件の投稿", "2件の投稿"},
			[]string{"<h1>どれですか?</h1>"}},
		{"de-DE", "en-GB",
			[]string{`<html lang="en">`, "<title>Archived sites</title>", "<h1>Archived sites</h1>", "1 post, 0 pages, 0 comments", "2 posts, 0 pages, 0 comments"},
			[]string{"<title>Several pages had this address – Archived sites</title>", "<h1>Which one?</h1>", "That old address names a page on more than one of the archived sites."}},
	}
	for _, tt := range tests {
		t.Run(tt.alpha+"+"+tt.beta, func(t *testing.T) {
			ts := archiveOf(t, tt.alpha, tt.beta)
			sites := get(t, ts.URL+"/_parc/sites/")
			if missing := contains(sites.body, tt.sites...); sites.status != http.StatusOK || len(missing) > 0 {
				t.Errorf("the list of sites: %d, lacks %q:\n%s", sites.status, missing, sites.body)
			}
			choice := get(t, ts.URL+"/?p=7")
			if missing := contains(choice.body, tt.choice...); choice.status != http.StatusMultipleChoices || len(missing) > 0 {
				t.Errorf("/?p=7: %d, lacks %q:\n%s", choice.status, missing, choice.body)
			}
		})
	}
}

// TestNamelessCommenterIsAnonymousInTheBlogsLanguage: a comment left
// without a name is signed as WordPress signs it in the blog's language,
// on the post, in its comments feed and in the latest comments block.
func TestNamelessCommenterIsAnonymousInTheBlogsLanguage(t *testing.T) {
	for _, tt := range []struct{ lang, anonymous, block string }{
		{"en-US", "Anonymous", `Anonymous on <a href="/2023/05/01/hello/#comment-1">`},
		{"fr-FR", "Anonyme", `Anonyme dans <a href="/2023/05/01/hello/#comment-1">`},
		{"ja", "匿名", `Hello</a> に 匿名 より`},
	} {
		lang, anonymous := tt.lang, tt.anonymous
		t.Run(lang, func(t *testing.T) {
			export := writeWXRIn(t, lang, t.TempDir(), "blog.xml", "https://quiet.example", "Quiet",
				wxrPost{id: 1, title: "Hello", slug: "hello", date: "2023-05-01 10:00:00", body: "Hello.",
					comments: []wxrComment{{id: 1, approved: "1", author: " ", date: "2023-05-02 09:00:00", body: "A nameless remark."}}},
				wxrPost{id: 2, typ: "page", title: "Latest", slug: "latest", date: "2023-05-03 10:00:00", body: `<!-- wp:latest-comments {"displayExcerpt":false} /-->`})
			_, ts := startSite(t, Config{Store: importArchive(t, export)})
			for path, want := range map[string]string{
				"/2023/05/01/hello/":      `<span class="comment-author">` + anonymous + `</span>`,
				"/2023/05/01/hello/feed/": "<dc:creator>" + anonymous + "</dc:creator>",
				"/latest/":                tt.block,
			} {
				if body := get(t, ts.URL+path).body; !strings.Contains(body, want) {
					t.Errorf("%s does not sign the comment %q:\n%s", path, want, body)
				}
			}
		})
	}
}

// TestUntitledPostInTheBlogsLanguage: a post without a title is called
// "(no title)" in the blog's language, on its page, on the home page
// and in the feed.
func TestUntitledPostInTheBlogsLanguage(t *testing.T) {
	for lang, untitled := range map[string]string{"en": "(no title)", "de-DE": "(kein Titel)", "ja": "(タイトルなし)"} {
		t.Run(lang, func(t *testing.T) {
			export := writeWXRIn(t, lang, t.TempDir(), "blog.xml", "https://quiet.example", "Quiet",
				wxrPost{id: 1, title: "<b></b>", slug: "ohne", date: "2023-05-01 10:00:00", body: "Ohne Titel."})
			_, ts := startSite(t, Config{Store: importArchive(t, export)})
			for path, want := range map[string]string{
				"/2023/05/01/ohne/": "<title>" + untitled + " – Quiet</title>",
				"/":                 `<a href="/2023/05/01/ohne/">` + untitled + "</a>",
				"/feed/":            "<title>" + untitled + "</title>",
			} {
				if body := get(t, ts.URL+path).body; !strings.Contains(body, want) {
					t.Errorf("%s does not say %q:\n%s", path, want, body)
				}
			}
		})
	}
}

// panickingStore is the archive with a bug: reading a post panics.
type panickingStore struct{ *archive.Store }

func (panickingStore) Post(context.Context, int64) (*archive.StoredPost, error) {
	panic("a bug reading a post")
}

// TestFailuresSpeakTheBlogsLanguage: the short answers of a page that
// could not be drawn (a theme's template failing) or of a bug (a panic)
// are in the blog's language too, and show no trace of the failure.
func TestFailuresSpeakTheBlogsLanguage(t *testing.T) {
	store := importArchive(t, sharedtest.SampleBlogIn(t, "de-DE"))
	failing := fstest.MapFS{"templates/list.html": {Data: []byte(`{{define "main"}}{{.Main.NoSuchField}}{{end}}`)}}
	_, themed := startSite(t, Config{Store: store, Theme: failing})
	if got := get(t, themed.URL+"/"); got.status != http.StatusInternalServerError || got.body != "Diese Seite konnte nicht angezeigt werden.\n" {
		t.Errorf("a failing template: %d %q", got.status, got.body)
	}
	_, buggy := startSite(t, Config{Store: panickingStore{store}})
	if got := get(t, buggy.URL+"/2023/03/18/the-quiet-lighthouse-review/"); got.status != http.StatusInternalServerError || got.body != "Bei uns ist etwas schiefgegangen.\n" {
		t.Errorf("a panic: %d %q", got.status, got.body)
	}
}
