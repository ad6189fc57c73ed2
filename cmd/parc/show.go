package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/jsonl"
	"github.com/parc-archive/parc/locale"
	"github.com/parc-archive/parc/render"
)

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "show a post and its comment thread",
		ArgsUsage: "ID|SLUG|URL",
		Description: `Without --private, drafts and other private items are refused, the content of
password-protected posts is withheld, comments held for moderation, spam and
trash are left out, and commenters' emails and IPs are not printed.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print the post as one JSON object"},
			&cli.StringFlag{Name: "site", Usage: "look only in the site at `URL`"},
			&cli.BoolFlag{Name: "private", Usage: "show everything the archive holds"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("show needs exactly one ID, SLUG or URL (see 'parc show --help')")
			}
			ref := c.Args().First()
			store, site, err := openSiteStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			keys, err := store.FindPosts(c.Context, ref, site)
			if err != nil {
				return err
			}
			if len(keys) == 0 {
				return fmt.Errorf("no post %q in the archive (parc posts lists them)", ref)
			}
			post, err := store.Post(c.Context, keys[0])
			if err != nil {
				return err
			}
			private := c.Bool("private")
			if !private && !post.Listed() {
				return fmt.Errorf("%s %d is %s: add --private to show it", post.Type, post.ID, post.Status)
			}
			if !private {
				export.Withhold(&post.Post)
			}
			author, err := archive.NewAuthorNames(store).Name(c.Context, post.Site, post.AuthorLogin)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return json.NewEncoder(c.App.Writer).Encode(jsonl.PostOf(post, private, author))
			}
			dates, err := siteLocale(c.Context, store, post.Site)
			if err != nil {
				return err
			}
			printPost(c.App.Writer, post, private, author, dates)
			if len(keys) > 1 {
				fmt.Fprintf(c.App.ErrWriter, "parc: %d items answer to %q; showing the first (narrow with --site or use the URL)\n", len(keys), ref)
			}
			return nil
		},
	}
}

// siteLocale is the language the site of siteURL is served in, which
// show writes the dates in: the site package's rule, the catalog's
// locale for the language the blog's sources named.
func siteLocale(ctx context.Context, store export.SiteLister, siteURL string) (*locale.Locale, error) {
	sites, err := export.Sites(ctx, store, siteURL)
	if err != nil {
		return nil, err
	}
	return locale.NewCatalog().For(sites[0].Language), nil
}

// shownDate is when a post or comment was made, as the site shows it in
// the blog's language ("March 18, 2023 at 1:15 pm", "18. März 2023 um
// 13:15"; English for a language parc has no words for); "" when
// unknown. --json gives the timestamps.
func shownDate(dates *locale.Locale, local, gmt time.Time) string {
	t, ok := archive.ShownTime(local, gmt)
	if !ok {
		return ""
	}
	return dates.DateTime(t)
}

// wrapParagraphs writes paragraphs with a blank line between them.
func wrapParagraphs(w io.Writer, paragraphs []string, indent string) {
	for i, p := range paragraphs {
		if i > 0 {
			fmt.Fprintln(w, strings.TrimRight(indent, " "))
		}
		wrap(w, p, indent)
	}
}

func printPost(w io.Writer, p *archive.StoredPost, private bool, author string, dates *locale.Locale) {
	title := cmp.Or(render.ShownTitle(p.Title), "(no title)")
	fmt.Fprintf(w, "%s\n%s\n", title, strings.Repeat("=", min(len([]rune(title)), 78)))
	fmt.Fprintf(w, "%s %d · %s", p.Type, p.ID, p.Status)
	if date := shownDate(dates, p.Date, p.DateGMT); date != "" {
		fmt.Fprintf(w, " · %s", date)
	}
	if author != "" {
		fmt.Fprintf(w, " · by %s", author)
	}
	fmt.Fprintln(w)
	if p.Link != "" {
		fmt.Fprintln(w, p.Link)
	}
	if p.AttachmentURL != "" {
		fmt.Fprintf(w, "file: %s\n", p.AttachmentURL)
	}
	cats, tags := p.TermNames()
	if len(cats) > 0 {
		fmt.Fprintf(w, "categories: %s\n", strings.Join(cats, ", "))
	}
	if len(tags) > 0 {
		fmt.Fprintf(w, "tags: %s\n", strings.Join(tags, ", "))
	}
	fmt.Fprintln(w)
	switch {
	case p.Password != "" && !private:
		fmt.Fprintln(w, "(password-protected: add --private to show the content)")
	default:
		if p.Password != "" {
			fmt.Fprintf(w, "(password: %s)\n\n", p.Password)
		}
		wrapParagraphs(w, render.Paragraphs(render.Shown(p.ContentRaw, p.ContentRendered)), "")
	}
	if p.Password != "" && !private {
		return
	}
	roots, problems := archive.Thread(p.Comments)
	fmt.Fprintf(w, "\n%s\n", plural(len(p.Comments), "comment", "comments"))
	for _, n := range roots {
		printComment(w, n, 0, private, dates)
	}
	for _, pr := range problems {
		fmt.Fprintf(w, "note: %s\n", pr)
	}
}

func printComment(w io.Writer, n *archive.Node, depth int, private bool, dates *locale.Locale) {
	c := n.Comment
	indent := strings.Repeat("    ", depth)
	fmt.Fprintf(w, "\n%s─ %s", indent, cmp.Or(c.Author, "(anonymous)"))
	if date := shownDate(dates, c.Date, c.DateGMT); date != "" {
		fmt.Fprintf(w, " · %s", date)
	}
	if c.Kind() != "comment" {
		fmt.Fprintf(w, " · %s", c.Kind())
	}
	if c.Status() != "approved" {
		fmt.Fprintf(w, " · %s", c.Status())
	}
	fmt.Fprintf(w, " · #%d\n", c.ID)
	if private && (c.AuthorEmail != "" || c.AuthorIP != "") {
		fmt.Fprintf(w, "%s  %s %s\n", indent, c.AuthorEmail, c.AuthorIP)
	}
	wrapParagraphs(w, render.Paragraphs(render.ShownComment(c.ContentRaw, c.ContentRendered)), indent+"  ")
	for _, r := range n.Replies {
		printComment(w, r, depth+1, private, dates)
	}
}

// textWidth is the columns `parc show` wraps text in.
const textWidth = 78

// wrap writes text in lines of at most textWidth columns, each with indent.
func wrap(w io.Writer, text, indent string) {
	line := indent
	for _, word := range strings.Fields(text) {
		if len([]rune(line))+1+len([]rune(word)) > textWidth && strings.TrimSpace(line) != "" {
			fmt.Fprintln(w, line)
			line = indent
		}
		if strings.TrimSpace(line) != "" {
			line += " "
		}
		line += word
	}
	if strings.TrimSpace(line) != "" {
		fmt.Fprintln(w, line)
	}
}
