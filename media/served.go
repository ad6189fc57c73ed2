package media

import (
	"net/url"
	"path"
	"strings"
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
		strings.TrimPrefix(strings.ToLower(u.Host), "www.") == strings.TrimPrefix(strings.ToLower(site.Host), "www.") &&
		strings.HasPrefix(u.EscapedPath(), strings.TrimRight(site.EscapedPath(), "/")+"/") {
		return u.EscapedPath(), true
	}
	name := url.PathEscape(path.Base(u.Path))
	if name == "." || name == "/" || name == "" {
		name = "file"
	}
	return Prefix + sha + "/" + name, false
}
