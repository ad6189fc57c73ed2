package importer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/blogger"
	"github.com/parc-archive/parc/importer/feed"
	"github.com/parc-archive/parc/importer/html"
	"github.com/parc-archive/parc/importer/warc"
	"github.com/parc-archive/parc/importer/wxr"
)

// sniffSize is how much of a file detection looks at.
const sniffSize = 64 << 10

// format is one kind of source parc reads from a file.
type format struct {
	name      string
	authority archive.Authority
	sniff     func(head []byte) bool
	open      func(r io.Reader, name string) Reader
}

// formats lists the file formats in the order detection tries them: the
// specific before the general (a WXR and a Blogger export are also feeds).
// Web-archive captures (warc) hold pages, feeds and API answers of their
// own and are read by warcSource, not through open.
func formats() []format {
	return []format{
		{"warc", archive.AuthorityPage, warc.IsWARC, nil},
		{"wxr", archive.AuthorityExport, wxr.Sniff, func(r io.Reader, n string) Reader { return wxr.NewReader(r, n) }},
		{"blogger", archive.AuthorityExport, blogger.Sniff, func(r io.Reader, n string) Reader { return blogger.NewReader(r, n) }},
		{"feed", archive.AuthorityFeed, feed.Sniff, func(r io.Reader, n string) Reader { return feed.NewReader(r, n) }},
		{"html", archive.AuthorityPage, html.Sniff, func(r io.Reader, n string) Reader { return html.NewReader(r, n) }},
	}
}

// sourcesOf expands a path into sources: a file is one; in a directory
// every export and feed is one, and all the HTML pages together are one,
// as they are one site. Files of a directory that no format recognises
// (stylesheets, images) are passed over.
func sourcesOf(ctx context.Context, store *archive.Store, path string) ([]source, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, unwrapPathError(err))
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			// A pipe or device would block or never end.
			return nil, fmt.Errorf("import %s: not a regular file or directory", path)
		}
		if isZip(path) {
			src, err := zipSource(store, path, info.Size())
			return []source{src}, err
		}
		fm, err := sniffFile(path)
		if err != nil {
			return nil, err
		}
		if fm.name == "warc" {
			return []source{warcSource(store, path, "warc", []warc.File{warc.PlainFile(path, info.Size())})}, nil
		}
		return []source{fileSource(path, fm, []string{path}, info.Size(), nil)}, nil
	}
	var sources []source
	var pages []string
	var pagesSize int64
	var pageFormat format
	// A folder's captures are one blog, as its pages are.
	var captures []warc.File
	err = filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		fm, err := sniffFile(p)
		switch {
		case err != nil:
		case fm.name == "html":
			pageFormat = fm
			pages = append(pages, p)
			pagesSize += fileSize(p)
		case fm.name == "warc":
			captures = append(captures, warc.PlainFile(p, fileSize(p)))
		default:
			sources = append(sources, fileSource(p, fm, []string{p}, fileSize(p), nil))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	if len(pages) > 0 {
		sources = append(sources, fileSource(path, pageFormat, pages, pagesSize, nil))
	}
	if len(captures) > 0 {
		sources = append(sources, warcSource(store, path, "warc", captures))
	}
	if len(sources) == 0 {
		return nil, fmt.Errorf("import %s: the directory holds nothing parc can import (no WXR export, feed, Blogger export or HTML page)", path)
	}
	return sources, nil
}

func fileSize(path string) int64 {
	if info, err := os.Stat(path); err == nil {
		return info.Size()
	}
	return 0
}

