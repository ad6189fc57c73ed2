package rest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
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
	client *fetch.Client
	store  *archive.Store
	imp    *archive.Import
	site   string // normalized, as the archive keeps it
	job    string // the frontier's name for this site's REST import
	// queued is what the job's frontier still has to visit. Pages a killed
	// run visited are not in it: they are read back from the archive.
	queued   map[string]bool
	resuming bool
	root     string // the API root URL
	index    *Index
	auth     bool
	perPage  int
	lookup   *Lookup
	opts     Options

	warnings  []string                    // found while fetching, before the import begins
	postTypes map[int64]string            // post id → type, for attaching comments
	comments  map[int64][]archive.Comment // post id → its comments
	items     int                         // items fetched so far, for progress
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
	site := index.Site()
	if site.URL == "" {
		site.URL = siteURL
	}
	in := &run{
		client: client, store: store, site: archive.NormalizeSiteURL(site.URL), root: root, index: index,
		auth: opts.Fetch.User != "", perPage: cmp.Or(opts.PerPage, DefaultPerPage), lookup: NewLookup(), opts: opts,
		postTypes: map[int64]string{}, comments: map[int64][]archive.Comment{},
	}
	in.job = "rest " + in.site
	if in.auth {
		if err := in.checkCredentials(ctx); err != nil {
			return nil, err
		}
	}
	if err := in.loadFrontier(ctx); err != nil {
		return nil, err
	}
	listings, fetchErr := in.collect(ctx)

	// The archive is written once the pages are fetched and saved: an
	// import keeps a write transaction open, and the frontier and saved
	// pages must be written while it runs. What was fetched before an
	// error or an interruption is imported all the same, and the import's
	// writes outlive a cancelled ctx so that its record is completed.
	ctx = context.WithoutCancel(ctx)
	in.imp, err = store.BeginImport(ctx, archive.Source{Path: siteURL, Format: "rest", Authority: archive.AuthorityAPI})
	if err != nil {
		return nil, errors.Join(fetchErr, err)
	}
	for _, w := range in.warnings {
		in.imp.Warn(w)
	}
	readErr := in.imp.Put(archive.Record{Site: &site})
	if readErr == nil {
		readErr = in.apply(ctx, listings)
	}
	readErr = errors.Join(fetchErr, readErr)
	res, err := in.imp.Finish("", readErr)
	if err != nil {
		return nil, errors.Join(readErr, err)
	}
	if readErr == nil {
		// Complete: the next run fetches everything again, conditionally.
		readErr = store.ResetQueue(ctx, in.job)
	}
	return res, readErr
}

// loadFrontier learns which pages an interrupted earlier run already
// visited: those the job knows and has not queued.
func (in *run) loadFrontier(ctx context.Context) error {
	queued, done, failed, err := in.store.QueueStats(ctx, in.job)
	if err != nil {
		return err
	}
	in.resuming = done+failed > 0
	urls, err := in.store.NextQueued(ctx, in.job, queued)
	if err != nil {
		return err
	}
	in.queued = make(map[string]bool, len(urls))
	for _, u := range urls {
		in.queued[u] = true
	}
	return nil
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
	// Anything else (a site without the route, a network error) shows
	// again, with more context, on the listings.
	return ctx.Err()
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
		in.warnings = append(in.warnings, fmt.Sprintf("%v: %s skipped%s", err, what, hint))
		return nil
	case http.StatusNotFound:
		in.warnings = append(in.warnings, fmt.Sprintf("%v: %s skipped", err, what))
		return nil
	}
	return err
}

// page reads one page of JSON and hands its body to decode: from the
// archive when an interrupted run already visited it, else from the site.
// Each fetched page is saved before it is decoded, and marked visited only
// once it decoded, so a run killed at any point resumes where it stopped
// and a page that failed is fetched again.
func (in *run) page(ctx context.Context, target string, decode func(body []byte) error) (*fetch.Response, error) {
	saved, err := in.store.Fetched(ctx, target)
	if err != nil {
		return nil, err
	}
	if err := in.store.Enqueue(ctx, in.job, target); err != nil {
		return nil, err
	}
	var resp *fetch.Response
	if saved != nil && in.resuming && !in.queued[target] {
		resp = savedResponse(saved)
	} else {
		resp, err = in.fetch(ctx, target, saved)
		if err != nil {
			in.store.MarkDone(ctx, in.job, target, true, err.Error())
			return nil, err
		}
	}
	if err := decode(resp.Body); err != nil {
		err = fmt.Errorf("rest %s: %w", target, err)
		in.store.MarkDone(ctx, in.job, target, true, err.Error())
		return nil, err
	}
	return resp, in.store.MarkDone(ctx, in.job, target, false, "")
}

// fetch gets a page from the site, conditionally when the archive holds an
// earlier copy, and saves it.
func (in *run) fetch(ctx context.Context, target string, saved *archive.FetchedPage) (*fetch.Response, error) {
	var validators *fetch.Validators
	if saved != nil {
		validators = fetch.ValidatorsOf(saved.Header)
	}
	resp, err := in.client.Get(ctx, target, validators)
	if err != nil {
		return nil, err
	}
	if resp.NotModified && saved != nil {
		return savedResponse(saved), nil
	}
	if err := checkJSON(resp); err != nil {
		return nil, err
	}
	err = in.store.SaveFetched(ctx, archive.FetchedPage{URL: target, Site: in.site, Status: resp.Status,
		Header: resp.Header, FetchedAt: resp.FetchedAt, Body: resp.Body})
	return resp, err
}

func savedResponse(p *archive.FetchedPage) *fetch.Response {
	return &fetch.Response{URL: p.URL, Status: p.Status, Header: p.Header, Body: p.Body, FetchedAt: p.FetchedAt}
}

// object reads a single-object endpoint such as /wp/v2/types.
func (in *run) object(ctx context.Context, target string, decode func(body []byte) error) error {
	_, err := in.page(ctx, target, decode)
	return err
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
