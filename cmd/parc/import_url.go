package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/crawl"
)

// userAgent names parc and its version to the sites it fetches from.
const userAgent = "parc/" + version + " (+https://github.com/parc-archive/parc)"

// isURL tells an http(s) URL argument of parc import from a path.
func isURL(arg string) bool {
	lower := strings.ToLower(arg)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// crawlFlags are the import command's flags for live sites.
func crawlFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "max-pages", Usage: "stop a crawl after `N` requests; running the import again continues it (0: no limit)"},
		&cli.IntFlag{Name: "concurrency", Value: fetch.DefaultConcurrency, Usage: "at most `N` requests to a site at a time"},
		&cli.DurationFlag{Name: "delay", Value: fetch.DefaultDelay, Usage: "wait `DURATION` between two requests to a site (robots.txt's Crawl-delay, if longer, wins)"},
		&cli.IntFlag{Name: "max-failures", Value: crawl.DefaultMaxFailures, Usage: "give up on a page after `N` failed visits (each with its own retries) and report it"},
	}
}

// fetchOptions are the politeness settings the flags give.
func fetchOptions(c *cli.Context) (fetch.Options, error) {
	if c.Int("concurrency") < 1 {
		return fetch.Options{}, usagef("--concurrency must be at least 1")
	}
	delay := c.Duration("delay")
	if delay < 0 {
		return fetch.Options{}, usagef("--delay cannot be negative")
	}
	if delay == 0 {
		delay = -1 // fetch.Options reads 0 as "the default"
	}
	return fetch.Options{UserAgent: userAgent, Concurrency: c.Int("concurrency"), Delay: delay}, nil
}

// importURL imports a live site from one of its URLs by crawling its pages.
func importURL(c *cli.Context, store *archive.Store, rawURL string, progress *progress) (importer.Result, error) {
	fetchOpts, err := fetchOptions(c)
	if err != nil {
		return importer.Result{}, err
	}
	if c.Int("max-pages") < 0 || c.Int("max-failures") < 1 {
		return importer.Result{}, usagef("--max-pages cannot be negative and --max-failures must be at least 1")
	}
	res, err := crawl.Run(c.Context, store, rawURL, crawl.Options{
		Fetch:       fetchOpts,
		MaxPages:    c.Int("max-pages"),
		MaxFailures: c.Int("max-failures"),
		Progress:    progress.crawl,
	})
	progress.finish()
	if err != nil {
		return importer.Result{}, fmt.Errorf("%w (parc keeps what it fetched; running the import again continues from there)", err)
	}
	return importer.Result{ImportResult: res, Format: "crawl"}, nil
}

// crawlStatus is one line of a crawl's progress.
func crawlStatus(p crawl.Progress) string {
	if p.Importing {
		return fmt.Sprintf("importing the pages fetched (%d fetched, %d unchanged)", p.Fetched, p.NotModified)
	}
	return fmt.Sprintf("%d fetched (%d unchanged), %d queued, %d failed, %.1f pages/s",
		p.Fetched, p.NotModified, p.Queued, p.Failed, p.Rate)
}
