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
	"github.com/parc-archive/parc/importer/internal/siteurl"
	"github.com/parc-archive/parc/importer/internal/stream"
)

// DefaultPerPage is the largest page WordPress serves.
const DefaultPerPage = 100

// maxPages bounds a listing, so that a server paging forever ends with an
// error rather than never, whatever total it declares.
const maxPages = 10000

// ErrNoAPI is wrapped by the error for a site without a REST API.
var ErrNoAPI = errors.New("the site has no WordPress REST API")

// Options tune a REST import.
type Options struct {
	// Fetch configures the HTTP client: politeness, retries, and the
	// application password (User, Password) that unlocks drafts, private
	// posts, held comments, pingbacks and raw content.
	Fetch fetch.Options
	// Client, when set, is a client built from Fetch that asked the site
	// already: its politeness delay then spans those requests too. When
	// nil, the import builds its own.
	Client *fetch.Client
	// Advertised is the API root the site's pages advertise, if any. It is
	// tried first when it is on the host the user named; an API on another
	// host (a blog that moved, a site behind a proxy) is never asked.
	Advertised string
	// PerPage is the page size asked for; 0 means DefaultPerPage.
	PerPage int
	// Report, when set, is told after each page how far the import got.
	Report func(status string)
}

// run is one REST import.
type run struct {
	client   *fetch.Client
	store    *archive.Store
	frontier *archive.Frontier // this site's REST import
	site     archive.Site
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
	out      *stream.Reader
	// claimed is the other site the API said it was, if it did.
	claimed string

	postTypes map[int64]string            // post id → type, for attaching comments
	comments  map[int64][]archive.Comment // post id → its comments
	items     int                         // items fetched so far, for progress
}

// Reader reads a site through its REST API. Its first Next fetches and
// saves every page of every listing (continuing an interrupted run's
// frontier), then the records are decoded from the saved pages: what was
// fetched before an error or an interruption is read all the same.
type Reader struct {
	*stream.Reader
	run *run
}

// Open finds the REST API of the site at siteURL (the site's address or
// its API root) and readies a Reader. The error wraps ErrNoAPI when no API
// answers on that host; it names the URL at fault.
func Open(ctx context.Context, store *archive.Store, siteURL string, opts Options) (*Reader, error) {
	client := opts.Client
	if client == nil {
		client = fetch.New(opts.Fetch)
	}
	root, index, err := findRoot(ctx, client, siteURL, opts.Advertised)
	if err != nil {
		return nil, err
	}
	site := index.Site()
	claimed := site.URL
	if siteurl.Rehome(&site, root) {
		// The whole record speaks of the site where it was fetched.
		site.BaseBlogURL = site.URL
		site.BaseSiteURL, _ = siteurl.At(root, site.BaseSiteURL)
	} else {
		claimed = ""
	}
	in := &run{
		client: client, store: store, site: site, root: root, index: index,
		frontier: store.Frontier("rest " + archive.NormalizeSiteURL(site.URL)),
		auth:     opts.Fetch.User != "", perPage: cmp.Or(opts.PerPage, DefaultPerPage), lookup: NewLookup(), opts: opts,
		postTypes: map[int64]string{}, comments: map[int64][]archive.Comment{}, claimed: claimed,
	}
	if in.auth {
		if err := in.checkCredentials(ctx); err != nil {
			return nil, err
		}
	}
	if err := in.loadFrontier(ctx); err != nil {
		return nil, err
	}
	in.out = stream.New(func(put func(archive.Record) error) error { return in.produce(ctx, put) })
	return &Reader{Reader: in.out, run: in}, nil
}

