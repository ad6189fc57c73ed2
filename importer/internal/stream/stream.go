// Package stream turns a source that writes its records one after another
// (a REST API import walking its listings, a crawl reading its stored
// pages) into the Reader the importer's driver pulls them from, without a
// goroutine: the producer runs as a coroutine of the reader (iter.Pull).
package stream

import (
	"context"
	"errors"
	"io"
	"iter"
	"time"

	"github.com/parc-archive/parc/archive"
)

// Produce writes a source's records with put, in order, and returns the
// error that ended the source early, if any. It must stop when put returns
// an error, and return that error.
type Produce func(put func(archive.Record) error) error

// errStopped is what put returns once the reader was closed.
var errStopped = errors.New("stream: reader closed")

// Reader pulls the records of a Produce one at a time.
type Reader struct {
	next     func() (archive.Record, error, bool)
	stop     func()
	warnings []string
}

// New returns a Reader over produce. Nothing of produce runs until the
// first Next.
func New(produce Produce) *Reader {
	seq := func(yield func(archive.Record, error) bool) {
		err := produce(func(rec archive.Record) error {
			if !yield(rec, nil) {
				return errStopped
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStopped) {
			yield(archive.Record{}, err)
		}
	}
	next, stop := iter.Pull2(seq)
	return &Reader{next: next, stop: stop}
}

// Next returns the next record, io.EOF after the last, or the error that
// ended the source.
func (r *Reader) Next() (archive.Record, error) {
	rec, err, ok := r.next()
	if !ok {
		return archive.Record{}, io.EOF
	}
	return rec, err
}

// Warn adds a warning for the import's record.
func (r *Reader) Warn(msg string) { r.warnings = append(r.warnings, msg) }

// Warnings lists the warnings so far.
func (r *Reader) Warnings() []string { return r.warnings }

// Close stops the producer where it is.
func (r *Reader) Close() error {
	r.stop()
	return nil
}

// ShutdownGrace is how long a source may go on reading what it already
// fetched once the import is interrupted: parc obeys an interrupt within
// two seconds, and what it had no time for, a rerun reads.
const ShutdownGrace = 1500 * time.Millisecond

// Grace returns a context that ends ShutdownGrace after ctx ends, for the
// work that saves what was fetched before an interruption; stop releases it.
func Grace(ctx context.Context) (graced context.Context, stop context.CancelFunc) {
	graced, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stopAfter := context.AfterFunc(ctx, func() { time.AfterFunc(ShutdownGrace, cancel) })
	return graced, func() {
		stopAfter()
		cancel()
	}
}
