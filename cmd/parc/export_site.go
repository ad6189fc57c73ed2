package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/hugo"
	"github.com/parc-archive/parc/export/jekyll"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/export/static"
)

// siteExportFunc writes a site of the archive into a directory.
type siteExportFunc func(ctx context.Context, src sitegen.Source, dir string, opts sitegen.Options, progress func(export.Counts)) (export.Counts, error)

const siteExportDir = `DIR must be missing, empty, or a previous export by parc (it holds a
.parc-export file), which is replaced only when the new export is complete.
The old query-string links (?p=N, ?page_id=N, ?cat=N, ?feed=…) and paged
comments (/comment-page-N/) are written as redirect maps for Netlify-style
hosts (_redirects), Apache (.htaccess) and nginx (nginx-redirects.conf).`

const siteExportPrivacy = `Without --private only public posts and pages go out, with their approved
comments; with it, drafts, private posts and every comment too (marked with
their status). Commenters' emails and IPs never go into a site.`

func exportSiteCommands() []*cli.Command {
	return []*cli.Command{
		exportSiteSubcommand("hugo", "write one site as a Hugo site, comments and old links kept", `Writes config.json, layouts and one Markdown file per post and page:
front matter (title, date, lastmod, slug, url at the original path,
aliases for its other old paths, author, categories, tags, summary,
WordPress ID, the comment thread), then the body, with YouTube and Vimeo
embeds as Hugo's shortcodes; the layouts show each thread nested, each
comment with id="comment-N". Category, tag and author pages keep
WordPress's paths; a blog at a sub-path (/blog/) keeps its home there.
Build it with 'hugo' in DIR.

`+siteExportPrivacy+`

`+siteExportDir, true, hugo.Write),
		exportSiteSubcommand("jekyll", "write one site as a Jekyll site, comments and old links kept", `Writes _config.yml, layouts, _posts/YYYY-MM-DD-slug.md and pages with
permalink front matter (the comment thread in it) at the original paths,
a redirect page at each other old path and an Atom feed (feed.xml); the
layouts show each thread nested, each comment with id="comment-N". A blog
at a sub-path (/blog/) keeps its home there (baseurl). The site needs no
Jekyll plugin. Build it with 'jekyll build' in DIR.

`+siteExportPrivacy+`

`+siteExportDir, true, jekyll.Write),
		exportSiteSubcommand("static", "write the site parc serve shows as plain files for any web server", `Writes every page parc serve answers at its path as index.html (feeds as
index.xml), the sitemap, robots.txt and the stylesheet; search needs parc
serve and its page says so. Only what the site shows the public goes out.
Links are made absolute with --base-url, the host the copy is published at
(default: the site's own); the pages keep their paths (a blog at /blog/ is
written under blog/), so a base URL with another path is refused.

`+siteExportDir, false, static.Write),
	}
}

// exportSiteSubcommand is one static generator format of parc export.
func exportSiteSubcommand(name, usage, description string, private bool, write siteExportFunc) *cli.Command {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "site", Usage: "export the site at `URL` (needed when the archive holds several)"},
		&cli.StringFlag{Name: "base-url", Usage: "the `URL` the new site will be published at (default: the site's own)"},
		&cli.BoolFlag{Name: "json", Usage: "print a JSON summary: items, comments, authors, terms, bytes written"},
	}
	if private {
		flags = append(flags, &cli.BoolFlag{Name: "private", Usage: "export drafts, private posts and every comment too"})
	}
	return &cli.Command{
		Name: name, Usage: usage, ArgsUsage: "DIR", Description: description, Flags: flags,
		Action: func(c *cli.Context) error { return runSiteExport(c, write) },
	}
}

// runSiteExport writes an export into the DIR argument, showing progress
// on a terminal, then prints the summary.
func runSiteExport(c *cli.Context, write siteExportFunc) error {
	if c.NArg() != 1 {
		return usagef("export %s needs exactly one DIR (see 'parc export %s --help')", c.Command.Name, c.Command.Name)
	}
	dir := c.Args().First()
	opts := sitegen.Options{Options: export.Options{Private: c.Bool("private")}, BaseURL: c.String("base-url")}
	store, site, err := openSiteStore(c)
	if err != nil {
		return err
	}
	defer store.Close()
	opts.Site = site
	bar := newProgress(c.App.ErrWriter)
	counts, err := write(c.Context, store, dir, opts, func(n export.Counts) {
		if n.Items%50 == 0 {
			bar.spin(fmt.Sprintf("%d pages, %d comments written", n.Items, n.Comments))
		}
	})
	bar.finish()
	if err != nil {
		return exportError(err)
	}
	if c.Bool("json") {
		return printExportSummary(c.App.Writer, counts)
	}
	items := countOf{counts.Items, "post or page", "posts and pages"}
	if c.Command.Name == "static" {
		items = countOf{counts.Items, "file", "files"}
	}
	fmt.Fprintf(c.App.Writer, "exported %s to %s\n", counted(items, commentCount(counts.Comments)), dir)
	return nil
}
