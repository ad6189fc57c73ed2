package importer

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/warc"
)

// source is one thing an import reads: a file, the saved pages of a
// directory, a live site, the pages a crawl stored.
type source struct {
	label     string // the path or URL the import's record names
	format    string
	authority archive.Authority
	size      int64 // bytes to read, -1 when unknown
	// resumable says that running the import again continues where an
	// interrupted or failed one stopped (crawls and REST imports keep
	// their frontier in the archive).
	resumable bool
	// warnings are what choosing the source found, such as a REST API
	// that did not answer and the crawl that replaced it.
	warnings []string
	// open readies the reader; report tells the progress line what a
	// live source is doing. A source that open refuses leaves no import
	// in the archive.
	open func(ctx context.Context, report func(status string)) (Reader, error)
}

// preopened is src with a reader open opened already, when the source was
// chosen (a site's API is looked for before the import begins, so that a
// site without one can be read another way). The reader reports to the
// progress line the driver gives src's open from then on.
func preopened(src source, open func(report func(status string)) (Reader, error)) (source, error) {
	var report func(string)
	reader, err := open(func(status string) {
		if report != nil {
			report(status)
		}
	})
	if err != nil {
		return source{}, err
	}
	src.open = func(_ context.Context, r func(string)) (Reader, error) {
		report = r
		return reader, nil
	}
	return src, nil
}

// What a Reader may also do, which the driver asks for.
type (
	// A closer holds files or a producer to release, read whole or not.
	closer interface{ Close() error }
	// A digester hashes what it read: the import's record keeps it.
	digester interface{ Digest() string }
	// A byteCounter knows how far into its source it has read.
	byteCounter interface{ BytesRead() int64 }
	// A finisher has bookkeeping to do once every record it yielded is
	// committed, such as clearing a crawl's list of pages to import.
	finisher interface {
		Finished(ctx context.Context) error
	}
	// A captureCounter reads web-archive captures, and counts them.
	captureCounter interface{ Captures() warc.Stats }
)

// progressEvery is how many items pass between two progress reports.
const progressEvery = 256

// drive imports one source: it begins an import, puts every record the
// reader yields, keeps its warnings and finishes the import, which records
// what the reader read and the error that ended it early, if any. What was
// read before an error stays in the archive.
func drive(ctx context.Context, store *archive.Store, src source, opts Options) (*Result, error) {
	items := 0
	var status string
	var bytes byteCounter
	report := func(done bool) {
		if opts.Progress == nil {
			return
		}
		p := Progress{Source: src.label, Format: src.format, Status: status, Size: src.size, Items: items, Done: done}
		if bytes != nil {
			p.BytesRead = bytes.BytesRead()
		}
		opts.Progress(p)
	}
	reader, err := src.open(ctx, func(s string) { status = s; report(false) })
	if err != nil {
		return nil, err
	}
	if c, ok := reader.(closer); ok {
		defer c.Close()
	}
	bytes, _ = reader.(byteCounter)
	defer report(true)

	// The import's writes outlive a cancelled ctx, so that what was read
	// is committed and the record says the import was interrupted.
	imp, err := store.BeginImport(context.WithoutCancel(ctx), archive.Source{Path: src.label, Format: src.format, Authority: src.authority})
	if err != nil {
		return nil, &storeError{err}
	}
	for _, w := range src.warnings {
		imp.Warn(w)
	}
	var readErr error
	records, stop := readAhead(reader, func() {
		items++
		if items%progressEvery == 0 {
			report(false)
		}
	})
	for r := range records {
		if r.err == io.EOF {
			break
		}
		if r.err != nil {
			readErr = r.err
			break
		}
		if err := imp.Put(r.rec); err != nil {
			stop()
			imp.Abort()
			return nil, &storeError{fmt.Errorf("import %s: %w", src.label, err)}
		}
	}
	stop()
	for _, w := range reader.Warnings() {
		imp.Warn(w)
	}
	digest := ""
	if d, ok := reader.(digester); ok && readErr == nil {
		digest = d.Digest()
	}
	res, err := imp.Finish(digest, readErr)
	if err != nil {
		return nil, &storeError{fmt.Errorf("import %s: %w", src.label, err)}
	}
	result := &Result{ImportResult: res, Format: src.format}
	if c, ok := reader.(captureCounter); ok {
		stats := c.Captures()
		result.Captures = &stats
	}
	if readErr != nil {
		return result, src.explain(readErr)
	}
	if f, ok := reader.(finisher); ok {
		if err := f.Finished(context.WithoutCancel(ctx)); err != nil {
			return result, &storeError{fmt.Errorf("import %s: %w", src.label, err)}
		}
	}
	return result, nil
}

// explain names the source in err, and says when running the import again
// continues it.
func (src source) explain(err error) error {
	if !strings.Contains(err.Error(), src.label) {
		err = fmt.Errorf("import %s: %w", src.label, err)
	}
	if src.resumable {
		err = fmt.Errorf("%w (parc keeps what it fetched; running the import again continues from there)", err)
	}
	return err
}

// readAheadRecords is how many records the reader may read ahead of the
// archive's writes.
const readAheadRecords = 256

// read is one record read, or the error that ended the reading.
type read struct {
	rec archive.Record
	err error
}

// readAhead reads the reader's records on a goroutine of its own, so that
// parsing a source and writing the archive go side by side, each on a core.
// The reader, and onPost (called for each post read, for progress), are
// used from that goroutine only until stop returns; stop ends the reading
// early, or waits for its end, and may be called more than once.
func readAhead(reader Reader, onPost func()) (<-chan read, func()) {
	out := make(chan read, readAheadRecords)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		defer close(out)
		for {
			rec, err := reader.Next()
			if err == nil && rec.Post != nil {
				onPost()
			}
			select {
			case out <- read{rec, err}:
			case <-done:
				return
			}
			if err != nil {
				return // io.EOF included
			}
		}
	}()
	var once sync.Once
	return out, func() {
		once.Do(func() { close(done) })
		<-finished
	}
}
