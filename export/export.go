// Package export gives the archive back out: to a new WordPress (WXR,
// package export/wxr) and to scripts (JSON Lines, package export/jsonl).
//
// What the formats share lives here: which items and fields a public
// export may hold (Withhold), which sites an export covers (Sites), what an
// export did (Counts), and writing a file so that it is replaced only when
// complete (WriteFile).
package export

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/parc-archive/parc/archive"
)

// Options choose what an export holds.
type Options struct {
	// Site is the URL of the site to export; "" for the archive's only
	// site (WXR) or every site (JSON).
	Site string
	// Private exports everything the archive holds: drafts, private,
	// scheduled and trashed items, passwords, held and spam comments,
	// commenters' emails and IPs.
	Private bool
	// MediaBaseURL, when set, is the address of a parc serve of this
	// archive: attachments whose file the archive stores name it there,
	// so that a new WordPress downloads them from parc.
	MediaBaseURL string
}

// Counts is what an export wrote: the stable --json summary.
type Counts struct {
	Sites    int      `json:"sites"`
	Items    int      `json:"items"`
	Comments int      `json:"comments"`
	Authors  int      `json:"authors"`
	Terms    int      `json:"terms"`
	Bytes    int64    `json:"bytes"`
	Warnings []string `json:"warnings"`
}

// ErrSeveralSites is returned when no site is named and the archive holds
// more than one, for a format that holds one site.
var ErrSeveralSites = errors.New("several sites")

// SiteLister is the archive as Sites reads it.
type SiteLister interface {
	Sites(ctx context.Context) ([]archive.Site, error)
}

// Sites returns the sites an export covers: the one named, or all of
// them. Naming a site the archive does not hold is an error that lists
// those it holds.
func Sites(ctx context.Context, src SiteLister, named string) ([]archive.Site, error) {
	all, err := src.Sites(ctx)
	if err != nil {
		return nil, err
	}
	var out, held []archive.Site
	var urls []string
	for _, s := range all {
		held = append(held, s)
		urls = append(urls, s.URL)
		if named != "" && s.URL == archive.NormalizeSiteURL(named) {
			out = append(out, s)
		}
	}
	switch {
	case len(held) == 0:
		return nil, fmt.Errorf("the archive holds no sites: nothing to export")
	case named == "":
		return held, nil
	case len(out) == 0:
		return nil, fmt.Errorf("no site %s in the archive (it holds %s)", named, strings.Join(urls, ", "))
	}
	return out, nil
}

// OneSite returns the site an export of one site covers: the one named,
// or the archive's only one. An archive of several sites with none named
// is ErrSeveralSites, with a message that lists them and says that what
// (such as "a WXR file") holds one.
func OneSite(ctx context.Context, src SiteLister, named, what string) (archive.Site, error) {
	sites, err := Sites(ctx, src, named)
	if err != nil {
		return archive.Site{}, err
	}
	if len(sites) > 1 {
		urls := make([]string, len(sites))
		for i, s := range sites {
			urls[i] = s.URL
		}
		return archive.Site{}, fmt.Errorf("%w: the archive holds %d sites (%s): name one with --site, %s holds one site",
			ErrSeveralSites, len(sites), strings.Join(urls, ", "), what)
	}
	return sites[0], nil
}

// designTypes are WordPress's own types whose published items every
// visitor sees on the site's pages: menus, reusable blocks, templates,
// styles. Other types beside posts, pages and attachments are plugins'
// own, such as contact-form submissions, and only a private export has them.
var designTypes = map[string]bool{
	"nav_menu_item": true, "wp_block": true, "wp_navigation": true,
	"wp_template": true, "wp_template_part": true, "wp_global_styles": true,
}

// Exported reports whether a public export holds an item: what readers
// may see listed (archive.Post.Listed), and published items of the types
// that make up the site's pages.
func Exported(p *archive.Post) bool {
	return p.Listed() || designTypes[p.Type] && p.Status == "publish"
}

// Withhold removes from a post what a public export may not hold: the
// content, excerpt, meta and comments of a password-protected post;
// comments that are not approved; commenters' emails and IPs, and comment
// meta that copies them (Akismet keeps whole submissions). It changes p in
// place. It leaves the password, which says the post is protected, for
// each format to leave out in its own way.
func Withhold(p *archive.Post) {
	if p.Password != "" {
		p.ContentRaw, p.ContentRendered, p.ExcerptRaw, p.ExcerptRendered = "", "", "", ""
		p.Meta, p.Comments = nil, nil
		return
	}
	kept := p.Comments[:0]
	for _, c := range p.Comments {
		if !c.Public() {
			continue
		}
		c.Meta = c.PublicMeta()
		c.AuthorEmail, c.AuthorIP = "", ""
		kept = append(kept, c)
	}
	p.Comments = kept
}

// PublicAuthor is an author as a public export names them: no email.
func PublicAuthor(a archive.Author) archive.Author {
	a.Email = ""
	return a
}
