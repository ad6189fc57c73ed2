package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/crawl"
	"github.com/parc-archive/parc/importer/wayback"
)

// userAgent names parc and its version to the sites it fetches from.
const userAgent = "parc/" + version + " (+https://github.com/parc-archive/parc)"

// crawlFlags are the import command's flags for live sites.
func crawlFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.IntFlag{Name: "max-pages", Usage: "stop a crawl after `N` requests; running the import again continues it (0: no limit)"},
	}, politenessFlags()...)
}

// politenessFlags are how parc treats a live site, whatever it fetches
// from it: pages, its API, feeds, media.
func politenessFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "concurrency", Value: fetch.DefaultConcurrency, Usage: "at most `N` requests to a site at a time"},
		&cli.DurationFlag{Name: "delay", Value: fetch.DefaultDelay, Usage: "wait `DURATION` between two requests to a site (robots.txt's Crawl-delay, if longer, wins)"},
		&cli.IntFlag{Name: "max-failures", Value: crawl.DefaultMaxFailures, Usage: "give up on a page or file after `N` failed tries (each with its own retries) and report it"},
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

// importOptions are the import's options that the flags give.
func importOptions(c *cli.Context) (importer.Options, error) {
	fetchOpts, err := fetchOptions(c)
	if err != nil {
		return importer.Options{}, err
	}
	if fetchOpts.User, fetchOpts.Password, err = credentials(c); err != nil {
		return importer.Options{}, err
	}
	if c.Int("max-pages") < 0 || c.Int("max-failures") < 1 {
		return importer.Options{}, usagef("--max-pages cannot be negative and --max-failures must be at least 1")
	}
	mode := importer.ModeAuto
	switch {
	case c.Bool("rest") && c.Bool("crawl"):
		return importer.Options{}, usagef("--rest and --crawl exclude each other")
	case c.Bool("wayback") && (c.Bool("rest") || c.Bool("crawl")):
		return importer.Options{}, usagef("--wayback reads a web archive, never the site: it excludes --rest and --crawl")
	case c.Bool("wayback"):
		mode = importer.ModeWayback
	case c.Bool("rest"):
		mode = importer.ModeREST
	case c.Bool("crawl"):
		mode = importer.ModeCrawl
	}
	wayback, err := waybackOptions(c, &fetchOpts)
	if err != nil {
		return importer.Options{}, err
	}
	return importer.Options{Fetch: fetchOpts, Mode: mode, MaxPages: c.Int("max-pages"),
		MaxFailures: c.Int("max-failures"), FollowComments: c.Bool("follow-comments"), Wayback: wayback}, nil
}

// waybackFlags are the import command's flags for web archives.
func waybackFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "wayback", Usage: "import each SITE (a URL or host name) from a web archive's captures of it, never asking the site itself"},
		&cli.StringFlag{Name: "wayback-url", Value: wayback.DefaultURL, Usage: "the web archive's `URL`: any that speaks the Wayback Machine's CDX and replay API"},
		&cli.StringFlag{Name: "from", Usage: "with --wayback, only captures taken from `DATE` (YYYY, YYYYMM, ... up to YYYYMMDDhhmmss)"},
		&cli.StringFlag{Name: "to", Usage: "with --wayback, only captures taken until `DATE` (YYYY, YYYYMM, ... up to YYYYMMDDhhmmss)"},
	}
}

// waybackOptions are the web archive the flags name; the archive is asked
// about once a second unless --delay says otherwise.
func waybackOptions(c *cli.Context, fetchOpts *fetch.Options) (importer.Wayback, error) {
	w := importer.Wayback{URL: c.String("wayback-url"), From: c.String("from"), To: c.String("to")}
	if !c.Bool("wayback") {
		if c.IsSet("from") || c.IsSet("to") || c.IsSet("wayback-url") {
			return w, usagef("--wayback-url, --from and --to go with --wayback")
		}
		return w, nil
	}
	for _, ts := range []string{w.From, w.To} {
		if ts != "" && !wayback.ValidTimestamp(ts) {
			return w, usagef("%q is not a capture date: YYYY, YYYYMM, ... up to YYYYMMDDhhmmss", ts)
		}
	}
	if !c.IsSet("delay") {
		fetchOpts.Delay = wayback.DefaultDelay
	}
	return w, nil
}

// restFlags are the import command's flags for the REST API and feeds.
func restFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "rest", Usage: "import each URL's site through its WordPress REST API (/wp-json/), even if its pages do not advertise it"},
		&cli.BoolFlag{Name: "crawl", Usage: "import each URL's site by crawling its pages, even if it has a REST API or is a feed"},
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
