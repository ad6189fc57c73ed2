package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DirMarker is the file an export writes at the top of a directory it
// made, so that a later export may replace that directory, and only one
// that parc wrote.
const DirMarker = ".parc-export"

// ErrDirNotEmpty is returned for an export directory that holds files of
// something other than a previous export.
var ErrDirNotEmpty = errors.New("not empty and not an export by parc")

// WriteDir calls write with a new temporary directory beside dir and, when
// it succeeds, puts that directory in dir's place: dir must be missing,
// empty, or a previous export by parc (it holds DirMarker). A failed or
// interrupted export leaves dir as it was.
func WriteDir(dir, format string, write func(tmp string) error) error {
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
	if err := write(tmp); err != nil {
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

// WriteTree writes a file below root, making the directories it needs.
// rel is slash-separated.
func WriteTree(root, rel string, data []byte) error {
	path := filepath.Join(root, filepath.FromSlash(rel))
	if !strings.HasPrefix(path, filepath.Clean(root)+string(filepath.Separator)) {
		return fmt.Errorf("export: %q would be written outside the export", rel)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// WriteFS copies the files below dir of fsys (embedded layouts) to root.
func WriteFS(root string, fsys fs.FS, dir string) error {
	return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return WriteTree(root, strings.TrimPrefix(p, dir+"/"), data)
	})
}
