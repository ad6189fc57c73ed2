// Package crawl imports a live WordPress blog by crawling its pages
// politely: it finds posts through the site's sitemaps, index pagination
// and archive pages, follows every comment page, keeps each page's raw
// bytes in the archive and rebuilds posts and comment threads from them
// with importer/html.
//
// A crawl runs in two steps so that it survives being killed at any
// moment. Fetching walks a frontier kept in the archive (Store.Enqueue,
// NextQueued, MarkDone) and stores every page that is new or changed,
// listing it as still to import; importing then parses the listed pages
// into one archive import and clears the list. Running the crawl again
// resumes the frontier, or, when it is used up, visits everything again
// with conditional requests, so that only changed pages cost a download.
package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer/html"
)

// DefaultMaxFailures is how many failed visits make the crawl give up on a page.
const DefaultMaxFailures = 3

// Options tune a crawl.
type Options struct {
	Fetch fetch.Options
	// MaxPages stops the crawl after this many requests (0: no limit).
	// What was fetched is imported, and the next run continues.
	MaxPages int
	// MaxFailures is how many failed visits, each with the fetch's own
	// retries, make the crawl give up on a page and report it.
	MaxFailures int
	// Progress, when set, is told after every page.
	Progress func(Progress)
}

// Progress is a snapshot of a crawl.
type Progress struct {
	URL         string  // the page just visited
	Fetched     int     // requests answered in this run, 304s included
	NotModified int     // of those, pages unchanged since the last crawl
	Queued      int     // URLs still to visit
	Done        int     // URLs visited, in this run or an interrupted earlier one
	Failed      int     // URLs whose last visit failed
	Rate        float64 // pages fetched per second in this run
	Importing   bool    // fetching is over; the fetched pages are being imported
}

// Job names the frontier of a crawl of site in the archive.
func Job(site string) string { return "crawl " + archive.NormalizeSiteURL(site) }

// importJob names the list of a crawl's pages fetched but not yet imported.
func importJob(site string) string { return Job(site) + " import" }

// crawler is the state of one Run.
type crawler struct {
	store   *archive.Store
	client  *fetch.Client
	robots  *fetch.Robots
	opts    Options
	start   *url.URL
	site    string // normalized start URL
	job     string
	seeds   map[string]bool
	started time.Time

	requested, fetched, notModified atomic.Int64

	// stored lists the pages an interrupted earlier run fetched and stored
	// but did not import: visiting one reads it back from the archive.
	stored map[string]bool

	mu         sync.Mutex
	warnings   []string
	disallowed int
}

// Unfinished reports whether a crawl from startURL was interrupted with
// URLs still to visit, which running the crawl again continues.
func Unfinished(ctx context.Context, store *archive.Store, startURL string) (bool, error) {
	queued, _, _, err := store.QueueStats(ctx, Job(startURL))
	return queued > 0, err
}

// interrupted is the error of a crawl that ctx stopped, whatever step it was in.
func (c *crawler) interrupted(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("crawl %s interrupted: %w", c.site, ctx.Err())
	}
	return err
}

// Run crawls the site at startURL into store and imports what is new or
// changed. Pages the crawl gave up on are listed in the result's warnings.
// When ctx is cancelled the crawl stops, keeping its state: run it again
// to continue.
func Run(ctx context.Context, store *archive.Store, startURL string, opts Options) (*archive.ImportResult, error) {
	start, err := url.Parse(startURL)
	if err != nil || (start.Scheme != "http" && start.Scheme != "https") || start.Host == "" {
		return nil, fmt.Errorf("crawl %s: not an http(s) URL", startURL)
	}
	start.Fragment, start.RawQuery = "", ""
	if start.Path == "" {
		start.Path = "/"
	}
	if opts.MaxFailures <= 0 {
		opts.MaxFailures = DefaultMaxFailures
	}
	c := &crawler{store: store, opts: opts, start: start, site: archive.NormalizeSiteURL(start.String()), started: time.Now()}
	c.job = Job(c.site)
	c.client = fetch.New(opts.Fetch)
	if c.robots, err = c.client.Robots(ctx, start.String()); err != nil {
		return nil, c.interrupted(ctx, fmt.Errorf("crawl %s: %w", startURL, err))
	}
	if c.robots.CrawlDelay > 0 && c.robots.CrawlDelay > opts.Fetch.Delay {
		slower := opts.Fetch
		slower.Delay = c.robots.CrawlDelay
		c.client = fetch.New(slower)
	}
	if err := c.seed(ctx); err != nil {
		return nil, c.interrupted(ctx, err)
	}
	if err := c.crawl(ctx); err != nil {
		return nil, c.interrupted(ctx, err)
	}
	res, err := c.importFetched(ctx)
	if err != nil {
		return nil, c.interrupted(ctx, err)
	}
	return res, nil
}