// fileSource reads files of format fm as one source; open opens each of
// them, nil opening the file at that path.
func fileSource(label string, fm format, files []string, size int64, open func(name string) (io.ReadCloser, error)) source {
	return source{label: label, format: fm.name, authority: fm.authority, size: size,
		open: func(ctx context.Context, _ func(string)) (Reader, error) {
			return &fileReader{ctx: ctx, format: fm, files: files, hash: sha256.New(), open: open}, nil
		}}
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// sniffFile detects the format of a file by its first bytes; the error
// says what the file seems to be when no format recognises it.
func sniffFile(path string) (format, error) {
	f, err := os.Open(path)
	if err != nil {
		return format{}, fmt.Errorf("import %s: %w", path, unwrapPathError(err))
	}
	defer f.Close()
	r, err := decompressed(bufio.NewReader(f))
	if err != nil {
		return format{}, fmt.Errorf("import %s: gzip: %w", path, err)
	}
	head, _ := r.Peek(sniffSize)
	if fm, ok := detect(head); ok {
		return fm, nil
	}
	return format{}, fmt.Errorf("import %s: %s", path, describe(head))
}

func detect(head []byte) (format, bool) {
	for _, f := range formats() {
		if f.sniff(head) {
			return f, true
		}
	}
	return format{}, false
}

// decompressed undoes gzip, which WordPress hosts and backups often apply,
// and UTF-16, which some editors and Windows tools save exports in.
func decompressed(r *bufio.Reader) (*bufio.Reader, error) {
	magic, _ := r.Peek(2)
	if bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		z, err := gzip.NewReader(r)
		if err != nil {
			return nil, err
		}
		r = bufio.NewReaderSize(z, sniffSize)
	}
	return fromUTF16(r), nil
}

// fromUTF16 reads a file that starts with a UTF-16 byte order mark as
// UTF-8, and makes its XML declaration say so, so that every format's
// reader takes it as the UTF-8 it now is.
func fromUTF16(r *bufio.Reader) *bufio.Reader {
	bom, _ := r.Peek(2)
	if !bytes.Equal(bom, []byte{0xff, 0xfe}) && !bytes.Equal(bom, []byte{0xfe, 0xff}) {
		return r
	}
	utf8 := bufio.NewReaderSize(transform.NewReader(r, unicode.BOMOverride(unicode.UTF8.NewDecoder())), sniffSize)
	head, _ := utf8.Peek(256)
	loc := declaredUTF16.FindSubmatchIndex(head)
	if loc == nil {
		return utf8
	}
	declaration := make([]byte, loc[1])
	io.ReadFull(utf8, declaration) // peeked already
	declaration = append(append(declaration[:loc[2]:loc[2]], "UTF-8"...), declaration[loc[3]:]...)
	return bufio.NewReaderSize(io.MultiReader(bytes.NewReader(declaration), utf8), sniffSize)
}

// declaredUTF16 finds the encoding a leading XML declaration names as UTF-16.
var declaredUTF16 = regexp.MustCompile(`^\s*<\?xml[^>]*?\bencoding\s*=\s*["']((?i)utf-?16(?:le|be)?)["']`)

// describe names what a file that no format recognises seems to be.
func describe(head []byte) string {
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case len(head) == 0:
		return "the file is empty"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "this is a zip archive: import it on its own (parc import FILE.zip reads the WordPress exports or web-archive captures inside)"
	case bytes.HasPrefix(trimmed, []byte("--")) || bytes.HasPrefix(trimmed, []byte("/*")) ||
		bytes.Contains(bytes.ToUpper(head[:min(len(head), 4096)]), []byte("CREATE TABLE")):
		return "this looks like an SQL dump; parc reads WordPress's WXR export (Tools → Export), feeds and pages"
	case bytes.HasPrefix(trimmed, []byte("<")):
		return "not a WordPress export, feed, Blogger export or HTML page parc recognises"
	default:
		return "not a WordPress export, feed or page (no XML or HTML found)"
	}
}

