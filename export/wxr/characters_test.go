package wxr_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/wxr"
	importwxr "github.com/parc-archive/parc/importer/wxr"
)

// hard is text that exports get wrong: CDATA terminators, CR LF, lone CR,
// backslashes, PHP-serialized values counting CR bytes, entities that must
// stay literal, bidi and zero-width characters, astral characters, markup.
var hard = []string{
	"a]]>b ]]]]> ]]",
	"line one\r\nline two\rline three\n",
	`C:\path\to\file \\ \" \'`,
	"a:1:{s:4:\"text\";s:12:\"line1\r\nline2.\";}",
	"&amp; &lt; &#039; &laquo; &nbsp; <![CDATA[ inner ]]>",
	"\u202Eright-to-left\u202C \u200B\u200C\u200D\u2060\uFEFF zero width",
	"𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎉 e\u0301",
	"<p class=\"x\">para</p>\n<!-- wp:paragraph -->\t\ttabs",
	"  leading and trailing spaces  ",
	"\n\n blank lines \n\n",
}

// putPost stores a site and one post through the archive's own import.
func putPost(t testing.TB, store *archive.Store, p *archive.Post) {
	t.Helper()
	im, err := store.BeginImport(context.Background(), archive.Source{Path: "test", Format: "test", Authority: archive.AuthorityExport})
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range []archive.Record{
		{Site: &archive.Site{URL: "https://chars.example.org", Title: "Chars"}},
		{Author: &archive.Author{ID: 1, Login: "admin", DisplayName: hard[5]}},
		{Term: &archive.Term{ID: 3, Taxonomy: "category", Slug: "c", Name: hard[0], Description: hard[1], Meta: []archive.Meta{{Key: "k", Value: hard[3]}}}},
		{Post: p},
	} {
		if err := im.Put(rec); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := im.Finish("", nil); err != nil {
		t.Fatal(err)
	}
}

func hardPost(s string) *archive.Post {
	date := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	return &archive.Post{
		ID: 7, Type: "post", Status: "publish", Title: s, Slug: "p", Date: date, DateGMT: date, AuthorLogin: "admin",
		ContentRaw: s, ExcerptRaw: s, Password: "",
		Terms: []archive.TermRef{{Taxonomy: "category", Slug: "c", Name: hard[0]}},
		Meta:  []archive.Meta{{Key: "m", Value: s}, {Key: "m", Value: s + "2"}},
		Comments: []archive.Comment{{ID: 1, Author: s, Date: date, DateGMT: date, ContentRaw: s, Approved: "1",
			Meta: []archive.Meta{{Key: "cm", Value: s}}}},
	}
}

// TestEveryCharacterComesBack exports text that exports get wrong in every
// field that holds data and imports it into an empty archive.
func TestEveryCharacterComesBack(t *testing.T) {
	for _, s := range hard {
		t.Run(strings.ToValidUTF8(s[:min(len(s), 12)], "?"), func(t *testing.T) {
			store := openStore(t)
			putPost(t, store, hardPost(s))
			want := takeSnapshot(t, store)
			data, counts := exportWXR(t, store, export.Options{Private: true})
			if len(counts.Warnings) > 0 {
				t.Errorf("warnings for text XML can carry: %q", counts.Warnings)
			}
			fresh := openStore(t)
			importBytes(t, fresh, data)
			compareSnapshots(t, takeSnapshot(t, fresh), want)
		})
	}
}

// TestCharactersXMLCannotCarry: C0 controls and invalid UTF-8 become
// U+FFFD, and the export names the item.
func TestCharactersXMLCannotCarry(t *testing.T) {
	store := openStore(t)
	putPost(t, store, hardPost("bell\x07 nul\x00 bad\xff end"))
	data, counts := exportWXR(t, store, export.Options{Private: true})
	if len(counts.Warnings) == 0 || !strings.Contains(strings.Join(counts.Warnings, "\n"), `post 7 "bell`) {
		t.Fatalf("warnings %q do not name post 7", counts.Warnings)
	}
	fresh := openStore(t)
	importBytes(t, fresh, data)
	keys, _ := fresh.FindPosts(context.Background(), "7", "")
	p, err := fresh.Post(context.Background(), keys[0])
	if err != nil {
		t.Fatal(err)
	}
	if want := "bell\uFFFD nul\uFFFD bad\uFFFD end"; p.ContentRaw != want || p.Comments[0].ContentRaw != want {
		t.Errorf("content %q, comment %q, want %q", p.ContentRaw, p.Comments[0].ContentRaw, want)
	}
}

// carried is s as XML can carry it: what the writer promises to keep.
func carried(s string) (string, bool) {
	var b strings.Builder
	lost := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		ok := r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000
		if r == utf8.RuneError && size <= 1 || !ok {
			b.WriteRune(utf8.RuneError)
			lost = true
		} else {
			b.WriteString(s[i : i+size])
		}
		i += max(size, 1)
	}
	return b.String(), lost
}

