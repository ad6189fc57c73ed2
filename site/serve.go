package site

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"github.com/parc-archive/parc/locale"
)

// request is one request with the snapshot and site it is answered from.
type request struct {
	*http.Request
	snap *snapshot
	site *siteData // nil on the front page of several sites
	base string    // scheme and host for absolute links, no trailing slash
}

// absolute makes an absolute URL of a path on this server.
func (req *request) absolute(path string) string { return req.base + path }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, assetPrefix) {
		if !s.assets.serve(w, r) {
			s.errorPage(w, r, http.StatusNotFound, locale.NotFound, locale.NoSuchFile)
		}
		return
	}
	snap, hostSite := s.snapshotFor(r)
	if s.serveMedia(w, r, snap) {
		return
	}
	// Only query-less URLs are cached: a query string a page ignores must
	// not let a client fill the cache.
	cacheable := r.URL.RawQuery == ""
	origin := s.origin(r, hostSite)
	key := origin + r.URL.EscapedPath()
	if cacheable {
		if resp := s.cache.get(snap.generation, key); resp != nil {
			resp.write(w, r)
			return
		}
	}
	req := &request{Request: r, snap: snap, base: origin}
	resp := s.route(r.Context(), req)
	if resp.location != "" && strings.TrimSuffix(resp.location, "#comments") == r.URL.RequestURI() {
		// A redirect to itself would loop; no such page, then.
		s.logger.Warn("site: redirect to itself", "path", r.URL.RequestURI())
		resp = s.notFound(req)
	}
	if cacheable && resp.cacheable {
		s.cache.put(snap.generation, key, resp)
	}
	resp.write(w, r)
}

// origin is what absolute links start with: --base-url, or the scheme and
// host the request came to when that is the server's own address or the
// host of a site it serves, else the address the server listens on. A
// Host header naming anything else never makes the links, so it cannot
// send readers of a cached page to another site. hostSite is the site
// the Host header names (snapshotFor), nil when none.
func (s *Server) origin(r *http.Request, hostSite *siteData) string {
	if s.baseURL != "" {
		return s.baseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if s.ownHost(r.Host) || hostSite != nil {
		return scheme + "://" + r.Host
	}
	return scheme + "://" + s.listenHost()
}

// ownHost reports whether host (from a Host header) names this server: its
// listen address, or, as a browser on this machine or the network may call
// it, localhost or an IP address with the listen port.
func (s *Server) ownHost(host string) bool {
	if host == s.listen && host != "" {
		return true
	}
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = host, ""
	}
	_, listenPort, _ := net.SplitHostPort(s.listen)
	if s.listen != "" && port != listenPort {
		return false
	}
	_, ipErr := netip.ParseAddr(strings.Trim(name, "[]"))
	return ipErr == nil || strings.EqualFold(name, "localhost")
}

// listenHost is the listen address as a host for links: an unspecified
// address (all interfaces) is reached as localhost here.
func (s *Server) listenHost() string {
	name, port, err := net.SplitHostPort(s.listen)
	if err != nil {
		return "localhost"
	}
	if ip, err := netip.ParseAddr(name); name == "" || err == nil && ip.IsUnspecified() {
		name = "localhost"
	}
	return net.JoinHostPort(name, port)
}

func normalizeBaseURL(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", &url.Error{Op: "site: base URL must be an absolute http(s) URL", URL: raw, Err: err}
	}
	return strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/"), nil
}

// route finds what answers a request: a page, a redirect from an old
// WordPress URL, or a 404.
func (s *Server) route(ctx context.Context, req *request) *response {
	path := req.URL.EscapedPath()
	if path == "/robots.txt" {
		return s.robots(req)
	}
	if !req.snap.single && samePath(path, sitesPath) {
		return s.sitesPage(req)
	}
	sd, rel := req.snap.site(path)
	if sd == nil {
		if path == "/" && !req.snap.single {
			if resp := s.rootLegacyQuery(req); resp != nil {
				return resp
			}
			return s.sitesPage(req)
		}
		if path == "/" && len(req.snap.sites) == 1 {
			return redirect(req.snap.sites[0].mount + "/" + query(req.URL))
		}
		return s.notFound(req)
	}
	req.site = sd
	if rel == "" {
		return redirect(sd.mount + "/" + query(req.URL))
	}
	if rel == "/" || rel == "/index.php" {
		location, asked := sd.legacyTarget(req.URL.Query())
		if location != "" {
			return redirect(location)
		}
		if asked && sd == req.snap.root && !req.snap.single {
			// not the root site's: another site's old link, asked at the root
			if other := s.rootLegacyQuery(req); other != nil {
				return other
			}
		}
		if asked {
			return s.notFound(req)
		}
		if rel == "/index.php" {
			return redirect(sd.mount + "/")
		}
	}
	segments := segmentsOf(rel)
	if len(segments) > 0 {
		switch segments[0] {
		case "search":
			return s.searchRoute(ctx, req, segments)
		case "sitemap.xml":
			return s.sitemap(req)
		case "category", "tag", "author":
			if resp := s.termRoute(ctx, req, rel, segments); resp != nil {
				return resp
			}
		case "comments":
			if rest, kind, ok := splitFeed(segments[1:]); ok && len(rest) == 0 {
				if want := sd.mount + "/comments/" + feedSuffix(kind); !samePath(path, want) {
					return redirect(want)
				}
				return s.siteCommentsFeed(ctx, req, kind)
			}
		}
	}
	if resp := s.entryRoute(ctx, req, rel, segments); resp != nil {
		return resp
	}
	if resp := s.listRoute(ctx, req, rel, segments); resp != nil {
		return resp
	}
	if resp := s.guessRoute(req, segments); resp != nil {
		return resp
	}
	return s.notFound(req)
}

// query is the request's query string with its "?", or "".
func query(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}
