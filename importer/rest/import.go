package rest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
)

// DefaultPerPage is the largest page WordPress serves.
const DefaultPerPage = 100

// maxPages bounds a listing whose server declares no total, so that one
// paging forever ends with an error rather than never.
const maxPages = 10000

// ErrNoAPI is wrapped by the error for a site without a REST API.
var ErrNoAPI = errors.New("the site has no WordPress REST API")

// Options tune a REST import.
type Options struct {
	// Fetch configures the HTTP client: politeness, retries, and the
	// application password (User, Password) that unlocks drafts, private
	// posts, held comments, pingbacks and raw content.
	Fetch fetch.Options
	// PerPage is the page size asked for; 0 means DefaultPerPage.
	PerPage int
	// Progress, when set, is told after each page.
	Progress func(Progress)
}

// Progress is a snapshot of a REST import.
type Progress struct {
	Endpoint string // e.g. "posts"
	Page     int
	Pages    int // 0 when the server does not say
	Items    int // items read so far, all endpoints
}

// run is one run of Import.
type run struct {
	client  *fetch.Client
	imp     *archive.Import
	root    string // the API root URL
	index   *Index
	auth    bool
	perPage int
	lookup  *Lookup
	opts    Options

	postTypes map[int64]string // post id → type, for attaching comments
	comments  map[int64][]archive.Comment
	items     int
}

// Import reads the site at siteURL through its REST API into the store.
// siteURL may be the site's address or its API root. Everything imported
// before an error stays in the archive; the error names the URL at fault.
func Import(ctx context.Context, store *archive.Store, siteURL string, opts Options) (*archive.ImportResult, error) {
	client := fetch.New(opts.Fetch)
	root, index, err := findRoot(ctx, client, siteURL)
	if err != nil {
		return nil, err
	}
	in := &run{
		client: client, root: root, index: index, auth: opts.Fetch.User != "",
		perPage: cmp.Or(opts.PerPage, DefaultPerPage), lookup: NewLookup(), opts: opts,
		postTypes: map[int64]string{}, comments: map[int64][]archive.Comment{},
	}
	if in.auth {
		if err := in.checkCredentials(ctx); err != nil {
			return nil, err
		}
	}
	in.imp, err = store.BeginImport(ctx, archive.Source{Path: siteURL, Format: "rest", Authority: archive.AuthorityAPI})
	if err != nil {
		return nil, err
	}
	site := index.Site()
	if site.URL == "" {
		site.URL = siteURL
	}
	readErr := in.imp.Put(archive.Record{Site: &site})
	if readErr == nil {
		readErr = in.all(ctx)
	}
	res, err := in.imp.Finish("", readErr)
	if err != nil {
		return nil, err
	}
	return res, readErr
}

// findRoot fetches the API root: /wp-json/, then ?rest_route=/ for sites
// without pretty permalinks.
func findRoot(ctx context.Context, client *fetch.Client, siteURL string) (string, *Index, error) {
	u, err := url.Parse(siteURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", nil, fmt.Errorf("rest %s: not an http(s) URL", siteURL)
	}
	var candidates []string
	if isAPIRoot(u) {
		candidates = []string{u.String()}
	} else {
		base := strings.TrimRight(u.Scheme+"://"+u.Host+u.Path, "/")
		candidates = []string{base + "/wp-json/", base + "/?rest_route=/"}
	}
	var lastErr error
	for _, candidate := range candidates {
		resp, err := client.Get(ctx, candidate, nil)
		if err == nil {
			err = checkJSON(resp)
		}
		if err == nil {
			index, decodeErr := DecodeIndex(resp.Body)
			if decodeErr == nil {
				return candidate, index, nil
			}
			err = fmt.Errorf("rest %s: %w", candidate, decodeErr)
		}
		if ctx.Err() != nil {
			return "", nil, err
		}
		lastErr = err
	}
	var status *fetch.StatusError
	if errors.As(lastErr, &status) && (status.Response.Status == http.StatusNotFound || status.Response.Status == http.StatusGone) {
		return "", nil, fmt.Errorf("rest %s: %w (%s and %s answer %d); import it with the crawler instead: parc import %s",
			siteURL, ErrNoAPI, candidates[0], candidates[len(candidates)-1], status.Response.Status, siteURL)
	}
	return "", nil, fmt.Errorf("rest %s: no API root: %w", siteURL, lastErr)
}

