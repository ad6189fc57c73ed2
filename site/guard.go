package site

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/parc-archive/parc/locale"
)

// Request limits: no archive URL comes near them, and they bound the work
// a hostile request can cause.
const (
	maxPathLength  = 2048
	maxQueryLength = 2048
)

// contentSecurityPolicy allows the site's own stylesheet, images and media
// from anywhere (posts link them from their old hosts), the video players
// the sanitizer lets through, and nothing that runs script.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src * data:; media-src *; " +
	"frame-src https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// guard wraps the site with what every response needs.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger.Error("site: recovered from a panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
				s.plainError(w, http.StatusInternalServerError, s.localeOf(s.unrouted(r)).Say(locale.WentWrong))
			}
		}()
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			h.Set("Allow", "GET, HEAD")
			s.errorPage(w, r, http.StatusMethodNotAllowed, locale.MethodNotAllowed, locale.ReadOnlyMethods)
		case len(r.URL.EscapedPath()) > maxPathLength || len(r.URL.RawQuery) > maxQueryLength:
			s.errorPage(w, r, http.StatusRequestURITooLong, locale.AddressTooLong, locale.NoLongAddress)
		case !validPath(r.URL.Path) || !validQuery(r.URL.RawQuery):
			s.errorPage(w, r, http.StatusBadRequest, locale.BadAddress, locale.NoSuchAddress)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// validPath refuses paths that try to climb out or carry control bytes.
// The site gives no entry a path it refuses (servable).
func validPath(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return false
	}
	for _, segment := range strings.Split(p, "/") {
		if segment == ".." || segment == "." {
			return false
		}
	}
	for _, c := range p {
		if c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}

func validQuery(rawQuery string) bool {
	_, err := url.ParseQuery(rawQuery)
	return err == nil
}

// servable reports whether an escaped path would be answered, not refused
// by the guard: a stored permalink with "..", "%2e%2e" or "%00" in it is
// not, and its entry is served at another path.
func servable(escapedPath string) bool {
	p, err := url.PathUnescape(escapedPath)
	return err == nil && validPath(p) && len(escapedPath) <= maxPathLength
}

func (s *Server) plainError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintln(w, message)
}
