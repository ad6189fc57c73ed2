package warc

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/parc-archive/parc/archive"
)

// newest knows, for each post captured as a page and each feed, when it
// was last captured. Only that capture states the post's text (and the
// capture time on it and its comments); older captures add the comments
// they show and nothing else. So the newest text wins, and importing the
// same captures again finds nothing to change, as each capture says the
// same thing every time.
type newest struct {
	pages map[string]time.Time // postKey -> newest page capture
	feeds map[string]time.Time // feed URL -> newest capture
}

func newNewest(caps []Capture) newest {
	n := newest{pages: map[string]time.Time{}, feeds: map[string]time.Time{}}
	for _, c := range caps {
		var m map[string]time.Time
		key := c.URI
		switch c.kind {
		case kindPage:
			m, key = n.pages, postKey(c.URI)
		case kindFeed:
			m = n.feeds
		default:
			continue
		}
		if c.Date.After(m[key]) || m[key].IsZero() {
			m[key] = c.Date
		}
	}
	return n
}

// latest reports whether c is the newest capture of its page or feed.
func (n newest) latest(c Capture) bool {
	switch c.kind {
	case kindPage:
		return !c.Date.Before(n.pages[postKey(c.URI)])
	case kindFeed:
		return !c.Date.Before(n.feeds[c.URI])
	}
	return true
}

// hasPage reports whether the post at link was captured as a page, whose
// text and comments then take precedence over what feeds say of it.
func (n newest) hasPage(link string) bool {
	_, ok := n.pages[postKey(link)]
	return ok
}

var commentPage = regexp.MustCompile(`comment-page-\d+/?$`)

// postKey names the post a page URL shows: its permalink, whichever of
// its comment pages the URL is.
func postKey(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return uri
	}
	u.Fragment, u.RawQuery = "", ""
	u.Host = strings.ToLower(u.Host)
	u.Path = commentPage.ReplaceAllString(u.Path, "")
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String()
}

// commentsOnly reduces a post to what names it and its comments: an older
// capture's record, which must not restate the text.
func commentsOnly(p *archive.Post) *archive.Post {
	return &archive.Post{ID: p.ID, Type: p.Type, Link: p.Link, GUID: p.GUID, Comments: p.Comments}
}