// seed starts the frontier. A used-up frontier (the last crawl finished)
// is queued again whole, so the new crawl re-visits every page it knows.
func (c *crawler) seed(ctx context.Context) error {
	queued, done, failed, err := c.store.QueueStats(ctx, c.job)
	if err != nil {
		return err
	}
	if queued == 0 && done+failed > 0 {
		if err := c.store.ResetQueue(ctx, c.job); err != nil {
			return err
		}
	}
	origin := c.start.Scheme + "://" + c.start.Host
	seeds := []string{c.start.String(), origin + "/wp-sitemap.xml", origin + "/sitemap.xml"}
	for _, s := range c.robots.Sitemaps {
		if c.sameSite(s) {
			seeds = append(seeds, s)
		}
	}
	c.seeds = map[string]bool{}
	for _, s := range seeds {
		c.seeds[s] = true
	}
	stored, err := c.store.NextQueued(ctx, importJob(c.site), 1<<30)
	if err != nil {
		return err
	}
	c.stored = map[string]bool{}
	for _, u := range stored {
		c.stored[u] = true
	}
	return c.store.Enqueue(ctx, c.job, seeds...)
}

// sameSite reports whether rawURL is on the crawled host or its www twin.
func (c *crawler) sameSite(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return strings.EqualFold(strings.TrimPrefix(u.Host, "www."), strings.TrimPrefix(c.start.Host, "www."))
}

// crawl walks the frontier until it is used up, MaxPages is reached or
// ctx ends. Failed pages are retried until they run out of tries.
func (c *crawler) crawl(ctx context.Context) error {
	workers := c.opts.Fetch.Concurrency
	if workers <= 0 {
		workers = fetch.DefaultConcurrency
	}
	for {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if c.budgetSpent() {
			queued, _, _, err := c.store.QueueStats(ctx, c.job)
			if err != nil {
				return err
			}
			if queued > 0 {
				c.warnf("crawl %s: stopped after %d pages (--max-pages) with %d URLs still queued: run the import again to continue", c.site, c.opts.MaxPages, queued)
			}
			return nil
		}
		batch, err := c.store.NextQueued(ctx, c.job, workers*4)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			retried, err := c.store.RetryFailed(ctx, c.job, c.opts.MaxFailures)
			if err != nil {
				return err
			}
			if retried == 0 {
				return nil
			}
			continue
		}
		if err := c.visitAll(ctx, batch, workers); err != nil {
			return err
		}
	}
}

func (c *crawler) budgetSpent() bool {
	return c.opts.MaxPages > 0 && c.requested.Load() >= int64(c.opts.MaxPages)
}

