package site

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/render"
)

// TestNothingPrivateIsServed crawls every URL the site serves and checks
// that nothing a visitor of the original blog could not see appears.
func TestNothingPrivateIsServed(t *testing.T) {
	store := importArchive(t, sampleBlog(t), themeUnitTest(t))
	private := []string{"secretletterword", "draftonlyword", "spamword", "nobody may read it", "jonah@mail.example.net", "203.0.113.7"}
	private = append(private, privateStrings(t, store)...)
	_, ts := startSite(t, Config{Store: store})
	seeds := []string{"/", "/robots.txt"}
	err := store.ForEachPost(context.Background(), func(p *archive.StoredPost) error {
		// Old links of private posts too: they must lead nowhere.
		seeds = append(seeds, p.Link, p.GUID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, sd := range []string{"/lighthouse.example.org", "/wpthemetestdata.wordpress.com"} {
		seeds = append(seeds, sd+"/sitemap.xml", sd+"/feed/", sd+"/feed/atom/", sd+"/comments/feed/")
	}
	pages := crawl(t, ts.URL, localPaths(seeds), 3000, func(path string, got fetched) {
		body := html.UnescapeString(got.body)
		for _, secret := range private {
			if strings.Contains(body, secret) {
				t.Errorf("%s shows private %q", path, secret)
			}
		}
	})
	t.Logf("crawled %d URLs against %d private strings", pages, len(private))
	if pages < 300 {
		t.Errorf("crawled only %d URLs: the crawl did not reach the archive", pages)
	}
}

// localPaths turns stored absolute links into paths under each site's
// prefix, as the site serves several sites.
func localPaths(links []string) []string {
	var out []string
	for _, l := range links {
		if i := strings.Index(l, "://"); i >= 0 {
			out = append(out, "/"+l[i+3:])
		} else {
			out = append(out, l)
		}
	}
	return out
}

// privateStrings reads from the archive what must never be served: each
// commenter's email and IP, and a phrase of each non-public post and
// comment that no public one shares.
func privateStrings(t *testing.T, store *archive.Store) []string {
	t.Helper()
	var public, hidden []string
	var out []string
	err := store.ForEachPost(context.Background(), func(p *archive.StoredPost) error {
		text := render.ShownText(p.ContentRaw, p.ContentRendered)
		if p.Public() {
			public = append(public, text)
		} else if p.Type != "nav_menu_item" {
			hidden = append(hidden, text)
		}
		for _, c := range p.Comments {
			for _, s := range []string{c.AuthorEmail, c.AuthorIP} {
				if len(s) > 4 {
					out = append(out, s)
				}
			}
			ctext := render.ShownText(c.ContentRaw, c.ContentRendered)
			if c.Public() && p.Public() {
				public = append(public, ctext)
			} else {
				hidden = append(hidden, ctext)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(public, "\n")
	for _, text := range hidden {
		phrase := []rune(strings.TrimSpace(text))
		if len(phrase) > 40 {
			phrase = phrase[:40]
		}
		if len(phrase) >= 12 && !strings.Contains(all, string(phrase)) {
			out = append(out, string(phrase))
		}
	}
	return out
}
