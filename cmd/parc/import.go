package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/warc"
	"github.com/parc-archive/parc/search"
)

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "import WordPress exports (WXR), feeds, Blogger exports or saved pages into the archive",
		ArgsUsage: "PATH|URL...",
		Description: `Each PATH is a file or a directory; the format is detected from the content.
An http(s) URL is read as what it serves: a feed with all its pages
(--follow-comments adds each post's comment feed); a site whose pages
advertise its WordPress REST API through the API, asked on the host you
named (--user and --password-file give an application password for drafts,
private posts and held comments); any other site, or one whose API does not
answer, by a polite crawl of its pages (see --max-pages, --concurrency,
--delay, --max-failures). --rest and --crawl choose the way. An interrupted
crawl or REST import continues when run again, and a later one fetches only
what changed. A WARC or WACZ file (or a folder of them) is read as the
captures of a blog, merged: the newest capture's text wins and each
thread is the union of the comments the captures show. With --wayback each
argument is a site that is gone, read from a web archive's captures of it
(--wayback-url, --from, --to); the site itself is never asked.
A source that fails is named and skipped; the others import, and the
command then exits with status 1. Importing the same source again changes
nothing; a newer export of the same site updates what changed. On a
terminal a progress bar shows on stderr.`,
		Flags: append(append([]cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print one JSON object per source"},
			&cli.BoolFlag{Name: "media", Usage: "then fetch the images and other files the imported sites use (see parc media fetch)"},
			&cli.PathFlag{Name: "warc", Usage: "also write every response a crawl receives to the WARC `FILE` (gzipped record by record)"},
			langFlag(),
		}, append(append(crawlFlags(), restFlags()...), waybackFlags()...)...), mediaFetchFlags()...),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("import needs at least one PATH or URL (see 'parc import --help')")
			}
			lang, err := langOption(c)
			if err != nil {
				return err
			}
			opts, err := importOptions(c)
			if err != nil {
				return err
			}
			undo := newArchiveUndo(c.String("archive"))
			store, err := openStore(c)
			if err != nil {
				return err
			}
			err = importInto(c, store, opts, lang)
			holdsNothing := err != nil && isEmpty(c.Context, store)
			store.Close()
			if holdsNothing {
				// a failed first import leaves no empty archive behind
				if uerr := undo(); uerr != nil {
					return fmt.Errorf("%w (and the empty archive could not be removed: %v)", err, uerr)
				}
			}
			return err
		},
	}
}

// importInto imports the command's sources into store, indexes them and
// prints what each did.
func importInto(c *cli.Context, store *archive.Store, opts importer.Options, lang string) error {
	var record *warc.Writer
	if path := c.Path("warc"); path != "" {
		var err error
		if record, err = warc.Create(path, userAgent); err != nil {
			return err
		}
		opts.Record = record
	}
	progress := newProgress(c.App.ErrWriter)
	opts.Progress = progress.update
	indexing := startIndexing(c, store, lang, importer.Local(c.Args().Slice(), opts))
	results, err := importer.Import(c.Context, store, c.Args().Slice(), opts)
	if record != nil {
		// What was fetched is written even when the import failed.
		if werr := record.Close(); err == nil {
			err = werr
		}
	}
	progress.finish()
	progress.spin("indexing for search")
	ierr := indexing.finish(c, store)
	progress.finish()
	if err == nil {
		err = ierr
	}
	for _, r := range results {
		printImport(c, r)
	}
	if c.Bool("media") {
		if merr := importMedia(c, store, results); err == nil {
			err = merr
		}
	}
	return err
}

// isEmpty reports whether the archive holds no site and no post.
func isEmpty(ctx context.Context, store *archive.Store) bool {
	sites, err := store.Sites(ctx)
	if err != nil || len(sites) > 0 {
		return false
	}
	n, err := store.CountPosts(ctx)
	return err == nil && n == 0
}

