package archive

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// TestServableMediaFollowsWhatReadersSee: a stored file is served when an
// item readers may see uses it, and not when only a trashed attachment, a
// draft or a reusable block (a type the site never shows) does.
func TestServableMediaFollowsWhatReadersSee(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	site := "https://blog.example.org"
	items := []*Post{
		{ID: 1, Type: "post", Status: "publish", Title: "Shown", Link: site + "/shown/"},
		{ID: 2, Type: "attachment", Status: "trash", Title: "Thrown away", Link: site + "/thrown/"},
		{ID: 3, Type: "post", Status: "draft", Title: "Draft", Link: site + "/?p=3"},
		{ID: 4, Type: "wp_block", Status: "publish", Title: "Block", Link: site + "/block/"},
	}
	recs := []Record{{Site: &Site{URL: site, Title: "Blog"}}}
	for _, p := range items {
		recs = append(recs, Record{Post: p})
	}
	put(t, s, Source{Path: "export.xml", Format: "wxr", Authority: AuthorityExport}, recs...)
	var refs []MediaRef
	for _, p := range items {
		keys, err := s.FindPosts(ctx, strconv.FormatInt(p.ID, 10), site)
		if err != nil || len(keys) != 1 {
			t.Fatalf("%s: %v %v", p.Title, keys, err)
		}
		refs = append(refs, MediaRef{URL: site + "/wp-content/uploads/" + p.Type + p.Status + ".jpg", Site: site, PostKey: keys[0]})
	}
	if _, err := s.AddMedia(ctx, refs); err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, r := range refs {
		if _, err := s.StoreMedia(ctx, r.URL, strings.NewReader("bytes of "+r.URL), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		urls = append(urls, r.URL)
	}
	served, err := s.ServableMedia(ctx, urls)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range refs {
		_, ok := served[r.URL]
		if want := i == 0; ok != want {
			t.Errorf("%s (used by %q): served %v, want %v", r.URL, items[i].Title, ok, want)
		}
	}
}
