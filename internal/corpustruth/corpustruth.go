// Package corpustruth gives tests what a WordPress export holds — most
// often the corpus site's own export in ../shared, the truth other
// importers' output is checked against — read with the real WXR reader.
//
// importer/wxr's own tests must not use it: it imports that package.
package corpustruth

import (
	"errors"
	"io"
	"os"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/wxr"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// CorpusExport is the corpus site's WXR export, relative to the shared folder.
const CorpusExport = "corpus/wordpress-6.1.9/export/wordpress-export.xml"

// Export is every author and item of one export, in file order.
type Export struct {
	Authors []*archive.Author
	Posts   []*archive.Post
}

// Corpus reads the corpus export, or ends the test (see sharedtest).
func Corpus(t testing.TB) *Export {
	t.Helper()
	return Read(t, sharedtest.File(t, CorpusExport))
}

// Read reads the export at path, or ends the test.
func Read(t testing.TB, path string) *Export {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := wxr.NewReader(f, path)
	e := &Export{}
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch {
		case rec.Author != nil:
			e.Authors = append(e.Authors, rec.Author)
		case rec.Post != nil:
			e.Posts = append(e.Posts, rec.Post)
		}
	}
	if len(e.Posts) == 0 {
		t.Fatalf("%s: no items", path)
	}
	return e
}

// ByID maps each post ID to its item (the last, where IDs repeat).
func (e *Export) ByID() map[int64]*archive.Post {
	m := make(map[int64]*archive.Post, len(e.Posts))
	for _, p := range e.Posts {
		m[p.ID] = p
	}
	return m
}

// ByLink maps each item's link to the item (the last, where links repeat).
func (e *Export) ByLink() map[string]*archive.Post {
	m := make(map[string]*archive.Post, len(e.Posts))
	for _, p := range e.Posts {
		m[p.Link] = p
	}
	return m
}

// DisplayNames maps each author's login to the name shown for them.
func (e *Export) DisplayNames() map[string]string {
	m := make(map[string]string, len(e.Authors))
	for _, a := range e.Authors {
		m[a.Login] = a.DisplayName
	}
	return m
}

// Approved maps each approved comment of p to its parent.
func Approved(p *archive.Post) map[int64]int64 {
	m := map[int64]int64{}
	for _, c := range p.Comments {
		if c.Approved == archive.CommentApproved {
			m[c.ID] = c.Parent
		}
	}
	return m
}
