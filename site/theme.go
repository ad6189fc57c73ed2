package site

import (
	"embed"
	"errors"
	"io/fs"
)

// defaultTheme holds the templates and assets parc ships.
//
//go:embed templates/*.html static/*
var defaultTheme embed.FS

// overlay serves a theme directory's files first and the default theme's
// for the rest, so a theme can replace one template or stylesheet.
type overlay struct{ theme, base fs.FS }

func themeFS(theme fs.FS) fs.FS {
	if theme == nil {
		return defaultTheme
	}
	return overlay{theme: theme, base: defaultTheme}
}

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.theme.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return o.base.Open(name)
	}
	return f, err
}

// ReadDir merges both directories, the theme's entries winning.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	base, err := fs.ReadDir(o.base, name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	themed, err := fs.ReadDir(o.theme, name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	seen := map[string]bool{}
	var out []fs.DirEntry
	for _, list := range [][]fs.DirEntry{themed, base} {
		for _, e := range list {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	return out, nil
}

// DefaultTheme is the theme parc ships: templates/*.html and static/*,
// to start a theme of one's own from (parc theme DIR).
func DefaultTheme() fs.FS { return defaultTheme }
