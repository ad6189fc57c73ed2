package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export/jsonl"
	"github.com/parc-archive/parc/render"
)

func postsCommand() *cli.Command {
	return &cli.Command{
		Name:  "posts",
		Usage: "list posts, newest first, one line each",
		Description: `Without --private only what readers may see is listed: published items
and the titles of password-protected ones. --private lists drafts, pending,
private, scheduled and trashed items too.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print one JSON object per post"},
			&cli.StringFlag{Name: "site", Usage: "only the site at `URL`"},
			&cli.StringFlag{Name: "type", Value: "post", Usage: "post, page, attachment, any, or a custom `TYPE`"},
			&cli.StringFlag{Name: "status", Value: "any", Usage: "only posts whose `STATUS` is publish, draft, pending, private, future, trash, inherit, auto-draft or any"},
			&cli.StringFlag{Name: "author", Usage: "only posts by `LOGIN` (or display name)"},
			&cli.StringFlag{Name: "category", Usage: "only posts in `CATEGORY` (slug or name)"},
			&cli.StringFlag{Name: "tag", Usage: "only posts tagged `TAG` (slug or name)"},
			&cli.StringFlag{Name: "since", Usage: "only posts published on or after `DATE` (YYYY-MM-DD)"},
			&cli.StringFlag{Name: "until", Usage: "only posts published before `DATE` (YYYY-MM-DD)"},
			&cli.IntFlag{Name: "limit", Usage: "at most `N` posts (0: all)"},
			&cli.BoolFlag{Name: "private", Usage: "include drafts and other items readers cannot see"},
		},
		Action: func(c *cli.Context) error {
			f := archive.PostFilter{
				Site: c.String("site"), Type: c.String("type"), Status: c.String("status"),
				Author: c.String("author"), Category: c.String("category"), Tag: c.String("tag"),
				Limit: c.Int("limit"),
			}
			var err error
			if f.Since, err = parseDay(c.String("since")); err != nil {
				return usagef("--since: %v", err)
			}
			if f.Until, err = parseDay(c.String("until")); err != nil {
				return usagef("--until: %v", err)
			}
			if err := oneOf("status", f.Status, postStatuses); err != nil {
				return err
			}
			if !c.Bool("private") {
				if f.Status != "any" && f.Status != "publish" && f.Status != "inherit" {
					return usagef("%s items are private: add --private to list them", f.Status)
				}
				f.Public = true
			}
			store, site, err := openSiteStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			f.Site = site
			if err := checkPostType(c.Context, store, f.Type); err != nil {
				return err
			}
			posts, err := store.Posts(c.Context, f)
			if err != nil {
				return err
			}
			out := c.App.Writer
			if !c.Bool("json") && len(posts) == 0 {
				fmt.Fprintln(out, "no posts match")
			}
			names := archive.NewAuthorNames(store)
			for i := range posts {
				author, err := names.Name(c.Context, posts[i].Site, posts[i].AuthorLogin)
				if err != nil {
					return err
				}
				if c.Bool("json") {
					json.NewEncoder(out).Encode(jsonl.ListingOf(&posts[i], author))
				} else {
					printPostLine(out, &posts[i], author)
				}
			}
			return nil
		},
	}
}

// checkPostType accepts the usual post types and any the archive holds.
func checkPostType(ctx context.Context, store *archive.Store, typ string) error {
	held, err := store.PostTypes(ctx)
	if err != nil {
		return err
	}
	valid := []string{"any", "post", "page", "attachment"}
	for _, t := range held {
		if !slices.Contains(valid, t) {
			valid = append(valid, t)
		}
	}
	return oneOf("type", typ, valid)
}

func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse("2006-01-02", s)
}

func printPostLine(w io.Writer, p *archive.PostSummary, author string) {
	day := "          "
	if t := cmp.Or(p.Date, p.DateGMT); !t.IsZero() {
		day = t.Format("2006-01-02")
	}
	title := cmp.Or(render.ShownTitle(p.Title), "(no title)")
	flags := ""
	if p.Status != "publish" {
		flags += " [" + p.Status + "]"
	}
	if p.Password != "" {
		flags += " [password]"
	}
	if p.Sticky {
		flags += " [sticky]"
	}
	by := ""
	if author != "" {
		by = " by " + author
	}
	fmt.Fprintf(w, "%6d  %s  %s%s%s  (%s)\n", p.ID, day, title, flags, by, plural(p.CommentCount, "comment", "comments"))
}
