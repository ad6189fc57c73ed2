package blogger

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
)

// FuzzBlogger checks that no input makes the reader panic or loop, that
// errors name the source, and that what it yields is a blog: the site
// first, and each post with a thread of its own comments (each id once,
// each parent another comment of the same post, no cycles).
func FuzzBlogger(f *testing.F) {
	data, err := os.ReadFile("testdata/takeout-2018.xml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`<feed><entry><id>b.post-9</id><type>POST</type></entry><entry><id>a.post-1</id><type>COMMENT</type><in-reply-to ref="b.post-9"/><link rel="related" href="x/2"/></entry><entry><id>a.post-2</id><type>COMMENT</type><in-reply-to ref="b.post-9"/><link rel="related" href="x/1"/></entry></feed>`))
	f.Add([]byte(`<feed><entry><id>a.post-1</id><type>COMMENT</type><parent>a.post-1</parent></entry><entry><id>a.post-2</id><category scheme="http://schemas.google.com/g/2005#kind" term="k#comment"/><link rel="related" href="x/1"/><in-reply-to ref="a.post-2"/></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		Sniff(data)
		r := NewReader(bytes.NewReader(data), "fuzz")
		for i := 0; ; i++ {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if !strings.Contains(err.Error(), "fuzz") {
					t.Fatalf("error %q does not name the source", err)
				}
				return
			}
			if i > len(data)+10 {
				t.Fatal("more records than bytes")
			}
			if (i == 0) != (rec.Site != nil) {
				t.Fatalf("record %d: %+v; the site comes first, once", i, rec)
			}
			if rec.Post != nil {
				checkThread(t, rec.Post)
			}
		}
	})
}

// checkThread fails the test unless a post's comments form a thread of
// their own: each id once, each parent another comment of the post, and
// every reply leads up to the post.
func checkThread(t *testing.T, p *archive.Post) {
	t.Helper()
	ids := map[int64]bool{}
	for _, c := range p.Comments {
		if ids[c.ID] {
			t.Fatalf("post %d: comment %d appears twice", p.ID, c.ID)
		}
		ids[c.ID] = true
	}
	for _, c := range p.Comments {
		if c.Parent != 0 && (c.Parent == c.ID || !ids[c.Parent]) {
			t.Fatalf("post %d: comment %d replies to %d, not another comment of the post", p.ID, c.ID, c.Parent)
		}
	}
	parent := map[int64]int64{}
	for _, c := range p.Comments {
		parent[c.ID] = c.Parent
	}
	for _, c := range p.Comments {
		id := c.ID
		for hops := 0; id != 0; hops++ {
			if hops > len(p.Comments) {
				t.Fatalf("post %d: comment %d is among its own replies", p.ID, c.ID)
			}
			id = parent[id]
		}
	}
}