// importMedia fetches the media of each site the import read.
func importMedia(c *cli.Context, store *archive.Store, results []importer.Result) error {
	opts, err := mediaOptions(c)
	if err != nil {
		return err
	}
	// A site read from a web archive is gone: its files come from there too.
	opts.ArchiveOnly = c.Bool("wayback")
	done := map[string]bool{}
	for _, r := range results {
		if r.Site == "" || done[r.Site] {
			continue
		}
		done[r.Site] = true
		opts.Site = r.Site
		res, err := fetchMedia(c, store, opts)
		if c.Bool("json") {
			printMediaResult(c.App.Writer, res, true)
		} else {
			fmt.Fprintf(c.App.Writer, "%s: ", r.Site)
			printMediaResult(c.App.Writer, res, false)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// printImport prints what one source did, as JSON with --json.
func printImport(c *cli.Context, r importer.Result) {
	if c.Bool("json") {
		printImportJSON(c.App.Writer, r)
	} else {
		printImportText(c.App.Writer, r)
	}
}

// indexImported brings the search index up to date with what a command
// wrote to the archive.
func indexImported(c *cli.Context, store *archive.Store, lang string) error {
	return startIndexing(c, store, lang, false).finish(c, store)
}

// catchUpPause is how long indexing alongside an import waits when the
// import has written nothing new since its last round.
const catchUpPause = 250 * time.Millisecond

// importIndexing brings the search index up to date with an import. For
// an import of files it indexes while the import writes: round after
// round, each taking in what the import stored since the last, so that
// the index is built beside the archive rather than after it, and the
// import is searchable soon after its last record is stored. The index
// is held all that time, so an import of a site — polite fetching that
// may take hours, during which parc search and parc serve use the index
// — is indexed once it has fetched everything.
type importIndexing struct {
	lang     string
	ix       *search.Index // nil until opened: at the start for rounds, else at the end
	imported chan struct{} // closed when the import has written all it will
	done     chan struct{} // closed when the rounds have stopped
	notes    []string
}

// startIndexing starts indexing alongside the import when alongside is
// set and the index can be had; otherwise the import is indexed at its
// end (finish says why it cannot be).
func startIndexing(c *cli.Context, store *archive.Store, lang string, alongside bool) *importIndexing {
	x := &importIndexing{lang: lang, imported: make(chan struct{}), done: make(chan struct{})}
	if alongside {
		// A held index is not waited for here: finish asks again.
		x.ix, _ = search.Open(store.Dir(), search.Options{Lang: lang, LockTimeout: 100 * time.Millisecond})
	}
	if x.ix == nil {
		close(x.done)
		return x
	}
	go x.rounds(c.Context, store)
	return x
}

// rounds catches the index up with the import until the import has
// written all it will, the context ends or a round fails (the final Sync
// tries again, and reports a failure).
func (x *importIndexing) rounds(ctx context.Context, store *archive.Store) {
	defer close(x.done)
	for {
		select {
		case <-x.imported:
			return
		default:
		}
		synced, err := x.ix.CatchUp(ctx, store)
		x.notes = append(x.notes, synced.Notes...)
		if err != nil {
			return
		}
		if synced.Indexed == 0 {
			select {
			case <-x.imported:
				return
			case <-ctx.Done():
				return
			case <-time.After(catchUpPause):
			}
		}
	}
}

// finish lets the round under way end, opens the index if no round had
// it, indexes what the import wrote since the last round (all of it when
// none ran), merges the index and closes it, and prints the notes of what
// the index took only in part or could not take. When another process
// holds the index it says so: that process indexes the import.
func (x *importIndexing) finish(c *cli.Context, store *archive.Store) error {
	close(x.imported)
	<-x.done
	if x.ix == nil {
		ix, err := search.Open(store.Dir(), search.Options{Lang: x.lang})
		if errors.Is(err, search.ErrLocked) {
			holder := "another parc"
			var held interface{ PID() int }
			if errors.As(err, &held) && held.PID() != 0 {
				holder = fmt.Sprintf("process %d", held.PID())
			}
			fmt.Fprintf(c.App.ErrWriter, "Note: the search index is in use by %s (a running parc serve, or an import of files indexing as it stores), which will index this import.\n", holder)
			return nil
		}
		if err != nil {
			return fmt.Errorf("imported, but the search index could not be opened (parc reindex rebuilds it): %w", err)
		}
		x.ix = ix
	}
	defer x.ix.Close()
	synced, err := x.ix.Sync(c.Context, store)
	// A post stored again during the import is indexed again, with the
	// same note.
	var notes []string
	said := map[string]bool{}
	for _, n := range append(x.notes, synced.Notes...) {
		if !said[n] {
			said[n] = true
			notes = append(notes, n)
		}
	}
	printIndexNotes(c.App.ErrWriter, notes)
	if err != nil && c.Context.Err() != nil {
		return fmt.Errorf("imported; indexing for search was interrupted, and the next import, search or parc serve catches it up: %w", c.Context.Err())
	}
	if err != nil {
		return fmt.Errorf("imported, but indexing for search failed (parc reindex rebuilds the index): %w", err)
	}
	return nil
}

// importJSON is the stable --json shape of one imported source: the
// counts' keys stand between the site and the warnings.
type importJSON struct {
	Source string `json:"source"`
	Format string `json:"format"`
	Site   string `json:"site"`
	archive.Counts
	// Captures counts a web archive's captures (WARC, WACZ) read and merged.
	Captures *warc.Stats `json:"captures,omitempty"`
	Warnings []string    `json:"warnings"`
}

func printImportJSON(w io.Writer, r importer.Result) {
	warnings := r.Warnings
	if warnings == nil {
		warnings = []string{}
	}
	json.NewEncoder(w).Encode(importJSON{Source: r.Source.Path, Format: r.Format, Site: r.Site, Counts: r.Counts, Captures: r.Captures, Warnings: warnings})
}

func printImportText(w io.Writer, r importer.Result) {
	c := r.Counts
	fmt.Fprintf(w, "%s (%s) → %s\n", r.Source.Path, r.Format, r.Site)
	fmt.Fprintf(w, "  read %s in %s\n", counted(postCount(c.Posts), pageCount(c.Pages), countOf{c.Attachments, "attachment", "attachments"},
		countOf{c.OtherItems, "other item", "other items"}, commentCount(c.Comments), authorCount(c.Authors), termCount(c.Terms)),
		r.Finished.Sub(r.Started).Round(1e6))
	if s := r.Captures; s != nil {
		fmt.Fprintf(w, "  %d captures read (%d revisits resolved), %d merged into one blog; skipped: %d not 200 OK, %d neither WordPress pages, feeds nor API answers, %d revisits of captures not in the source\n",
			s.Read, s.Revisits, s.Merged, s.NotOK, s.Other, s.Unresolved)
	}
	if c.Added == 0 && c.Updated == 0 {
		fmt.Fprintf(w, "  nothing changed: the archive already held all %s\n", plural(c.Unchanged, "record", "records"))
	} else {
		fmt.Fprintf(w, "  %s added, %d updated, %d unchanged\n", plural(c.Added, "record", "records"), c.Updated, c.Unchanged)
	}
	if n := len(r.Warnings); n > 0 {
		fmt.Fprintf(w, "  %s:\n", plural(n, "warning", "warnings"))
		for i, warning := range r.Warnings {
			if i == 20 {
				fmt.Fprintf(w, "    … and %d more (parc import --json lists them all)\n", n-20)
				break
			}
			fmt.Fprintf(w, "    %s\n", strings.ReplaceAll(warning, "\n", " "))
		}
	}
}