func isAPIRoot(u *url.URL) bool {
	return strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/wp-json") || u.Query().Has("rest_route")
}

// endpoint builds the URL of a route under the root, in either form.
func (in *run) endpoint(route string, params url.Values) string {
	u, _ := url.Parse(in.root) // parsed by findRoot
	query := u.Query()
	if query.Has("rest_route") {
		query.Set("rest_route", route)
	} else {
		u.Path = strings.TrimRight(u.Path, "/") + route
	}
	for key, values := range params {
		query[key] = values
	}
	u.RawQuery = query.Encode()
	return u.String()
}

func (in *run) checkCredentials(ctx context.Context) error {
	target := in.endpoint("/wp/v2/users/me", url.Values{"context": {"edit"}})
	_, err := in.client.Get(ctx, target, nil)
	var status *fetch.StatusError
	if errors.As(err, &status) && (status.Response.Status == http.StatusUnauthorized || status.Response.Status == http.StatusForbidden) {
		return fmt.Errorf("rest %s: the site refused the user name and application password (HTTP %d)", target, status.Response.Status)
	}
	return err
}

// all reads every endpoint in the order merging needs: users and terms
// before the posts that name them, posts before the comments that attach
// to them.
func (in *run) all(ctx context.Context) error {
	if err := in.importUsers(ctx); err != nil {
		return err
	}
	if err := in.importTaxonomies(ctx); err != nil {
		return err
	}
	for _, pt := range in.listPostTypes(ctx) {
		if err := in.importPosts(ctx, pt); err != nil {
			return err
		}
	}
	if err := in.importComments(ctx); err != nil {
		return err
	}
	return in.putComments()
}

// listing is one paged collection: its name for messages and progress,
// its route and its query.
type listing struct {
	name   string
	route  string
	params url.Values
}

// editParams asks for raw content and every status when authenticated.
func (in *run) editParams(extra url.Values) url.Values {
	params := url.Values{}
	for k, v := range extra {
		params[k] = v
	}
	if in.auth {
		params.Set("context", "edit")
	}
	return params
}

func (in *run) importUsers(ctx context.Context) error {
	l := listing{name: "users", route: "/wp/v2/users", params: in.editParams(nil)}
	return in.walk(ctx, l, func(body []byte) (int, error) {
		authors, err := DecodeUsers(body)
		for i := range authors {
			in.lookup.Users[authors[i].ID] = authors[i].Login
			if err := in.imp.Put(archive.Record{Author: &authors[i]}); err != nil {
				return i, err
			}
		}
		return len(authors), err
	})
}

// skippedTaxonomies are the theme and menu taxonomies that are not blog
// content, and post formats, which a post's "format" field gives.
var skippedTaxonomies = map[string]bool{"nav_menu": true, "wp_theme": true, "wp_template_part_area": true, "wp_pattern_category": true, "post_format": true}

