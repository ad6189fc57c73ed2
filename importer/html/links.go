package html

import (
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/parc-archive/parc/fetch"
)

// skippedPaths are same-site URLs that never lead to content: admin,
// login, feeds, the REST API, uploaded files, theme assets.
var skippedPaths = regexp.MustCompile(`(?i)(^|/)(wp-admin|wp-login\.php|wp-json|xmlrpc\.php|wp-content|wp-includes|feed|trackback|wp-signup\.php|wp-comments-post\.php)(/|$)`)

// skippedQuery are query parameters of action links (reply, share, like).
var skippedQuery = []string{"replytocom", "share", "like_comment", "like", "shared", "nb", "subscribe", "action", "redirect_to", "unapproved", "moderation-hash", "preview", "_wpnonce", "amp"}

var assetExtension = regexp.MustCompile(`(?i)\.(css|js|jpe?g|png|gif|webp|svg|ico|pdf|zip|mp3|mp4|mov|woff2?|ttf|xml)$`)

// collectLinks lists the page's same-site links worth crawling, in page
// order, without fragments or duplicates.
func (p *pageParser) collectLinks() []string {
	var links []string
	seen := map[string]bool{}
	if p.base != nil {
		seen[withoutFragment(p.base)] = true
	}
	add := func(href string) {
		u := p.abs(href)
		if u == nil || !p.sameSite(u) || (u.Scheme != "http" && u.Scheme != "https") {
			return
		}
		if skippedPaths.MatchString(u.Path) || assetExtension.MatchString(path.Base(u.Path)) {
			return
		}
		q := u.Query()
		for _, k := range skippedQuery {
			if q.Has(k) {
				return
			}
		}
		if u.Path == "" {
			u.Path = "/"
		}
		s := withoutFragment(u)
		if !seen[s] {
			seen[s] = true
			links = append(links, s)
		}
	}
	p.doc.FindMatcher(compiled(`link[rel~="next"], link[rel~="prev"], a[href]`)).Each(func(_ int, s *goquery.Selection) {
		add(attr(s, "href"))
	})
	return links
}

func withoutFragment(u *url.URL) string {
	v := *u
	v.Fragment, v.RawFragment = "", ""
	return v.String()
}

// sameSite reports whether u is on this blog: on the host of its home, or
// of the page itself (a blog that moved, or served through a proxy or a
// local copy, still names its old home), and under the home path for a
// blog in a subdirectory.
func (p *pageParser) sameSite(u *url.URL) bool {
	home := p.home
	if home == nil {
		home = p.base
	}
	if home == nil {
		return false
	}
	if !fetch.SameHost(u.Host, home.Host) && (p.base == nil || !fetch.SameHost(u.Host, p.base.Host)) {
		return false
	}
	return strings.HasPrefix(u.Path+"/", strings.TrimSuffix(home.Path, "/")+"/")
}

var commentPageLink = regexp.MustCompile(`/comment-page-(\d+)/?$`)

// hasOtherCommentPages reports whether the post's comments are split over
// several pages: the page has comment pagination, or links to a comment
// page past the first (its own page included: the links are absolute).
func (p *pageParser) hasOtherCommentPages() bool {
	if p.first(".comment-navigation a[href], .comments-pagination a[href], .wp-block-comments-pagination a[href], #comment-nav-above a[href], #comment-nav-below a[href]").Length() > 0 {
		return true
	}
	paginated := false
	p.doc.FindMatcher(compiled("a[href]")).EachWithBreak(func(_ int, a *goquery.Selection) bool {
		if u := p.abs(attr(a, "href")); u != nil {
			n := u.Query().Get("cpage")
			if m := commentPageLink.FindStringSubmatch(u.Path); m != nil {
				n = m[1]
			}
			paginated = n != "" && n != "1"
		}
		return !paginated
	})
	return paginated
}
