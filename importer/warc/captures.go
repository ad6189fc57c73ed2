package warc

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"slices"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/parc-archive/parc/importer/html"
)

// capture is one record of a page, feed or API answer as it was taken,
// listed by the first pass.
type capture struct {
	file        int   // index of the file holding the record with the bytes
	offset      int64 // where that record starts (the original's, for a revisit)
	date        time.Time
	uri         string
	contentType string
	status      int
	id          string // WARC-Record-ID
	digest      string // WARC-Payload-Digest
	// refersTo names the capture a revisit repeats; nil for others.
	refersTo *gowarc.RevisitRef
}

// kind is what a capture holds, as far as the import cares.
type kind int

const (
	kindOther kind = iota
	kindPage
	kindFeed
	kindAPI
)

// kindOf tells pages, feeds and REST API answers from everything else by
// the type the server declared; the second pass checks the bytes.
func kindOf(contentType, uri string) kind {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "html"):
		return kindPage
	case strings.Contains(ct, "rss") || strings.Contains(ct, "atom") || strings.Contains(ct, "xml"):
		return kindFeed
	case strings.Contains(ct, "json") && apiRoute(uri) != "":
		return kindAPI
	}
	return kindOther
}

// maxPayload bounds the bytes of one capture the import reads: a page
// larger than the page parser takes is no page parc can read.
const maxPayload = html.MaxPageBytes

// listOptions make the WARC reader of the first pass lenient (a capture
// tool's slips in syntax or digests, such as Wget's target URIs in angle
// brackets, are no reason to lose the pages it captured) and quick: it
// reads the headers and skips the bodies.
var listOptions = []gowarc.WarcRecordOption{
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
	gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
	gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
}

// readOptions are as lenient for the second pass, which keeps the body it
// reads: the reader keeps a body when it checks it, and of its checks only
// a record cut short is acted on.
var readOptions = []gowarc.WarcRecordOption{
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
	gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
	gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
}

// list is the first pass over one file: it lists the captures of http(s)
// URLs it holds. A record that cannot be read ends the file with a
// warning; the captures before it are kept.
func (r *Reader) list(ctx context.Context, index int, f File) ([]capture, error) {
	file, section, err := f.open()
	if err != nil {
		return nil, err
	}
	defer file.Close()
	counted := &countingReader{r: io.TeeReader(section, r.hash), n: &r.bytes}
	// Hash what the reader leaves unread, so the digest is the file's.
	defer io.Copy(io.Discard, counted)
	var records io.Reader = counted
	whole, err := wholeStreamGzip(section)
	if err != nil {
		return nil, fmt.Errorf("warc %s: %w", f.Name, err)
	}
	if whole {
		// Records can only be reached one by one from the start of the
		// file: the second pass reads them from an uncompressed copy.
		plain, err := r.spool(counted)
		if err != nil {
			return nil, fmt.Errorf("warc %s: %w", f.Name, err)
		}
		defer plain.Close()
		r.files[index] = File{Name: f.Name, Path: plain.Name(), Size: -1}
		records = plain
	}
	wr, err := gowarc.NewWarcFileReaderFromStream(struct{ io.Reader }{records}, 0, listOptions...)
	if err != nil {
		return nil, fmt.Errorf("warc %s: %w", f.Name, err)
	}
	defer wr.Close()
	var caps []capture
	for {
		if err := ctx.Err(); err != nil {
			return caps, err
		}
		rec, err := wr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if rec.WarcRecord != nil {
				rec.WarcRecord.Close()
			}
			r.Warn(fmt.Sprintf("warc %s: the record at byte %d cannot be read (%v): the rest of the file is skipped", f.Name, rec.Offset, err))
			break
		}
		c, ok := describe(rec.WarcRecord)
		rec.WarcRecord.Close()
		if ok {
			c.file, c.offset = index, rec.Offset
			caps = append(caps, c)
			r.merger.Read++
		}
	}
	return caps, nil
}

// cutShort reports whether a record has fewer bytes than it says.
func cutShort(validation []error) bool {
	var short *gowarc.ContentLengthError
	return slices.ContainsFunc(validation, func(err error) bool { return errors.As(err, &short) && short.Actual < short.Expected })
}

