// Package warc imports a blog from web-archive captures: WARC files (as
// Wget, Heritrix, Browsertrix or the Wayback Machine write them, plain or
// gzipped record by record) and WACZ packages of them.
//
// Every capture of a page is read as a crawl reads the page (crawl.Pages),
// every captured feed as a feed and every captured REST API answer through
// the REST decoders, so that the same post captured at different moments
// is one post: its thread is the union of the comments the captures show,
// and the newest capture's text wins, because the captures are put oldest
// first and a later capture restates what an earlier one said. Each post
// and comment keeps the time of the capture that gave it (MetaCaptured).
//
// Reading takes two passes over the files, so that memory stays flat
// however large they are: the first lists the captures (where each record
// starts, when it was taken, what it holds), the second reads them back
// in capture order. Revisit records, which say "the same as that earlier
// capture", are resolved to the record whose bytes they repeat.
package warc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"os"
	"slices"
	"sync/atomic"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/internal/stream"
)

// MetaCaptured is the meta key of the time (RFC 3339, UTC) of the capture
// that gave a post's text or a comment.
const MetaCaptured = "parc:captured"

// Stats counts what the captures of a source were and what became of them.
type Stats struct {
	// Read is every capture of an http(s) URL: responses, resources and
	// revisits.
	Read int `json:"read"`
	// Merged is the captures whose page, feed or API answer gave records,
	// all merged into one blog.
	Merged int `json:"merged"`
	// Revisits is the revisit records resolved to the capture they repeat.
	Revisits int `json:"revisits"`
	// NotOK is the captures of an answer other than 200 OK, skipped.
	NotOK int `json:"not_ok"`
	// Other is the captures of something not from WordPress or not a page,
	// feed or API answer (images, stylesheets, robots.txt), skipped.
	Other int `json:"other"`
	// Unresolved is the revisits whose original capture is not in the source.
	Unresolved int `json:"unresolved"`
}

// Options tune a WARC import.
type Options struct {
	// Report, when set, is told what the import is doing.
	Report func(status string)
	// Store, when set, is the archive the captures go into, whose newer
	// captures' text an older capture does not replace.
	Store *archive.Store
}

// Reader yields the records of the captures in a set of WARC and WACZ
// files, which are one blog. It implements importer.Reader.
type Reader struct {
	*stream.Reader
	files  []File
	opts   Options
	merger *Merger

	hash  hash.Hash
	bytes atomic.Int64
	// temps are the uncompressed copies of files gzipped as one stream.
	temps []string
}

// Open returns a Reader of the captures in files. Nothing is read before
// the first Next.
func Open(ctx context.Context, files []File, opts Options) *Reader {
	r := &Reader{files: slices.Clone(files), opts: opts, hash: sha256.New()}
	r.Reader = stream.New(func(put func(archive.Record) error) error { return r.run(ctx, put) })
	r.merger = NewMerger(r.Warn, opts.Store)
	return r
}

// Close stops reading and removes the temporary files.
func (r *Reader) Close() error {
	r.Reader.Close()
	for _, t := range r.temps {
		os.Remove(t)
	}
	return nil
}

// Captures counts what the captures were and what became of them.
func (r *Reader) Captures() Stats { return r.merger.Stats }

// BytesRead is how far the first pass has got into the files.
func (r *Reader) BytesRead() int64 { return r.bytes.Load() }

// Digest is the SHA-256 of every byte of the WARC files, in order.
func (r *Reader) Digest() string { return hex.EncodeToString(r.hash.Sum(nil)) }

func (r *Reader) report(format string, args ...any) {
	if r.opts.Report != nil {
		r.opts.Report(fmt.Sprintf(format, args...))
	}
}

// run lists the captures of every file, then merges them.
func (r *Reader) run(ctx context.Context, put func(archive.Record) error) error {
	var caps []capture
	for i, f := range r.files {
		r.report("listing the captures of %s", f.Name)
		listed, err := r.list(ctx, i, f)
		caps = append(caps, listed...)
		if err != nil {
			return err
		}
	}
	reading := newOpenFiles(r.files)
	defer reading.close()
	var merging []Capture
	for _, c := range r.resolve(caps) {
		name := r.files[c.file].Name
		merging = append(merging, Capture{URI: c.uri, Date: c.date, ContentType: c.contentType,
			Body: func() ([]byte, error) {
				body, err := payload(reading, c)
				if err != nil {
					return nil, fmt.Errorf("warc %s: capture of %s at %s: %w", name, c.uri, stamp(c.date), err)
				}
				return body, nil
			}})
	}
	return r.merger.Merge(ctx, merging, put, func(done, total int) { r.report("reading capture %d of %d", done+1, total) })
}
