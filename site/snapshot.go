package site

import (
	"cmp"
	"context"
	"fmt"
	"net"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/locale"
	"github.com/parc-archive/parc/render"
)

// snapshot is the routing state of the served archive at one generation.
// It holds no content: pages read that from the store when rendered.
type snapshot struct {
	generation int64
	modified   time.Time
	sites      []*siteData
	single     bool      // one site, served at its own path rather than under a prefix
	root       *siteData // the site served at its own path; nil when none is
	// locale is the language of the pages that belong to no site (the
	// list of several sites, an error at their root): the one all the
	// sites are in, English when they differ.
	locale *locale.Locale
}

// siteData is one site's entries, terms and authors, indexed every way an
// old link can name them.
type siteData struct {
	archive.Site
	mount    string // path prefix of the site on this server, "" for the root
	origPath string // path of the original site's URL, "" for a domain root
	// host (with its port, if any), port and scheme are those of the
	// original site's URL, parsed once; "" when it has none.
	host, port, scheme string
	name               string // plain text: the site's title, else its host or URL

	posts       []*entry // type post, newest first
	entries     []*entry // everything servable, newest first
	byPath      map[string]*entry
	byID        map[int64]*entry
	byKey       map[int64]*entry
	aliases     map[string]*entry // other paths naming an entry: guid permalinks, attachment files
	nav         []linkView        // top-level pages
	bySlug      map[string][]*entry
	children    map[int64][]*entry          // pages and attachments by parent ID
	terms       map[string]map[string]*term // taxonomy → slug
	termsByID   map[int64]*term
	authors     map[string]*author // by login
	authorsByID map[int64]*author
	// recentComments are the newest public comments, for the latest
	// comments block.
	recentComments []render.CommentSummary
	locale         *locale.Locale // the site's language
	// anonymous and noTitle are the site's words for a commenter without
	// a name and a post without a title, said once for all of them.
	anonymous, noTitle string
	lists              siteLists // what the dynamic blocks list, built on first use
}

// maxLatestComments is the most comments a latest comments block shows.
const maxLatestComments = 100

// entry is a servable post with its canonical path on this server.
type entry struct {
	archive.SiteEntry
	path    string   // canonical, escaped, with the mount
	title   string   // plain text
	aliases []string // other paths that lead here, escaped, with the mount
}

// term is a category or tag with its children.
type term struct {
	archive.Term
	path     string
	title    string // the name, plain text
	children []*term
}

// author is who wrote posts; only login and display name are ever shown.
type author struct {
	ID          int64
	Login, Name string
	path        string
}

// buildSnapshot reads the sites of the archive (only pick's when set). One
// is served at the root: root, or else the site imported first, so that
// importing another site never moves its URLs; the others are served
// under a prefix of their host.
func buildSnapshot(ctx context.Context, store Archive, catalog *locale.Catalog, pick, root string, generation int64) (*snapshot, error) {
	sites, err := store.Sites(ctx)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	if pick != "" {
		want := archive.NormalizeSiteURL(pick)
		var picked []archive.Site
		var names []string
		for _, s := range sites {
			names = append(names, s.URL)
			if s.URL == want {
				picked = append(picked, s)
			}
		}
		if len(picked) == 0 {
			return nil, fmt.Errorf("site: no site %s in the archive (it holds: %s)", pick, strings.Join(names, ", "))
		}
		sites = picked
	}
	modified, err := store.LastImportFinished(ctx)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	snap := &snapshot{generation: generation, modified: modified.UTC().Truncate(time.Second), single: len(sites) <= 1}
	if root == "" && !snap.single {
		if root, err = store.FirstSite(ctx); err != nil {
			return nil, fmt.Errorf("site: %w", err)
		}
	}
	for _, site := range sites {
		atRoot := snap.single || site.URL == archive.NormalizeSiteURL(root)
		sd, err := buildSiteData(ctx, store, catalog, site, atRoot)
		if err != nil {
			return nil, err
		}
		snap.sites = append(snap.sites, sd)
		if atRoot {
			snap.root = sd
		}
	}
	snap.locale = catalog.For("")
	if len(snap.sites) > 0 {
		shared := snap.sites[0].locale
		if !slices.ContainsFunc(snap.sites, func(sd *siteData) bool { return sd.locale != shared }) {
			snap.locale = shared
		}
	}
	return snap, nil
}

