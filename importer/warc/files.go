package warc

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

// File is one WARC file: on disk, or stored inside a WACZ package.
type File struct {
	Name   string // for messages: the path, or "PACKAGE.wacz!archive/NAME.warc.gz"
	Path   string // the file on disk
	Offset int64  // where the WARC starts in it
	Size   int64
}

// open returns the WARC's bytes, seekable so that the second pass can go
// straight to a record.
func (f File) open() (*os.File, *io.SectionReader, error) {
	file, err := os.Open(f.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("warc %s: %w", f.Name, err)
	}
	return file, io.NewSectionReader(file, f.Offset, f.Size), nil
}

// IsWARC reports whether head, the start of a file with any gzip undone,
// is a WARC record.
func IsWARC(head []byte) bool {
	return bytes.HasPrefix(head, []byte("WARC/1.")) || bytes.HasPrefix(head, []byte("WARC/0."))
}

// isWARCName tells the WARC files of a WACZ package from its indexes and pages.
func isWARCName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasSuffix(lower, ".warc") || strings.HasSuffix(lower, ".warc.gz")
}

// PackageFiles lists the WARC files a zip holds (a WACZ package keeps
// them in archive/), or none when it holds no WARC. The WACZ format stores
// them uncompressed in the zip, which lets the second pass seek; a WARC
// the zip compressed again is refused with a clear message.
func PackageFiles(path string) ([]File, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("wacz %s: %w", path, err)
	}
	defer z.Close()
	var files []File
	for _, entry := range z.File {
		if !isWARCName(entry.Name) || entry.FileInfo().IsDir() {
			continue
		}
		name := path + "!" + entry.Name
		if entry.Method != zip.Store {
			return nil, fmt.Errorf("wacz %s: the zip compresses the WARC (WACZ stores WARC files uncompressed): unzip it and import the folder", name)
		}
		offset, err := entry.DataOffset()
		if err != nil {
			return nil, fmt.Errorf("wacz %s: %w", name, err)
		}
		files = append(files, File{Name: name, Path: path, Offset: offset, Size: int64(entry.CompressedSize64)})
	}
	return files, nil
}

// PlainFile is a WARC file on disk.
func PlainFile(path string, size int64) File {
	return File{Name: path, Path: path, Size: size}
}

// openFiles keeps the files of the second pass open while it jumps from
// record to record across them.
type openFiles struct {
	files    []File
	sections map[int]*io.SectionReader
	closers  []io.Closer
}

func newOpenFiles(files []File) *openFiles {
	return &openFiles{files: files, sections: map[int]*io.SectionReader{}}
}

func (o *openFiles) at(i int) (*io.SectionReader, error) {
	if s, ok := o.sections[i]; ok {
		return s, nil
	}
	f, s, err := o.files[i].open()
	if err != nil {
		return nil, err
	}
	o.closers = append(o.closers, f)
	o.sections[i] = s
	return s, nil
}

func (o *openFiles) close() {
	for _, c := range o.closers {
		c.Close()
	}
}
