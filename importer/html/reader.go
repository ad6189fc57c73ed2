package html

import (
	"io"

	"github.com/parc-archive/parc/archive"
)

// Reader yields the records of one saved page: its site, the authors it
// names, and its post when it shows a single post or page. It implements
// importer.Reader.
type Reader struct {
	r        io.Reader
	name     string
	records  []archive.Record
	parsed   bool
	warnings []string
}

// NewReader reads a saved page from r; name (the file path) is used in
// messages. The page's URL comes from its own canonical link or og:url.
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{r: r, name: name}
}

// Next returns the next record, or io.EOF after the last one. The page is
// parsed on the first call.
func (rd *Reader) Next() (archive.Record, error) {
	if !rd.parsed {
		rd.parsed = true
		page, err := parseNamed(rd.r, "", rd.name)
		if err != nil {
			return archive.Record{}, err
		}
		rd.warnings = page.Warnings
		site := page.Site
		rd.records = append(rd.records, archive.Record{Site: &site})
		for i := range page.Authors {
			rd.records = append(rd.records, archive.Record{Author: &page.Authors[i]})
		}
		if page.Post != nil {
			rd.records = append(rd.records, archive.Record{Post: page.Post})
		}
	}
	if len(rd.records) == 0 {
		return archive.Record{}, io.EOF
	}
	next := rd.records[0]
	rd.records = rd.records[1:]
	return next, nil
}

// Warnings lists what was repaired or could not be read, each naming the file.
func (rd *Reader) Warnings() []string { return rd.warnings }
