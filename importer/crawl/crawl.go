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
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer/html"
	"github.com/parc-archive/parc/importer/internal/siteurl"
	"github.com/parc-archive/parc/importer/internal/stream"
)

// DefaultMaxFailures is how many failed visits make the crawl give up on a page.
const DefaultMaxFailures = 3

// Options tune a crawl.
type Options struct {
	Fetch fetch.Options
	// Client, when set, is a client built from Fetch that asked the site
	// already: its politeness delay then spans those requests too. When
	// nil, the crawl builds its own.
	Client *fetch.Client
	// MaxPages stops the crawl after this many requests (0: no limit).
	// What was fetched is imported, and the next run continues.
	MaxPages int
	// MaxFailures is how many failed visits, each with the fetch's own
	// retries, make the crawl give up on a page and report it.
	MaxFailures int
	// Report, when set, is told after every page how far the crawl got.
	Report func(status string)
	// Record, when set, keeps every response the crawl receives.
	Record ResponseRecorder
}

// ResponseRecorder keeps the responses a crawl receives, as a WARC file does.
type ResponseRecorder interface {
	WriteResponse(resp *fetch.Response) error
}

// job names the frontier of a crawl of site in the archive.
func job(site string) string { return "crawl " + archive.NormalizeSiteURL(site) }

// importJob names the list of a crawl's pages fetched but not yet imported.
func importJob(site string) string { return job(site) + " import" }

// crawler is the state of one crawl.
type crawler struct {
	store  *archive.Store
	client *fetch.Client
	robots *fetch.Robots
	opts   Options
	start  *url.URL
	site   string // normalized start URL
	// frontier holds the URLs to visit; imports lists the pages fetched
	// and stored but not yet imported.
	frontier, imports *archive.Frontier
	seeds             map[string]bool
	started           time.Time

	requested, fetched, notModified atomic.Int64
	full                            atomic.Bool // the frontier refused URLs

	// stored lists the pages an interrupted earlier run fetched and stored
	// but did not import: visiting one reads it back from the archive.
	stored map[string]bool

	mu         sync.Mutex
	warnings   []string
	disallowed int

	out   *stream.Reader
	pages *Pages
}

// Reader crawls a site and reads the posts of the pages it fetched. Its
// first Next does the whole crawl; then each stored page new or changed
// since the last crawl is parsed into records.
type Reader struct {
	*stream.Reader
	c *crawler
}

// Unfinished reports whether a crawl from startURL was interrupted with
// URLs still to visit, which running the crawl again continues.
func Unfinished(ctx context.Context, store *archive.Store, startURL string) (bool, error) {
	queued, _, _, err := store.Frontier(job(startURL)).Stats(ctx)
	return queued > 0, err
}

// interrupted is the error of a crawl that ctx stopped, whatever step it was in.
func (c *crawler) interrupted(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("crawl %s interrupted: %w", c.site, ctx.Err())
	}
	return err
}

// Open readies a crawl of the site at startURL into store. Pages the crawl
// gives up on are listed in the warnings. When ctx is cancelled the crawl
// stops, keeping its state: a new crawl of the same URL continues it.
func Open(ctx context.Context, store *archive.Store, startURL string, opts Options) (*Reader, error) {
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
	c.frontier, c.imports = store.Frontier(job(c.site)), store.Frontier(importJob(c.site))
	c.client = opts.Client
	if c.client == nil {
		c.client = fetch.New(opts.Fetch)
	}
	return &Reader{Reader: c.newStream(ctx, c.run), c: c}, nil
}

// Finished is told by the importer that the pages' records are stored:
// the list of pages to import is used up. (A crawl killed before this
// imports the pages again next time.)
func (r *Reader) Finished(ctx context.Context) error { return r.c.imports.Clear(ctx) }

// newStream reads what produce puts, with the crawler's warnings.
func (c *crawler) newStream(ctx context.Context, produce func(ctx context.Context, put func(archive.Record) error) error) *stream.Reader {
	c.out = stream.New(func(put func(archive.Record) error) error { return produce(ctx, put) })
	c.pages = NewPages(c.out.Warn)
	return c.out
}

