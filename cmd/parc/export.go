package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/jsonl"
	"github.com/parc-archive/parc/export/static"
	"github.com/parc-archive/parc/export/wxr"
)

func exportCommand() *cli.Command {
	const privacy = `Without --private the export holds only what the site shows the public: no
drafts, private, scheduled or trashed items, no content, meta or comments of
password-protected posts and no passwords, no held, spam or trashed comments,
no emails or IPs (authors' and commenters'), no Akismet records.

FILE "-" writes to standard output. An existing FILE is replaced only when the
export is complete; an interrupted or failed export leaves it as it was.`
	return &cli.Command{
		Name:  "export",
		Usage: "give the archive back out: to a new WordPress (wxr), to scripts (json), as a static site (hugo, jekyll, static)",
		Action: func(c *cli.Context) error {
			return usagef("export needs a format, wxr, json, hugo, jekyll or static, then FILE or DIR (see 'parc export --help')")
		},
		Subcommands: append([]*cli.Command{
			withMediaBaseURL(exportSubcommand("wxr", "write one site as a WordPress export (WXR 1.2) that WordPress's importer reads",
				`Writes the site's authors, categories, tags and other terms, and every item
(posts, pages, attachments, menu items, reusable blocks, custom types) with
all its fields, meta and comments, as WordPress's Tools > Export does. Raw
content goes out byte for byte; a blog known only from its pages, feeds or
REST API exports the HTML it served. A public export holds published posts,
pages, attachments and the published items of WordPress's own design types
(menus, reusable blocks, templates); plugins' own types only with --private.

`+privacy, func(ctx context.Context, store *archive.Store, w io.Writer, opts export.Options, progress func(export.Counts)) (export.Counts, error) {
					return wxr.Write(ctx, store, w, opts, progress)
				})),
			exportSubcommand("json", "write posts, pages and attachments as JSON Lines, each in the parc show --json shape",
				`One JSON object per line for every post, page and attachment of every site
(or of --site), each as parc show --json prints it, with its whole comment
tree.

`+privacy, func(ctx context.Context, store *archive.Store, w io.Writer, opts export.Options, progress func(export.Counts)) (export.Counts, error) {
					return jsonl.Write(ctx, store, w, opts, progress)
				}),
		}, exportSiteCommands()...),
	}
}

// exportSubcommand is one format of parc export.
func exportSubcommand(name, usage, description string, write exportFunc) *cli.Command {
	return &cli.Command{
		Name:        name,
		Usage:       usage,
		ArgsUsage:   "FILE",
		Description: description,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "site", Usage: "export the site at `URL`"},
			&cli.BoolFlag{Name: "private", Usage: "export everything the archive holds, private things included"},
			&cli.BoolFlag{Name: "json", Usage: "print a JSON summary: items, comments, authors, terms, bytes written"},
		},
		Action: func(c *cli.Context) error { return runExport(c, write) },
	}
}

// withMediaBaseURL gives the WXR export its --media-base-url flag.
func withMediaBaseURL(cmd *cli.Command) *cli.Command {
	cmd.Flags = append(cmd.Flags, &cli.StringFlag{Name: "media-base-url",
		Usage: "name each attachment whose file parc stores at `URL`, a parc serve of this archive, for the new WordPress to download it from"})
	return cmd
}

// exportFunc writes an export of store to w.
type exportFunc func(ctx context.Context, store *archive.Store, w io.Writer, opts export.Options, progress func(export.Counts)) (export.Counts, error)

// runExport writes an export to the FILE argument, atomically, showing
// progress on a terminal, then prints the summary and the warnings.
func runExport(c *cli.Context, write exportFunc) error {
	if c.NArg() != 1 {
		return usagef("export %s needs exactly one FILE (- for standard output) (see 'parc export %s --help')", c.Command.Name, c.Command.Name)
	}
	path := c.Args().First()
	opts := export.Options{Private: c.Bool("private")}
	if base := c.String("media-base-url"); base != "" { // only wxr has the flag
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usagef("--media-base-url %q is not an http(s) URL", base)
		}
		opts.MediaBaseURL = base
	}
	store, site, err := openSiteStore(c)
	if err != nil {
		return err
	}
	defer store.Close()
	opts.Site = site
	bar := newProgress(c.App.ErrWriter)
	var counts export.Counts
	err = export.WriteFile(path, c.App.Writer, func(w io.Writer) error {
		var err error
		counts, err = write(c.Context, store, w, opts, func(n export.Counts) {
			if n.Items%100 == 0 {
				bar.spin(fmt.Sprintf("%d items, %d comments, %.1f MB written", n.Items, n.Comments, float64(n.Bytes)/1e6))
			}
		})
		return err
	})
	bar.finish()
	if err != nil {
		return exportError(err)
	}
	for _, w := range counts.Warnings {
		fmt.Fprintf(c.App.ErrWriter, "parc: warning: %s\n", w)
	}
	summary := c.App.Writer
	if path == "-" {
		summary = c.App.ErrWriter
	}
	if c.Bool("json") {
		return printExportSummary(summary, counts)
	}
	if path != "-" {
		fmt.Fprintf(summary, "exported %s to %s (%s)\n", counted(countOf{counts.Items, "item", "items"}, commentCount(counts.Comments),
			authorCount(counts.Authors), termCount(counts.Terms)), path, plural(int(counts.Bytes), "byte", "bytes"))
	}
	return nil
}

// exportError makes a usage error of what an export refuses for the way
// it was asked: several sites and none named, a directory that holds
// something else, a base URL under another path.
func exportError(err error) error {
	if errors.Is(err, export.ErrSeveralSites) || errors.Is(err, export.ErrDirNotEmpty) || errors.Is(err, static.ErrOtherPath) {
		return usageError{err.Error()}
	}
	return err
}

// printExportSummary prints an export's --json summary, the stable
// contract: warnings are a list, empty when there are none.
func printExportSummary(w io.Writer, counts export.Counts) error {
	if counts.Warnings == nil {
		counts.Warnings = []string{}
	}
	return json.NewEncoder(w).Encode(counts)
}
