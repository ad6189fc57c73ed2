package site

import (
	"cmp"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/parc-archive/parc/render"
)

// pathKey is how paths are looked up: decoded, lower-case and without a
// trailing slash, so /Caf%C3%A9, /café/ and /caf%c3%a9/ are one page.
func pathKey(escaped string) string {
	decoded, err := url.PathUnescape(escaped)
	if err != nil {
		decoded = escaped
	}
	return strings.ToLower(strings.TrimRight(collapseSlashes(decoded), "/"))
}

// collapseSlashes turns runs of slashes into one: stored links and typed
// URLs sometimes double them.
func collapseSlashes(p string) string {
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	return p
}

// decodeSegment decodes a slug WordPress stored percent-encoded.
func decodeSegment(s string) string {
	if d, err := url.PathUnescape(s); err == nil {
		return d
	}
	return s
}

// escapeSlug gives a slug in the escaped form a URL path carries.
func escapeSlug(slug string) string { return url.PathEscape(decodeSegment(slug)) }

// samePath reports whether a request path already is the canonical one,
// so that only a different path (a missing slash, say) is redirected.
func samePath(requestEscaped, canonicalEscaped string) bool {
	a, errA := url.PathUnescape(requestEscaped)
	b, errB := url.PathUnescape(canonicalEscaped)
	if errA != nil || errB != nil {
		return requestEscaped == canonicalEscaped
	}
	return a == b
}

// plainTitle is a title as text, as render.ShownTitle shows it, and
// "(no title)" in the site's language when none of it shows.
func (sd *siteData) plainTitle(title string) string {
	return cmp.Or(render.ShownTitle(title), sd.noTitle)
}

// maxPage caps page numbers: no archive has this many pages of ten, and
// a bounded number keeps offsets sane.
const maxPage = 100000

// parsePage reads a page number; ok is false for anything but 1..maxPage.
func parsePage(s string) (int, bool) {
	if len(s) == 0 || len(s) > 6 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxPage {
		return 0, false
	}
	return n, true
}

// splitPaged takes a trailing page/N off path segments.
func splitPaged(segments []string) ([]string, int, bool) {
	n := len(segments)
	if n >= 2 && segments[n-2] == "page" {
		if page, ok := parsePage(segments[n-1]); ok {
			return segments[:n-2], page, true
		}
	}
	return segments, 1, false
}

// feedKinds maps the last path segment after /feed/ to a feed format.
var feedKinds = map[string]string{"": "rss", "rss2": "rss", "rss": "rss", "rdf": "rss", "atom": "atom"}

// splitFeed takes a trailing feed/ or feed/FORMAT/ off path segments.
func splitFeed(segments []string) (rest []string, kind string, ok bool) {
	n := len(segments)
	if n >= 1 && segments[n-1] == "feed" {
		return segments[:n-1], "rss", true
	}
	if n >= 2 && segments[n-2] == "feed" {
		if k, known := feedKinds[segments[n-1]]; known {
			return segments[:n-2], k, true
		}
	}
	return segments, "", false
}

// withSlash ends a path with exactly one slash, for adding segments.
func withSlash(p string) string { return strings.TrimRight(p, "/") + "/" }

// feedSuffix is the canonical path ending for a feed format.
func feedSuffix(kind string) string {
	if kind == "atom" {
		return "feed/atom/"
	}
	return "feed/"
}

// segmentsOf splits an escaped path into its segments.
func segmentsOf(escaped string) []string {
	trimmed := strings.Trim(escaped, "/")
	if trimmed == "" {
		return nil
	}
	return strings.Split(trimmed, "/")
}

// joinSegments makes a path with a trailing slash from segments.
func joinSegments(segments []string) string {
	if len(segments) == 0 {
		return "/"
	}
	return "/" + strings.Join(segments, "/") + "/"
}

// pagedPath adds /page/N/ to a listing path for pages after the first.
func pagedPath(base string, page int) string {
	if page <= 1 {
		return base
	}
	return strings.TrimRight(base, "/") + fmt.Sprintf("/page/%d/", page)
}
