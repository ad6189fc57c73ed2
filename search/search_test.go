package search

import (
	"context"
	"errors"
	"html"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/sharedtest"
	"github.com/parc-archive/parc/render"
)

func sampleBlog(t testing.TB) string {
	return filepath.Join(sharedtest.RepoRoot(t), "testdata", "sample-blog.xml")
}

func TestSampleBlog(t *testing.T) {
	forEachShardCount(t, func(t *testing.T, shards int) {
		store, dir := newArchive(t, sampleBlog(t))
		ix := openSynced(t, store, dir, shards)

		t.Run("private words are never found", func(t *testing.T) {
			for _, word := range []string{"secretletterword", "draftonlyword", "spamword", "moderation", "foghorn"} {
				res := mustSearch(t, ix, Request{Query: word})
				for _, h := range res.Hits {
					// foghorn is also public text in "Walking the Headland";
					// it must not come from the protected post's password.
					if h.PostID == 14 || h.PostID == 15 || (word != "foghorn" && res.Total > 0) {
						t.Errorf("%q found %s %d %q: %s", word, h.Kind, h.PostID, h.Title, h.Snippet)
					}
				}
			}
		})

		t.Run("a comment's words find the comment and name its post", func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: "rental"})
			if res.Total != 1 {
				t.Fatalf("rental: %d hits, want 1: %+v", res.Total, res.Hits)
			}
			h := res.Hits[0]
			if h.Kind != KindComment || h.PostID != 10 || h.Author != "Jonah" || h.CommentID == 0 {
				t.Errorf("rental found %+v, want Jonah's comment on post 10", h)
			}
			if h.Title != "The Quiet Lighthouse (2023) Review" || !strings.Contains(h.Link, "the-quiet-lighthouse-review") {
				t.Errorf("the comment hit names %q %q, want its post", h.Title, h.Link)
			}
			if !strings.Contains(h.Snippet, "<mark>rental</mark>") {
				t.Errorf("snippet %q does not mark the word", h.Snippet)
			}
		})

		t.Run("stemming and title first", func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: "lighthouses"})
			if res.Total == 0 || res.Hits[0].Kind != KindPost || res.Hits[0].PostID != 10 {
				t.Fatalf("lighthouses: want post 10 first, got %+v", res.Hits)
			}
		})

		cases := []struct {
			query string
			want  []int64 // post IDs of the hits, in any order
			kinds []string
		}{
			{`"seven miles"`, []int64{8}, nil},
			{`cliffs type:post`, []int64{8}, nil},
			{`cliffs type:page`, nil, nil},
			{`keeper year:2023 type:post`, []int64{10}, nil},
			{`keeper year:2022`, nil, nil},
			{`tag:indie`, []int64{10}, nil},
			{`category:reviews type:post`, []int64{10}, nil},
			{`category:Reviews type:post`, []int64{10}, nil},
			{`author:mara type:post`, []int64{10, 8}, nil},
			{`author:Jonah`, []int64{10}, []string{KindComment}},
			{`after:2023-01-01 type:post`, []int64{10}, nil},
			{`before:2023-01-01 type:post`, []int64{8}, nil},
			{`site:lighthouse.example.org gulls`, []int64{8}, nil},
			{`site:other.example.org gulls`, nil, nil},
			{`gulls -type:post`, nil, nil},
			{`sandwich~1`, []int64{8}, nil},
			{`sandw*`, []int64{8}, nil},
			{`+gulls +cliffs`, []int64{8}, nil},
		}
		for _, c := range cases {
			t.Run(c.query, func(t *testing.T) {
				res := mustSearch(t, ix, Request{Query: c.query, Limit: 50})
				var got []int64
				for _, h := range res.Hits {
					got = append(got, h.PostID)
					if c.kinds != nil && h.Kind != c.kinds[0] {
						t.Errorf("hit %+v: kind %s, want %s", h, h.Kind, c.kinds[0])
					}
				}
				if !sameIDs(got, c.want) {
					t.Errorf("%q found posts %v, want %v", c.query, got, c.want)
				}
			})
		}
	})
}