// describe lists a response, resource or revisit record of an http(s) URL.
func describe(rec gowarc.WarcRecord) (capture, bool) {
	h := rec.WarcHeader()
	uri := strings.Trim(h.Get(gowarc.WarcTargetURI), "<>")
	lower := strings.ToLower(uri)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return capture{}, false
	}
	date, _ := rec.Date()
	c := capture{uri: uri, date: date, id: rec.RecordId(), digest: h.Get(gowarc.WarcPayloadDigest)}
	switch rec.Type() {
	case gowarc.Response:
		block, ok := rec.Block().(gowarc.HttpResponseBlock)
		if !ok || block.HttpHeader() == nil {
			return capture{}, false
		}
		c.status = block.HttpStatusCode()
		c.contentType = block.HttpHeader().Get("Content-Type")
	case gowarc.Resource:
		c.status = http.StatusOK
		c.contentType = h.Get(gowarc.ContentType)
	case gowarc.Revisit:
		c.refersTo = &gowarc.RevisitRef{
			TargetRecordId: h.GetId(gowarc.WarcRefersTo),
			TargetUri:      strings.Trim(h.Get(gowarc.WarcRefersToTargetURI), "<>"),
			TargetDate:     h.Get(gowarc.WarcRefersToDate),
		}
	default:
		return capture{}, false
	}
	return c, true
}

// resolve points each revisit at the record whose bytes it repeats (by
// record ID, else by payload digest, else by URL and date), keeping the
// revisit's own date, and keeps the captures of 200 OK answers, counting
// the others.
func (r *Reader) resolve(caps []capture) []capture {
	byID := map[string]int{}
	byDigest := map[string]int{}
	byURIDate := map[string]int{}
	for i, c := range caps {
		if c.refersTo != nil {
			continue
		}
		if c.id != "" {
			byID[c.id] = i
		}
		if c.digest != "" {
			byDigest[c.digest] = i
		}
		byURIDate[c.uri+" "+c.date.UTC().Format(time.RFC3339)] = i
	}
	kept := caps[:0]
	for _, c := range caps {
		if ref := c.refersTo; ref != nil {
			i, ok := byID[ref.TargetRecordId]
			if !ok {
				i, ok = byDigest[c.digest]
			}
			if !ok {
				i, ok = byURIDate[ref.TargetUri+" "+ref.TargetDate]
			}
			if !ok || c.digest != "" && caps[i].digest != "" && c.digest != caps[i].digest {
				r.merger.Unresolved++
				continue
			}
			r.merger.Revisits++
			original := caps[i]
			c.file, c.offset, c.contentType, c.status = original.file, original.offset, original.contentType, original.status
		}
		if c.status != http.StatusOK {
			r.merger.NotOK++
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

// payload reads the bytes of the capture at c: the body the server sent,
// with its transfer and content encodings undone. Too large a body is an
// error.
func payload(files *openFiles, c capture) ([]byte, error) {
	section, err := files.at(c.file)
	if err != nil {
		return nil, err
	}
	wr, err := gowarc.NewWarcFileReaderFromStream(unclosable{section}, c.offset, readOptions...)
	if err != nil {
		return nil, err
	}
	defer wr.Close()
	rec, err := wr.Next()
	if err != nil {
		if rec.WarcRecord != nil {
			rec.WarcRecord.Close()
		}
		return nil, err
	}
	defer rec.WarcRecord.Close()
	if cutShort(rec.Validation) {
		return nil, errors.New("the record is cut short")
	}
	block, ok := rec.WarcRecord.Block().(gowarc.PayloadBlock)
	if !ok {
		return nil, errors.New("the record holds no payload")
	}
	body, err := block.PayloadBytes()
	if err != nil {
		return nil, err
	}
	if hb, ok := block.(gowarc.HttpResponseBlock); ok && hb.HttpHeader() != nil {
		if body, err = decoded(body, *hb.HttpHeader()); err != nil {
			return nil, err
		}
	}
	data, err := io.ReadAll(io.LimitReader(body, maxPayload+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxPayload {
		return nil, fmt.Errorf("larger than %d MiB", maxPayload>>20)
	}
	return data, nil
}

// decoded undoes the chunking and compression a server applied, which
// capture tools keep as they were sent.
func decoded(body io.Reader, header http.Header) (io.Reader, error) {
	if strings.EqualFold(strings.TrimSpace(header.Get("Transfer-Encoding")), "chunked") {
		body = httputil.NewChunkedReader(bufio.NewReader(body))
	}
	switch strings.ToLower(strings.TrimSpace(header.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		return gzip.NewReader(body)
	case "deflate":
		return flate.NewReader(body), nil
	}
	return body, nil
}

// unclosable keeps the WARC reader from closing the file the second pass
// goes on reading.
type unclosable struct{ io.ReadSeeker }

type countingReader struct {
	r io.Reader
	n interface{ Add(int64) int64 }
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
