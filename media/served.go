package media

import (
	"context"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
)

// Prefix is where parc serve serves stored files by their SHA-256: those
// from hosts other than the site's own (a CDN), and forms named by a query.
const Prefix = "/_parc/media/"

// ServedPath is where parc serve serves the stored file rawURL names, for
// the site at siteURL: the file's own path when it was on the site's host
// (onSite; the path is in the site's URL space), else under Prefix by its
// SHA-256 and name.
func ServedPath(siteURL, rawURL, sha string) (servedPath string, onSite bool) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return Prefix + sha + "/file", false
	}
	if site, err := url.Parse(siteURL); err == nil && u.RawQuery == "" &&
		fetch.SameHost(u.Host, site.Host) &&
		strings.HasPrefix(u.EscapedPath(), strings.TrimRight(site.EscapedPath(), "/")+"/") {
		return u.EscapedPath(), true
	}
	name := url.PathEscape(path.Base(u.Path))
	if name == "." || name == "/" || name == "" {
		name = "file"
	}
	return Prefix + sha + "/" + name, false
}

// Lookup finds which of urls name stored files that may be shown.
type Lookup interface {
	ServableMedia(ctx context.Context, urls []string) (map[string]archive.MediaFile, error)
}

// urlPattern finds the absolute URLs in HTML or XML, escaped as they stand
// there; Localize looks up which name stored files.
var urlPattern = regexp.MustCompile(`https?://[A-Za-z0-9.\-:\[\]]+/[^\s"'<>()\\,]*`)

// entityEnds cut a URL matched inside escaped markup where it ends.
var entityEnds = []string{"&quot;", "&#34;", "&#39;", "&lt;", "&gt;"}

// Localize makes the links of a page, a feed or a post's HTML to files
// the archive stores point where parc serves them: at ServedPath for the
// site at siteURL, passed through to (which adds a mount or an origin).
// Files not stored keep their original URL. It returns the body and the
// stored files it links, each once.
func Localize(ctx context.Context, lookup Lookup, siteURL string, body []byte, to func(servedPath string) string) ([]byte, []archive.MediaFile, error) {
	matches := urlPattern.FindAll(body, -1)
	if len(matches) == 0 {
		return body, nil, nil
	}
	written := map[string]string{} // as it stands in body → the URL it names
	var urls []string
	for _, m := range matches {
		text := string(m)
		for _, end := range entityEnds {
			if i := strings.Index(text, end); i >= 0 {
				text = text[:i]
			}
		}
		if _, ok := written[text]; ok {
			continue
		}
		name := strings.ReplaceAll(text, "&amp;", "&")
		written[text] = name
		urls = append(urls, name)
	}
	stored, err := lookup.ServableMedia(ctx, urls)
	if err != nil || len(stored) == 0 {
		return body, nil, err
	}
	type pair struct{ from, to string }
	var pairs []pair
	var used []archive.MediaFile
	linked := map[string]bool{}
	for text, name := range written {
		f, ok := stored[name]
		if !ok {
			continue
		}
		served, _ := ServedPath(siteURL, name, f.SHA256)
		pairs = append(pairs, pair{text, to(served)})
		if !linked[name] {
			linked[name] = true
			used = append(used, f)
		}
	}
	// Longer URLs first, so that one URL that begins another is not
	// replaced inside it; then by URL, so the result does not depend on
	// map order.
	sort.Slice(pairs, func(i, j int) bool {
		if len(pairs[i].from) != len(pairs[j].from) {
			return len(pairs[i].from) > len(pairs[j].from)
		}
		return pairs[i].from < pairs[j].from
	})
	sort.Slice(used, func(i, j int) bool { return used[i].URL < used[j].URL })
	args := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		args = append(args, p.from, p.to)
	}
	return []byte(strings.NewReplacer(args...).Replace(string(body))), used, nil
}
