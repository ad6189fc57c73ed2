package site

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/media"
)

// mediaMaxAge lets browsers keep a stored file: its bytes never change
// under its ETag, the SHA-256.
const mediaMaxAge = "public, max-age=31536000, immutable"

// serveMedia answers a request for a stored file, at its old path on the
// site (/wp-content/uploads/…) or under media.Prefix, straight from the
// archive's media folder, never through the page cache. It reports
// whether it answered.
func (s *Server) serveMedia(w http.ResponseWriter, r *http.Request, snap *snapshot) bool {
	ctx := r.Context()
	p := r.URL.EscapedPath()
	var file *archive.MediaFile
	var err error
	switch {
	case strings.HasPrefix(p, media.Prefix):
		sha, _, _ := strings.Cut(strings.TrimPrefix(p, media.Prefix), "/")
		if !sha256Pattern.MatchString(sha) {
			return false
		}
		file, err = s.store.ServableMediaFile(ctx, sha)
	case path.Ext(p) != "" && !strings.HasSuffix(p, ".php") && !strings.HasSuffix(p, ".xml"):
		sd, rel := snap.site(p)
		if sd == nil {
			return false
		}
		candidates := sd.mediaURLs(rel, r.URL.RawQuery)
		var found map[string]archive.MediaFile
		found, err = s.store.ServableMedia(ctx, candidates)
		for _, c := range candidates {
			if f, ok := found[c]; ok {
				file = &f
				break
			}
		}
	default:
		return false
	}
	if err != nil {
		s.logger.Warn("site: media lookup failed", "path", p, "err", err)
		return false
	}
	if file == nil {
		return false
	}
	f, err := os.Open(s.store.MediaPath(file.SHA256))
	if err != nil {
		s.logger.Warn("site: a stored media file cannot be read (parc verify checks them)", "url", file.URL, "err", err)
		return false
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", file.Type)
	h.Set("ETag", `"`+file.SHA256+`"`)
	h.Set("Cache-Control", mediaMaxAge)
	http.ServeContent(w, r, "", time.Time{}, f)
	return true
}

var sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// mediaURLs are the URLs a file at rel on this site may have been stored
// under: the site's URL over http and https, with and without www.
func (sd *siteData) mediaURLs(rel, rawQuery string) []string {
	u, err := url.Parse(sd.URL)
	if err != nil || u.Host == "" {
		return nil
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	suffix := sd.origPath + rel
	if rawQuery != "" {
		suffix += "?" + rawQuery
	}
	var out []string
	for _, scheme := range []string{u.Scheme, otherScheme(u.Scheme)} {
		for _, h := range []string{host, "www." + host} {
			out = append(out, scheme+"://"+h+suffix)
		}
	}
	return out
}

func otherScheme(scheme string) string {
	if scheme == "https" {
		return "http"
	}
	return "https"
}

// mediaURLPattern finds the absolute URLs in a page or a feed, escaped as
// they stand there; localMedia looks up which name stored files.
var mediaURLPattern = regexp.MustCompile(`https?://[A-Za-z0-9.\-:\[\]]+/[^\s"'<>()\\,]*`)

// entityEnds cut a URL matched inside escaped markup where it ends.
var entityEnds = []string{"&quot;", "&#34;", "&#39;", "&lt;", "&gt;"}

// localMedia makes the links of a page or feed to files the archive has
// stored point at this server: at the file's old path on the site, or
// under media.Prefix. Files not stored keep their original URL. In feeds
// (absolute) the links are absolute.
func (s *Server) localMedia(ctx context.Context, req *request, body []byte, absolute bool) []byte {
	matches := mediaURLPattern.FindAll(body, -1)
	if len(matches) == 0 {
		return body
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
	stored, err := s.store.ServableMedia(ctx, urls)
	if err != nil || len(stored) == 0 {
		return body
	}
	var pairs []string
	for text, name := range written {
		f, ok := stored[name]
		if !ok {
			continue
		}
		local := req.site.localMediaPath(name, f)
		if absolute {
			local = req.absolute(local)
		}
		pairs = append(pairs, text, local)
	}
	// Longer URLs first, so that one URL that begins another is not
	// replaced inside it.
	return []byte(strings.NewReplacer(longestFirst(pairs)...).Replace(string(body)))
}

// localMediaPath is where this server serves a stored file (see
// media.ServedPath), with the site's mount.
func (sd *siteData) localMediaPath(rawURL string, f archive.MediaFile) string {
	if sd == nil {
		p, _ := media.ServedPath("", rawURL, f.SHA256)
		return p
	}
	p, onSite := media.ServedPath(sd.URL, rawURL, f.SHA256)
	if onSite {
		return sd.mount + strings.TrimPrefix(p, sd.origPath)
	}
	return p
}

// longestFirst orders replacement pairs by the length of what they replace.
func longestFirst(pairs []string) []string {
	type pair struct{ from, to string }
	ps := make([]pair, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		ps = append(ps, pair{pairs[i], pairs[i+1]})
	}
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && len(ps[j].from) > len(ps[j-1].from); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
	out := make([]string, 0, len(pairs))
	for _, p := range ps {
		out = append(out, p.from, p.to)
	}
	return out
}