// FuzzWriteRead writes a post holding arbitrary text in its title,
// content, excerpt, meta and a comment, and reads it back with parc's WXR
// reader: every field comes back equal, or with U+FFFD for the characters
// XML cannot carry and a warning naming the item.
func FuzzWriteRead(f *testing.F) {
	for _, s := range hard {
		f.Add(s, s)
	}
	f.Add("\x00\x1f\xff\xfe", "\uFFFE\uFFFF")
	f.Fuzz(func(t *testing.T, a, b string) {
		p := hardPost(a)
		p.ContentRaw = b
		p.Comments[0].ContentRaw = b
		var buf bytes.Buffer
		counts, err := wxr.Write(context.Background(), onePost{p}, &buf, export.Options{Private: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		strictParse(t, buf.Bytes())
		wantA, lostA := carried(a)
		wantB, lostB := carried(b)
		if (lostA || lostB) != (len(counts.Warnings) > 0) {
			t.Errorf("lost characters %v/%v, warnings %q", lostA, lostB, counts.Warnings)
		}
		r := importwxr.NewReader(&buf, "fuzz.xml")
		var got *archive.Post
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if rec.Post != nil {
				got = rec.Post
			}
		}
		if got == nil {
			t.Fatal("no item read back")
		}
		for _, c := range []struct{ field, got, want string }{
			{"title", got.Title, wantA},
			{"content", got.ContentRaw, wantB},
			{"excerpt", got.ExcerptRaw, wantA},
			{"meta", got.Meta[0].Value, wantA},
			{"comment author", got.Comments[0].Author, wantA},
			{"comment", got.Comments[0].ContentRaw, wantB},
			{"comment meta", got.Comments[0].Meta[0].Value, wantA},
		} {
			if c.got != c.want {
				t.Errorf("%s: got %q, want %q", c.field, c.got, c.want)
			}
		}
		if w := r.Warnings(); len(w) > 0 {
			t.Errorf("the reader repaired the export: %q", w)
		}
	})
}

// onePost is an archive of one site holding one post.
type onePost struct{ p *archive.Post }

func (o onePost) Sites(context.Context) ([]archive.Site, error) {
	return []archive.Site{{URL: "https://fuzz.example.org"}}, nil
}
func (o onePost) Authors(context.Context, string) ([]archive.Author, error) { return nil, nil }
func (o onePost) SiteTerms(context.Context, string) ([]archive.Term, error) { return nil, nil }
func (o onePost) ForEachSitePost(_ context.Context, _ string, fn func(*archive.StoredPost) error) error {
	return fn(&archive.StoredPost{Site: "https://fuzz.example.org", Post: *o.p})
}
func (o onePost) ServableMedia(context.Context, []string) (map[string]archive.MediaFile, error) {
	return nil, nil
}
