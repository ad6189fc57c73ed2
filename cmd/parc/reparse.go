package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/importer"
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
			lang, err := langOption(c)
			if err != nil {
				return err
			}
			store, site, err := openSiteStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			if n, err := store.CountFetched(c.Context, site); err != nil {
				return err
			} else if n == 0 && !c.Bool("json") {
				fmt.Fprintln(c.App.Writer, "nothing to reparse: the archive keeps no crawled pages"+
					" (only a crawl, parc import URL, stores the pages it fetched; a folder of saved pages is imported again with parc import DIR)")
				return nil
			}
			res, err := importer.Reparse(c.Context, store, site, importer.Options{})
			if err != nil {
				return err
			}
			if err := indexImported(c, store, lang); err != nil {
				return err
			}
			printImport(c, *res)
			return nil
		},
	}
}
