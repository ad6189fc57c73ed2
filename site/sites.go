package site

import (
	"net/http"
	"net/url"
)

// sitesPage is the front page of an archive of several sites.
func (s *Server) sitesPage(req *request) *response {
	var cards []siteCardView
	for _, sd := range req.snap.sites {
		title := sd.Title
		if title == "" {
			if u, err := url.Parse(sd.URL); err == nil {
				title = u.Host
			}
		}
		cards = append(cards, siteCardView{
			Title: plainTitle(title), Tagline: sd.Description, URL: sd.mount + "/", Original: sd.URL,
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
