package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/internal/gctune"
	"github.com/parc-archive/parc/search"
)

func reindexCommand() *cli.Command {
	return &cli.Command{
		Name:  "reindex",
		Usage: "rebuild the search index from the archive",
		Description: `Builds a new index in a new directory and swaps it in atomically: searches
go on from the old index until then, and an interrupted rebuild leaves the
old one in use. A running parc serve switches to the new index by itself.`,
		Flags: []cli.Flag{langFlag()},
		Action: func(c *cli.Context) error {
			lang, err := langOption(c)
			if err != nil {
				return err
			}
			store, err := openExistingStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			gctune.ForRebuild()
			started := time.Now()
			synced, err := search.Rebuild(c.Context, store, store.Dir(), search.Options{Lang: lang})
			printIndexNotes(c.App.ErrWriter, synced.Notes)
			if err != nil {
				return err
			}
			n, err := store.CountSearchable(c.Context)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "search index rebuilt in %s: %s readers can see (password-protected, unpublished and held ones stay out of search)\n",
				time.Since(started).Round(time.Millisecond), counted(postCount(n.Posts), pageCount(n.Pages), commentCount(n.Comments)))
			return nil
		},
	}
}

func langFlag() cli.Flag {
	return &cli.StringFlag{
		Name:  "lang",
		Usage: "analyze text for search as `LANG` (" + strings.Join(search.Languages(), ", ") + "); default: the site's language",
	}
}

func langOption(c *cli.Context) (string, error) {
	lang := strings.ToLower(c.String("lang"))
	if lang == "" {
		return "", nil
	}
	return lang, oneOf("lang", lang, search.Languages())
}
