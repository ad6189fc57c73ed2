package site

import (
	"net/http"
	"strconv"

	"github.com/parc-archive/parc/locale"
)

// sitesPage is the front page of an archive of several sites.
// sitesPath lists the sites of an archive that holds several.
const sitesPath = "/_parc/sites/"

func (s *Server) sitesPage(req *request) *response {
	var cards []siteCardView
	for _, sd := range req.snap.sites {
		cards = append(cards, siteCardView{
			Title: sd.name, Tagline: sd.Description, URL: sd.mount + "/", Original: sd.URL,
			Posts: len(sd.posts), Pages: countType(sd.entries, "page"), Comments: countComments(sd.entries),
		})
	}
	pv := s.page(req, "")
	pv.Main = cards
	return s.html(req, "sites", pv, http.StatusOK)
}

func countType(entries []*entry, typ string) int {
	n := 0
	for _, e := range entries {
		if e.Type == typ {
			n++
		}
	}
	return n
}

// countComments counts the comments the site shows, not the archive's
// total, which includes those on posts that are not public.
func countComments(entries []*entry) int {
	n := 0
	for _, e := range entries {
		if !e.Protected {
			n += e.CommentCount
		}
	}
	return n
}

// rootLegacyQuery answers an old WordPress query URL (?p=N, ?page_id=N,
// ?cat=N, ...) at the root of an archive of several sites, where no site
// owns the root: it asks every site. Exactly one answer redirects there;
// several show the list of pages meant, to choose from; a query no site
// can answer is a 404. A query of no old URL form gives nil (the front
// page).
func (s *Server) rootLegacyQuery(req *request) *response {
	if req.URL.RawQuery == "" {
		return nil
	}
	var (
		matches  []matchView
		asked    bool
		idParams = []string{"p", "page_id", "attachment_id", "preview_id"}
	)
	q := req.URL.Query()
	for _, sd := range req.snap.sites {
		location, named := sd.legacyTarget(q)
		asked = asked || named
		if location == "" {
			continue // not on this site
		}
		m := matchView{Title: sd.name, URL: location, Site: sd.name, Original: sd.URL}
		for _, name := range idParams {
			if id, err := strconv.ParseInt(q.Get(name), 10, 64); err == nil && sd.byID[id] != nil {
				m.Title = sd.byID[id].title
				break
			}
		}
		matches = append(matches, m)
	}
	switch {
	case len(matches) == 1:
		return redirect(matches[0].URL)
	case len(matches) > 1:
		pv := s.page(req, "")
		pv.Title = pv.locale.Say(locale.SeveralPages)
		pv.NoIndex = true
		pv.Main = matches
		return s.html(req, "matches", pv, http.StatusMultipleChoices)
	case asked:
		return s.notFound(req)
	}
	return nil
}
