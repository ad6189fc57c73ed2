package media

import (
	"net/url"
	"path"
	"regexp"
	"strings"
)

// resizedName matches WordPress's resized copies: photo-300x200.jpg is a
// size of photo.jpg.
var resizedName = regexp.MustCompile(`^(.+)-\d+x\d+(\.[A-Za-z0-9]+)$`)

// resizeParams are the query parameters Jetpack's and WordPress.com's
// image CDN resize with; a URL whose query holds only these is a variant.
var resizeParams = map[string]bool{"w": true, "h": true, "resize": true, "fit": true, "crop": true, "ssl": true, "zoom": true, "quality": true, "strip": true, "lb": true}

// Original returns the URL of the file rawURL is a variant of: Jetpack's
// Photon CDN form (i0.wp.com/HOST/PATH), a resize query (?w=300), or a
// resized copy (-300x200 before the extension). ok is false for a URL
// that is an original itself.
func Original(rawURL string) (original string, ok bool) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return "", false
	}
	changed := false
	if photon(u.Host) {
		// i0.wp.com/blog.example.org/wp-content/uploads/x.jpg
		rest := strings.TrimPrefix(u.Path, "/")
		host, p, found := strings.Cut(rest, "/")
		if !found || !strings.Contains(host, ".") {
			return "", false
		}
		if h, err := url.Parse("http://" + host + "/"); err != nil || h.Host != host || strings.ContainsAny(host, " %@") {
			return "", false // not a host name: not a Photon URL
		}
		u.Host, u.Path, u.RawPath = host, "/"+p, ""
		changed = true
	}
	if u.RawQuery != "" {
		q := u.Query()
		onlyResize := true
		for k := range q {
			onlyResize = onlyResize && resizeParams[k]
		}
		if onlyResize {
			u.RawQuery = ""
			changed = true
		}
	}
	if m := resizedName.FindStringSubmatch(path.Base(u.Path)); m != nil {
		u.Path = path.Join(path.Dir(u.Path), m[1]+m[2])
		u.RawPath = ""
		changed = true
	}
	if !changed {
		return "", false
	}
	return u.String(), true
}

// photon reports whether host is one of Jetpack's image CDN hosts.
func photon(host string) bool {
	switch strings.ToLower(host) {
	case "i0.wp.com", "i1.wp.com", "i2.wp.com", "i3.wp.com":
		return true
	}
	return false
}

// cdnHost reports whether host serves WordPress.com's or Jetpack's media,
// which a blog's files may come from whatever its own host.
func cdnHost(host string) bool {
	host = strings.ToLower(host)
	return photon(host) || strings.HasSuffix(host, ".files.wordpress.com") || host == "s0.wp.com" || host == "videos.files.wordpress.com"
}
