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
	"sort"
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
		files, err := sourceFiles(path)
		if err != nil {
			return results, err
		}
		for _, f := range files {
			res, err := importFile(ctx, store, f, opts)
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

// sourceFiles expands a path into the files to import: the file itself,
// or every file under a directory that some format recognises.
func sourceFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, unwrapPathError(err))
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			if _, ok := detectFile(p); ok {
				files = append(files, p)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("import %s: the directory holds nothing parc can import (no WXR export, feed, Blogger export or HTML page)", path)
	}
	sort.Strings(files)
	return files, nil
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

func importFile(ctx context.Context, store *archive.Store, path string, opts Options) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, unwrapPathError(err))
	}
	defer f.Close()
	var size int64 = -1
	if info, err := f.Stat(); err == nil {
		if info.IsDir() {
			return nil, fmt.Errorf("import %s: is a directory", path)
		}
		size = info.Size()
	}
	hash := sha256.New()
	counted := &countingReader{r: io.TeeReader(f, hash)}
	br, err := decompressed(bufio.NewReaderSize(counted, sniffSize))
	if err != nil {
		return nil, fmt.Errorf("import %s: gzip: %w", path, err)
	}
	head, _ := br.Peek(sniffSize)
	fm, ok := detect(head)
	if !ok {
		return nil, fmt.Errorf("import %s: %s", path, describe(head))
	}
	imp, err := store.BeginImport(ctx, archive.Source{Path: path, Format: fm.name, Authority: fm.authority})
	if err != nil {
		return nil, err
	}
	reader := fm.open(br, path)
	report := func(done bool, items int) {
		if opts.Progress != nil {
			opts.Progress(Progress{Source: path, BytesRead: counted.n, Size: size, Items: items, Done: done})
		}
	}
	items := 0
	var readErr error
	for {
		if err := ctx.Err(); err != nil {
			readErr = err
			break
		}
		rec, err := reader.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			readErr = err
			break
		}
		if rec.Site != nil && rec.Site.URL == "" {
			rec.Site.URL = localSiteURL(path)
			imp.Warn(fmt.Sprintf("%s names no site URL; the archive calls the site %s", path, rec.Site.URL))
		}
		if err := imp.Put(rec); err != nil {
			imp.Abort()
			return nil, fmt.Errorf("import %s: %w", path, err)
		}
		if rec.Post != nil {
			items++
			if items%256 == 0 {
				report(false, items)
			}
		}
	}
	report(true, items)
	for _, w := range reader.Warnings() {
		imp.Warn(w)
	}
	if readErr == nil {
		// Hash what the reader did not need, so the digest is the file's.
		io.Copy(io.Discard, br)
	}
	digest := ""
	if readErr == nil {
		digest = hex.EncodeToString(hash.Sum(nil))
	}
	res, err := imp.Finish(digest, readErr)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	result := &Result{ImportResult: res, Format: fm.name}
	if readErr != nil {
		if !strings.Contains(readErr.Error(), path) {
			readErr = fmt.Errorf("import %s: %w", path, readErr)
		}
		return result, readErr
	}
	return result, nil
}

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
