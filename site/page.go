package site

import "net/http"

// page is the frame of every HTML page of a site.
func (s *Server) page(req *request, title string) *pageView {
	pv := &pageView{Title: title}
	sd := req.site
	if sd == nil {
		pv.Site = siteView{Title: "Archived sites", Lang: "en", Home: "/"}
		pv.locale = s.catalog.For(pv.Site.Lang)
		return pv
	}
	lang := sd.Language
	if lang == "" {
		lang = "en"
	}
	pv.locale = sd.locale
	pv.Site = siteView{
		Title: sd.name, Tagline: sd.Description, Lang: lang,
		Home: sd.mount + "/", Search: sd.mount + "/search/", Feed: sd.mount + "/feed/", Nav: sd.nav,
	}
	if !req.snap.single {
		pv.Site.Sites = sitesPath
	}
	pv.Feeds = []feedLink{
		{Title: pv.Site.Title + " » Feed", Type: "application/rss+xml", URL: sd.mount + "/feed/"},
		{Title: pv.Site.Title + " » Comments Feed", Type: "application/rss+xml", URL: sd.mount + "/comments/feed/"},
	}
	return pv
}

// html renders a view into a response; only 200s are cached.
func (s *Server) html(req *request, view string, pv *pageView, status int) *response {
	body, err := s.views.render(view, pv)
	if err != nil {
		s.logger.Error("site: template failed", "view", view, "path", req.URL.Path, "err", err)
		return &response{status: http.StatusInternalServerError, contentType: "text/plain; charset=utf-8", body: []byte("This page could not be shown.\n")}
	}
	body = s.localMedia(req.Context(), req, body, false)
	resp := newResponse(status, "text/html; charset=utf-8", body, req.snap.modified)
	resp.cacheable = status == http.StatusOK
	return resp
}

func (s *Server) notFound(req *request) *response {
	pv := s.page(req, "Not found")
	pv.NoIndex = true
	pv.Main = errorView{Heading: "Not found", Message: "This archive has no page at that address. It may never have existed, or it was not public."}
	return s.html(req, "error", pv, http.StatusNotFound)
}

func (s *Server) badRequest(req *request, message string) *response {
	pv := s.page(req, "Bad request")
	pv.NoIndex = true
	pv.Main = errorView{Heading: "Bad request", Message: message}
	return s.html(req, "error", pv, http.StatusBadRequest)
}

// unavailable answers when the archive could not be read (an import
// holding it busy for too long, say): try again, nothing cached.
func (s *Server) unavailable(req *request, err error) *response {
	s.logger.Warn("site: reading the archive failed", "path", req.URL.Path, "err", err)
	pv := s.page(req, "Try again")
	pv.NoIndex = true
	pv.Main = errorView{Heading: "Try again in a moment", Message: "The archive could not be read just now."}
	return s.html(req, "error", pv, http.StatusServiceUnavailable)
}

// errorPage writes an error page from outside routing (the guard).
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, heading, message string) {
	req := &request{Request: r, snap: s.snapshot.Load()}
	if req.snap != nil {
		req.site, _ = req.snap.site(r.URL.EscapedPath())
	}
	pv := s.page(req, heading)
	pv.NoIndex = true
	pv.Main = errorView{Heading: heading, Message: message}
	resp := s.html(req, "error", pv, status)
	resp.write(w, r)
}
