package media

import (
	"net/url"
	"testing"

	"github.com/parc-archive/parc/archive"
)

// FuzzOriginal: an original is another http(s) URL than its variant.
func FuzzOriginal(f *testing.F) {
	f.Add("https://i0.wp.com/blog.example.org/wp-content/uploads/a-300x200.jpg?w=640")
	f.Add("https://blog.example.org/x.png?resize=10%2C10")
	f.Fuzz(func(t *testing.T, raw string) {
		orig, ok := Original(raw)
		if !ok {
			return
		}
		u, err := url.Parse(orig)
		if err != nil || u.Host == "" || orig == raw {
			t.Fatalf("Original(%q) = %q", raw, orig)
		}
	})
}

// FuzzRefs: every file found in any content is an absolute http(s) URL
// without a fragment, used by the post it was found in.
func FuzzRefs(f *testing.F) {
	f.Add(`<img src="/a.png" srcset="b.jpg 2x, https://cdn.example/c.webp 300w" data-lazy-src="d.gif"><!-- wp:image {"id":5,"url":"e.png"} -->[gallery ids="5,x"][audio f.mp3]`)
	f.Add(`<a href="x.pdf#page=2" style="background:url('g.png')">`)
	f.Fuzz(func(t *testing.T, content string) {
		finder := NewFinder("https://blog.example.org")
		finder.attachments[5] = "https://blog.example.org/wp-content/uploads/five.png"
		p := &archive.StoredPost{Key: 9, Post: archive.Post{Type: "post", ContentRaw: content, Comments: []archive.Comment{{ContentRaw: content}}}}
		for _, ref := range finder.Refs(p) {
			u, err := url.Parse(ref.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" || ref.PostKey != 9 {
				t.Fatalf("ref %+v from %q", ref, content)
			}
		}
	})
}