// run crawls, then reads the pages fetched and not yet imported, by this
// run or an interrupted earlier one.
func (c *crawler) run(ctx context.Context, put func(archive.Record) error) error {
	var err error
	if c.robots, err = c.client.Robots(ctx, c.start.String()); err != nil {
		return c.interrupted(ctx, fmt.Errorf("crawl %s: %w", c.start, err))
	}
	if c.robots.CrawlDelay > 0 && c.robots.CrawlDelay > c.opts.Fetch.Delay {
		slower := c.opts.Fetch
		slower.Delay = c.robots.CrawlDelay
		c.client = fetch.New(slower)
	}
	if err := c.seed(ctx); err != nil {
		return c.interrupted(ctx, err)
	}
	if err := c.crawl(ctx); err != nil {
		return c.interrupted(ctx, err)
	}
	if err := c.readFetched(ctx, put); err != nil {
		return c.interrupted(ctx, err)
	}
	return nil
}

// seed starts the frontier. A used-up frontier (the last crawl finished)
// is queued again whole, so the new crawl re-visits every page it knows.
func (c *crawler) seed(ctx context.Context) error {
	queued, done, failed, err := c.frontier.Stats(ctx)
	if err != nil {
		return err
	}
	if queued == 0 && done+failed > 0 {
		if err := c.frontier.Reset(ctx); err != nil {
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
	stored, err := c.imports.Next(ctx, 1<<30)
	if err != nil {
		return err
	}
	c.stored = map[string]bool{}
	for _, u := range stored {
		c.stored[u] = true
	}
	return c.enqueue(ctx, seeds...)
}

// sameSite reports whether rawURL is on the crawled host or its www twin.
func (c *crawler) sameSite(rawURL string) bool {
	return siteurl.OnHost(rawURL, c.start.Host)
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
			queued, _, _, err := c.frontier.Stats(ctx)
			if err != nil {
				return err
			}
			if queued > 0 {
				c.warnf("crawl %s: stopped after %d pages (--max-pages) with %d URLs still queued: run the import again to continue", c.site, c.opts.MaxPages, queued)
			}
			return nil
		}
		batch, err := c.frontier.Next(ctx, workers*4)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			retried, err := c.frontier.RetryFailed(ctx, c.opts.MaxFailures)
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
// The first error stops the batch.
func (c *crawler) visitAll(ctx context.Context, batch []string, workers int) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, u := range batch {
		if c.budgetSpent() || gctx.Err() != nil {
			break
		}
		g.Go(func() error { return c.visit(gctx, u) })
	}
	err := g.Wait()
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	return err
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
		return c.frontier.MarkDone(ctx, rawURL, false, "")
	}
	if !c.robots.Allowed(rawURL) {
		c.mu.Lock()
		c.disallowed++
		c.mu.Unlock()
		return c.frontier.MarkDone(ctx, rawURL, false, "")
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
	if err := c.record(resp, err); err != nil {
		return err
	}
	var offSite *fetch.OffSiteError
	switch {
	case errors.As(err, &offSite):
		c.warnf("crawl %v: skipped", err)
		err = c.frontier.MarkDone(ctx, rawURL, false, "")
	case errors.As(err, &statusErr) && statusErr.Response.Status < 500 && statusErr.Response.Status != http.StatusTooManyRequests:
		// The site's answer, not a failure: a missing sitemap is normal,
		// a broken link is worth knowing.
		if !c.seeds[rawURL] {
			c.warnf("crawl %s: HTTP %d", rawURL, statusErr.Response.Status)
		}
		err = c.frontier.MarkDone(ctx, rawURL, false, "")
	case err != nil:
		err = c.frontier.MarkDone(ctx, rawURL, true, err.Error())
	case resp.NotModified:
		c.notModified.Add(1)
		err = c.frontier.MarkDone(ctx, rawURL, false, "")
	default:
		err = c.keep(ctx, rawURL, resp)
	}
	if err != nil {
		return err
	}
	return c.report(ctx)
}

// record gives the recorder what the site answered, pages and errors
// alike; a recorder that fails (a full disk) ends the crawl.
func (c *crawler) record(resp *fetch.Response, err error) error {
	var statusErr *fetch.StatusError
	if errors.As(err, &statusErr) {
		resp = statusErr.Response
	}
	if c.opts.Record == nil || resp == nil || resp.NotModified {
		return nil
	}
	return c.opts.Record.WriteResponse(resp)
}

// keep stores a fetched page, queues the links it holds and lists it for
// import. A sitemap only adds to the frontier.
func (c *crawler) keep(ctx context.Context, rawURL string, resp *fetch.Response) error {
	if resp.URL != rawURL {
		// Mark the redirect's target visited too, so it is not fetched again.
		if err := c.enqueue(ctx, resp.URL); err != nil {
			return err
		}
		if err := c.frontier.MarkDone(ctx, resp.URL, false, ""); err != nil {
			return err
		}
	}
	if resp.Truncated {
		c.warnf("crawl %s: page cut at %d bytes (the fetch size limit); the rest was not read", resp.URL, len(resp.Body))
	}
	var links []string
	switch {
	case isSitemap(resp.Body):
		pages, sitemaps, err := parseSitemap(resp.URL, resp.Body)
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
		err = c.imports.Enqueue(ctx, resp.URL)
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
	if err := c.enqueue(ctx, onSite...); err != nil {
		return err
	}
	return c.frontier.MarkDone(ctx, rawURL, false, "")
}

// isHTMLType accepts HTML and XHTML, and a missing type, which the parser
// then judges by content.
func isHTMLType(contentType string) bool {
	ct := strings.ToLower(contentType)
	return ct == "" || strings.Contains(ct, "html")
}

// enqueue queues URLs to visit. A frontier full of a hostile site's
// links is a warning, said once: the crawl goes on with what it has.
func (c *crawler) enqueue(ctx context.Context, urls ...string) error {
	err := c.frontier.Enqueue(ctx, urls...)
	var full *archive.FullError
	if errors.As(err, &full) {
		if c.full.CompareAndSwap(false, true) {
			c.warnf("crawl %s: %v", c.site, err)
		}
		return nil
	}
	return err
}

func (c *crawler) warnf(format string, args ...any) {
	c.mu.Lock()
	c.warnings = append(c.warnings, fmt.Sprintf(format, args...))
	c.mu.Unlock()
}

func (c *crawler) report(ctx context.Context) error {
	if c.opts.Report == nil {
		return nil
	}
	queued, done, failed, err := c.frontier.Stats(ctx)
	if err != nil {
		return err
	}
	fetched := int(c.fetched.Load())
	c.mu.Lock()
	defer c.mu.Unlock()
	c.opts.Report(fmt.Sprintf("%d fetched (%d unchanged), %d queued, %d visited, %d failed, %.1f pages/s",
		fetched, c.notModified.Load(), queued, done, failed, float64(fetched)/max(time.Since(c.started).Seconds(), 1e-3)))
	return nil
}

// readFetched reads the pages fetched and not yet imported, by this run
// or an interrupted earlier one, then tells what the crawl could not do.
func (c *crawler) readFetched(ctx context.Context, put func(archive.Record) error) error {
	if c.opts.Report != nil {
		c.opts.Report(fmt.Sprintf("reading the pages fetched (%d fetched, %d unchanged)", c.fetched.Load(), c.notModified.Load()))
	}
	pending, err := c.imports.Next(ctx, 1<<30)
	if err != nil {
		return err
	}
	for _, u := range pending {
		page, err := c.store.Fetched(ctx, u)
		if err == nil && page != nil {
			err = c.putPage(put, page)
		}
		if err != nil {
			return fmt.Errorf("crawl %s: importing %s: %w", c.site, u, err)
		}
	}
	for _, w := range c.warnings {
		c.out.Warn(w)
	}
	if c.disallowed > 0 {
		c.out.Warn(fmt.Sprintf("crawl %s: robots.txt forbids fetching %d of the URLs found", c.site, c.disallowed))
	}
	failures, err := c.frontier.Failures(ctx)
	if err != nil {
		return err
	}
	for _, f := range failures {
		c.out.Warn(fmt.Sprintf("crawl %s: gave up after %d tries: %s", f.URL, f.Tries, f.Error))
	}
	return nil
}

// putPage parses a stored page and puts its records.
func (c *crawler) putPage(put func(archive.Record) error, stored *archive.FetchedPage) error {
	_, err := c.pages.Put(put, stored.URL, stored.Body)
	return err
}

// Reparse reads the posts of the pages stored for site (every site when
// site is "") without fetching anything: after a better scraper, the
// archive catches up from what it already holds.
func Reparse(ctx context.Context, store *archive.Store, site string) *stream.Reader {
	c := &crawler{store: store, site: site}
	return c.newStream(ctx, func(ctx context.Context, put func(archive.Record) error) error {
		// A web archive's captures are left out: they are read again by
		// importing from that archive.
		err := store.ForEachFetched(ctx, site, func(p *archive.FetchedPage) error {
			return c.putPage(put, p)
		})
		if err != nil {
			return fmt.Errorf("reparse %s: %w", cmp.Or(site, "all stored pages"), err)
		}
		return nil
	})
}
