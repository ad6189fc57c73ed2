package site

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// linkPattern finds the URLs a page, feed or sitemap points at.
var linkPattern = regexp.MustCompile(`(?:href|src)="([^"]+)"|<(?:loc|link)>([^<]+)</(?:loc|link)>`)

// crawl fetches every page of the server reachable from the seeds,
// following redirects, and calls visit with each body. It fails on any
// 5xx and caps the crawl at limit pages.
func crawl(t *testing.T, base string, seeds []string, limit int, visit func(path string, got fetched)) int {
	t.Helper()
	root, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	queue := append([]string(nil), seeds...)
	for len(queue) > 0 && len(seen) < limit {
		ref := queue[0]
		queue = queue[1:]
		u, err := root.Parse(strings.ReplaceAll(ref, "&amp;", "&"))
		if err != nil || u.Host != root.Host {
			continue
		}
		u.Fragment = ""
		key := u.RequestURI()
		if seen[key] {
			continue
		}
		seen[key] = true
		got := get(t, u.String())
		if got.status >= 500 {
			t.Errorf("GET %s = %d", key, got.status)
		}
		visit(key, got)
		for _, m := range linkPattern.FindAllStringSubmatch(got.body, -1) {
			queue = append(queue, m[1]+m[2])
		}
	}
	return len(seen)
}
