package importer

import "github.com/parc-archive/parc/archive"

// Reader is what every source format yields: records one at a time, so that
// memory stays flat however large the source is. Next returns io.EOF after
// the last record; any other error ends the source, and the records read
// before it are kept. Warnings lists what the reader repaired or skipped so
// far, each naming the source and the place in it.
type Reader interface {
	Next() (archive.Record, error)
	Warnings() []string
}
