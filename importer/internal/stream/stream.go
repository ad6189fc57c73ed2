// Package stream turns a source that writes its records one after another
// (a REST API import walking its listings, a crawl reading its stored
// pages) into the Reader the importer's driver pulls them from, without a
// goroutine: the producer runs as a coroutine of the reader (iter.Pull).
package stream

import (
	"errors"
	"io"
	"iter"

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