// produce fetches every listing, then writes what they hold.
func (in *run) produce(ctx context.Context, put func(archive.Record) error) error {
	if in.claimed != "" {
		in.out.Warn(fmt.Sprintf("rest %s: the API says it is the site %s; what it serves is filed under %s, where it was fetched", in.root, in.claimed, in.site.URL))
	}
	listings, fetchErr := in.collect(ctx)
	// What was fetched before an error or an interruption is read from
	// the saved pages all the same, for as long as an interrupt allows;
	// what is left, the next run reads.
	ctx, stop := stream.Grace(ctx)
	defer stop()
	site := in.site
	err := put(archive.Record{Site: &site})
	if err == nil {
		err = in.apply(ctx, listings, put)
	}
	return errors.Join(fetchErr, err)
}

// Finished is told by the importer that every record was stored: the next
// run fetches everything again, conditionally.
func (r *Reader) Finished(ctx context.Context) error { return r.run.frontier.Reset(ctx) }

// loadFrontier learns which pages an interrupted earlier run already
// visited: those the job knows and has not queued.
func (in *run) loadFrontier(ctx context.Context) error {
	queued, done, failed, err := in.frontier.Stats(ctx)
	if err != nil {
		return err
	}
	in.resuming = done+failed > 0
	urls, err := in.frontier.Next(ctx, queued)
	if err != nil {
		return err
	}
	in.queued = make(map[string]bool, len(urls))
	for _, u := range urls {
		in.queued[u] = true
	}
	return nil
}

// findRoot finds the API root on the host of siteURL: the root the site
// advertises when it is on that host, then /wp-json/, then ?rest_route=/
// for sites without pretty permalinks. A root on another host is never
// asked: requests (and credentials) stay with the site the user named.
// The error wraps ErrNoAPI when none of them answers with an API index,
// and says what each answered, or that the advertised root was not asked.
func findRoot(ctx context.Context, client *fetch.Client, siteURL, advertised string) (string, *Index, error) {
	u, err := url.Parse(siteURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", nil, fmt.Errorf("rest %s: not an http(s) URL", siteURL)
	}
	var candidates, answers []string
	if a, err := url.Parse(advertised); err == nil && advertised != "" {
		if strings.EqualFold(a.Host, u.Host) {
			candidates = append(candidates, advertised)
		} else {
			answers = append(answers, advertised+" is on another host: not asked")
		}
	}
	if isAPIRoot(u) {
		candidates = append(candidates, u.String())
	} else {
		base := strings.TrimRight(u.Scheme+"://"+u.Host+u.Path, "/")
		candidates = append(candidates, base+"/wp-json/", base+"/?rest_route=/")
	}
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
		answers = append(answers, rootAnswer(candidate, err))
	}
	return "", nil, fmt.Errorf("rest %s: %w (%s)", siteURL, ErrNoAPI, strings.Join(answers, "; "))
}

// rootAnswer says briefly what a candidate API root answered.
func rootAnswer(candidate string, err error) string {
	var status *fetch.StatusError
	if errors.As(err, &status) {
		return fmt.Sprintf("%s answers %d", candidate, status.Response.Status)
	}
	return err.Error()
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
		in.out.Warn(fmt.Sprintf("%v: %s skipped%s", err, what, hint))
		return nil
	case http.StatusNotFound:
		in.out.Warn(fmt.Sprintf("%v: %s skipped", err, what))
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
	if err := in.frontier.Enqueue(ctx, target); err != nil {
		return nil, err
	}
	var resp *fetch.Response
	if saved != nil && in.resuming && !in.queued[target] {
		resp = savedResponse(saved)
	} else {
		resp, err = in.fetch(ctx, target, saved)
		if err != nil {
			in.frontier.MarkDone(ctx, target, true, err.Error())
			return nil, err
		}
	}
	if err := decode(resp.Body); err != nil {
		err = fmt.Errorf("rest %s: %w", target, err)
		in.frontier.MarkDone(ctx, target, true, err.Error())
		return nil, err
	}
	return resp, in.frontier.MarkDone(ctx, target, false, "")
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
	err = in.store.SaveFetched(ctx, archive.FetchedPage{URL: target, Site: archive.NormalizeSiteURL(in.site.URL), Status: resp.Status,
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
