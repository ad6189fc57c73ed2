// Package importer brings a blog into the archive from whatever form it
// survives in, files and live sites alike, through one driver.
//
// Each source lives in a package of its own and yields archive.Records
// through Reader: files (wxr, feed, blogger, html) by format, detected
// from their content, never their names, and web-archive captures (warc:
// WARC files and WACZ packages, merged into one blog); live sites through
// their REST API (rest), their feeds (feedfetch) or a crawl of their pages
// (crawl), which fetch and resume inside their readers; a gone site
// through a web archive's captures of it (wayback); and the pages a crawl
// stored (reparse). This package decides which source reads a path or a
// URL (detect.go, url.go) and drives every Reader the same way (driver.go):
// begin an import, put each record, keep the warnings, finish, hash and
// record provenance, report progress. Sources meet in the archive, where
// merging is the one mechanism.
//
// Adding a file format is one package and one line in formats; a new kind
// of live source is one package and one case in resolveURL.
package importer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer/crawl"
	"github.com/parc-archive/parc/importer/warc"
)

// Options tune an import.
type Options struct {
	// Progress, when set, is told how far each source has got.
	Progress func(Progress)
	// Fetch is the politeness of requests to live sites, and the
	// application password (User, Password) for their REST API.
	Fetch fetch.Options
	// Mode says how a URL is read; the default decides from what it serves.
	Mode Mode
	// MaxPages stops a crawl after this many requests (0: no limit); the
	// next import of the URL continues it.
	MaxPages int
	// MaxFailures is how many failed visits make a crawl give up on a page.
	MaxFailures int
	// FollowComments also fetches each post's comment feed when a URL is a feed.
	FollowComments bool
	// Record, when set, keeps every response a crawl receives (a WARC file).
	Record crawl.ResponseRecorder
	// Wayback, with ModeWayback, is the web archive a gone site's
	// captures are read from, and which of them.
	Wayback Wayback
}

// Wayback names a web archive that speaks the Wayback Machine's API and
// the capture dates to read from it.
type Wayback struct {
	URL      string // the archive's root; empty: the Internet Archive
	From, To string // CDX timestamps (YYYY up to YYYYMMDDhhmmss); empty: no limit
	PageSize int    // captures one CDX request lists; 0: the default
}

// Mode is how a URL is read.
type Mode int

const (
	// ModeAuto reads a feed as a feed, a site with a REST API through it,
	// and crawls anything else.
	ModeAuto Mode = iota
	// ModeREST reads the site through its REST API, or fails.
	ModeREST
	// ModeCrawl crawls the site's pages even when it has an API.
	ModeCrawl
	// ModeWayback reads a site that is gone from a web archive's captures
	// of it (Options.Wayback), never asking the site itself.
	ModeWayback
)

// Progress is a snapshot of one source's import.
type Progress struct {
	Source    string
	Format    string
	Status    string // what a live source is doing, for sources of unknown size
	BytesRead int64
	Size      int64 // -1 when unknown
	Items     int   // items stored so far
	Done      bool
}

// Result is what one source did to the archive.
type Result struct {
	*archive.ImportResult
	Format string
	// Captures, for web-archive sources, counts the captures read and
	// merged into one blog.
	Captures *warc.Stats
}

// Failure is a source that failed while the others went on.
type Failure struct {
	Source string
	Err    error
}

// Failures is the error of an import some of whose sources failed: each
// is named with its reason, and what the others imported stays.
type Failures []Failure

func (f Failures) Error() string {
	if len(f) == 1 {
		return f[0].Err.Error()
	}
	lines := make([]string, len(f))
	for i, failure := range f {
		lines[i] = "  " + failure.Err.Error()
	}
	return fmt.Sprintf("%d sources failed:\n%s", len(f), strings.Join(lines, "\n"))
}

// Import imports each of args, a file, a directory or an http(s) URL, into
// the store. A source that is refused or fails is skipped and named in the
// returned Failures; the others import. Only a failure to write the
// archive, or ctx ending, stops the whole import. It returns the results
// of the sources that were read.
func Import(ctx context.Context, store *archive.Store, args []string, opts Options) ([]Result, error) {
	var results []Result
	var failures Failures
	fail := func(name string, err error) error {
		var se *storeError
		if errors.As(err, &se) || ctx.Err() != nil {
			return errors.Join(failures.orNil(), err)
		}
		failures = append(failures, Failure{Source: name, Err: err})
		return nil
	}
	for _, arg := range args {
		var sources []source
		var err error
		if opts.Mode == ModeWayback {
			var src source
			src, err = waybackSource(ctx, store, arg, opts)
			sources = []source{src}
		} else if isURL(arg) {
			// Requests and credentials stay with the site the user named.
			siteOpts := opts
			siteOpts.Fetch.Site = arg
			var src source
			src, err = resolveURL(ctx, store, arg, siteOpts)
			sources = []source{src}
		} else {
			sources, err = sourcesOf(ctx, store, arg)
		}
		if err != nil {
			if fatal := fail(arg, err); fatal != nil {
				return results, fatal
			}
			continue
		}
		for _, src := range sources {
			res, err := drive(ctx, store, src, opts)
			if res != nil {
				results = append(results, *res)
			}
			if err != nil {
				if fatal := fail(src.label, err); fatal != nil {
					return results, fatal
				}
			}
		}
	}
	return results, failures.orNil()
}

// Unwrap lets errors.Is and errors.As see each source's error.
func (f Failures) Unwrap() []error {
	errs := make([]error, len(f))
	for i, failure := range f {
		errs[i] = failure.Err
	}
	return errs
}

func (f Failures) orNil() error {
	if len(f) == 0 {
		return nil
	}
	return f
}

// Local reports whether Import reads every one of args from local files
// or folders, at the speed of the disk, rather than from a site or a web
// archive fetched politely over hours.
func Local(args []string, opts Options) bool {
	return opts.Mode != ModeWayback && !slices.ContainsFunc(args, isURL)
}

// isURL tells an http(s) URL from a path.
func isURL(arg string) bool {
	lower := strings.ToLower(arg)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// storeError marks a failure to write the archive, which ends an import
// whatever the source.
type storeError struct{ err error }

func (e *storeError) Error() string { return e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }
