package warc

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// File is one WARC file: on disk, or stored inside a WACZ package.
type File struct {
	Name   string // for messages: the path, or "PACKAGE.wacz!archive/NAME.warc.gz"
	Path   string // the file on disk
	Offset int64  // where the WARC starts in it
	Size   int64  // -1: the whole file
}

// open returns the WARC's bytes, seekable so that the second pass can go
// straight to a record.
func (f File) open() (*os.File, *io.SectionReader, error) {
	file, err := os.Open(f.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("warc %s: %w", f.Name, err)
	}
	size := f.Size
	if size < 0 {
		info, err := file.Stat()
		if err != nil {
			file.Close()
			return nil, nil, fmt.Errorf("warc %s: %w", f.Name, err)
		}
		size = info.Size()
	}
	return file, io.NewSectionReader(file, f.Offset, size), nil
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

// wholeStreamGzip reports whether a gzipped WARC was compressed as one
// stream rather than record by record, as WARC tools should: then its
// first gzip member holds more than its first record. It leaves r at the
// start.
func wholeStreamGzip(r io.ReadSeeker) (bool, error) {
	defer r.Seek(0, io.SeekStart)
	buffered := bufio.NewReader(r)
	magic, _ := buffered.Peek(2)
	if !bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		return false, nil
	}
	z, err := gzip.NewReader(buffered)
	if err != nil {
		return false, fmt.Errorf("gzip: %w", err)
	}
	z.Multistream(false)
	member := bufio.NewReader(io.LimitReader(z, maxHeader))
	length := int64(-1)
	for {
		line, err := member.ReadString('\n')
		if err != nil {
			return false, nil // no record, or a broken one: the reader says which
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if name, value, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			length, _ = strconv.ParseInt(strings.TrimSpace(value), 10, 64)
		}
	}
	if length < 0 {
		return false, nil
	}
	rest := io.MultiReader(member, z)
	if _, err := io.CopyN(io.Discard, rest, length+4); err != nil {
		return false, nil
	}
	n, _ := io.ReadFull(rest, make([]byte, 1))
	return n > 0, nil
}

// maxHeader bounds the WARC header of a record the sniff above reads.
const maxHeader = 1 << 20

// spool writes what r decompresses into a temporary file, removed when the
// Reader closes.
func (r *Reader) spool(compressed io.Reader) (*os.File, error) {
	z, err := gzip.NewReader(compressed)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	tmp, err := os.CreateTemp("", "parc-warc-*.warc")
	if err != nil {
		return nil, err
	}
	r.temps = append(r.temps, tmp.Name())
	if _, err := io.Copy(tmp, z); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		tmp.Close()
		return nil, err
	}
	return tmp, nil
}
