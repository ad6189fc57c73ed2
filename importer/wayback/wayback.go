// Package wayback imports a blog that is gone from a web archive that
// speaks the Wayback Machine's API: the Internet Archive's, or any other
// (pywb, OpenWayback). It lists the site's captures through the CDX server
// (/cdx/search/cdx), fetches each one's original bytes (/web/TIMESTAMPid_/URL)
// and merges them as importer/warc merges the records of WARC files: the
// same post captured at different moments is one post.
//
// Only the archive is asked, politely, never the dead site. Like a crawl,
// the import survives being killed: each capture fetched is kept in the
// archive (Store.SaveFetched, under the replay URL) and ticked off a list
// of captures to fetch (a Frontier), so a rerun asks only for captures it
// has not read, then merges everything it holds.
package wayback

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer/internal/stream"
	"github.com/parc-archive/parc/importer/warc"
	"github.com/parc-archive/parc/internal/webarchive"
)

// DefaultURL is the Internet Archive's Wayback Machine.
const DefaultURL = "https://web.archive.org"

// DefaultDelay is the wait between two requests to the archive.
const DefaultDelay = webarchive.DefaultDelay

// DefaultPageSize is how many captures one CDX request lists.
const DefaultPageSize = 5000

// defaultMaxFailures is how many failed fetches make the import give up on a capture.
const defaultMaxFailures = 3

// Options tune an import from a web archive.
type Options struct {
	// Fetch is the politeness of requests to the archive; its Site is
	// set to the archive.
	Fetch fetch.Options
	// ArchiveURL is the archive's root (DefaultURL when empty).
	ArchiveURL string
	// From and To limit the capture dates: timestamps of 1 to 14 digits
	// (2014, 201605, 20160501120000), as the CDX server takes them.
	From, To string
	// PageSize is how many captures one CDX request lists (DefaultPageSize).
	PageSize int
	// MaxFailures is how many failed fetches make the import give up on a capture.
	MaxFailures int
	// Report, when set, is told what the import is doing.
	Report func(status string)
}

// Reader lists, fetches and merges a site's captures. It implements
// importer.Reader.
type Reader struct {
	*stream.Reader
	store   *archive.Store
	client  *fetch.Client
	opts    Options
	site    *url.URL
	archive string // root URL, without a trailing slash
	todo    *archive.Frontier
	merger  *warc.Merger
	fetched int
}

// ValidTimestamp reports whether ts is a CDX timestamp prefix (1 to 14 digits).
func ValidTimestamp(ts string) bool {
	if len(ts) == 0 || len(ts) > 14 {
		return false
	}
	return strings.Trim(ts, "0123456789") == ""
}

// Open readies the import of the captures of site (a URL, or a bare host
// name) from the archive. Nothing is asked before the first Next.
func Open(ctx context.Context, store *archive.Store, site string, opts Options) (*Reader, error) {
	if !strings.Contains(site, "://") {
		site = "http://" + site
	}
	u, err := url.Parse(site)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("wayback %s: not a site URL or host name", site)
	}
	u.RawQuery, u.Fragment = "", ""
	root := strings.TrimRight(opts.ArchiveURL, "/")
	if root == "" {
		root = DefaultURL
	}
	a, err := url.Parse(root)
	if err != nil || a.Host == "" || (a.Scheme != "http" && a.Scheme != "https") {
		return nil, fmt.Errorf("wayback: %q is not the http(s) URL of a web archive", opts.ArchiveURL)
	}
	for _, ts := range []string{opts.From, opts.To} {
		if ts != "" && !ValidTimestamp(ts) {
			return nil, fmt.Errorf("wayback: %q is not a capture date (YYYY, YYYYMM, ... up to YYYYMMDDhhmmss)", ts)
		}
	}
	if opts.PageSize <= 0 {
		opts.PageSize = DefaultPageSize
	}
	if opts.MaxFailures <= 0 {
		opts.MaxFailures = defaultMaxFailures
	}
	// Requests stay with the archive: the dead site is never asked.
	opts.Fetch = webarchive.ClientOptions(root, opts.Fetch)
	if opts.Fetch.Delay == 0 {
		opts.Fetch.Delay = DefaultDelay
	}
	r := &Reader{store: store, client: fetch.New(opts.Fetch), opts: opts, site: u, archive: root}
	r.todo = store.Frontier(r.job())
	r.Reader = stream.New(func(put func(archive.Record) error) error { return r.run(ctx, put) })
	r.merger = warc.NewMerger(r.Warn, store)
	return r, nil
}

// job names the site's captures at this archive in the store: the list of
// captures to fetch, and the site the fetched captures are kept under.
// It is no http(s) URL, so that parc reparse leaves them alone.
func (r *Reader) job() string {
	return "wayback:" + r.archive + " " + archive.NormalizeSiteURL(r.site.String())
}

// Captures counts the captures read and merged.
func (r *Reader) Captures() warc.Stats { return r.merger.Stats }