func sameIDs(got, want []int64) bool {
	if len(got) != len(want) {
		return false
	}
	seen := map[int64]int{}
	for _, id := range got {
		seen[id]++
	}
	for _, id := range want {
		seen[id]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestSearchRequests(t *testing.T) {
	store, dir := newArchive(t, sampleBlog(t))
	ix := openSynced(t, store, dir, 0)
	ctx := context.Background()

	t.Run("text bleve cannot run is searched as words", func(t *testing.T) {
		for _, q := range []string{`(gulls`, `/[/`, `gulls)`} {
			if _, err := ix.Search(ctx, Request{Query: q}); err != nil {
				t.Errorf("%q: %v", q, err)
			}
		}
	})
	t.Run("text that cannot be understood says where and why", func(t *testing.T) {
		for _, tt := range []struct{ query, why string }{
			{`gulls "seven miles`, "quote at character 7 is never closed"},
			{`gulls:`, "gulls: at character 1 is not a field"},
			{`foo:(`, "foo: at character 1 is not a field"},
			{`keeper title:`, "title: at character 8 needs a value"},
			{`keeper + gulls`, `"+" at character 8 stands alone`},
			{`gulls^^`, "invalid boost"},
		} {
			_, err := ix.Search(ctx, Request{Query: tt.query})
			var qe *QueryError
			if !errors.As(err, &qe) || !strings.Contains(qe.Reason, tt.why) {
				t.Errorf("%q: error %v, want a QueryError saying %q", tt.query, err, tt.why)
			}
		}
	})
	t.Run("bad filters and limits say why", func(t *testing.T) {
		for _, req := range []Request{
			{Query: "after:yesterday"},
			{Query: "year:12"},
			{Query: "type:attachment"},
			{Query: "tag:"},
			{Query: strings.Repeat("a ", MaxQueryLength)},
			{Query: "gulls", Limit: -1},
			{Query: "gulls", Sort: "title"},
		} {
			_, err := ix.Search(ctx, req)
			if !errors.Is(err, ErrBadQuery) {
				t.Errorf("%+v: error %v, want ErrBadQuery", req, err)
			}
		}
	})
	t.Run("sort by date", func(t *testing.T) {
		res := mustSearch(t, ix, Request{Query: "type:post", Sort: "-date"})
		if len(res.Hits) != 2 || res.Hits[0].PostID != 10 || res.Hits[1].PostID != 8 {
			t.Errorf("-date: %+v, want 10 then 8", res.Hits)
		}
		res = mustSearch(t, ix, Request{Query: "type:post", Sort: "date"})
		if len(res.Hits) != 2 || res.Hits[0].PostID != 8 {
			t.Errorf("date: %+v, want 8 first", res.Hits)
		}
	})
	t.Run("paging", func(t *testing.T) {
		all := mustSearch(t, ix, Request{Query: "type:comment", Sort: "date"})
		second := mustSearch(t, ix, Request{Query: "type:comment", Sort: "date", Limit: 1, Offset: 1})
		if all.Total < 2 || second.Total != all.Total || len(second.Hits) != 1 || second.Hits[0] != all.Hits[1] {
			t.Errorf("offset 1 gave %+v, want the second of %+v", second.Hits, all.Hits)
		}
	})
	t.Run("facets", func(t *testing.T) {
		res := mustSearch(t, ix, Request{Query: "type:post", Facets: true})
		if res.Facets["year"]["2023"] != 1 || res.Facets["year"]["2022"] != 1 {
			t.Errorf("year facet %v", res.Facets["year"])
		}
		if res.Facets["tag"]["indie"] != 1 || res.Facets["category"]["Reviews"] != 1 {
			t.Errorf("tag/category facets %v %v", res.Facets["tag"], res.Facets["category"])
		}
		if len(res.Facets["author"]) == 0 {
			t.Errorf("no author facet: %v", res.Facets)
		}
	})
}

// A search cancelled part-way is an error, not a page of whatever the
// shards found before it.
func TestCancelledSearch(t *testing.T) {
	store, dir := newArchive(t)
	writeGenerated(t, store, 200, 2)
	ix := openSynced(t, store, dir, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, q := range []string{newBenchBlog().words[0], "type:post"} {
		if res, err := ix.Search(ctx, Request{Query: q}); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled search %q: %v, %+v; want context.Canceled", q, err, res)
		}
	}
}

// TestIndexedTextIsShownText keeps search and the site to one text: a post
// and a comment whose raw and rendered copies differ are found by the
// words of the copy readers are shown (render.ShownText), and their
// snippets are cut from it, never from the other copy.
func TestIndexedTextIsShownText(t *testing.T) {
	ctx := context.Background()
	store, dir := newArchive(t)
	imp, err := store.BeginImport(ctx, archive.Source{Path: "two copies", Format: "wxr", Authority: archive.AuthorityExport})
	if err != nil {
		t.Fatal(err)
	}
	post := &archive.Post{
		ID: 1, Type: "post", Status: "publish", Title: "Two copies", Slug: "two-copies",
		Link:            "https://copies.example.org/two-copies/",
		ContentRaw:      "The keeper wrote of gulls :)\n\nexportonlyword closes it.",
		ContentRendered: "<p>The keeper wrote of gulls</p><p>renderedonlyword from a feed</p>",
		Comments: []archive.Comment{{
			ID: 7, Author: "Ann", Approved: archive.CommentApproved, Type: "comment",
			ContentRaw:      "A keeper's reply, exportcommentword.",
			ContentRendered: "<p>A keeper's reply, renderedcommentword.</p>",
		}},
	}
	for _, rec := range []archive.Record{{Site: &archive.Site{URL: "https://copies.example.org", Language: "en"}}, {Post: post}} {
		if err := imp.Put(rec); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := imp.Finish("", nil); err != nil {
		t.Fatal(err)
	}
	ix := openSynced(t, store, dir, 0)

	for word, want := range map[string]uint64{"exportonlyword": 1, "exportcommentword": 1, "renderedonlyword": 0, "renderedcommentword": 0} {
		if got := total(t, ix, word); got != want {
			t.Errorf("%q has %d hits, want %d: the index must hold the shown text", word, got, want)
		}
	}
	res := mustSearch(t, ix, Request{Query: "keeper"})
	if len(res.Hits) != 2 {
		t.Fatalf("keeper: %d hits, want the post and its comment: %+v", len(res.Hits), res.Hits)
	}
	for _, h := range res.Hits {
		shown := render.ShownText(post.ContentRaw, post.ContentRendered)
		if h.Kind == KindComment {
			shown = render.ShownText(post.Comments[0].ContentRaw, post.Comments[0].ContentRendered)
		}
		text := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Snippet))
		if text != shown {
			t.Errorf("the %s's snippet reads %q, want the shown text %q", h.Kind, text, shown)
		}
	}
}

func TestHyphenatedWordsAsTyped(t *testing.T) {
	store, dir := newArchive(t, filepath.Join(sharedtest.RepoRoot(t), "testdata", "hyphenated-words.xml"))
	ix := openSynced(t, store, dir, 0)
	for _, tt := range []struct {
		query   string
		post    int64
		comment int64
	}{
		{"post-credits", 2, 31},
		{"e-mail", 3, 0},
		{"Wi-Fi", 3, 0},
		{"wi-fi online", 3, 0},
		{"title:staying content:wi-fi", 3, 0},
		{"2012-01-03", 3, 0},
	} {
		res := mustSearch(t, ix, Request{Query: tt.query})
		if len(res.Hits) != 1 || res.Hits[0].PostID != tt.post || res.Hits[0].CommentID != tt.comment {
			t.Errorf("%q found %+v, want only post %d (comment %d)", tt.query, res.Hits, tt.post, tt.comment)
		}
	}
	if res := mustSearch(t, ix, Request{Query: "credits -post-credits"}); len(res.Hits) != 1 || res.Hits[0].PostID != 1 {
		t.Errorf("-post-credits should leave out the comment that says it: %+v", res.Hits)
	}
}

func TestGroupedByPost(t *testing.T) {
	store, dir := newArchive(t, sampleBlog(t))
	ix := openSynced(t, store, dir, 0)
	flat := mustSearch(t, ix, Request{Query: "lighthouse", Limit: 100})
	res := mustSearch(t, ix, Request{Query: "lighthouse", PerPost: 1, Limit: 100})
	if len(res.Hits) != 0 || res.Total != flat.Total {
		t.Fatalf("grouped: %d flat hits, total %d; want none and the flat total %d", len(res.Hits), res.Total, flat.Total)
	}
	seen := map[int64]bool{}
	for _, g := range res.Groups {
		key := int64(0)
		if g.Post != nil {
			key = g.Post.PostKey
		} else if len(g.Comments) > 0 {
			key = g.Comments[0].PostKey
		}
		if key == 0 || seen[key] {
			t.Errorf("group %+v: every post once, with a hit", g)
		}
		seen[key] = true
		if len(g.Comments) > 1 {
			t.Errorf("group of post %d shows %d comments, want at most 1", key, len(g.Comments))
		}
	}
	if res.Posts != len(res.Groups) {
		t.Errorf("Posts %d, want %d", res.Posts, len(res.Groups))
	}
	// Post 10 matches, and so does its comment by Film Weekly.
	if len(res.Groups) == 0 || res.Groups[0].Post == nil || res.Groups[0].Post.PostID != 10 || len(res.Groups[0].Comments) != 1 ||
		res.Groups[0].Comments[0].Snippet == "" {
		t.Errorf("first group %+v, want post 10 with its matching comment and snippets", res.Groups)
	}
	comments := mustSearch(t, ix, Request{Query: "type:comment", Limit: 100})
	byPost := mustSearch(t, ix, Request{Query: "type:comment", PerPost: 1})
	if len(byPost.Groups) != 1 || byPost.Groups[0].Post != nil || len(byPost.Groups[0].Comments) != 1 || byPost.Groups[0].MoreComments != len(comments.Hits)-1 {
		t.Errorf("type:comment grouped: %+v, want one post's group with 1 comment and %d more", byPost.Groups, len(comments.Hits)-1)
	}
	paged := mustSearch(t, ix, Request{Query: "lighthouse", PerPost: 1, Limit: 1, Offset: 1})
	if len(paged.Groups) != 1 || len(res.Groups) < 2 || paged.Groups[0].Post == nil || res.Groups[1].Post == nil || paged.Groups[0].Post.PostKey != res.Groups[1].Post.PostKey {
		t.Errorf("offset 1 limit 1 gave %+v, want the second group", paged.Groups)
	}
}