func buildSiteData(ctx context.Context, store Archive, catalog *locale.Catalog, site archive.Site, atRoot bool) (*siteData, error) {
	words := catalog.For(site.Language)
	sd := &siteData{
		Site:        site,
		locale:      words,
		anonymous:   words.Say(locale.Anonymous),
		noTitle:     words.Say(locale.NoTitle),
		byPath:      map[string]*entry{},
		byID:        map[int64]*entry{},
		byKey:       map[int64]*entry{},
		aliases:     map[string]*entry{},
		bySlug:      map[string][]*entry{},
		children:    map[int64][]*entry{},
		terms:       map[string]map[string]*term{},
		termsByID:   map[int64]*term{},
		authors:     map[string]*author{},
		authorsByID: map[int64]*author{},
	}
	sd.lists = newSiteLists(sd)
	if u, err := url.Parse(site.URL); err == nil {
		sd.origPath = strings.TrimRight(u.Path, "/")
		sd.host, sd.port, sd.scheme = u.Host, u.Port(), u.Scheme
	}
	sd.mount = sd.origPath
	if !atRoot {
		sd.mount = "/" + url.PathEscape(cmp.Or(sd.host, site.URL)) + sd.origPath
	}
	sd.name = sd.plainTitle(cmp.Or(site.Title, sd.host, site.URL))
	rows, err := store.SiteEntries(ctx, site.URL)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	parents := map[int64]bool{}
	for _, r := range rows {
		if r.Type != "attachment" {
			parents[r.ID] = true
		}
	}
	for _, r := range rows {
		// An attachment is public only when what it belongs to is.
		if r.Type == "attachment" && r.Parent != 0 && !parents[r.Parent] {
			continue
		}
		e := &entry{SiteEntry: r, title: sd.plainTitle(r.Title)}
		sd.addEntry(e)
	}
	sd.addAliases()
	sd.nav = sd.topPages()
	if err := sd.addTerms(ctx, store); err != nil {
		return nil, err
	}
	authors, err := store.Authors(ctx, site.URL)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	for _, a := range authors {
		au := &author{ID: a.ID, Login: a.Login, Name: a.Name(), path: sd.mount + "/author/" + url.PathEscape(a.Login) + "/"}
		sd.authors[a.Login] = au
		if a.ID != 0 {
			sd.authorsByID[a.ID] = au
		}
	}
	if err := sd.addRecentComments(ctx, store); err != nil {
		return nil, err
	}
	return sd, nil
}

// addEntry gives an entry its canonical path: the path of its stored link
// when that is a pretty permalink of this site, otherwise one in
// WordPress's date-and-name form.
func (sd *siteData) addEntry(e *entry) {
	rel, ok := sd.relativeLinkPath(e.Link)
	if !ok || sd.byPath[pathKey(rel)] != nil || isReservedPath(rel) {
		rel = sd.fallbackPath(e)
	}
	e.path = sd.mount + rel
	sd.byPath[pathKey(rel)] = e
	sd.byKey[e.Key] = e
	if e.ID != 0 {
		if _, dup := sd.byID[e.ID]; !dup {
			sd.byID[e.ID] = e
		}
	}
	if e.Slug != "" {
		slug := strings.ToLower(decodeSegment(e.Slug))
		sd.bySlug[slug] = append(sd.bySlug[slug], e)
	}
	if e.Parent != 0 {
		sd.children[e.Parent] = append(sd.children[e.Parent], e)
	}
	sd.entries = append(sd.entries, e)
	if e.Type == "post" {
		sd.posts = append(sd.posts, e)
	}
}