func (r *Reader) report(format string, args ...any) {
	if r.opts.Report != nil {
		r.opts.Report(fmt.Sprintf(format, args...))
	}
}

// interrupted is the error of an import that ctx stopped.
func (r *Reader) interrupted(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("wayback %s interrupted: %w", r.site, ctx.Err())
	}
	return err
}

func (r *Reader) run(ctx context.Context, put func(archive.Record) error) error {
	if err := r.list(ctx); err != nil {
		return r.interrupted(ctx, err)
	}
	if err := r.fetchAll(ctx); err != nil {
		return r.interrupted(ctx, err)
	}
	failures, err := r.todo.Failures(ctx)
	if err != nil {
		return err
	}
	for _, f := range failures {
		r.Warn(fmt.Sprintf("wayback %s: gave up after %d tries: %s", f.URL, f.Tries, f.Error))
	}
	return r.interrupted(ctx, r.merge(ctx, put))
}

// fetchAll fetches every capture listed and not yet fetched, retrying
// failed ones while they have tries left.
func (r *Reader) fetchAll(ctx context.Context) error {
	for {
		batch, err := r.todo.Next(ctx, 64)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			retried, err := r.todo.RetryFailed(ctx, r.opts.MaxFailures)
			if err != nil || retried == 0 {
				return err
			}
			continue
		}
		for _, replay := range batch {
			if err := r.fetchOne(ctx, replay); err != nil {
				return err
			}
		}
	}
}

// fetchOne fetches one capture's original bytes and keeps them. What came
// back is kept even when ctx ends meanwhile.
func (r *Reader) fetchOne(ctx context.Context, replay string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	store := context.WithoutCancel(ctx)
	if prev, err := r.store.Fetched(store, replay); err != nil || prev != nil {
		// Fetched by a run killed before it could tick the capture off.
		if err != nil {
			return err
		}
		return r.todo.MarkDone(store, replay, false, "")
	}
	_, timestamp, original, _ := parseReplay(r.archive, replay)
	resp, err := r.client.Get(ctx, replay, nil)
	if err != nil && ctx.Err() != nil {
		return ctx.Err() // left listed for the next run
	}
	var statusErr *fetch.StatusError
	switch {
	case errors.As(err, &statusErr) && statusErr.Response.Status < 500 && statusErr.Response.Status != http.StatusTooManyRequests:
		r.Warn(fmt.Sprintf("wayback %s: the archive answers HTTP %d for the capture of %s", replay, statusErr.Response.Status, original))
		return r.todo.MarkDone(store, replay, false, "")
	case err != nil:
		return r.todo.MarkDone(store, replay, true, err.Error())
	case resp.Truncated:
		r.Warn(fmt.Sprintf("wayback %s: cut at %d bytes (the fetch size limit): skipped", replay, len(resp.Body)))
		return r.todo.MarkDone(store, replay, false, "")
	}
	r.fetched++
	err = r.store.SaveFetched(store, archive.FetchedPage{URL: replay, Site: r.job(), Status: resp.Status,
		Header: resp.Header, FetchedAt: timestamp, Body: resp.Body})
	if err != nil {
		return err
	}
	r.report("%d captures fetched from %s", r.fetched, r.archive)
	return r.todo.MarkDone(store, replay, false, "")
}

// merge merges every capture of the site kept in the store.
func (r *Reader) merge(ctx context.Context, put func(archive.Record) error) error {
	heads, err := r.store.FetchedHeads(ctx, r.job())
	if err != nil {
		return err
	}
	var caps []warc.Capture
	for _, h := range heads {
		_, timestamp, original, ok := parseReplay(r.archive, h.URL)
		if !ok {
			continue
		}
		r.merger.Read++
		replay := h.URL
		caps = append(caps, warc.Capture{URI: original, Date: timestamp, ContentType: http.Header(h.Header).Get("Content-Type"),
			Body: func() ([]byte, error) {
				page, err := r.store.Fetched(ctx, replay)
				if err != nil || page == nil {
					return nil, fmt.Errorf("wayback %s: the kept capture cannot be read: %v", replay, err)
				}
				return page.Body, nil
			}})
	}
	return r.merger.Merge(ctx, caps, put, func(done, total int) { r.report("reading capture %d of %d", done+1, total) })
}

// parseReplay takes apart a replay URL of a capture's original bytes.
func parseReplay(root, replay string) (string, time.Time, string, bool) {
	rest, ok := strings.CutPrefix(replay, root+"/web/")
	if !ok {
		return "", time.Time{}, "", false
	}
	ts, original, ok := strings.Cut(rest, webarchive.Original+"_/")
	if !ok || len(ts) != 14 || !ValidTimestamp(ts) {
		return "", time.Time{}, "", false
	}
	t, err := time.Parse("20060102150405", ts)
	if err != nil {
		return "", time.Time{}, "", false
	}
	return ts, t, original, true
}
