package export

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// CountingWriter counts the bytes written through it and keeps the first
// error, so that a writer streaming through a buffer stops early when the
// output fails (a closed pipe, a full disk).
type CountingWriter struct {
	W   io.Writer
	N   int64
	Err error
}

func (c *CountingWriter) Write(p []byte) (int, error) {
	if c.Err != nil {
		return 0, c.Err
	}
	n, err := c.W.Write(p)
	c.N += int64(n)
	c.Err = err
	return n, err
}

// WriteFile calls write with a buffered writer on path, or on stdout when
// path is "-". A file is written to a temporary file beside it, synced and
// renamed over path only when write succeeds, so an existing file is
// replaced only by a complete export and a failed or interrupted one
// leaves nothing behind.
func WriteFile(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriterSize(stdout, 256<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := renameio.NewPendingFile(path, renameio.WithTempDir(filepath.Dir(path)), renameio.WithStaticPermissions(0o644))
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer f.Cleanup() // after the replace there is nothing to clean up
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: writing %s: %w", path, err)
	}
	if err := f.CloseAtomicallyReplace(); err != nil {
		return fmt.Errorf("export: writing %s: %w", path, err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync() // makes the rename durable where the filesystem allows it
		d.Close()
	}
	return nil
}
