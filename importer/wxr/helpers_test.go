package wxr

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
)

// export is everything a Reader yielded from one file.
type export struct {
	site     *archive.Site
	authors  []*archive.Author
	terms    []*archive.Term
	posts    []*archive.Post
	warnings []string
	err      error
}

func readExport(t testing.TB, data []byte, name string) export {
	t.Helper()
	return readStream(t, bytes.NewReader(data), name)
}

func readStream(t testing.TB, src io.Reader, name string) export {
	t.Helper()
	r := NewReader(src, name)
	var e export
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			e.err = err
			break
		}
		switch {
		case rec.Site != nil:
			if e.site != nil || len(e.authors)+len(e.terms)+len(e.posts) > 0 {
				t.Errorf("%s: Site yielded twice or after other records", name)
			}
			e.site = rec.Site
		case rec.Author != nil:
			e.authors = append(e.authors, rec.Author)
		case rec.Term != nil:
			e.terms = append(e.terms, rec.Term)
		case rec.Post != nil:
			e.posts = append(e.posts, rec.Post)
		}
	}
	e.warnings = r.Warnings()
	return e
}

func readFile(t testing.TB, path string) export {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readExport(t, data, path)
}

func (e export) post(id int64) *archive.Post {
	for _, p := range e.posts {
		if p.ID == id {
			return p
		}
	}
	return nil
}

func (e export) meta(id int64, key string) (string, bool) {
	if p := e.post(id); p != nil {
		for _, m := range p.Meta {
			if m.Key == key {
				return m.Value, true
			}
		}
	}
	return "", false
}

func (e export) warned(substr string) bool {
	for _, w := range e.warnings {
		if strings.Contains(w, substr) {
			return true
		}
	}
	return false
}

func (e export) termsOf(taxonomy string) []*archive.Term {
	var out []*archive.Term
	for _, term := range e.terms {
		if term.Taxonomy == taxonomy {
			out = append(out, term)
		}
	}
	return out
}

func isNotWXR(err error) bool { return errors.Is(err, ErrNotWXR) }

func newGzipWriter(w io.Writer) *gzip.Writer { return gzip.NewWriter(w) }
