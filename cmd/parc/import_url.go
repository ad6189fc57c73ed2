package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/crawl"
	"github.com/parc-archive/parc/importer/feed"
	"github.com/parc-archive/parc/importer/feedfetch"
	"github.com/parc-archive/parc/importer/rest"
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

// importURL imports a live site from one of its URLs. What the URL serves
// decides how: with --rest, or when the site advertises its REST API root,
// through the API; a feed is imported with its pages; anything else is
// crawled.
func importURL(c *cli.Context, store *archive.Store, rawURL string, progress *progress) (importer.Result, error) {
	fetchOpts, err := fetchOptions(c)
	if err != nil {
		return importer.Result{}, err
	}
	if fetchOpts.User, fetchOpts.Password, err = credentials(c); err != nil {
		return importer.Result{}, err
	}
	if c.Bool("rest") {
		return importREST(c, store, rawURL, fetchOpts, progress)
	}
	// One request tells a feed, or a site advertising /wp-json/, from pages
	// to crawl; when it fails, the crawler reports why. An interrupted crawl
	// of the URL is continued without it: that page was crawled already.
	unfinished, err := crawl.Unfinished(c.Context, store, rawURL)
	if err != nil {
		return importer.Result{}, err
	}
	if !unfinished {
		if resp, err := fetch.New(fetchOpts).Get(c.Context, rawURL, nil); err == nil {
			if feed.Sniff(resp.Body[:min(len(resp.Body), 64<<10)]) {
				return importFeed(c, store, rawURL, fetchOpts, progress)
			}
			if root := rest.AdvertisedRoot(resp); root != "" {
				return importREST(c, store, root, fetchOpts, progress)
			}
		}
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

// restFlags are the import command's flags for the REST API and feeds.
func restFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "rest", Usage: "import each URL's site through its WordPress REST API (/wp-json/), even if its pages do not advertise it"},
		&cli.StringFlag{Name: "user", Usage: "WordPress user `NAME` for an application password: the REST API then gives drafts, private posts, held comments and raw content"},
		&cli.PathFlag{Name: "password-file", Usage: "read the application password from `FILE` (never from the command line; it is neither logged nor stored)"},
		&cli.BoolFlag{Name: "follow-comments", Usage: "when importing a feed, also fetch each post's comment feed"},
	}
}

// credentials reads the application password --password-file names.
func credentials(c *cli.Context) (user, password string, err error) {
	user, file := c.String("user"), c.Path("password-file")
	if (user == "") != (file == "") {
		return "", "", usagef("--user and --password-file go together")
	}
	if file == "" {
		return "", "", nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return "", "", fmt.Errorf("reading the application password: %w", err)
	}
	// WordPress shows application passwords in groups separated by spaces,
	// which it accepts as they are; only the file's line end goes.
	password = strings.TrimSpace(string(data))
	if password == "" {
		return "", "", fmt.Errorf("the password file %s is empty", file)
	}
	return user, password, nil
}

func importREST(c *cli.Context, store *archive.Store, siteURL string, fetchOpts fetch.Options, progress *progress) (importer.Result, error) {
	res, err := rest.Import(c.Context, store, siteURL, rest.Options{
		Fetch: fetchOpts,
		Progress: func(p rest.Progress) {
			status := fmt.Sprintf("REST API: %s page %d", p.Endpoint, p.Page)
			if p.Pages > 0 {
				status += fmt.Sprintf(" of %d", p.Pages)
			}
			progress.spin(fmt.Sprintf("%s, %d items", status, p.Items), p.Items)
		},
	})
	progress.finish()
	if err != nil && !errors.Is(err, rest.ErrNoAPI) {
		err = fmt.Errorf("%w (parc keeps what it fetched; running the import again continues from there)", err)
	}
	if res == nil {
		return importer.Result{}, err
	}
	return importer.Result{ImportResult: res, Format: "rest"}, err
}

func importFeed(c *cli.Context, store *archive.Store, feedURL string, fetchOpts fetch.Options, progress *progress) (importer.Result, error) {
	res, err := feedfetch.Import(c.Context, store, feedURL, feedfetch.Options{
		Fetch:          fetchOpts,
		FollowComments: c.Bool("follow-comments"),
		Progress: func(p feedfetch.Progress) {
			progress.spin(fmt.Sprintf("feed: %d pages, %d items", p.Pages, p.Items), p.Items)
		},
	})
	progress.finish()
	if res == nil {
		return importer.Result{}, err
	}
	return importer.Result{ImportResult: res, Format: "feed"}, err
}

// crawlStatus is one line of a crawl's progress.
func crawlStatus(p crawl.Progress) string {
	if p.Importing {
		return fmt.Sprintf("importing the pages fetched (%d fetched, %d unchanged)", p.Fetched, p.NotModified)
	}
	return fmt.Sprintf("%d fetched (%d unchanged), %d queued, %d failed, %.1f pages/s",
		p.Fetched, p.NotModified, p.Queued, p.Failed, p.Rate)
}
