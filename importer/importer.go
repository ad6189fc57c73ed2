// Package importer turns the forms a WordPress blog can still be found in
// into archive records. Each source format lives in its own package (wxr,
// feed, blogger, html) and yields archive.Records through Reader; this
// package detects the format of a file by its content, never its name,
// and writes what the format yields into the archive, where merging is the
// one mechanism by which sources meet.
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
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/blogger"
	"github.com/parc-archive/parc/importer/feed"
	"github.com/parc-archive/parc/importer/html"
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
func formats() []format {
	return []format{
		{"wxr", archive.AuthorityExport, wxr.Sniff, func(r io.Reader, n string) Reader { return wxr.NewReader(r, n) }},
		{"blogger", archive.AuthorityExport, blogger.Sniff, func(r io.Reader, n string) Reader { return blogger.NewReader(r, n) }},
		{"feed", archive.AuthorityFeed, feed.Sniff, func(r io.Reader, n string) Reader { return feed.NewReader(r, n) }},
		{"html", archive.AuthorityPage, html.Sniff, func(r io.Reader, n string) Reader { return html.NewReader(r, n) }},
	}
}

// Options tune an import.
type Options struct {
	// Progress, when set, is told how far each source has got.
	Progress func(p Progress)
}

// Progress is a snapshot of one source's import.
type Progress struct {
	Source    string
	BytesRead int64
	Size      int64 // -1 when unknown
	Items     int
	Done      bool
}

// Result is what one source did to the archive.
type Result struct {
	*archive.ImportResult
	Format string
}

// Import imports each path, a file or a directory, into the store. It
// returns the results of the sources it finished; the error names the
// first source that failed, and everything imported before it stays.
func Import(ctx context.Context, store *archive.Store, paths []string, opts Options) ([]Result, error) {
	var results []Result
	for _, path := range paths {
		sources, err := sourcesOf(path)
		if err != nil {
			return results, err
		}
		for _, src := range sources {
			res, err := importSource(ctx, store, src, opts)
			if res != nil {
				results = append(results, *res)
			}
			if err != nil {
				return results, err
			}
		}
	}
	return results, nil
}

// source is what one import reads: a file, or the saved pages of a
// directory, which are one source because they are one site.
type source struct {
	label string
	files []string
}

// sourcesOf expands a path into sources: a file is one; in a directory
// every export and feed is one, and all the HTML pages together are one.
// Each file of a directory is sniffed once here, to skip what no format
// recognises and to group the pages.
func sourcesOf(path string) ([]source, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, unwrapPathError(err))
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			// A pipe or device would block or never end.
			return nil, fmt.Errorf("import %s: not a regular file or directory", path)
		}
		return []source{{label: path, files: []string{path}}}, nil
	}
	var sources []source
	pages := source{label: path}
	err = filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		switch fm, ok := detectFile(p); {
		case !ok:
		case fm.name == "html":
			pages.files = append(pages.files, p)
		default:
			sources = append(sources, source{label: p, files: []string{p}})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	if len(pages.files) > 0 {
		sources = append(sources, pages)
	}
	if len(sources) == 0 {
		return nil, fmt.Errorf("import %s: the directory holds nothing parc can import (no WXR export, feed, Blogger export or HTML page)", path)
	}
	return sources, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// detectFile reports the format of a file by its first bytes.
func detectFile(path string) (format, bool) {
	f, err := os.Open(path)
	if err != nil {
		return format{}, false
	}
	defer f.Close()
	r, err := decompressed(bufio.NewReader(f))
	if err != nil {
		return format{}, false
	}
	head, _ := r.Peek(sniffSize)
	return detect(head)
}

func detect(head []byte) (format, bool) {
	for _, f := range formats() {
		if f.sniff(head) {
			return f, true
		}
	}
	return format{}, false
}

// decompressed undoes gzip, which WordPress hosts and backups often apply.
func decompressed(r *bufio.Reader) (*bufio.Reader, error) {
	magic, _ := r.Peek(2)
	if !bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		return r, nil
	}
	z, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	return bufio.NewReaderSize(z, sniffSize), nil
}

