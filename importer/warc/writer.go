package warc

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/google/renameio/v2"
	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/parc-archive/parc/fetch"
)

// Writer writes the responses a crawl fetched as a WARC file, gzipped
// record by record as WARC tools expect. The file appears at its path only
// when Close completes it; until then it is a temporary file beside it.
type Writer struct {
	// mu makes one record at a time, from its builder to its bytes in the
	// file (see WriteResponse), and orders them against Close.
	mu        sync.Mutex
	path      string
	tmp       *renameio.PendingFile
	marshaler gowarc.Marshaler
	err       error
}

// Create starts a WARC file at path, with a warcinfo record naming software.
func Create(path, software string) (*Writer, error) {
	tmp, err := renameio.NewPendingFile(path, renameio.WithTempDir(filepath.Dir(path)))
	if err != nil {
		return nil, fmt.Errorf("warc %s: %w", path, err)
	}
	w := &Writer{path: path, tmp: tmp, marshaler: gowarc.NewMarshaler()}
	info := gowarc.NewRecordBuilder(gowarc.Warcinfo)
	info.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationWarcFields)
	info.AddWarcHeader(gowarc.WarcFilename, filepath.Base(path))
	info.AddWarcHeaderTime(gowarc.WarcDate, time.Now())
	info.WriteString("software: " + software + "\r\nformat: WARC File Format 1.1\r\n")
	if err := w.write(info); err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

// WriteResponse adds one response as the crawl received it: its status,
// headers and body (the encodings Go's client undid are left out).
func (w *Writer) WriteResponse(resp *fetch.Response) error {
	var block bytes.Buffer
	fmt.Fprintf(&block, "HTTP/1.1 %d %s\r\n", resp.Status, http.StatusText(resp.Status))
	header := resp.Header.Clone()
	for _, undone := range []string{"Content-Encoding", "Transfer-Encoding", "Content-Length"} {
		header.Del(undone)
	}
	header.Set("Content-Length", fmt.Sprint(len(resp.Body)))
	header.Write(&block)
	block.WriteString("\r\n")
	block.Write(resp.Body)

	// gowarc's record builder sets up its record IDs' random source on
	// every call, racing with itself: records are built one at a time.
	w.mu.Lock()
	defer w.mu.Unlock()
	rb := gowarc.NewRecordBuilder(gowarc.Response)
	rb.AddWarcHeader(gowarc.WarcTargetURI, resp.URL)
	rb.AddWarcHeaderTime(gowarc.WarcDate, resp.FetchedAt)
	rb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	rb.Write(block.Bytes())
	return w.write(rb)
}

// write adds a record as a gzip member of its own, with w.mu held or
// before w is shared. The first failure is kept and returned by every
// later call.
func (w *Writer) write(rb gowarc.WarcRecordBuilder) error {
	defer rb.Close()
	rec, _, err := rb.Build()
	if err != nil {
		return fmt.Errorf("warc %s: %w", w.path, err)
	}
	defer rec.Close()
	if w.err != nil {
		return w.err
	}
	z := gzip.NewWriter(w.tmp)
	if _, _, err = w.marshaler.Marshal(z, rec, 0); err == nil {
		err = z.Close()
	}
	if err != nil {
		w.err = fmt.Errorf("warc %s: %w", w.path, err)
	}
	return w.err
}

// Close completes the file and puts it at its path.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	defer w.tmp.Cleanup() // after the replace there is nothing to clean up
	err := w.err
	if err == nil {
		err = w.tmp.CloseAtomicallyReplace()
	}
	if err != nil {
		return fmt.Errorf("warc %s: %w", w.path, err)
	}
	return nil
}

// Abort removes the unfinished file.
func (w *Writer) Abort() {
	w.tmp.Cleanup()
}