// fileReader reads the files of one source one after another through
// their format's Reader, hashing every byte. A file that fails ends a
// single-file source with its error; among a directory's pages it is a
// warning, and the other pages go on.
type fileReader struct {
	ctx    context.Context
	format format
	files  []string
	next   int // index of the next file to open
	// open opens one of files; nil opens the file at that path.
	open func(name string) (io.ReadCloser, error)

	hash     hash.Hash
	done     int64           // bytes of the files read whole
	counted  *countingReader // the file being read
	file     io.ReadCloser
	buffered *bufio.Reader
	current  Reader

	warnings []string
	read     int      // files read whole
	failed   []string // why the others were not
}

func (r *fileReader) Next() (archive.Record, error) {
	for {
		if err := r.ctx.Err(); err != nil {
			return archive.Record{}, err
		}
		if r.current == nil {
			if r.next == len(r.files) {
				if r.read == 0 && len(r.failed) > 0 && len(r.files) > 1 {
					return archive.Record{}, fmt.Errorf("none of its pages could be read: %s", strings.Join(r.failed, "; "))
				}
				return archive.Record{}, io.EOF
			}
			path := r.files[r.next]
			r.next++
			if err := r.openFile(path); err != nil {
				if err := r.fail(err); err != nil {
					return archive.Record{}, err
				}
			}
			continue
		}
		rec, err := r.current.Next()
		switch {
		case err == io.EOF:
			// Hash what the reader did not need, so the digest is the file's.
			io.Copy(io.Discard, r.buffered)
			r.read++
			r.closeFile()
			continue
		case err != nil:
			r.closeFile()
			if err := r.fail(err); err != nil {
				return archive.Record{}, err
			}
			continue
		}
		if rec.Site != nil && rec.Site.URL == "" {
			path := r.files[r.next-1]
			rec.Site.URL = localSiteURL(path)
			r.warnings = append(r.warnings, fmt.Sprintf("%s names no site URL; the archive calls the site %s", path, rec.Site.URL))
		}
		return rec, nil
	}
}

// fail ends a single-file source with err, and makes it a warning among
// the pages of a directory.
func (r *fileReader) fail(err error) error {
	if len(r.files) == 1 {
		return err
	}
	r.failed = append(r.failed, err.Error())
	r.warnings = append(r.warnings, err.Error())
	return nil
}

func (r *fileReader) openFile(path string) error {
	open := r.open
	if open == nil {
		open = func(path string) (io.ReadCloser, error) { return os.Open(path) }
	}
	f, err := open(path)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, unwrapPathError(err))
	}
	r.file = f
	r.counted = &countingReader{r: io.TeeReader(f, r.hash)}
	br, err := decompressed(bufio.NewReaderSize(r.counted, sniffSize))
	if err != nil {
		r.closeFile()
		return fmt.Errorf("import %s: gzip: %w", path, err)
	}
	head, _ := br.Peek(sniffSize)
	if fm, ok := detect(head); !ok || fm.name != r.format.name {
		r.closeFile()
		return fmt.Errorf("import %s: %s", path, describe(head))
	}
	r.buffered = br
	r.current = r.format.open(br, path)
	return nil
}

// closeFile keeps the warnings of the file just read and closes it.
func (r *fileReader) closeFile() {
	if r.current != nil {
		r.warnings = append(r.warnings, r.current.Warnings()...)
		r.current = nil
	}
	if r.file != nil {
		r.done += r.counted.n
		r.file.Close()
		r.file, r.counted, r.buffered = nil, nil, nil
	}
}

func (r *fileReader) Warnings() []string { return r.warnings }

// Close closes the file being read, if any.
func (r *fileReader) Close() error {
	r.closeFile()
	return nil
}

// BytesRead is how far into the source's files the reader has got.
func (r *fileReader) BytesRead() int64 {
	if r.counted != nil {
		return r.done + r.counted.n
	}
	return r.done
}

// Digest is the SHA-256 of every byte of the source's files.
func (r *fileReader) Digest() string { return hex.EncodeToString(r.hash.Sum(nil)) }

// localSiteURL names the site of a source that does not say where it was
// published, after the file, so that importing the file again finds it.
func localSiteURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
