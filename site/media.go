package site

import (
	"context"
	"net/http"
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
	if sd.host == "" {
		return nil
	}
	host := strings.TrimPrefix(strings.ToLower(sd.host), "www.")
	suffix := sd.origPath + rel
	if rawQuery != "" {
		suffix += "?" + rawQuery
	}
	var out []string
	for _, scheme := range []string{sd.scheme, otherScheme(sd.scheme)} {
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

// localMedia makes the links of a page or feed to files the archive has
// stored point at this server (media.Localize); in feeds (absolute) the
// links are absolute.
func (s *Server) localMedia(ctx context.Context, req *request, body []byte, absolute bool) []byte {
	siteURL := ""
	if req.site != nil {
		siteURL = req.site.URL
	}
	out, _, err := media.Localize(ctx, s.store, siteURL, body, func(served string) string {
		local := req.site.mounted(served)
		if absolute {
			return req.absolute(local)
		}
		return local
	})
	if err != nil {
		s.logger.Warn("site: media lookup failed", "path", req.URL.Path, "err", err)
		return body
	}
	return out
}

// mounted is where this server answers a media.ServedPath: a path in the
// site's own URL space moves under the site's mount.
func (sd *siteData) mounted(served string) string {
	if sd == nil || strings.HasPrefix(served, media.Prefix) {
		return served
	}
	return sd.mount + strings.TrimPrefix(served, sd.origPath)
}
