// Package siteurl decides which site a live source's records belong to.
// A server may claim to be any site (a blog that moved still names its old
// home; a hostile one names a site the archive already holds): what was
// fetched from a host belongs to the site on that host, whatever it says.
package siteurl

import (
	"net/url"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
)

// At returns the URL of the site that claimed, a home URL a source
// fetched from fetchedFrom names, stands for: claimed itself when it is on
// fetchedFrom's host (or its www twin), else claimed's path on
// fetchedFrom's scheme and host. moved reports the second case.
func At(fetchedFrom, claimed string) (site string, moved bool) {
	from, err := url.Parse(fetchedFrom)
	if err != nil || from.Host == "" {
		return claimed, false
	}
	home, err := url.Parse(claimed)
	if err != nil || home.Host == "" {
		return (&url.URL{Scheme: from.Scheme, Host: from.Host, Path: "/"}).String(), claimed != ""
	}
	if fetch.SameHost(home.Host, from.Host) {
		return claimed, false
	}
	return (&url.URL{Scheme: from.Scheme, Host: from.Host, Path: home.Path}).String(), true
}

// Rehome files site at the site its URL stands for when fetched from
// fetchedFrom (At), and points its Link there too when that moved it;
// it reports whether it did.
func Rehome(site *archive.Site, fetchedFrom string) (moved bool) {
	site.URL, moved = At(fetchedFrom, site.URL)
	if moved {
		site.Link = site.URL
	}
	return moved
}

// OnHost reports whether rawURL is an absolute http(s) URL on host or its
// www twin.
func OnHost(rawURL, host string) bool {
	u, err := url.Parse(rawURL)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && fetch.SameHost(u.Host, host)
}
