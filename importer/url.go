package importer

import (
	"context"
	"errors"
	"fmt"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer/crawl"
	"github.com/parc-archive/parc/importer/feed"
	"github.com/parc-archive/parc/importer/feedfetch"
	"github.com/parc-archive/parc/importer/rest"
)

// resolveURL decides how a live site is read from one of its URLs: with
// ModeREST through its REST API, with ModeCrawl by a crawl. Otherwise an
// interrupted crawl of the URL is continued; a feed is read as a feed; a
// site whose pages advertise a REST API is read through it, asked on the
// host the user named; anything else, and a site whose API does not
// answer there, is crawled.
func resolveURL(ctx context.Context, store *archive.Store, rawURL string, opts Options) (source, error) {
	// One client asks the site, whichever way it is read, so that its
	// politeness delay spans every request, the first one included.
	client := fetch.New(opts.Fetch)
	switch opts.Mode {
	case ModeREST:
		return restSource(ctx, store, rawURL, "", client, opts)
	case ModeCrawl:
		return crawlSource(store, rawURL, client, opts), nil
	}
	unfinished, err := crawl.Unfinished(ctx, store, rawURL)
	if err != nil {
		return source{}, &storeError{err}
	}
	if unfinished {
		// That page was crawled already: no need to ask it again.
		return crawlSource(store, rawURL, client, opts), nil
	}
	// One request tells a feed, or a site advertising its API, from pages
	// to crawl; when it fails, the crawler reports why.
	resp, err := client.Get(ctx, rawURL, nil)
	if err != nil {
		if ctx.Err() != nil {
			return source{}, err
		}
		return crawlSource(store, rawURL, client, opts), nil
	}
	if feed.Sniff(resp.Body[:min(len(resp.Body), sniffSize)]) {
		return feedSource(rawURL, client, resp, opts), nil
	}
	advertised := rest.AdvertisedRoot(resp)
	if advertised == "" {
		return crawlSource(store, rawURL, client, opts), nil
	}
	src, err := restSource(ctx, store, rawURL, advertised, client, opts)
	if err == nil || !errors.Is(err, rest.ErrNoAPI) || ctx.Err() != nil {
		return src, err
	}
	crawled := crawlSource(store, rawURL, client, opts)
	crawled.warnings = append(crawled.warnings, fmt.Sprintf("%s advertises its REST API at %s, but %v; crawling its pages instead",
		rawURL, advertised, err))
	return crawled, nil
}

// restSource finds the site's REST API; the error wraps rest.ErrNoAPI when
// none answers.
func restSource(ctx context.Context, store *archive.Store, rawURL, advertised string, client *fetch.Client, opts Options) (source, error) {
	// The API is found before the import begins, so that a site without
	// one can be crawled instead.
	src, err := preopened(source{label: rawURL, format: "rest", authority: archive.AuthorityAPI, size: -1, resumable: true},
		func(report func(string)) (Reader, error) {
			return rest.Open(ctx, store, rawURL, rest.Options{Fetch: opts.Fetch, Client: client, Advertised: advertised, Report: report})
		})
	if errors.Is(err, rest.ErrNoAPI) && opts.Mode == ModeREST {
		err = fmt.Errorf("%w; import it with the crawler instead: parc import --crawl %s", err, rawURL)
	}
	return src, err
}

func crawlSource(store *archive.Store, rawURL string, client *fetch.Client, opts Options) source {
	return source{label: rawURL, format: "crawl", authority: archive.AuthorityPage, size: -1, resumable: true,
		open: func(ctx context.Context, report func(string)) (Reader, error) {
			return crawl.Open(ctx, store, rawURL, crawl.Options{Fetch: opts.Fetch, Client: client, MaxPages: opts.MaxPages, MaxFailures: opts.MaxFailures, Report: report, Record: opts.Record})
		}}
}

// feedSource reads the feed at rawURL, whose first page first is.
func feedSource(rawURL string, client *fetch.Client, first *fetch.Response, opts Options) source {
	return source{label: rawURL, format: "feed", authority: archive.AuthorityFeed, size: -1,
		open: func(ctx context.Context, report func(string)) (Reader, error) {
			return feedfetch.Open(ctx, rawURL, feedfetch.Options{Fetch: opts.Fetch, Client: client, First: first, FollowComments: opts.FollowComments, Report: report}), nil
		}}
}

// Reparse reads again the pages crawls stored for site (every site when
// site is ""), without fetching: after a better page parser, the archive
// catches up from what it already holds.
func Reparse(ctx context.Context, store *archive.Store, site string, opts Options) (*Result, error) {
	label := site
	if label == "" {
		label = "all stored pages"
	}
	return drive(ctx, store, source{label: label, format: "reparse", authority: archive.AuthorityPage, size: -1,
		open: func(ctx context.Context, _ func(string)) (Reader, error) { return crawl.Reparse(ctx, store, site), nil }}, opts)
}