// describe names what a file that no format recognises seems to be.
func describe(head []byte) string {
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case len(head) == 0:
		return "the file is empty"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "this is a zip archive: unzip it and import the export inside"
	case bytes.HasPrefix(trimmed, []byte("--")) || bytes.HasPrefix(trimmed, []byte("/*")) ||
		bytes.Contains(bytes.ToUpper(head[:min(len(head), 4096)]), []byte("CREATE TABLE")):
		return "this looks like an SQL dump; parc reads WordPress's WXR export (Tools → Export), feeds and pages"
	case bytes.HasPrefix(trimmed, []byte("<")):
		return "not a WordPress export, feed, Blogger export or HTML page parc recognises"
	default:
		return "not a WordPress export, feed or page (no XML or HTML found)"
	}
}

// importSource reads a source's files into one import. A file that fails
// ends a single-file source with its error; in a directory of pages it is a
// warning, and the other pages go on.
func importSource(ctx context.Context, store *archive.Store, src source, opts Options) (*Result, error) {
	var imp *archive.Import
	var fm format
	hash := sha256.New()
	var readErr error
	items := 0
	var done, total int64
	for _, path := range src.files {
		if info, err := os.Stat(path); err == nil {
			total += info.Size()
		}
	}
	var skipped []string // pages skipped before the import began
	for _, path := range src.files {
		counted := &countingReader{}
		report := func(final bool) {
			if opts.Progress != nil {
				opts.Progress(Progress{Source: src.label, BytesRead: done + counted.n, Size: total, Items: items, Done: final})
			}
		}
		err := func() error {
			f, err := os.Open(path)
			if err != nil {
				return fmt.Errorf("import %s: %w", path, unwrapPathError(err))
			}
			defer f.Close()
			counted.r = io.TeeReader(f, hash)
			br, err := decompressed(bufio.NewReaderSize(counted, sniffSize))
			if err != nil {
				return fmt.Errorf("import %s: gzip: %w", path, err)
			}
			head, _ := br.Peek(sniffSize)
			detected, ok := detect(head)
			if !ok {
				return fmt.Errorf("import %s: %s", path, describe(head))
			}
			if imp == nil {
				fm = detected
				imp, err = store.BeginImport(ctx, archive.Source{Path: src.label, Format: fm.name, Authority: fm.authority})
				if err != nil {
					return &storeError{err}
				}
				for _, w := range skipped {
					imp.Warn(w)
				}
			}
			reader := fm.open(br, path)
			defer func() {
				for _, w := range reader.Warnings() {
					imp.Warn(w)
				}
			}()
			for {
				if err := ctx.Err(); err != nil {
					return err
				}
				rec, err := reader.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					return err
				}
				if rec.Site != nil && rec.Site.URL == "" {
					rec.Site.URL = localSiteURL(path)
					imp.Warn(fmt.Sprintf("%s names no site URL; the archive calls the site %s", path, rec.Site.URL))
				}
				if err := imp.Put(rec); err != nil {
					imp.Abort()
					return &storeError{fmt.Errorf("import %s: %w", path, err)}
				}
				if rec.Post != nil {
					items++
					if items%256 == 0 {
						report(false)
					}
				}
			}
			// Hash what the reader did not need, so the digest is the file's.
			io.Copy(io.Discard, br)
			return nil
		}()
		done += counted.n
		var se *storeError
		switch {
		case err == nil:
		case errors.As(err, &se):
			return nil, se.err
		case len(src.files) == 1 || ctx.Err() != nil:
			readErr = err
		case imp == nil:
			skipped = append(skipped, err.Error())
		default:
			imp.Warn(err.Error())
		}
		if readErr != nil {
			break
		}
	}
	if opts.Progress != nil {
		opts.Progress(Progress{Source: src.label, BytesRead: done, Size: total, Items: items, Done: true})
	}
	if imp == nil {
		if readErr == nil {
			readErr = fmt.Errorf("import %s: none of its pages could be read: %s", src.label, strings.Join(skipped, "; "))
		}
		return nil, readErr
	}
	digest := ""
	if readErr == nil {
		digest = hex.EncodeToString(hash.Sum(nil))
	}
	res, err := imp.Finish(digest, readErr)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", src.label, err)
	}
	result := &Result{ImportResult: res, Format: fm.name}
	if readErr != nil {
		if !strings.Contains(readErr.Error(), src.label) {
			readErr = fmt.Errorf("import %s: %w", src.label, readErr)
		}
		return result, readErr
	}
	return result, nil
}

// storeError marks a failure to write the archive, which ends an import
// whatever the source.
type storeError struct{ err error }

func (e *storeError) Error() string { return e.err.Error() }

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
