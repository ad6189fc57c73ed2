package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
)

// Defaults of Options.
const (
	DefaultMaxFailures = 3
	DefaultMaxSize     = 256 << 20
)

// Options tune a fetch of a blog's media.
type Options struct {
	Site        string        // the site whose media to fetch; "" for every site
	Fetch       fetch.Options // politeness; MaxBody is set from MaxSize
	MaxFailures int           // failed tries before a file is given up on
	MaxSize     int64         // a larger file is not stored
	// Archive, when set, is the root URL of a web archive that speaks the
	// Wayback Machine's API: a file its origin no longer gives is asked
	// of it, in the capture closest to the date of the first post using it.
	Archive string
	// ArchiveOnly asks the web archive for every file, never the blog's
	// own hosts: for a site read from the archive because it is gone.
	ArchiveOnly bool
	Report      func(status string)
}

// Result tallies a fetch.
type Result struct {
	Found   int   `json:"found"`   // files the blog uses, by URL
	New     int   `json:"new"`     // of those, first seen now
	Stored  int   `json:"stored"`  // stored by this run
	Missing int   `json:"missing"` // gone at the origin, or not on the blog's hosts
	Failed  int   `json:"failed"`  // failed this run; a later run tries again
	Bytes   int64 `json:"bytes"`   // stored by this run
}

