package main

import (
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"
)

func sitesCommand() *cli.Command {
	return &cli.Command{
		Name:  "sites",
		Usage: "list the sites in the archive with their counts",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print one JSON object per site"}},
		Action: func(c *cli.Context) error {
			store, err := openExistingStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			sites, err := store.Sites(c.Context)
			if err != nil {
				return err
			}
			out := c.App.Writer
			if !c.Bool("json") && len(sites) == 0 {
				fmt.Fprintln(out, "the archive holds no sites yet: parc import FILE")
			}
			for _, s := range sites {
				if c.Bool("json") {
					json.NewEncoder(out).Encode(struct {
						URL      string `json:"url"`
						Title    string `json:"title"`
						Posts    int    `json:"posts"`
						Pages    int    `json:"pages"`
						Comments int    `json:"comments"`
					}{s.URL, s.Title, s.Posts, s.Pages, s.Comments})
					continue
				}
				fmt.Fprintf(out, "%s  %q  %s\n", s.URL, s.Title, counted(postCount(s.Posts), pageCount(s.Pages), commentCount(s.Comments)))
			}
			return nil
		},
	}
}
