package rest

import (
	"slices"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
)

func TestDecodePosts(t *testing.T) {
	lookup := NewLookup()
	lookup.Users[2] = "themedemos"
	lookup.AddTerms([]archive.Term{{ID: 5, Taxonomy: "category", Slug: "news", Name: "News"}})
	tests := []struct {
		name  string
		json  string
		check func(t *testing.T, p archive.Post, problems []string)
	}{
		{"edit context gives raw text", `[{"id":7,"type":"post","status":"draft","title":{"raw":"Ann's \"draft\"","rendered":"Ann&#8217;s &#8220;draft&#8221;"},
			"content":{"raw":"[gallery]","rendered":"<div>gallery</div>"},"password":"","author":2,"categories":[5],"format":"aside","date":"2024-05-01T10:00:00","date_gmt":null}]`,
			func(t *testing.T, p archive.Post, problems []string) {
				if p.Title != `Ann's "draft"` || p.ContentRaw != "[gallery]" || p.ContentRendered != "<div>gallery</div>" || p.Status != "draft" {
					t.Errorf("title %q raw %q rendered %q status %q", p.Title, p.ContentRaw, p.ContentRendered, p.Status)
				}
				if p.AuthorLogin != "themedemos" || !p.DateGMT.IsZero() || p.Date.Hour() != 10 {
					t.Errorf("author %q date %v gmt %v", p.AuthorLogin, p.Date, p.DateGMT)
				}
				want := []archive.TermRef{{Taxonomy: "category", Slug: "news", Name: "News"}, {Taxonomy: "post_format", Slug: "post-format-aside", Name: "Aside"}}
				if !slices.Equal(p.Terms, want) {
					t.Errorf("terms %v, want %v", p.Terms, want)
				}
			}},
		{"view context decodes the rendered title", `[{"id":8,"title":{"rendered":"Caf&eacute; &amp; bar"},"content":{"rendered":"","protected":true},"tags":[99],"author":3}]`,
			func(t *testing.T, p archive.Post, problems []string) {
				if p.Title != "Café & bar" {
					t.Errorf("title %q", p.Title)
				}
				if !slices.Contains(p.Meta, archive.Meta{Key: MetaPasswordProtected, Value: "1"}) {
					t.Errorf("protected post not marked: %v", p.Meta)
				}
				if len(problems) != 2 || !strings.Contains(problems[0]+problems[1], "user 3") {
					t.Errorf("problems %q, want the unknown user and tag", problems)
				}
			}},
		{"attachment keeps its file and texts", `[{"id":9,"type":"attachment","status":"inherit","source_url":"http://x/a.jpg","alt_text":"a cat",
			"caption":{"rendered":"<p>Cat</p>"},"description":{"rendered":"<p>A cat.</p>"},"mime_type":"image/jpeg","meta":{"k":"v"}}]`,
			func(t *testing.T, p archive.Post, problems []string) {
				if p.AttachmentURL != "http://x/a.jpg" || p.ExcerptRendered != "<p>Cat</p>" || p.ContentRendered != "<p>A cat.</p>" {
					t.Errorf("attachment %+v", p)
				}
				for _, m := range []archive.Meta{{Key: "_wp_attachment_image_alt", Value: "a cat"}, {Key: "k", Value: "v"}} {
					if !slices.Contains(p.Meta, m) {
						t.Errorf("meta %v lacks %v", p.Meta, m)
					}
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			posts, problems, err := DecodePosts([]byte(tt.json), lookup)
			if err != nil || len(posts) != 1 {
				t.Fatalf("%d posts, error %v", len(posts), err)
			}
			tt.check(t, posts[0], problems)
		})
	}
}

func TestDecodeRefusesWhatIsNotAList(t *testing.T) {
	for body, want := range map[string]string{
		`{"code":"rest_no_route"}`: "expected a list, got an object",
		"<!doctype html>":          "expected a list, got HTML",
		"":                         "expected a list, got an empty body",
		`[{"id":1},`:               "invalid JSON",
	} {
		if _, err := DecodeComments([]byte(body)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", body, err, want)
		}
	}
}

func TestDecodeTypesAndTermParents(t *testing.T) {
	types, err := DecodeTypes([]byte(`{"post":{"slug":"post","rest_base":"posts"},"book":{"slug":"book","rest_base":"books","rest_namespace":"wp/v2"},
		"wp_block":{"slug":"wp_block","rest_base":"blocks","viewable":false}}`))
	if err != nil || len(types) != 3 {
		t.Fatalf("types %v, error %v", types, err)
	}
	for _, pt := range types {
		if pt.Slug == "wp_block" && pt.Viewable || pt.Slug == "book" && (!pt.Viewable || pt.Namespace != "wp/v2") {
			t.Errorf("type %+v", pt)
		}
	}
	terms, parents, err := DecodeTerms([]byte(`[{"id":2,"slug":"child","parent":1,"name":"A &amp; B"},{"id":1,"slug":"parent"}]`), "category")
	if err != nil {
		t.Fatal(err)
	}
	ResolveParents(terms, parents)
	if terms[0].ParentSlug != "parent" || terms[0].Name != "A & B" || terms[0].Taxonomy != "category" {
		t.Errorf("child term %+v", terms[0])
	}
}