// Fetch finds every file the archive's posts use and stores those it does
// not have yet. Files already stored are never asked for again; an
// interrupted fetch continues where it stopped when run again.
func Fetch(ctx context.Context, store *archive.Store, opts Options) (Result, error) {
	if opts.MaxFailures <= 0 {
		opts.MaxFailures = DefaultMaxFailures
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	sites, err := store.Sites(ctx)
	if err != nil {
		return Result{}, err
	}
	var res Result
	matched := false
	for _, site := range sites {
		if opts.Site != "" && site.URL != archive.NormalizeSiteURL(opts.Site) {
			continue
		}
		matched = true
		hosts, err := discover(ctx, store, site.URL, &res)
		if err != nil {
			return res, err
		}
		if err := fetchSite(ctx, store, site.URL, hosts, opts, &res); err != nil {
			return res, err
		}
	}
	if !matched && opts.Site != "" {
		return res, fmt.Errorf("media: the archive holds no site %s", opts.Site)
	}
	return res, nil
}

// discover records the files a site's posts use, and returns the hosts
// they may be fetched from: the blog's own, those its attachments live
// on, and the WordPress CDNs it uses.
func discover(ctx context.Context, store *archive.Store, siteURL string, res *Result) ([]string, error) {
	finder := NewFinder(siteURL)
	err := store.ForEachSitePost(ctx, siteURL, func(p *archive.StoredPost) error {
		finder.Attachment(p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	hosts := map[string]bool{}
	for _, u := range finder.attachments {
		if parsed, err := url.Parse(u); err == nil {
			hosts[strings.ToLower(parsed.Hostname())] = true
		}
	}
	var batch []archive.MediaRef
	flush := func() error {
		added, err := store.AddMedia(ctx, batch)
		res.New += added
		batch = batch[:0]
		return err
	}
	err = store.ForEachSitePost(ctx, siteURL, func(p *archive.StoredPost) error {
		for _, ref := range finder.Refs(p) {
			if u, err := url.Parse(ref.URL); err == nil && cdnHost(u.Hostname()) {
				hosts[strings.ToLower(u.Hostname())] = true
			}
			batch = append(batch, ref)
		}
		if len(batch) >= 1000 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil {
		var found int
		found, err = store.CountMedia(ctx, siteURL)
		res.Found += found
	}
	list := make([]string, 0, len(hosts))
	for h := range hosts {
		list = append(list, h)
	}
	return list, err
}

// fetchSite stores the site's files still to fetch, a few at a time.
func fetchSite(ctx context.Context, store *archive.Store, siteURL string, hosts []string, opts Options, res *Result) error {
	fetchOpts := opts.Fetch
	fetchOpts.Site, fetchOpts.AlsoHosts, fetchOpts.MaxBody = siteURL, hosts, opts.MaxSize
	client := fetch.New(fetchOpts)
	// A dead blog's own host may not answer at all, while the CDN its
	// files are on still does: without robots.txt, nothing is forbidden.
	var robots *fetch.Robots
	var err error
	if !opts.ArchiveOnly {
		if robots, err = client.Robots(ctx, siteURL); err != nil && ctx.Err() != nil {
			return err
		}
	}
	siteHost := ""
	if u, err := url.Parse(siteURL); err == nil {
		siteHost = strings.ToLower(u.Host)
	}
	var wayback *webArchive
	if opts.Archive != "" {
		wayback = newWebArchive(opts.Archive, fetchOpts)
	}
	workers := max(fetchOpts.Concurrency, 1)
	var mu sync.Mutex
	started := time.Now() // a file that fails is tried again by the next fetch, not this one
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch, err := store.MediaToFetch(ctx, siteURL, opts.MaxFailures, started, 200)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(workers)
		for _, f := range batch {
			if gctx.Err() != nil {
				break
			}
			g.Go(func() error {
				outcome, n, err := fetchOne(gctx, store, client, wayback, opts.ArchiveOnly, robots, siteHost, f.URL)
				if err != nil {
					return err
				}
				mu.Lock()
				defer mu.Unlock()
				switch outcome {
				case archive.MediaStored:
					res.Stored++
					res.Bytes += n
				case archive.MediaMissing:
					res.Missing++
				case archive.MediaFailed:
					res.Failed++
				}
				if opts.Report != nil {
					opts.Report(fmt.Sprintf("media: %d stored (%.1f MB), %d missing, %d failed", res.Stored, float64(res.Bytes)/1e6, res.Missing, res.Failed))
				}
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
	}
}

// fetchOne fetches one file and records what came of it: stored, missing
// (gone, or not to be asked for) or failed (a later run tries again). Only
// a failure to write the archive, or ctx ending, is an error. A file the
// origin no longer gives is asked of the web archive, when there is one.
func fetchOne(ctx context.Context, store *archive.Store, client *fetch.Client, wayback *webArchive, archiveOnly bool, robots *fetch.Robots, siteHost, rawURL string) (string, int64, error) {
	unavailable := func(status, reason string) (string, int64, error) {
		return status, 0, store.MediaUnavailable(context.WithoutCancel(ctx), rawURL, status, reason)
	}
	var resp *fetch.Response
	// The bytes say what the file is; a name or a header may lie.
	var contentType string
	var err error
	if archiveOnly && wayback != nil {
		resp, contentType, err = wayback.get(ctx, store, rawURL)
	} else {
		if u, err := url.Parse(rawURL); err == nil && strings.EqualFold(u.Host, siteHost) && !robots.Allowed(rawURL) {
			return unavailable(archive.MediaMissing, "robots.txt forbids fetching it")
		}
		if resp, err = client.Get(ctx, rawURL, nil); err == nil {
			contentType = http.DetectContentType(resp.Body)
		}
	}
	if wayback != nil && !archiveOnly && ctx.Err() == nil && lostAtOrigin(resp, contentType, err) {
		if archived, archivedType, aerr := wayback.get(ctx, store, rawURL); aerr == nil {
			resp, contentType, err = archived, archivedType, nil
		} else if ctx.Err() == nil {
			err = fmt.Errorf("%w; the web archive: %v", originErr(err, resp), aerr)
		}
	}
	var status *fetch.StatusError
	var offSite *fetch.OffSiteError
	var address *fetch.AddressError
	switch {
	case ctx.Err() != nil:
		return "", 0, ctx.Err()
	case errors.As(err, &offSite) || errors.As(err, &address):
		return unavailable(archive.MediaMissing, "not on the blog's hosts: "+err.Error())
	case errors.As(err, &status) && (status.Response.Status == http.StatusNotFound || status.Response.Status == http.StatusGone):
		return unavailable(archive.MediaMissing, err.Error())
	case err != nil:
		return unavailable(archive.MediaFailed, err.Error())
	case resp.Truncated:
		return unavailable(archive.MediaFailed, fmt.Sprintf("larger than %d MiB (--max-size): not stored", len(resp.Body)>>20))
	}
	if isHTML(contentType) {
		return unavailable(archive.MediaMissing, "the server answers with an HTML page, not the file")
	}
	stored, err := store.StoreMedia(context.WithoutCancel(ctx), rawURL, bytes.NewReader(resp.Body), contentType)
	if err != nil {
		return "", 0, err
	}
	return archive.MediaStored, stored.Bytes, nil
}

// isHTML reports whether contentType, sniffed from a file's bytes, is an
// HTML page's: what a server gives in place of a file it no longer has.
func isHTML(contentType string) bool {
	return strings.HasPrefix(contentType, "text/html")
}