// visitAll visits a batch of URLs with a few workers; the fetch client
// keeps to its own concurrency and delay whatever the number of workers.
func (c *crawler) visitAll(ctx context.Context, batch []string, workers int) error {
	urls := make(chan string)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for u := range urls {
				if err := c.visit(ctx, u); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var firstErr error
feed:
	for _, u := range batch {
		if c.budgetSpent() {
			break
		}
		select {
		case urls <- u:
		case firstErr = <-errs:
			break feed
		case <-ctx.Done():
			break feed
		}
	}
	close(urls)
	wg.Wait()
	close(errs)
	if firstErr == nil {
		firstErr = <-errs
	}
	if ctx.Err() != nil {
		firstErr = ctx.Err()
	}
	return firstErr
}

// visit fetches one URL and acts on what came back. Only archive errors
// and cancellation end the crawl; a page that cannot be had is a warning
// or, for errors that may pass, a failed visit to retry. Only the request
// heeds ctx: what came back is kept even when ctx ends meanwhile, so that
// a page fetched whole is never fetched again by the next run.
func (c *crawler) visit(ctx context.Context, rawURL string) error {
	netCtx := ctx
	ctx = context.WithoutCancel(ctx)
	if !c.sameSite(rawURL) {
		return c.store.MarkDone(ctx, c.job, rawURL, false, "")
	}
	if !c.robots.Allowed(rawURL) {
		c.mu.Lock()
		c.disallowed++
		c.mu.Unlock()
		return c.store.MarkDone(ctx, c.job, rawURL, false, "")
	}
	var validators *fetch.Validators
	prev, err := c.store.Fetched(ctx, rawURL)
	if err != nil {
		return err
	}
	if prev != nil && c.stored[rawURL] {
		// Fetched and stored by an interrupted run that was killed before
		// it could mark the URL visited: finish that visit from the copy.
		return c.keep(ctx, rawURL, &fetch.Response{
			URL: prev.URL, Status: prev.Status, Header: http.Header(prev.Header), Body: prev.Body, FetchedAt: prev.FetchedAt,
		})
	}
	if prev != nil {
		validators = fetch.ValidatorsOf(http.Header(prev.Header))
	}

	if c.opts.MaxPages > 0 && c.requested.Add(1) > int64(c.opts.MaxPages) {
		return nil // left queued for the next run
	}
	resp, err := c.client.Get(netCtx, rawURL, validators)
	if err != nil && netCtx.Err() != nil {
		return nil // left queued for the next run
	}
	if resp != nil {
		c.fetched.Add(1)
	}
	var statusErr *fetch.StatusError
	switch {
	case errors.As(err, &statusErr) && statusErr.Response.Status < 500 && statusErr.Response.Status != http.StatusTooManyRequests:
		// The site's answer, not a failure: a missing sitemap is normal,
		// a broken link is worth knowing.
		if !c.seeds[rawURL] {
			c.warnf("crawl %s: HTTP %d", rawURL, statusErr.Response.Status)
		}
		err = c.store.MarkDone(ctx, c.job, rawURL, false, "")
	case err != nil:
		err = c.store.MarkDone(ctx, c.job, rawURL, true, err.Error())
	case resp.NotModified:
		c.notModified.Add(1)
		err = c.store.MarkDone(ctx, c.job, rawURL, false, "")
	default:
		err = c.keep(ctx, rawURL, resp)
	}
	if err != nil {
		return err
	}
	return c.report(ctx, rawURL)
}

// keep stores a fetched page, queues the links it holds and lists it for
// import. A sitemap only adds to the frontier.
func (c *crawler) keep(ctx context.Context, rawURL string, resp *fetch.Response) error {
	if resp.URL != rawURL {
		if !c.sameSite(resp.URL) {
			c.warnf("crawl %s: redirected off the site to %s: skipped", rawURL, resp.URL)
			return c.store.MarkDone(ctx, c.job, rawURL, false, "")
		}
		// Mark the redirect's target visited too, so it is not fetched again.
		if err := c.store.Enqueue(ctx, c.job, resp.URL); err != nil {
			return err
		}
		if err := c.store.MarkDone(ctx, c.job, resp.URL, false, ""); err != nil {
			return err
		}
	}
	if resp.Truncated {
		c.warnf("crawl %s: page cut at %d bytes (the fetch size limit); the rest was not read", resp.URL, len(resp.Body))
	}
	var links []string
	switch {
	case isSitemap(resp.Body):
		pages, sitemaps, err := parseSitemap(resp.Body)
		if err != nil {
			c.warnf("crawl %s: %v", resp.URL, err)
		}
		links = append(sitemaps, pages...)
	case !isHTMLType(resp.Header.Get("Content-Type")):
		c.warnf("crawl %s: content type %q is not HTML: skipped", resp.URL, resp.Header.Get("Content-Type"))
	default:
		page, err := html.Parse(bytes.NewReader(resp.Body), resp.URL)
		if err != nil {
			c.warnf("crawl %v", err) // the parser's error names the URL
			break
		}
		links = page.Links
		// Listed for import before it is stored: a kill in between leaves
		// a listed page that the next run stores and imports, never a
		// stored page that its validators would keep from being imported.
		err = c.store.Enqueue(ctx, importJob(c.site), resp.URL)
		if err == nil {
			err = c.store.SaveFetched(ctx, archive.FetchedPage{
				URL: resp.URL, Site: c.site, Status: resp.Status, Header: resp.Header, FetchedAt: resp.FetchedAt, Body: resp.Body,
			})
		}
		if err != nil {
			return err
		}
	}
	var onSite []string
	for _, l := range links {
		if c.sameSite(l) {
			onSite = append(onSite, l)
		}
	}
	if err := c.store.Enqueue(ctx, c.job, onSite...); err != nil {
		return err
	}
	return c.store.MarkDone(ctx, c.job, rawURL, false, "")
}

// isHTMLType accepts HTML and XHTML, and a missing type, which the parser
// then judges by content.
func isHTMLType(contentType string) bool {
	ct := strings.ToLower(contentType)
	return ct == "" || strings.Contains(ct, "html")
}

func (c *crawler) warnf(format string, args ...any) {
	c.mu.Lock()
	c.warnings = append(c.warnings, fmt.Sprintf(format, args...))
	c.mu.Unlock()
}

func (c *crawler) report(ctx context.Context, rawURL string) error {
	if c.opts.Progress == nil {
		return nil
	}
	queued, done, failed, err := c.store.QueueStats(ctx, c.job)
	if err != nil {
		return err
	}
	fetched := int(c.fetched.Load())
	c.mu.Lock()
	defer c.mu.Unlock()
	c.opts.Progress(Progress{
		URL: rawURL, Fetched: fetched, NotModified: int(c.notModified.Load()),
		Queued: queued, Done: done, Failed: failed,
		Rate: float64(fetched) / max(time.Since(c.started).Seconds(), 1e-3),
	})
	return nil
}

// importFetched imports the pages fetched and not yet imported, by this
// run or an interrupted earlier one, as one archive import.
func (c *crawler) importFetched(ctx context.Context) (*archive.ImportResult, error) {
	if c.opts.Progress != nil {
		c.opts.Progress(Progress{Fetched: int(c.fetched.Load()), NotModified: int(c.notModified.Load()), Importing: true,
			Rate: float64(c.fetched.Load()) / max(time.Since(c.started).Seconds(), 1e-3)})
	}
	pending, err := c.store.NextQueued(ctx, importJob(c.site), 1<<30)
	if err != nil {
		return nil, err
	}
	imp, err := c.store.BeginImport(ctx, archive.Source{Path: c.start.String(), Format: "crawl", Authority: archive.AuthorityPage})
	if err != nil {
		return nil, err
	}
	for _, u := range pending {
		page, err := c.store.Fetched(ctx, u)
		if err == nil && page != nil {
			err = putPage(imp, page)
		}
		if err != nil {
			imp.Abort()
			return nil, fmt.Errorf("crawl %s: importing %s: %w", c.site, u, err)
		}
	}
	for _, w := range c.warnings {
		imp.Warn(w)
	}
	if c.disallowed > 0 {
		imp.Warn(fmt.Sprintf("crawl %s: robots.txt forbids fetching %d of the URLs found", c.site, c.disallowed))
	}
	failures, err := c.store.Failures(ctx, c.job)
	if err != nil {
		imp.Abort()
		return nil, err
	}
	for _, f := range failures {
		imp.Warn(fmt.Sprintf("crawl %s: gave up after %d tries: %s", f.URL, f.Tries, f.Error))
	}
	res, err := imp.Finish("", nil)
	if err != nil {
		return nil, err
	}
	// Cleared only now: a crawl killed before this imports the pages next time.
	if err := c.store.ClearQueue(ctx, importJob(c.site)); err != nil {
		return nil, err
	}
	return res, nil
}

// putPage parses a stored page and puts its site, authors and post into
// the import. A page that does not parse is a warning, not an error.
func putPage(imp *archive.Import, stored *archive.FetchedPage) error {
	page, err := html.Parse(bytes.NewReader(stored.Body), stored.URL)
	if err != nil {
		imp.Warn(err.Error())
		return nil
	}
	for _, w := range page.Warnings {
		imp.Warn(w)
	}
	if page.Site.URL == "" {
		imp.Warn(fmt.Sprintf("html %s: the page names no site: skipped", stored.URL))
		return nil
	}
	site := page.Site
	if err := imp.Put(archive.Record{Site: &site}); err != nil {
		return err
	}
	for i := range page.Authors {
		if err := imp.Put(archive.Record{Author: &page.Authors[i]}); err != nil {
			return err
		}
	}
	if page.Post != nil {
		return imp.Put(archive.Record{Post: page.Post})
	}
	return nil
}

// Reparse rebuilds posts from the pages stored for site (every site when
// site is "") without fetching anything: after a better scraper, the
// archive catches up from what it already holds.
func Reparse(ctx context.Context, store *archive.Store, site string) (*archive.ImportResult, error) {
	source := site
	if source == "" {
		source = "all stored pages"
	}
	imp, err := store.BeginImport(ctx, archive.Source{Path: source, Format: "reparse", Authority: archive.AuthorityPage})
	if err != nil {
		return nil, err
	}
	err = store.ForEachFetched(ctx, site, func(p *archive.FetchedPage) error { return putPage(imp, p) })
	if err != nil {
		imp.Abort()
		return nil, fmt.Errorf("reparse %s: %w", source, err)
	}
	return imp.Finish("", nil)
}
