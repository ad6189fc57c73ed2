package jsonl

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
)

// TestCommentMetaKeepsPrivateThingsPrivate: without private, a comment's
// anti-spam records and any meta value holding the commenter's email or IP
// stay out, as the email and IP themselves do.
func TestCommentMetaKeepsPrivateThingsPrivate(t *testing.T) {
	p := &archive.StoredPost{Post: archive.Post{ID: 1, Type: "post", Status: "publish", Comments: []archive.Comment{{
		ID: 2, Approved: archive.CommentApproved, Author: "Ann", AuthorEmail: "ann@example.org", AuthorIP: "203.0.113.7",
		Meta: []archive.Meta{
			{Key: "akismet_history", Value: `a:1:{s:4:"user";s:3:"ann";}`},
			{Key: "akismet_as_submitted", Value: `a:1:{s:13:"comment_agent";s:7:"Firefox";}`},
			{Key: "notify", Value: "ann@example.org"},
			{Key: "seen_from", Value: "203.0.113.7"},
			{Key: "rating", Value: "5"},
		},
	}}}}
	for _, private := range []bool{false, true} {
		out, err := json.Marshal(PostOf(p, private, "Ann"))
		if err != nil {
			t.Fatal(err)
		}
		s := string(out)
		for _, secret := range []string{"akismet", "ann@example.org", "203.0.113.7"} {
			if strings.Contains(s, secret) != private {
				t.Errorf("private=%v: %q shown: %v; want %v\n%s", private, secret, !private, private, s)
			}
		}
		if !strings.Contains(s, `"rating"`) {
			t.Errorf("private=%v: the public meta is missing: %s", private, s)
		}
	}
}

// TestProtectedPostShowsNothingButItsTitle: without private, the shape of
// a password-protected post holds no content, meta, comment or password
// (`parc show --json` printed its approved comments and meta).
func TestProtectedPostShowsNothingButItsTitle(t *testing.T) {
	p := &archive.StoredPost{Post: archive.Post{ID: 14, Type: "post", Status: "publish", Title: "Letters", Password: "keeper",
		ContentRaw: "<p>the letters</p>", Meta: []archive.Meta{{Key: "mood", Value: "secret"}},
		Comments: []archive.Comment{{ID: 3, Approved: archive.CommentApproved, Author: "Ann", ContentRaw: "a reply to the letters"}}}}
	out, err := json.Marshal(PostOf(p, false, "Ann"))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"the letters", "secret", "a reply to the letters", "keeper"} {
		if strings.Contains(string(out), secret) {
			t.Errorf("%q shown: %s", secret, out)
		}
	}
	if len(p.Comments) != 1 || p.Meta == nil {
		t.Error("PostOf changed the post it was given")
	}
}