// addAliases lets the other URLs an entry was known by lead to it: a
// guid that is a permalink of this site (often the permalink before a
// slug changed) and an attachment's file URL. Real permalinks win.
func (sd *siteData) addAliases() {
	for _, e := range sd.entries {
		for _, link := range []string{e.GUID, e.AttachmentURL} {
			u, err := url.Parse(link)
			if err != nil || link == "" || !strings.EqualFold(u.Host, sd.host) {
				continue
			}
			rel, ok := sd.relativeLinkPath(link)
			if !ok {
				continue
			}
			key := pathKey(rel)
			if sd.byPath[key] == nil && sd.aliases[key] == nil {
				sd.aliases[key] = e
				e.aliases = append(e.aliases, sd.mount+rel)
			}
		}
	}
}

// relativeLinkPath is a stored link's escaped path below the site's own
// path, when the link is a pretty permalink (no query).
func (sd *siteData) relativeLinkPath(link string) (string, bool) {
	u, err := url.Parse(link)
	if err != nil || link == "" || u.RawQuery != "" {
		return "", false
	}
	p := collapseSlashes(u.EscapedPath())
	if sd.origPath != "" {
		if !strings.HasPrefix(p, sd.origPath+"/") {
			return "", false
		}
		p = strings.TrimPrefix(p, sd.origPath)
	}
	if p == "" || p == "/" || !servable(p) {
		return "", false
	}
	return p, true
}

func (sd *siteData) fallbackPath(e *entry) string {
	candidates := []string{}
	if e.Slug != "" {
		// WordPress keeps slugs percent-encoded; anything else is escaped
		// so that the link names the path it is served at.
		slug := e.Slug
		if decoded, err := url.PathUnescape(slug); err == nil {
			slug = url.PathEscape(decoded)
		} else {
			slug = url.PathEscape(slug)
		}
		if e.Type == "post" && !e.Date.IsZero() {
			candidates = append(candidates, e.Date.Format("/2006/01/02/")+slug+"/")
		} else {
			candidates = append(candidates, "/"+slug+"/")
		}
	}
	candidates = append(candidates, "/archives/"+strconv.FormatInt(e.Key, 10)+"/")
	for _, c := range candidates {
		if sd.byPath[pathKey(c)] == nil && !isReservedPath(c) && servable(c) {
			return c
		}
	}
	return candidates[len(candidates)-1]
}

func (sd *siteData) addTerms(ctx context.Context, store Archive) error {
	terms, err := store.SiteTerms(ctx, sd.URL)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	for _, t := range terms {
		if t.Taxonomy != "category" && t.Taxonomy != "post_tag" {
			continue
		}
		if sd.terms[t.Taxonomy] == nil {
			sd.terms[t.Taxonomy] = map[string]*term{}
		}
		tm := &term{Term: t}
		sd.terms[t.Taxonomy][t.Slug] = tm
		if t.ID != 0 {
			sd.termsByID[t.ID] = tm
		}
	}
	// Terms only posts name (feeds, pages) still get pages.
	for _, e := range sd.entries {
		for _, ref := range e.Terms {
			if ref.Taxonomy != "category" && ref.Taxonomy != "post_tag" {
				continue
			}
			if sd.terms[ref.Taxonomy] == nil {
				sd.terms[ref.Taxonomy] = map[string]*term{}
			}
			if sd.terms[ref.Taxonomy][ref.Slug] == nil {
				sd.terms[ref.Taxonomy][ref.Slug] = &term{Term: archive.Term{Taxonomy: ref.Taxonomy, Slug: ref.Slug, Name: ref.Name}}
			}
		}
	}
	for _, t := range sd.terms["category"] {
		if parent := sd.terms["category"][t.ParentSlug]; parent != nil && parent != t {
			parent.children = append(parent.children, t)
		}
	}
	for _, tax := range []string{"category", "post_tag"} {
		for _, t := range sd.terms[tax] {
			t.path = sd.mount + sd.termPath(t)
			t.title = sd.plainTitle(t.Name)
		}
		for _, t := range sd.terms[tax] {
			sort.Slice(t.children, func(i, j int) bool { return t.children[i].Name < t.children[j].Name })
		}
	}
	return nil
}

