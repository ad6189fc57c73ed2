package site

import (
	"net/http"

	"github.com/parc-archive/parc/locale"
)

// page is the frame of every HTML page of a site.
func (s *Server) page(req *request, title string) *pageView {
	pv := &pageView{Title: title, locale: s.localeOf(req)}
	sd := req.site
	if sd == nil {
		pv.Site = siteView{Title: pv.locale.Say(locale.ArchivedSites), Lang: pv.locale.Tag().String(), Home: "/"}
		return pv
	}
	lang := sd.Language
	if lang == "" {
		lang = "en"
	}
	pv.Site = siteView{
		Title: sd.name, Tagline: sd.Description, Lang: lang,
		Home: sd.mount + "/", Search: sd.mount + "/search/", Feed: sd.mount + "/feed/", Nav: sd.nav,
	}
	if !req.snap.single {
		pv.Site.Sites = sitesPath
	}
	pv.Feeds = []feedLink{
		{Title: pv.locale.Say(locale.FeedOf, pv.Site.Title, "»"), Type: "application/rss+xml", URL: sd.mount + "/feed/"},
		{Title: pv.locale.Say(locale.CommentsFeedOf, pv.Site.Title, "»"), Type: "application/rss+xml", URL: sd.mount + "/comments/feed/"},
	}
	return pv
}

// html renders a view into a response; only 200s are cached.
func (s *Server) html(req *request, view string, pv *pageView, status int) *response {
	body, err := s.views.render(view, pv)
	if err != nil {
		s.logger.Error("site: template failed", "view", view, "path", req.URL.Path, "err", err)
		return &response{status: http.StatusInternalServerError, contentType: "text/plain; charset=utf-8", body: []byte(pv.locale.Say(locale.NotShown) + "\n")}
	}
	body = s.localMedia(req.Context(), req, body, false)
	resp := newResponse(status, "text/html; charset=utf-8", body, req.snap.modified)
	resp.cacheable = status == http.StatusOK
	return resp
}

func (s *Server) notFound(req *request) *response {
	return s.errorHTML(req, http.StatusNotFound, locale.NotFound, locale.NoSuchPage)
}

// badRequest says why a request cannot be answered: message is one of
// locale's keys, written with args in the site's language.
func (s *Server) badRequest(req *request, message string, args ...any) *response {
	return s.errorHTML(req, http.StatusBadRequest, locale.BadRequest, message, args...)
}

// unavailable answers when the archive could not be read (an import
// holding it busy for too long, say): try again, nothing cached.
func (s *Server) unavailable(req *request, err error) *response {
	s.logger.Warn("site: reading the archive failed", "path", req.URL.Path, "err", err)
	return s.errorHTML(req, http.StatusServiceUnavailable, locale.TryAgain, locale.Unreadable)
}

// errorPage writes an error page from outside routing (the guard).
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	s.errorHTML(s.unrouted(r), status, heading, message).write(w, r)
}

// unrouted is a request answered outside routing (the guard's refusals,
// a recovered panic): the served snapshot, and the site its path is on.
func (s *Server) unrouted(r *http.Request) *request {
	req := &request{Request: r, snap: s.snapshot.Load()}
	if req.snap != nil {
		req.site, _ = req.snap.site(r.URL.EscapedPath())
	}
	return req
}

// localeOf is the language a request is answered in: its site's, else
// the one the archive's sites share, else English.
func (s *Server) localeOf(req *request) *locale.Locale {
	switch {
	case req.site != nil:
		return req.site.locale
	case req.snap != nil:
		return req.snap.locale
	}
	return s.catalog.For("")
}

// errorHTML is an error page in the site's language, never indexed:
// heading, its title, and message are locale's keys.
func (s *Server) errorHTML(req *request, status int, heading, message string, args ...any) *response {
	pv := s.page(req, "")
	pv.Title = pv.locale.Say(heading)
	pv.NoIndex = true
	pv.Main = errorView{Heading: pv.Title, Message: pv.locale.Say(message, args...)}
	return s.html(req, "error", pv, status)
}
