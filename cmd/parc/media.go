package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/dustin/go-humanize"
	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/wayback"
	"github.com/parc-archive/parc/media"
)

func mediaCommand() *cli.Command {
	return &cli.Command{
		Name:  "media",
		Usage: "rescue the images, video, audio and documents the blog uses",
		Action: func(c *cli.Context) error {
			return usagef("media needs fetch or list (see 'parc media --help')")
		},
		Subcommands: []*cli.Command{
			{
				Name:  "fetch",
				Usage: "find every file the archived posts use and store those the archive lacks",
				Description: `Finds attachments and their resized copies, featured images, and every file
content and comments name (img src, srcset, lazy-loading attributes, links
to uploads, CSS url(), gallery, audio, video and playlist shortcodes, block
attributes), with their CDN and resized forms, and fetches each from the
blog's own hosts and the WordPress CDNs it uses, politely (robots.txt,
--concurrency, --delay, retries). Files are stored once by their SHA-256
whatever URLs name them; a file already stored is never asked for again,
and an interrupted fetch continues when run again. parc serve then serves
them at their old paths.`,
				Flags: append(append(politenessFlags(), mediaFetchFlags()...),
					&cli.BoolFlag{Name: "wayback", Usage: "ask a web archive for the files the blog's hosts no longer give"},
					&cli.StringFlag{Name: "wayback-url", Value: wayback.DefaultURL, Usage: "the web archive's `URL`: any that speaks the Wayback Machine's API"},
					&cli.StringFlag{Name: "site", Usage: "only the media of the site at `URL`"},
					&cli.BoolFlag{Name: "json", Usage: "print the result as JSON"},
				),
				Action: func(c *cli.Context) error {
					opts, err := mediaOptions(c)
					if err != nil {
						return err
					}
					store, site, err := openSiteStore(c)
					if err != nil {
						return err
					}
					defer store.Close()
					opts.Site = site
					res, err := fetchMedia(c, store, opts)
					printMediaResult(c.App.Writer, res, c.Bool("json"))
					return err
				},
			},
			{
				Name:  "list",
				Usage: "list the files the blog uses and what parc holds of each",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "site", Usage: "only the media of the site at `URL`"},
					&cli.BoolFlag{Name: "missing", Usage: "only files not stored"},
					&cli.BoolFlag{Name: "json", Usage: "one JSON object a line: url, status, sha256, bytes, type, error, posts"},
				},
				Action: func(c *cli.Context) error {
					store, site, err := openSiteStore(c)
					if err != nil {
						return err
					}
					defer store.Close()
					files, err := store.Media(c.Context, site)
					if err != nil {
						return err
					}
					return printMediaList(c.App.Writer, files, c.Bool("missing"), c.Bool("json"))
				},
			},
		},
	}
}

// mediaFetchFlags are the flags of a media fetch, in parc media fetch and
// parc import --media.
func mediaFetchFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "max-size", Value: humanize.IBytes(media.DefaultMaxSize), Usage: "store no media file larger than `SIZE` (e.g. 50MiB)"},
	}
}

// mediaOptions are the options the flags give; --concurrency, --delay and
// --max-failures are the crawler's, --wayback and --wayback-url the web
// archive import's (parc import --wayback --media asks the same archive).
func mediaOptions(c *cli.Context) (media.Options, error) {
	fetchOpts, err := fetchOptions(c)
	if err != nil {
		return media.Options{}, err
	}
	size, err := humanize.ParseBytes(c.String("max-size"))
	if err != nil || size == 0 {
		return media.Options{}, usagef("--max-size %q is not a size (e.g. 50MiB)", c.String("max-size"))
	}
	if c.Int("max-failures") < 1 {
		return media.Options{}, usagef("--max-failures must be at least 1")
	}
	opts := media.Options{Fetch: fetchOpts, MaxFailures: c.Int("max-failures"), MaxSize: int64(size)}
	if c.Bool("wayback") {
		opts.Archive = c.String("wayback-url")
	}
	return opts, nil
}

// fetchMedia runs a media fetch with a progress line on a terminal.
func fetchMedia(c *cli.Context, store *archive.Store, opts media.Options) (media.Result, error) {
	progress := newProgress(c.App.ErrWriter)
	opts.Report = progress.spin
	defer progress.finish()
	return media.Fetch(c.Context, store, opts)
}

func printMediaResult(w io.Writer, res media.Result, asJSON bool) {
	if asJSON {
		json.NewEncoder(w).Encode(res)
		return
	}
	fmt.Fprintf(w, "media: %s used (%d new), %d stored now (%s), %d missing, %d failed (run again to retry them)\n",
		plural(res.Found, "file", "files"), res.New, res.Stored, humanize.IBytes(uint64(res.Bytes)), res.Missing, res.Failed)
}

// mediaJSON is the stable --json shape of one file of parc media list.
type mediaJSON struct {
	URL    string  `json:"url"`
	Status string  `json:"status"`
	SHA256 string  `json:"sha256"`
	Bytes  int64   `json:"bytes"`
	Type   string  `json:"type"`
	Error  string  `json:"error"`
	Posts  []int64 `json:"posts"`
}

func printMediaList(w io.Writer, files []archive.MediaFile, missingOnly, asJSON bool) error {
	enc := json.NewEncoder(w)
	for _, f := range files {
		if missingOnly && f.Status == archive.MediaStored {
			continue
		}
		if asJSON {
			if err := enc.Encode(mediaJSON{URL: f.URL, Status: f.Status, SHA256: f.SHA256, Bytes: f.Bytes, Type: f.Type, Error: f.Error, Posts: f.Posts}); err != nil {
				return err
			}
			continue
		}
		line := fmt.Sprintf("%-7s %s", f.Status, f.URL)
		switch {
		case f.Status == archive.MediaStored:
			line += fmt.Sprintf("  %s %s", f.Type, humanize.IBytes(uint64(f.Bytes)))
		case f.Error != "":
			line += "  " + f.Error
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}
