package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// DirMarker is the file an export writes at the top of a directory it
// made, so that a later export may replace that directory, and only one
// that parc wrote.
const DirMarker = ".parc-export"

// ErrDirNotEmpty is returned for an export directory that holds files of
// something other than a previous export.
var ErrDirNotEmpty = errors.New("not empty and not an export by parc")

// WriteDir calls write with a Tree of a new temporary directory beside dir and, when
// it succeeds, puts that directory in dir's place: dir must be missing,
// empty, or a previous export by parc (it holds DirMarker). A failed or
// interrupted export leaves dir as it was.
func WriteDir(dir, format string, write func(tree *Tree) error) error {
	dir = filepath.Clean(dir)
	previous, err := checkDir(dir)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	tree := newTree(tmp)
	err = write(tree)
	if closeErr := tree.close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return err
	}
	marker, _ := json.Marshal(struct {
		Format  string `json:"format"`
		Written string `json:"written"`
	}{format, time.Now().UTC().Format(time.RFC3339)})
	if err := os.WriteFile(filepath.Join(tmp, DirMarker), append(marker, '\n'), 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if previous {
		old := tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("export: replacing %s: %w", dir, err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			os.Rename(old, dir)
			return fmt.Errorf("export: replacing %s: %w", dir, err)
		}
		done = true
		return os.RemoveAll(old)
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	done = true
	return nil
}

// checkDir reports whether dir holds a previous export, and fails when
// it holds anything else.
func checkDir(dir string) (previous bool, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("export: %w", err)
	}
	if len(entries) == 0 {
		return false, nil
	}
	if _, err := os.Stat(filepath.Join(dir, DirMarker)); err != nil {
		return false, fmt.Errorf("export: %s is %w (%s missing): name an empty or new directory", dir, ErrDirNotEmpty, DirMarker)
	}
	return true, nil
}

// Tree writes the files of an export below its root. Files are written
// in the background, in the order given, by one goroutine that makes each
// directory once: creating files is most of an export's time, and this
// way it runs while the next posts are rendered. Write fails once a
// previous write has failed; the export's end (WriteDir) waits for the
// last file and reports the first failure.
type Tree struct {
	root   string
	bytes  int64
	queue  chan treeFile
	done   chan struct{}
	failed atomic.Pointer[error]
}

// treeFile is a file to write: data, or a copy of the file at from.
type treeFile struct {
	path string
	data []byte
	from string
}

// newTree writes below root, which exists, until closed.
func newTree(root string) *Tree {
	t := &Tree{root: filepath.Clean(root), queue: make(chan treeFile, 256), done: make(chan struct{})}
	go t.writeQueued()
	return t
}

func (t *Tree) writeQueued() {
	defer close(t.done)
	made := map[string]bool{t.root: true}
	for f := range t.queue {
		if t.failed.Load() != nil {
			continue
		}
		if err := writeFile(made, f); err != nil {
			err = fmt.Errorf("export: %w", err)
			t.failed.Store(&err)
		}
	}
}

// writeFile writes a file, making the directories it needs that made
// does not hold, and adds them to it. A copy streams: a video need not
// fit in memory.
func writeFile(made map[string]bool, f treeFile) error {
	if dir := filepath.Dir(f.path); !made[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for ; !made[dir]; dir = filepath.Dir(dir) {
			made[dir] = true
		}
	}
	if f.from == "" {
		return os.WriteFile(f.path, f.data, 0o644)
	}
	src, err := os.Open(f.from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// close waits for the files written and returns the first failure.
func (t *Tree) close() error {
	close(t.queue)
	<-t.done
	if err := t.failed.Load(); err != nil {
		return *err
	}
	return nil
}

// Bytes is what the tree has been given to write so far.
func (t *Tree) Bytes() int64 { return t.bytes }

// Write writes a file below the root, making the directories it needs.
// rel is slash-separated. data must not change afterwards.
func (t *Tree) Write(rel string, data []byte) error {
	return t.enqueue(rel, treeFile{data: data}, int64(len(data)))
}

// CopyFile copies the file at from, of size bytes, to rel below the
// root, as Write writes data, reading it only as it writes it: a video
// never waits in memory. from must not change afterwards.
func (t *Tree) CopyFile(rel, from string, size int64) error {
	return t.enqueue(rel, treeFile{from: from}, size)
}

// enqueue queues f to be written at rel, which must be below the root,
// and counts its size.
func (t *Tree) enqueue(rel string, f treeFile, size int64) error {
	f.path = filepath.Join(t.root, filepath.FromSlash(rel))
	if !strings.HasPrefix(f.path, t.root+string(filepath.Separator)) {
		return fmt.Errorf("export: %q would be written outside the export", rel)
	}
	if err := t.failed.Load(); err != nil {
		return *err
	}
	t.queue <- f
	t.bytes += size
	return nil
}

// WriteFS copies the files below dir of fsys (embedded layouts) to the root.
func (t *Tree) WriteFS(fsys fs.FS, dir string) error {
	return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return t.Write(strings.TrimPrefix(p, dir+"/"), data)
	})
}
