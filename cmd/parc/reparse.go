package main

import (
	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/crawl"
)

func reparseCommand() *cli.Command {
	return &cli.Command{
		Name:  "reparse",
		Usage: "rebuild posts and comments from the pages crawls stored, without fetching",
		Description: `A crawl keeps every page it fetched. After a parc upgrade with a better
page parser, reparse reads them again and merges what it finds, as an
import would; nothing is fetched.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "site", Usage: "only the pages of the site at `URL` (default: every site)"},
			&cli.BoolFlag{Name: "json", Usage: "print the result as JSON"},
			langFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("reparse takes no arguments (name a site with --site)")
			}
			lang, err := langOption(c)
			if err != nil {
				return err
			}
			store, err := openExistingStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			res, err := crawl.Reparse(c.Context, store, c.String("site"))
			if err != nil {
				return err
			}
			if err := indexImported(c, store, lang); err != nil {
				return err
			}
			r := importer.Result{ImportResult: res, Format: "reparse"}
			if c.Bool("json") {
				printImportJSON(c.App.Writer, r)
			} else {
				printImportText(c.App.Writer, r)
			}
			return nil
		},
	}
}