func (in *run) importTaxonomies(ctx context.Context) error {
	taxonomies := []Taxonomy{{Slug: "category", RestBase: "categories", Namespace: "wp/v2"}, {Slug: "post_tag", RestBase: "tags", Namespace: "wp/v2"}}
	if in.index.HasRoute("/wp/v2/taxonomies") {
		body, err := in.getObject(ctx, in.endpoint("/wp/v2/taxonomies", in.editParams(nil)))
		if err == nil {
			var listed []Taxonomy
			listed, err = DecodeTaxonomies(body)
			for _, t := range listed {
				if !skippedTaxonomies[t.Slug] && t.RestBase != "" && t.Slug != "category" && t.Slug != "post_tag" {
					taxonomies = append(taxonomies, t)
					in.lookup.TaxonomyFields[t.RestBase] = t.Slug
				}
			}
		}
		if err := in.skippable(err, "taxonomies (only categories and tags are read)"); err != nil {
			return err
		}
	}
	slices.SortFunc(taxonomies[2:], func(a, b Taxonomy) int { return cmp.Compare(a.Slug, b.Slug) })
	for _, t := range taxonomies {
		var terms []archive.Term
		parents := map[int64]int64{}
		l := listing{name: t.Slug + " terms", route: "/" + t.Namespace + "/" + t.RestBase, params: in.editParams(nil)}
		err := in.walk(ctx, l, func(body []byte) (int, error) {
			page, pageParents, err := DecodeTerms(body, t.Slug)
			terms = append(terms, page...)
			for k, v := range pageParents {
				parents[k] = v
			}
			return len(page), err
		})
		ResolveParents(terms, parents)
		in.lookup.AddTerms(terms)
		for i := range terms {
			if putErr := in.imp.Put(archive.Record{Term: &terms[i]}); putErr != nil {
				return putErr
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// PostType listing defaults: the core types, read when /wp/v2/types is
// unavailable.
var coreTypes = []PostType{
	{Slug: "post", RestBase: "posts", Namespace: "wp/v2", Viewable: true},
	{Slug: "page", RestBase: "pages", Namespace: "wp/v2", Viewable: true},
	{Slug: "attachment", RestBase: "media", Namespace: "wp/v2", Viewable: true},
}

// skippedTypes are the theme's templates, menus and styles: site
// configuration, not content.
var skippedTypes = map[string]bool{"nav_menu_item": true, "wp_template": true, "wp_template_part": true,
	"wp_navigation": true, "wp_global_styles": true, "wp_font_family": true, "wp_font_face": true}

// listPostTypes lists the post types to read: the core ones, then the custom
// types /wp/v2/types lists as viewable.
func (in *run) listPostTypes(ctx context.Context) []PostType {
	types := slices.Clone(coreTypes)
	if !in.index.HasRoute("/wp/v2/types") {
		return types
	}
	body, err := in.getObject(ctx, in.endpoint("/wp/v2/types", in.editParams(nil)))
	if err == nil {
		var listed []PostType
		listed, err = DecodeTypes(body)
		slices.SortFunc(listed, func(a, b PostType) int { return cmp.Compare(a.Slug, b.Slug) })
		for _, t := range listed {
			core := t.Slug == "post" || t.Slug == "page" || t.Slug == "attachment"
			if !core && !skippedTypes[t.Slug] && t.Viewable && t.RestBase != "" {
				types = append(types, t)
			}
		}
	}
	if err != nil {
		in.imp.Warn(fmt.Sprintf("%v: reading posts, pages and media only", err))
	}
	return types
}

func (in *run) importPosts(ctx context.Context, pt PostType) error {
	params := url.Values{}
	if in.auth && pt.Slug != "attachment" {
		params.Set("status", "any")
	}
	l := listing{name: pt.RestBase, route: "/" + pt.Namespace + "/" + pt.RestBase, params: in.editParams(params)}
	warned := map[string]bool{}
	return in.walk(ctx, l, func(body []byte) (int, error) {
		posts, problems, err := DecodePosts(body, in.lookup)
		for _, problem := range problems {
			if !warned[problem] {
				warned[problem] = true
				in.imp.Warn(fmt.Sprintf("rest %s: %s", l.name, problem))
			}
		}
		for i := range posts {
			p := &posts[i]
			if p.Type == "" {
				p.Type = pt.Slug
			}
			in.postTypes[p.ID] = p.Type
			if err := in.imp.Put(archive.Record{Post: p}); err != nil {
				return i, err
			}
		}
		return len(posts), err
	})
}

// commentTypes are asked for one by one: /wp/v2/comments serves only
// type=comment unless asked, and pingbacks and trackbacks only to a user
// who may edit posts (a public API answers 401, which skips them).
var commentTypes = []string{"comment", "pingback", "trackback"}

func (in *run) importComments(ctx context.Context) error {
	for _, typ := range commentTypes {
		params := url.Values{}
		if typ != "comment" {
			params.Set("type", typ)
		}
		if in.auth {
			params.Set("status", "all") // approved and held; spam and trash stay out
		}
		l := listing{name: typ + "s", route: "/wp/v2/comments", params: in.editParams(params)}
		err := in.walk(ctx, l, func(body []byte) (int, error) {
			comments, err := DecodeComments(body)
			for _, c := range comments {
				in.comments[c.PostID] = append(in.comments[c.PostID], c.Comment)
			}
			return len(comments), err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// putComments attaches the comments to their posts once all are read, so
// that each post's thread arrives whole, parents with their replies.
func (in *run) putComments() error {
	ids := make([]int64, 0, len(in.comments))
	for id := range in.comments {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		typ, ok := in.postTypes[id]
		if !ok {
			in.imp.Warn(fmt.Sprintf("rest: %d comments belong to post %d, which the API did not list: skipped", len(in.comments[id]), id))
			continue
		}
		comments := in.comments[id]
		slices.SortFunc(comments, func(a, b archive.Comment) int { return cmp.Compare(a.ID, b.ID) })
		if err := in.imp.Put(archive.Record{Post: &archive.Post{ID: id, Type: typ, Comments: comments}}); err != nil {
			return err
		}
	}
	return nil
}

// walk reads every page of a listing, handing each body to decode, which
// returns how many items it read. A listing the server refuses (401, 403)
// or does not have (404) is skipped with a warning.
func (in *run) walk(ctx context.Context, l listing, decode func(body []byte) (int, error)) error {
	read := 0
	var previous string
	for page := 1; ; page++ {
		params := url.Values{"per_page": {strconv.Itoa(in.perPage)}, "page": {strconv.Itoa(page)}}
		for k, v := range l.params {
			params[k] = v
		}
		target := in.endpoint(l.route, params)
		resp, err := in.get(ctx, target)
		if err != nil {
			if page == 1 {
				return in.skippable(err, l.name)
			}
			return err
		}
		n, err := decode(resp.Body)
		read += n
		in.items += n
		if err != nil {
			return fmt.Errorf("rest %s: %w", target, err)
		}
		total, hasTotal := headerInt(resp.Header, "X-WP-Total")
		pages, hasPages := headerInt(resp.Header, "X-WP-TotalPages")
		next := nextLink(resp.Header)
		if in.opts.Progress != nil {
			in.opts.Progress(Progress{Endpoint: l.name, Page: page, Pages: pages, Items: in.items})
		}
		switch {
		case hasPages && page >= pages:
			if next != "" || (hasTotal && read > total) {
				return fmt.Errorf("rest %s: the server keeps paging past its declared total of %d pages (%d items)", target, pages, total)
			}
			return nil
		case hasPages:
			continue
		case n == 0 || next == "":
			return nil
		case string(resp.Body) == previous:
			return fmt.Errorf("rest %s: the server serves page %d again", target, page-1)
		case page >= maxPages:
			return fmt.Errorf("rest %s: more than %d pages without a declared total", target, maxPages)
		}
		previous = string(resp.Body)
	}
}

// skippable turns a refusal or a missing route into a warning.
func (in *run) skippable(err error, what string) error {
	var status *fetch.StatusError
	if !errors.As(err, &status) {
		return err
	}
	switch status.Response.Status {
	case http.StatusUnauthorized, http.StatusForbidden:
		hint := ""
		if !in.auth {
			hint = " (an application password, --user and --password-file, may open it)"
		}
		in.imp.Warn(fmt.Sprintf("%v: %s skipped%s", err, what, hint))
		return nil
	case http.StatusNotFound:
		in.imp.Warn(fmt.Sprintf("%v: %s skipped", err, what))
		return nil
	}
	return err
}

// get fetches one page of JSON.
func (in *run) get(ctx context.Context, target string) (*fetch.Response, error) {
	resp, err := in.client.Get(ctx, target, nil)
	if err != nil {
		return nil, err
	}
	if err := checkJSON(resp); err != nil {
		return nil, err
	}
	return resp, nil
}

func (in *run) getObject(ctx context.Context, target string) ([]byte, error) {
	resp, err := in.get(ctx, target)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// checkJSON refuses a response that is not JSON: a caching plugin's HTML,
// a login page, a body cut short.
func checkJSON(resp *fetch.Response) error {
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mediaType != "application/json" && !strings.HasSuffix(mediaType, "+json") {
		return fmt.Errorf("rest %s: wrong content type %q, expected application/json", resp.URL, resp.Header.Get("Content-Type"))
	}
	if resp.Truncated {
		return fmt.Errorf("rest %s: the response is larger than the size limit", resp.URL)
	}
	return nil
}

func headerInt(h http.Header, key string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(h.Get(key)))
	return n, err == nil && n >= 0
}

// nextLink finds the rel="next" target in Link headers.
func nextLink(h http.Header) string { return linkWithRel(h, "next") }
