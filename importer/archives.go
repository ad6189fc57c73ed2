package importer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/warc"
	"github.com/parc-archive/parc/importer/wayback"
)

// warcSource reads web-archive captures, all the files of it as one blog,
// into store.
func warcSource(store *archive.Store, label, format string, files []warc.File) source {
	var size int64
	for _, f := range files {
		size += f.Size
	}
	return source{label: label, format: format, authority: archive.AuthorityPage, size: size,
		open: func(ctx context.Context, report func(string)) (Reader, error) {
			return warc.Open(ctx, files, warc.Options{Report: report, Store: store}), nil
		}}
}

// waybackSource reads the captures a web archive holds of a site that is
// gone. It is resumable: the captures fetched stay in the archive.
func waybackSource(ctx context.Context, store *archive.Store, site string, opts Options) (source, error) {
	return preopened(source{label: site, format: "wayback", authority: archive.AuthorityPage, size: -1, resumable: true},
		func(report func(string)) (Reader, error) {
			return wayback.Open(ctx, store, site, wayback.Options{Fetch: opts.Fetch, ArchiveURL: opts.Wayback.URL,
				From: opts.Wayback.From, To: opts.Wayback.To, PageSize: opts.Wayback.PageSize, MaxFailures: opts.MaxFailures,
				Report: report})
		})
}

// isZip reports whether the file at path is a zip archive.
func isZip(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	magic := make([]byte, 4)
	n, _ := f.Read(magic)
	return bytes.Equal(magic[:n], []byte("PK\x03\x04"))
}

// zipSource reads a zip: a WACZ package of web-archive captures, or the
// WXR files of an export WordPress.com gives as a zip, which are one
// source, read one after the other.
func zipSource(store *archive.Store, path string, size int64) (source, error) {
	files, err := warc.PackageFiles(path)
	if err != nil {
		return source{}, fmt.Errorf("import %s: %w", path, err)
	}
	if len(files) > 0 {
		return warcSource(store, path, "wacz", files), nil
	}
	fm, exports, err := zipExports(path)
	if err != nil {
		return source{}, fmt.Errorf("import %s: %w", path, err)
	}
	if len(exports) == 0 {
		return source{}, fmt.Errorf("import %s: the zip holds no WARC file or WordPress export", path)
	}
	return fileSource(path, fm, exports, size, zipEntryOpener(path)), nil
}

// zipEntrySep joins a zip's path and an entry's name into the name of the
// entry, which messages show and openZipEntry opens.
const zipEntrySep = "!"

// zipExports names the entries of a zip that are WordPress exports, and
// gives their format.
func zipExports(path string) (fm format, names []string, err error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return format{}, nil, err
	}
	defer z.Close()
	for _, entry := range z.File {
		if entry.FileInfo().IsDir() {
			continue
		}
		rc, err := entry.Open()
		if err != nil {
			return format{}, nil, fmt.Errorf("%s: %w", entry.Name, err)
		}
		br, err := decompressed(bufio.NewReaderSize(rc, sniffSize))
		if err == nil {
			head, _ := br.Peek(sniffSize)
			if detected, ok := detect(head); ok && detected.name == "wxr" {
				fm = detected
				names = append(names, path+zipEntrySep+entry.Name)
			}
		}
		rc.Close()
	}
	return fm, names, nil
}

// zipEntryOpener opens the entries of the zip at path that zipExports named.
func zipEntryOpener(path string) func(name string) (io.ReadCloser, error) {
	return func(name string) (io.ReadCloser, error) {
		return openZipEntry(path, strings.TrimPrefix(name, path+zipEntrySep))
	}
}

func openZipEntry(path, entryName string) (io.ReadCloser, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	rc, err := z.Open(entryName)
	if err != nil {
		z.Close()
		return nil, err
	}
	return zipEntry{rc, z}, nil
}

// zipEntry closes the zip with the entry.
type zipEntry struct {
	io.ReadCloser
	zip *zip.ReadCloser
}

func (e zipEntry) Close() error {
	e.ReadCloser.Close()
	return e.zip.Close()
}
