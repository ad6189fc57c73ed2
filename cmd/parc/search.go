package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/search"
)

func searchCommand() *cli.Command {
	return &cli.Command{
		Name:      "search",
		Usage:     "full-text search of the archive's public posts, pages and comments",
		ArgsUsage: "QUERY",
		Description: `QUERY is bleve's query-string syntax: words, "a phrase", +must, -not,
field:value (title:, content:), fuzzy~ and prefix*, plus these filters:
  author:NAME  tag:TAG  category:CATEGORY  site:URL  type:post|page|comment
  after:YYYY-MM-DD (that day on)  before:YYYY-MM-DD  year:YYYY
A - before a filter excludes what it matches. Title matches rank first.
A hyphenated word (post-credits, e-mail, 2012-01-03) finds its parts side
by side, as typed.
A wildcard or /regular expression/ must start with two plain letters, and
a query holds at most four of them and fuzzy words; a query that stands
for too many words of the index is refused (exit status 2). A search that
runs past --timeout is stopped (exit status 1).
Drafts, private, scheduled and password-protected posts and comments that
are not approved are never indexed.
While parc serve runs on the archive it holds the index, and parc search
asks it for the results instead.

Hits are grouped by post: each post once, ranked by its best hit, with
its best-matching comments under it and how many more match; --limit and
--offset count posts. --flat lists every hit apart, as ranked.

With --json each post is one line of {"site","kind","post_id","title",
"link","date","author","score","snippet","comments":[...],
"more_comments":N}, its hit's keys (kind "" and no snippet when only its
comments match), and in "comments" each comment hit's. With --flat each hit
is one line of {"site","kind","post_id","comment_id","title","link","date",
"author","score","snippet"}: title and link are the post's, also for a
comment; snippet is HTML, escaped text with <mark> around the matched
words. --facets adds a last line
{"facets":{"year":{},"author":{},"category":{},"tag":{}},"total":N}, N
counting hits.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print one JSON object per hit"},
			&cli.StringFlag{Name: "site", Usage: "only the site at `URL`"},
			&cli.IntFlag{Name: "limit", Value: search.DefaultLimit, Usage: "at most `N` hits"},
			&cli.IntFlag{Name: "offset", Usage: "skip the first `N` hits"},
			&cli.StringFlag{Name: "sort", Value: "relevance", Usage: "sort the hits in `ORDER`: relevance, date (oldest first) or -date (newest first)"},
			&cli.BoolFlag{Name: "facets", Usage: "count the hits by year, author, category and tag"},
			&cli.BoolFlag{Name: "flat", Usage: "list every hit apart, comments beside their posts, instead of each post once with its best comments"},
			&cli.DurationFlag{Name: "timeout", Value: search.DefaultTimeout, Usage: "stop a search that takes longer than `DURATION`"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("search needs a QUERY (see 'parc search --help')")
			}
			req := search.Request{
				Query: strings.Join(c.Args().Slice(), " "),
				Limit: c.Int("limit"), Offset: c.Int("offset"), Sort: c.String("sort"), Facets: c.Bool("facets"),
				Timeout: c.Duration("timeout"),
			}
			if !c.Bool("flat") {
				req.PerPost = commentsPerPost
			}
			if req.Timeout <= 0 {
				return usagef("--timeout must be more than 0")
			}
			if req.Limit < 1 || req.Limit > search.MaxLimit {
				return usagef("--limit must be between 1 and %d", search.MaxLimit)
			}
			if err := oneOf("sort", req.Sort, []string{"relevance", "date", "-date"}); err != nil {
				return err
			}
			store, site, err := openSiteStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			req.Site = site
			if n, err := store.CountPosts(c.Context); err != nil {
				return err
			} else if n == 0 {
				fmt.Fprintln(c.App.ErrWriter, "parc: the archive is empty: import a blog first (parc import FILE)")
				return nil
			}
			res, err := runSearch(c, store, req)
			if err != nil {
				return err
			}
			if c.Bool("json") {
				return printSearchJSON(c.App.Writer, res, req.Facets)
			}
			printSearchText(c.App.Writer, res, req, styled(c.App.Writer))
			return nil
		},
	}
}

// runSearch brings the index up to date with the archive and searches it.
func runSearch(c *cli.Context, store *archive.Store, req search.Request) (*search.Results, error) {
	if store.ReadOnly() {
		// An archive parc may not write is searched as its index stands.
		ix, err := search.OpenReadOnly(store.Dir(), search.Options{Store: store})
		if err != nil {
			return nil, err
		}
		defer ix.Close()
		return searchIndex(c, ix, req)
	}
	// A running parc serve holds the index: it answers the search.
	if res, err := searchLocalServer(c.Context, store.Dir(), req); !errors.Is(err, errNoLocalServer) {
		return res, asUsageError(err)
	}
	ix, err := search.Open(store.Dir(), search.Options{})
	if errors.Is(err, search.ErrLocked) {
		// The holder is a parc serve that did not answer, or an import of
		// files indexing as it stores.
		return nil, fmt.Errorf("%w, which does not answer searches: search again once its import ends, or search the site it serves", err)
	}
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	synced, err := ix.Sync(c.Context, store)
	printIndexNotes(c.App.ErrWriter, synced.Notes)
	if err != nil {
		return nil, err
	}
	return searchIndex(c, ix, req)
}

// searchIndex runs one search.
func searchIndex(c *cli.Context, ix *search.Index, req search.Request) (*search.Results, error) {
	res, err := ix.Search(c.Context, req)
	return res, asUsageError(err)
}

// asUsageError makes a query parc cannot take a usage error.
func asUsageError(err error) error {
	if errors.Is(err, search.ErrBadQuery) {
		return usagef("%v", err)
	}
	return err
}

// maxIndexNotes is how many of an indexing's notes a command prints; parc
// verify lists them all.
const maxIndexNotes = 20

// printIndexNotes reports the posts and comments the search index took
// only part of, or could not take.
func printIndexNotes(w io.Writer, notes []string) {
	for i, n := range notes {
		if i == maxIndexNotes {
			fmt.Fprintf(w, "parc: search index: … and %d more (parc verify lists them all)\n", len(notes)-maxIndexNotes)
			return
		}
		fmt.Fprintf(w, "parc: search index: %s\n", n)
	}
}

// styled reports whether output to w may use bold type: a terminal, unless
// NO_COLOR is set (no-color.org) or TERM is dumb.
func styled(w io.Writer) bool {
	return os.Getenv("NO_COLOR") == "" && isTerminal(w)
}

// searchHitJSON is the stable --json shape of one hit.
type searchHitJSON struct {
	Site      string  `json:"site"`
	Kind      string  `json:"kind"`
	PostID    int64   `json:"post_id"`
	CommentID *int64  `json:"comment_id,omitempty"`
	Title     string  `json:"title"`
	Link      string  `json:"link"`
	Date      *string `json:"date"`
	Author    string  `json:"author"`
	Score     float64 `json:"score"`
	Snippet   string  `json:"snippet"`
}

// searchGroupJSON is the stable --json shape of one post of a grouped
// search: its own hit's keys, and its comments'.
type searchGroupJSON struct {
	searchHitJSON
	Comments     []searchHitJSON `json:"comments"`
	MoreComments int             `json:"more_comments"`
}

func hitJSON(h search.Hit) searchHitJSON {
	out := searchHitJSON{
		Site: h.Site, Kind: h.Kind, PostID: h.PostID, Title: h.Title, Link: h.Link,
		Author: h.Author, Score: h.Score, Snippet: h.Snippet,
	}
	if h.Kind == search.KindComment {
		id := h.CommentID
		out.CommentID = &id
	}
	if !h.Date.IsZero() {
		d := h.Date.Format(time.RFC3339)
		out.Date = &d
	}
	return out
}

func groupJSON(g search.Group) searchGroupJSON {
	out := searchGroupJSON{searchHitJSON: hitJSON(g.Head()), Comments: []searchHitJSON{}, MoreComments: g.MoreComments}
	for _, c := range g.Comments {
		out.Comments = append(out.Comments, hitJSON(c))
	}
	return out
}

func printSearchJSON(w io.Writer, res *search.Results, facets bool) error {
	enc := json.NewEncoder(w)
	for _, h := range res.Hits {
		if err := enc.Encode(hitJSON(h)); err != nil {
			return err
		}
	}
	for _, g := range res.Groups {
		if err := enc.Encode(groupJSON(g)); err != nil {
			return err
		}
	}
	if !facets {
		return nil
	}
	counts := map[string]map[string]int{}
	for _, name := range search.FacetNames() {
		counts[name] = res.Facets[name]
		if counts[name] == nil {
			counts[name] = map[string]int{}
		}
	}
	return enc.Encode(struct {
		Facets map[string]map[string]int `json:"facets"`
		Total  uint64                    `json:"total"`
	}{counts, res.Total})
}

// commentsPerPost is how many of a post's matching comments a grouped
// search shows.
const commentsPerPost = 3

func printSearchText(w io.Writer, res *search.Results, req search.Request, terminal bool) {
	if req.PerPost > 0 {
		printGroupsText(w, res, req, terminal)
		return
	}
	if len(res.Hits) == 0 {
		if res.Total > 0 {
			fmt.Fprintf(w, "no more results for %q: there are %d\n", req.Query, res.Total)
		} else {
			fmt.Fprintf(w, "no results for %q\n", req.Query)
		}
		return
	}
	for i, h := range res.Hits {
		if i > 0 {
			fmt.Fprintln(w)
		}
		printHitText(w, h, terminal)
	}
	printCount(w, req.Offset, len(res.Hits), res.Total, "result", "results")
	printFacetsText(w, res, req)
}

func printGroupsText(w io.Writer, res *search.Results, req search.Request, terminal bool) {
	if len(res.Groups) == 0 {
		if res.Posts > 0 {
			fmt.Fprintf(w, "no more results for %q: they are in %s\n", req.Query, plural(res.Posts, "post", "posts"))
		} else {
			fmt.Fprintf(w, "no results for %q\n", req.Query)
		}
		return
	}
	for i, g := range res.Groups {
		if i > 0 {
			fmt.Fprintln(w)
		}
		printHitText(w, g.Head(), terminal)
		for _, c := range g.Comments {
			line := "Comment by " + c.Author
			if !c.Date.IsZero() {
				line += ", " + c.Date.Format("2006-01-02")
			}
			fmt.Fprintf(w, "  %s: %s\n", line, snippetText(c.Snippet, terminal))
		}
		if g.MoreComments > 0 {
			fmt.Fprintf(w, "  … and %s\n", plural(g.MoreComments, "more matching comment", "more matching comments"))
		}
	}
	printCount(w, req.Offset, len(res.Groups), uint64(res.Posts), "post", "posts")
	printFacetsText(w, res, req)
}

// printHitText prints one hit: a comment by its post's title.
func printHitText(w io.Writer, h search.Hit, terminal bool) {
	title := cmp.Or(h.Title, "(no title)")
	if h.Kind == search.KindComment {
		fmt.Fprintf(w, "Comment by %s on %q\n", h.Author, title)
	} else {
		fmt.Fprintln(w, title)
	}
	var line []string
	if !h.Date.IsZero() {
		line = append(line, h.Date.Format("2006-01-02"))
	}
	if h.Kind != search.KindComment && h.Author != "" {
		line = append(line, h.Author)
	}
	line = append(line, h.Link)
	fmt.Fprintf(w, "  %s\n", strings.Join(line, "  "))
	if h.Snippet != "" {
		fmt.Fprintf(w, "  %s\n", snippetText(h.Snippet, terminal))
	}
}

// printCount says which of total things a page showed, and how to see more.
func printCount(w io.Writer, offset, shown int, total uint64, one, many string) {
	first, last := offset+1, offset+shown
	switch {
	case total == 1:
		fmt.Fprintf(w, "\n1 %s", one)
	case first == last:
		fmt.Fprintf(w, "\n%d of %d %s", first, total, many)
	default:
		fmt.Fprintf(w, "\n%d–%d of %d %s", first, last, total, many)
	}
	if next := uint64(last); next < total {
		fmt.Fprintf(w, " (--offset %d for more)", next)
	}
	fmt.Fprintln(w)
}

func printFacetsText(w io.Writer, res *search.Results, req search.Request) {
	if req.Facets {
		for _, name := range search.FacetNames() {
			var parts []string
			for _, v := range search.FacetValues(res.Facets[name]) {
				parts = append(parts, fmt.Sprintf("%s (%d)", v, res.Facets[name][v]))
			}
			if len(parts) > 0 {
				fmt.Fprintf(w, "%s: %s\n", name, strings.Join(parts, ", "))
			}
		}
	}
}

// snippetText turns a snippet's HTML into text, with the matched words in
// bold when styled.
func snippetText(snippet string, bold bool) string {
	on, off := "", ""
	if bold {
		on, off = "\x1b[1m", "\x1b[0m"
	}
	snippet = strings.NewReplacer("<mark>", on, "</mark>", off).Replace(snippet)
	return strings.Join(strings.Fields(html.UnescapeString(snippet)), " ")
}
