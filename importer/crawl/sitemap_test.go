package crawl

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestSitemap(t *testing.T) {
	tests := []struct {
		name                string
		body                string
		wantPages, wantMaps []string
	}{
		{"urlset", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://b.example/a/ </loc><lastmod>2024-01-01</lastmod></url><url><loc>https://b.example/b/</loc></url></urlset>`,
			[]string{"https://b.example/a/", "https://b.example/b/"}, nil},
		{"index", `<sitemapindex><sitemap><loc>https://b.example/wp-sitemap-posts-post-1.xml</loc></sitemap></sitemapindex>`,
			nil, []string{"https://b.example/wp-sitemap-posts-post-1.xml"}},
		{"entities", `<urlset><url><loc>https://b.example/?p=1&amp;x=2</loc></url></urlset>`, []string{"https://b.example/?p=1&x=2"}, nil},
		{"www twin kept, other hosts and relative URLs dropped", `<urlset><url><loc>https://www.b.example/w/</loc></url><url><loc>https://evil.example/x/</loc></url><url><loc>/rel/</loc></url><url><loc>ftp://b.example/f</loc></url></urlset>`,
			[]string{"https://www.b.example/w/"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !isSitemap([]byte(tt.body)) {
				t.Error("not recognized as a sitemap")
			}
			pages, maps, err := parseSitemap("https://b.example/wp-sitemap.xml", []byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(pages, tt.wantPages) || !slices.Equal(maps, tt.wantMaps) {
				t.Errorf("got pages %v sitemaps %v", pages, maps)
			}
		})
	}
}

// FuzzSitemap: whatever a sitemap holds, what the crawler is given is
// absolute, trimmed and on the sitemap's host.
func FuzzSitemap(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>https://b.example/a/</loc></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://b.example/s.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte(`<urlset><url><loc>//evil.example/a/</loc></url><url><loc>https://www.b.example/b</loc></url><url><loc>a/b</loc></url></urlset>`))
	f.Add([]byte{0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, body []byte) {
		pages, sitemaps, _ := parseSitemap("https://b.example/wp-sitemap.xml", body)
		for _, loc := range append(pages, sitemaps...) {
			if loc != strings.TrimSpace(loc) {
				t.Errorf("loc %q not trimmed", loc)
			}
			u, err := url.Parse(loc)
			if err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") {
				t.Errorf("loc %q is not an absolute http(s) URL (%v)", loc, err)
			} else if h := strings.ToLower(u.Host); h != "b.example" && h != "www.b.example" {
				t.Errorf("loc %q is not on the sitemap's host", loc)
			}
		}
	})
}
