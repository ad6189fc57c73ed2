package main

import (
	"encoding/json"
	"fmt"

	"github.com/parc-archive/parc/archive"
	"github.com/urfave/cli/v2"
)

func sitesCommand() *cli.Command {
	return &cli.Command{
		Name:  "sites",
		Usage: "list the sites in the archive with their counts",
		Description: `Counts what readers may see (published posts and pages, password-protected
   titles included, and the approved comments shown under them) apart from what
   only the archive keeps (drafts, private, scheduled and trashed items, held and
   spam comments, comments of password-protected posts).

   --json keys: url, title; posts and pages of any status; comments approved;
   public_posts, public_pages, public_comments what readers may see.`,
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print one JSON object per site"}},
		Action: func(c *cli.Context) error {
			store, err := openExistingStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			sites, err := store.SiteSummaries(c.Context)
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
						URL            string `json:"url"`
						Title          string `json:"title"`
						Posts          int    `json:"posts"`
						Pages          int    `json:"pages"`
						Comments       int    `json:"comments"`
						PublicPosts    int    `json:"public_posts"`
						PublicPages    int    `json:"public_pages"`
						PublicComments int    `json:"public_comments"`
					}{s.URL, s.Title, s.Posts, s.Pages, s.Comments, s.PublicPosts, s.PublicPages, s.PublicComments})
					continue
				}
				fmt.Fprintf(out, "%s  %q  %s\n", s.URL, s.Title, siteCounts(s))
			}
			return nil
		},
	}
}

// siteCounts says what readers may see of a site and what only the
// archive keeps, each by name.
func siteCounts(s archive.SiteSummary) string {
	line := counted(postCount(s.PublicPosts), pageCount(s.PublicPages), commentCount(s.PublicComments)) + " public"
	var private []countOf
	if n := s.Posts - s.PublicPosts; n > 0 {
		private = append(private, postCount(n))
	}
	if n := s.Pages - s.PublicPages; n > 0 {
		private = append(private, pageCount(n))
	}
	if n := s.AllComments - s.PublicComments; n > 0 {
		private = append(private, commentCount(n))
	}
	if len(private) > 0 {
		line += "; " + counted(private...) + " private (unpublished, held, or under protected posts)"
	}
	return line
}
