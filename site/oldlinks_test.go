package site

import (
	"cmp"
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/render"
)

// TestEveryStoredLinkLandsOnItsPage walks every permalink and guid stored
// in the archive, as an old link on the web would name it, and checks
// that it ends, after redirects, on the page of that post.
func TestEveryStoredLinkLandsOnItsPage(t *testing.T) {
	store := importArchive(t, sampleBlog(t), themeUnitTest(t))
	_, ts := startSite(t, Config{Store: store})
	sites, err := store.Sites(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	first, err := store.FirstSite(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, s := range sites {
		entries, err := store.SiteEntries(context.Background(), s.URL)
		if err != nil {
			t.Fatal(err)
		}
		host := mustHost(t, s.URL)
		for _, e := range entries {
			for _, link := range []string{e.Link, e.GUID} {
				u, err := url.Parse(link)
				if err != nil || u.Host != host || strings.Trim(u.Path, "/") == "" && u.RawQuery == "" {
					continue
				}
				if id := u.Query().Get("p"); id != "" && id != itoa(int(e.ID)) {
					continue // a guid ?p=N of another ID names that post, as in WordPress
				}
				path := "/" + host + u.EscapedPath() // a site imported later is under its host
				if s.URL == first {
					path = u.EscapedPath() // the first is at the root
				}
				if u.Path == "" {
					path += "/"
				}
				if u.RawQuery != "" {
					path += "?" + u.RawQuery
				}
				checked++
				assertLandsOn(t, ts.URL+path, e)
			}
		}
	}
	if checked < 150 {
		t.Errorf("checked only %d stored links", checked)
	}
	t.Logf("%d stored links land on their pages", checked)
}

func assertLandsOn(t *testing.T, link string, e archive.SiteEntry) {
	t.Helper()
	got := get(t, link)
	title := cmp.Or(render.ShownTitle(e.Title), "(no title)")
	if got.status != http.StatusOK || !strings.Contains(html.UnescapeString(got.body), title+"</h1>") {
		t.Errorf("%s (%s %d %q) ended at %s with %d, not on its page", link, e.Type, e.ID, title, got.url, got.status)
	}
}

func mustHost(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// TestOldURLFormsRedirect checks each URL form WordPress answered.
func TestOldURLFormsRedirect(t *testing.T) {
	store := importArchive(t, themeUnitTest(t))
	_, ts := startSite(t, Config{Store: store})
	greek := "/greek/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/"
	tests := []struct {
		name, path, location string // location "" means a 200 at path
	}{
		{"post by ?p=", "/?p=1148", "/2012/01/03/template-comments/"},
		{"page by ?page_id=", "/?page_id=2", "/about/"},
		{"comment page of ?p=", "/?p=1148&cpage=2", "/2012/01/03/template-comments/#comments"},
		{"category by ?cat=", "/?cat=" + catID(t, store, "markup"), "/category/markup/"},
		{"tag by ?tag=", "/?tag=content-2", "/tag/content-2/"},
		{"search by ?s=", "/?s=lorem", "/search/?q=lorem"},
		{"month by ?m=", "/?m=201201", "/2012/01/"},
		{"day by ?m=", "/?m=20120103", "/2012/01/03/"},
		{"feed by ?feed=", "/?feed=rss2", "/feed/"},
		{"comments feed by ?feed=", "/?feed=comments-rss2", "/comments/feed/"},
		{"paged home", "/?paged=2", "/page/2/"},
		{"no trailing slash", "/2012/01/03/template-comments", "/2012/01/03/template-comments/"},
		{"comment page", "/2012/01/03/template-comments/comment-page-2/", "/2012/01/03/template-comments/#comments"},
		{"rss2 feed", "/feed/rss2/", "/feed/"},
		{"rdf feed", "/feed/rdf/", "/feed/"},
		{"post feed without slash", "/2012/01/03/template-comments/feed", "/2012/01/03/template-comments/feed/"},
		{"category feed variant", "/category/markup/feed/rss2/", "/category/markup/feed/"},
		{"slug only", "/template-comments/", "/2012/01/03/template-comments/"},
		{"another date form", "/2011/12/31/template-comments/", "/2012/01/03/template-comments/"},
		{"archives/N", "/archives/1148", "/2012/01/03/template-comments/"},
		{"WordPress search path", "/search/lorem/", "/search/?q=lorem"},
		{"upper-case escapes", "/greek/" + strings.ToUpper(strings.TrimPrefix(greek, "/greek/")), ""},
		{"raw UTF-8 slug", "/greek/" + mustUnescape(t, "%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2") + "/", ""},
		{"escaped slug", greek, ""},
		{"category feed", "/category/markup/feed/", ""},
		{"tag feed", "/tag/content-2/feed/", ""},
		{"comments feed", "/comments/feed/", ""},
		{"author page", "/author/themedemos/", ""},
		{"child category by its own slug", "/category/child-category-01/", "/category/parent-category/child-category-01/"},
	}
	client := noRedirects()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fetch(t, client, http.MethodGet, ts.URL+tt.path, nil)
			if tt.location == "" {
				if got.status != http.StatusOK {
					t.Errorf("GET %s = %d (Location %q), want 200", tt.path, got.status, got.header.Get("Location"))
				}
				return
			}
			if got.status != http.StatusMovedPermanently || got.header.Get("Location") != tt.location {
				t.Errorf("GET %s = %d to %q, want 301 to %q", tt.path, got.status, got.header.Get("Location"), tt.location)
			}
		})
	}
}

func catID(t *testing.T, store *archive.Store, slug string) string {
	t.Helper()
	terms, err := store.SiteTerms(context.Background(), "https://wpthemetestdata.wordpress.com")
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range terms {
		if term.Taxonomy == "category" && term.Slug == slug {
			return itoa(int(term.ID))
		}
	}
	t.Fatalf("no category %s", slug)
	return ""
}

func mustUnescape(t *testing.T, s string) string {
	t.Helper()
	u, err := url.PathUnescape(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
