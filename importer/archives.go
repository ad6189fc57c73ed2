package importer

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/warc"
)

// warcSource reads web-archive captures, all the files of it as one blog.
func warcSource(label, format string, files []warc.File) source {
	var size int64
	for _, f := range files {
		size += f.Size
	}
	return source{label: label, format: format, authority: archive.AuthorityPage, size: size,
		open: func(ctx context.Context, report func(string)) (Reader, error) {
			return warc.Open(ctx, files, warc.Options{Report: report}), nil
		}}
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

// zipSource reads a zip: a WACZ package of web-archive captures.
func zipSource(path string, size int64) (source, error) {
	files, err := warc.PackageFiles(path)
	if err != nil {
		return source{}, fmt.Errorf("import %s: %w", path, err)
	}
	if len(files) > 0 {
		return warcSource(path, "wacz", files), nil
	}
	return source{}, fmt.Errorf("import %s: the zip holds no WARC file or WordPress export", path)
}
