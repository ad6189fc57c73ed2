package site

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/parc-archive/parc/archive"
)

// wxrPost is one item of a hand-written export.
type wxrPost struct {
	id, parent              int
	typ, status, password   string
	title, slug, date, body string
	comments                []wxrComment
}

type wxrComment struct {
	id             int
	approved, date string
	author, body   string
}

// writeWXR writes a small WordPress export of one site into dir.
func writeWXR(t *testing.T, dir, name, siteURL, title string, posts ...wxrPost) string {
	t.Helper()
	return writeWXRIn(t, "en", dir, name, siteURL, title, posts...)
}

// writeWXRIn writes the export of a site in the language lang.
func writeWXRIn(t *testing.T, lang, dir, name, siteURL, title string, posts ...wxrPost) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>%s</title><link>%s</link><description></description><language>%s</language>
	<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>%[2]s</wp:base_site_url><wp:base_blog_url>%[2]s</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[ed]]></wp:author_login><wp:author_display_name><![CDATA[Ed]]></wp:author_display_name></wp:author>
`, title, siteURL, lang)
	for _, p := range posts {
		typ, status := p.typ, p.status
		if typ == "" {
			typ = "post"
		}
		if status == "" {
			status = "publish"
		}
		link := siteURL + "/" + p.date[:4] + "/" + p.date[5:7] + "/" + p.date[8:10] + "/" + p.slug + "/"
		if typ == "page" {
			link = siteURL + "/" + p.slug + "/"
		}
		fmt.Fprintf(&b, `	<item>
		<title><![CDATA[%s]]></title><link>%s</link><dc:creator><![CDATA[ed]]></dc:creator>
		<guid isPermaLink="false">%s/?p=%d</guid><description></description>
		<content:encoded><![CDATA[%s]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>%[4]d</wp:post_id><wp:post_date><![CDATA[%s]]></wp:post_date><wp:post_date_gmt><![CDATA[%[6]s]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status><wp:ping_status><![CDATA[open]]></wp:ping_status>
		<wp:post_name><![CDATA[%s]]></wp:post_name><wp:status><![CDATA[%s]]></wp:status><wp:post_parent>%d</wp:post_parent>
		<wp:menu_order>0</wp:menu_order><wp:post_type><![CDATA[%s]]></wp:post_type><wp:post_password><![CDATA[%s]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
`, p.title, link, siteURL, p.id, p.body, p.date, p.slug, status, p.parent, typ, p.password)
		for _, c := range p.comments {
			fmt.Fprintf(&b, `		<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author><![CDATA[%s]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[]]></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP><![CDATA[]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[%s]]></wp:comment_date><wp:comment_date_gmt><![CDATA[%[3]s]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[%s]]></wp:comment_content><wp:comment_approved><![CDATA[%s]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
`, c.id, c.author, c.date, c.body, c.approved)
		}
		b.WriteString("\t</item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestOldLinksAtTheRootOfSeveralSites follows old ?p=N links to the
// root of an archive of two sites, as a reader whose old bookmark lost
// its domain would: an ID only one site has redirects into that site, an
// ID both have lists both to choose from, an unknown one is a 404, and a
// query of no old form leaves the front page.
func TestOldLinksAtTheRootOfSeveralSites(t *testing.T) {
	dir := t.TempDir()
	alpha := writeWXR(t, dir, "alpha.xml", "https://alpha.example", "Alpha Log",
		wxrPost{id: 5, title: "Alpha Five", slug: "alpha-five", date: "2020-01-01 10:00:00", body: "Five."},
		wxrPost{id: 7, title: "Alpha Seven", slug: "alpha-seven", date: "2021-01-01 10:00:00", body: "Seven."},
		wxrPost{id: 11, title: "Alpha Draft", slug: "alpha-draft", status: "draft", date: "2021-02-01 10:00:00", body: "Draft."})
	beta := writeWXR(t, dir, "beta.xml", "https://beta.example", "Beta Diary",
		wxrPost{id: 7, title: "Beta Seven", slug: "beta-seven", date: "2022-03-04 10:00:00", body: "Seven too."},
		wxrPost{id: 9, typ: "page", title: "Beta About", slug: "about", date: "2022-01-01 10:00:00", body: "About."})
	store := importArchive(t, alpha, beta)
	_, ts := startSite(t, Config{Store: store})
	client := noRedirects()

	// Alpha, imported first, keeps the root; Beta is under its host.
	for _, c := range []struct{ link, want string }{
		{"/?p=5", "/2020/01/01/alpha-five/"},
		{"/?p=7", "/2021/01/01/alpha-seven/"},
		{"/?page_id=9", "/beta.example/about/"},
		{"/?p=9&cpage=1", "/beta.example/about/#comments"},
		{"/beta.example/?p=7", "/beta.example/2022/03/04/beta-seven/"},
	} {
		got := fetch(t, client, http.MethodGet, ts.URL+c.link, nil)
		if got.status != http.StatusMovedPermanently || got.header.Get("Location") != c.want {
			t.Errorf("%s: %d to %q, want 301 to %s", c.link, got.status, got.header.Get("Location"), c.want)
		}
	}
	if got := get(t, ts.URL+"/?p=5"); got.status != http.StatusOK || !strings.Contains(got.body, "Alpha Five</h1>") {
		t.Errorf("following /?p=5 ended at %s with %d, not on Alpha Five", got.url, got.status)
	}

	for _, link := range []string{"/?p=404", "/?p=11", "/?p=abc"} {
		if got := fetch(t, client, http.MethodGet, ts.URL+link, nil); got.status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", link, got.status)
		}
	}
	front := fetch(t, client, http.MethodGet, ts.URL+"/?utm_source=mail", nil)
	if front.status != http.StatusOK || !strings.Contains(front.body, "Alpha Five") {
		t.Errorf("/?utm_source=mail: %d, want the home page of Alpha, served at the root", front.status)
	}
	sites := fetch(t, client, http.MethodGet, ts.URL+"/_parc/sites/", nil)
	if sites.status != http.StatusOK || !strings.Contains(sites.body, "Archived sites") || !strings.Contains(sites.body, `href="/beta.example/"`) {
		t.Errorf("/_parc/sites/: %d, want the page listing the sites", sites.status)
	}
	for _, path := range []string{"/2020/01/01/alpha-five/", "/2021/01/01/alpha-seven/", "/beta.example/2022/03/04/beta-seven/", "/beta.example/about/"} {
		if got := fetch(t, client, http.MethodGet, ts.URL+path, nil); got.status != http.StatusOK {
			t.Errorf("%s: %d, want 200", path, got.status)
		}
	}
	if got := fetch(t, client, http.MethodHead, ts.URL+"/?p=5", nil); got.status != http.StatusMovedPermanently {
		t.Errorf("HEAD /?p=5: %d, want 301", got.status)
	}
}

// TestSiteCommentsFeedIsNewestComments reads the site's comments feed as
// a subscriber would: the newest approved comments first, whichever post
// they are on, even an old post's; never held comments or comments on
// posts readers cannot see.
func TestSiteCommentsFeedIsNewestComments(t *testing.T) {
	dir := t.TempDir()
	var busy []wxrComment
	for i := 1; i <= feedItems+2; i++ {
		busy = append(busy, wxrComment{id: 100 + i, approved: "1", author: "Regular", date: fmt.Sprintf("2023-05-%02d 12:00:00", i), body: fmt.Sprintf("busy remark %d", i)})
	}
	export := writeWXR(t, dir, "blog.xml", "https://gamma.example", "Gamma",
		wxrPost{id: 1, title: "Old Post", slug: "old-post", date: "2015-01-01 10:00:00", body: "Old.",
			comments: []wxrComment{
				{id: 1, approved: "1", author: "Latecomer", date: "2024-06-01 09:00:00", body: "freshest remark"},
				{id: 2, approved: "0", author: "Held", date: "2024-07-01 09:00:00", body: "held remark"},
				{id: 3, approved: "spam", author: "Spammer", date: "2024-07-02 09:00:00", body: "spam remark"},
			}},
		wxrPost{id: 2, title: "Busy Post", slug: "busy-post", date: "2023-05-01 10:00:00", body: "Busy.", comments: busy},
		wxrPost{id: 3, title: "Hidden Draft", slug: "hidden-draft", status: "draft", date: "2024-08-01 10:00:00", body: "Draft.",
			comments: []wxrComment{{id: 300, approved: "1", author: "Insider", date: "2024-08-02 09:00:00", body: "draft remark"}}},
		wxrPost{id: 4, title: "Locked Post", slug: "locked-post", password: "hunter2", date: "2024-08-03 10:00:00", body: "Locked.",
			comments: []wxrComment{{id: 400, approved: "1", author: "Friend", date: "2024-08-04 09:00:00", body: "locked remark"}}},
		wxrPost{id: 5, title: "Private Post", slug: "private-post", status: "private", date: "2024-08-05 10:00:00", body: "Private.",
			comments: []wxrComment{{id: 500, approved: "1", author: "Colleague", date: "2024-08-06 09:00:00", body: "private remark"}}})
	store := importArchive(t, export)
	_, ts := startSite(t, Config{Store: store})

	for _, path := range []string{"/comments/feed/", "/comments/feed/atom/"} {
		got := get(t, ts.URL+path)
		if got.status != http.StatusOK {
			t.Fatalf("%s: %d", path, got.status)
		}
		for _, leak := range []string{"held remark", "spam remark", "draft remark", "locked remark", "private remark"} {
			if strings.Contains(got.body, leak) {
				t.Errorf("%s shows %q, which readers may not see", path, leak)
			}
		}
		// The newest comment first, though its post is old, then the busy
		// post's newest ones, feedItems in all.
		want := []string{"1"}
		for i := feedItems + 2; len(want) < feedItems; i-- {
			want = append(want, fmt.Sprint(100+i))
		}
		var shown []string
		for _, m := range itemAnchor.FindAllStringSubmatch(got.body, -1) {
			shown = append(shown, m[1])
		}
		if fmt.Sprint(shown) != fmt.Sprint(want) {
			t.Errorf("%s shows comments %v, want the newest first: %v", path, shown, want)
		}
		if !strings.Contains(got.body, "/2015/01/01/old-post/#comment-1") {
			t.Errorf("%s does not link the newest comment at its anchor on the old post", path)
		}
	}
}

// itemAnchor finds the comment each feed item (RSS guid, Atom id) is.
var itemAnchor = regexp.MustCompile(`#comment-(\d+)</(?:guid|id)>`)

// alphaAndBeta is an archive of two sites of one post each, Alpha
// imported first.
func alphaAndBeta(t *testing.T) *archive.Store {
	dir := t.TempDir()
	alpha := writeWXR(t, dir, "alpha.xml", "https://alpha.example", "Alpha Log",
		wxrPost{id: 7, title: "Alpha Seven", slug: "alpha-seven", date: "2021-01-01 10:00:00", body: "Seven."})
	beta := writeWXR(t, dir, "beta.xml", "https://beta.example", "Beta Diary",
		wxrPost{id: 7, title: "Beta Seven", slug: "beta-seven", date: "2022-03-04 10:00:00", body: "Seven too."})
	return importArchive(t, alpha, beta)
}

// TestHostNamesItsSite asks one server for each site by its own host
// name, as a reverse proxy for several rescued blogs would: each gets its
// site at the root, with links that stay on that host, and the other
// under its prefix.
func TestHostNamesItsSite(t *testing.T) {
	_, ts := startSite(t, Config{Store: alphaAndBeta(t)})
	client := noRedirects()
	asBeta := map[string]string{"Host": "beta.example"}

	home := fetch(t, client, http.MethodGet, ts.URL+"/", asBeta)
	if home.status != http.StatusOK || !strings.Contains(home.body, "Beta Seven") || strings.Contains(home.body, "Alpha Seven") {
		t.Errorf("/ on Host beta.example: %d, want Beta's home page:\n%.1500s", home.status, home.body)
	}
	if strings.Contains(home.body, `href="/beta.example/`) || !strings.Contains(home.body, `href="/2022/03/04/beta-seven/"`) {
		t.Errorf("on its own host Beta's links should be at the root:\n%.3000s", home.body)
	}
	for _, c := range []struct{ path, want string }{
		{"/?p=7", "/2022/03/04/beta-seven/"},
		{"/alpha.example/?p=7", "/alpha.example/2021/01/01/alpha-seven/"},
	} {
		got := fetch(t, client, http.MethodGet, ts.URL+c.path, asBeta)
		if got.status != http.StatusMovedPermanently || got.header.Get("Location") != c.want {
			t.Errorf("%s on Host beta.example: %d to %q, want 301 to %s", c.path, got.status, got.header.Get("Location"), c.want)
		}
	}
	if got := fetch(t, client, http.MethodGet, ts.URL+"/2022/03/04/beta-seven/", asBeta); got.status != http.StatusOK {
		t.Errorf("Beta's post on its host: %d", got.status)
	}
	// The server's own address still has the first site at the root, and
	// its cache keeps the two apart.
	if got := fetch(t, client, http.MethodGet, ts.URL+"/", nil); !strings.Contains(got.body, "Alpha Seven") {
		t.Errorf("/ on the server's own address: want Alpha's home page")
	}
	if got := fetch(t, client, http.MethodGet, ts.URL+"/", map[string]string{"Host": "alpha.example"}); !strings.Contains(got.body, "Alpha Seven") {
		t.Errorf("/ on Host alpha.example: want Alpha's home page")
	}
}

// snapshotCounter counts the snapshots built from the archive it reads.
type snapshotCounter struct {
	*archive.Store
	built atomic.Int32
}

func (c *snapshotCounter) Sites(ctx context.Context) ([]archive.Site, error) {
	c.built.Add(1)
	return c.Store.Sites(ctx)
}

// TestHostSnapshotIsBuiltOnce asks for a site by its host from many
// readers at once, as the first minute after an import may: the snapshot
// with that site at the root is built once, not once for each of them.
func TestHostSnapshotIsBuiltOnce(t *testing.T) {
	store := &snapshotCounter{Store: alphaAndBeta(t)}
	_, ts := startSite(t, Config{Store: store})
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			req, err := http.NewRequest(http.MethodGet, ts.URL+"/?reader="+itoa(i), nil)
			if err != nil {
				t.Error(err)
				return
			}
			req.Host = "beta.example"
			<-start
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Beta Seven") {
				t.Errorf("/ on Host beta.example: %d, %v, want Beta's home page", resp.StatusCode, err)
			}
		})
	}
	close(start)
	wg.Wait()
	if n := store.built.Load(); n != 2 {
		t.Errorf("%d snapshots built, want 2: the served one and Beta's at the root", n)
	}
}