// termPath is /category/parent/child/ for categories, as WordPress nests
// them, and /tag/slug/ for tags.
func (sd *siteData) termPath(t *term) string {
	if t.Taxonomy == "post_tag" {
		return "/tag/" + escapeSlug(t.Slug) + "/"
	}
	segments := []string{escapeSlug(t.Slug)}
	seen := map[*term]bool{t: true}
	for p := sd.terms["category"][t.ParentSlug]; p != nil && !seen[p]; p = sd.terms["category"][p.ParentSlug] {
		seen[p] = true
		segments = append([]string{escapeSlug(p.Slug)}, segments...)
	}
	return "/category/" + strings.Join(segments, "/") + "/"
}

// isReservedPath tells paths that the site's own pages answer.
func isReservedPath(rel string) bool {
	first := strings.SplitN(strings.Trim(rel, "/"), "/", 2)[0]
	switch first {
	case "", "page", "feed", "comments", "search", "category", "tag", "author", "_parc", "sitemap.xml", "robots.txt":
		return true
	}
	return false
}

// site finds the site whose mount holds path, and the rest of the path.
func (snap *snapshot) site(path string) (*siteData, string) {
	var best *siteData
	for _, sd := range snap.sites {
		if (path == sd.mount || strings.HasPrefix(path, sd.mount+"/")) && (best == nil || len(sd.mount) > len(best.mount)) {
			best = sd
		}
	}
	if best == nil {
		return nil, ""
	}
	return best, strings.TrimPrefix(path, best.mount)
}

// maxNavPages bounds the page links in the header.
const maxNavPages = 12

// topPages are the pages without a parent, in menu order, for the header.
func (sd *siteData) topPages() []linkView {
	var pages []*entry
	for _, e := range sd.entries {
		if e.Type == "page" && e.Parent == 0 {
			pages = append(pages, e)
		}
	}
	sortPages(pages)
	var out []linkView
	for i, p := range pages {
		if i == maxNavPages {
			break
		}
		out = append(out, linkView{Title: p.title, URL: p.path})
	}
	return out
}

// sortPages orders pages as WordPress's page lists do: menu order, then
// title as its database collation orders them (compareNames).
func sortPages(pages []*entry) {
	slices.SortStableFunc(pages, func(x, y *entry) int {
		return cmp.Or(cmp.Compare(x.MenuOrder, y.MenuOrder), compareNames(x.title, y.title))
	})
}

// siteOfHost is the site whose own host a Host header names (with the
// same port, or any when the site's URL has none); nil when none or when
// only one site is served.
func (snap *snapshot) siteOfHost(host string) *siteData {
	if snap.single || host == "" {
		return nil
	}
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	for _, sd := range snap.sites {
		if sd.host == "" {
			continue
		}
		if strings.EqualFold(host, sd.host) || sd.port == "" && strings.EqualFold(name, sd.host) {
			return sd
		}
	}
	return nil
}

// addRecentComments keeps the newest comments readers may see, for the
// latest comments block.
func (sd *siteData) addRecentComments(ctx context.Context, store Archive) error {
	comments, err := store.RecentComments(ctx, sd.URL, maxLatestComments)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	for i := range comments {
		c := &comments[i]
		e := sd.byKey[c.PostKey]
		if e == nil || e.Protected || !c.Public() {
			continue
		}
		name, link := sd.commentAuthor(&c.Comment)
		summary := render.CommentSummary{
			Author: render.Link{Text: name, URL: link},
			Post:   render.Link{Text: e.title, URL: e.path + "#comment-" + strconv.FormatInt(c.ID, 10)},
			Date:   c.Date,
			Text:   render.ShownCommentText(c.ContentRaw, c.ContentRendered),
		}
		sd.recentComments = append(sd.recentComments, summary)
	}
	return nil
}
