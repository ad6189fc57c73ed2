package archive

import (
	"context"
	"testing"
)

func TestPostMetaByLink(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	p := samplePost()
	p.Meta = append(p.Meta, Meta{"parc:captured", "2016-05-01T10:00:00Z"})
	bare := &Post{ID: 11, Type: "post", Status: "publish", Title: "Bare", Link: "https://blog.example.org/bare/"}
	put(t, s, export, siteRec(), Record{Post: p}, Record{Post: bare})

	for _, tc := range []struct{ link, key, want string }{
		{p.Link, "parc:captured", "2016-05-01T10:00:00Z"},
		{"https://blog.example.org/2023/03/18/review", "parc:captured", "2016-05-01T10:00:00Z"}, // without its slash
		{p.Link, "_thumbnail_id", "12"},
		{p.Link, "absent", ""},
		{bare.Link, "parc:captured", ""},
		{"https://blog.example.org/nowhere/", "parc:captured", ""},
	} {
		got, err := s.PostMetaByLink(ctx, tc.link, tc.key)
		if err != nil || got != tc.want {
			t.Errorf("PostMetaByLink(%s, %s) = %q, %v; want %q", tc.link, tc.key, got, err, tc.want)
		}
	}
}
