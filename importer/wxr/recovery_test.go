package wxr

import (
	"fmt"
	"github.com/parc-archive/parc/archive"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRecovery(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, e export)
	}{
		{"bare-ampersand.xml", func(t *testing.T, e export) {
			p := e.post(1)
			if p.Title != "Fish & Chips \u00a0&bogus; a < b" {
				t.Errorf("title = %q", p.Title)
			}
			if p.ContentRaw != "R&D &amp; kept" {
				t.Errorf("CDATA touched: %q", p.ContentRaw)
			}
			for _, want := range []string{"escaped 2 bare '&' characters (kept as text) (first at line 6)", "escaped 1 bare '<' characters (kept as text) (first at line 6)"} {
				if !e.warned(want) {
					t.Errorf("no warning %q in %q", want, e.warnings)
				}
			}
		}},
		{"control-chars.xml", func(t *testing.T, e export) {
			p := e.post(2)
			if p.Title != "Bell\uFFFD here" {
				t.Errorf("title = %q", p.Title)
			}
			if p.ContentRaw != "nul\uFFFD and \uFFFD and bad \uFFFD\uFFFD utf8" {
				t.Errorf("content = %q", p.ContentRaw)
			}
			if v, _ := e.meta(2, "k"); v != "ref \uFFFD end" {
				t.Errorf("meta = %q", v)
			}
			for _, want := range []string{"replaced 4 characters illegal in XML with U+FFFD (first at line 6)", "replaced 2 invalid UTF-8 bytes with U+FFFD (first at line 8)"} {
				if !e.warned(want) {
					t.Errorf("no warning %q in %q", want, e.warnings)
				}
			}
		}},
		{"crlf-meta.xml", func(t *testing.T, e export) {
			if v, _ := e.meta(3, "ser"); v != "a:1:{i:0;s:4:\"a\r\nb\";}" {
				t.Errorf("serialized meta = %q, want CR LF kept", v)
			}
			if v, _ := e.meta(3, "plain"); v != "x\r\ny" {
				t.Errorf("plain meta = %q, want CR LF kept", v)
			}
			if p := e.post(3); p.Title != "CRLF" {
				t.Errorf("title = %q", p.Title)
			}
		}},
		{"truncated.xml", func(t *testing.T, e export) {
			if len(e.posts) != 2 || e.posts[0].Status != "draft" {
				t.Fatalf("posts = %+v", e.posts)
			}
			if _, cut := e.meta(4, archive.MetaIncomplete); cut {
				t.Error("complete item marked truncated")
			}
			if v, _ := e.meta(5, archive.MetaIncomplete); v != "1" || e.post(5).Title != "Cut" {
				t.Errorf("cut item = %+v", e.post(5))
			}
			if !e.warned("truncated.xml:13: file ends early") || !e.warned("truncated.xml:10: item (post 5") {
				t.Errorf("warnings = %q", e.warnings)
			}
		}},
		{"unescaped-cdata-end.xml", func(t *testing.T, e export) {
			if c := e.post(6).ContentRaw; c != "a ]]> b" {
				t.Errorf("content = %q", c)
			}
			if !e.warned("kept 1 unescaped ']]>' inside CDATA as text (first at line 8)") {
				t.Errorf("warnings = %q", e.warnings)
			}
		}},
		{"hijack.xml", func(t *testing.T, e export) {
			if len(e.posts) != 2 {
				t.Fatalf("posts = %d", len(e.posts))
			}
			if p := e.posts[0]; p.ID != 0 || p.Status != "" || p.Title != "Hijacked" {
				t.Errorf("hijacked item read foreign fields: %+v", p)
			}
			p := e.post(7)
			if p == nil || len(p.Meta) != 1 || p.Meta[0].Key != "good" {
				t.Errorf("real item = %+v", p)
			}
		}},
		{"odd-order.xml", func(t *testing.T, e export) {
			if e.site.Title != "Site after item" || e.site.WXRVersion != "1.3" {
				t.Errorf("site = %+v", e.site)
			}
			p := e.post(8)
			if p == nil || p.Title != "Late fields" || p.Type != "page" || p.Status != "future" || p.ContentRaw != "body" {
				t.Fatalf("post = %+v", p)
			}
			if len(p.Terms) != 1 || p.Terms[0].Taxonomy != "post_tag" || p.Terms[0].Slug != "tips" {
				t.Errorf("terms = %+v", p.Terms)
			}
			if len(p.Meta) != 1 || p.Meta[0].Key != "k" || p.Meta[0].Value != "v" {
				t.Errorf("meta = %+v", p.Meta)
			}
			if c := p.Comments; len(c) != 1 || c[0].ID != 10 || c[0].Approved != "spam" || c[0].Type != "" {
				t.Errorf("comments = %+v", c)
			}
			if !p.Date.IsZero() || !e.warned("1 dates could not be parsed: left unknown (first at line 13)") {
				t.Errorf("bad date = %v, warnings %q", p.Date, e.warnings)
			}
			if !e.warned("odd-order.xml:17: WXR version 1.3 is newer than 1.2") {
				t.Errorf("warnings = %q", e.warnings)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			e := readFile(t, path)
			if e.err != nil {
				t.Fatal(e.err)
			}
			if e.site == nil {
				t.Fatal("no site")
			}
			tt.check(t, e)
		})
	}
}

func TestHundredLevelCommentThread(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version><item><wp:post_id>1</wp:post_id>`)
	for id := 1; id <= 100; id++ {
		fmt.Fprintf(&b, "<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_parent>%d</wp:comment_parent><wp:comment_date>2020-01-02 03:04:05</wp:comment_date><wp:comment_content>level %d</wp:comment_content></wp:comment>", id, id-1, id)
	}
	b.WriteString(`</item></channel></rss>`)
	e := readExport(t, []byte(b.String()), "deep.xml")
	if e.err != nil {
		t.Fatal(e.err)
	}
	comments := e.posts[0].Comments
	if len(comments) != 100 {
		t.Fatalf("%d comments, want 100", len(comments))
	}
	want := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for i, c := range comments {
		if c.ID != int64(i+1) || c.Parent != int64(i) || c.ContentRaw != fmt.Sprintf("level %d", i+1) || !c.Date.Equal(want) {
			t.Fatalf("comment %d = %+v", i, c)
		}
	}
}

func TestRefusals(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "file is empty"},
		{"html page", "<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</body></html>", "root element is <html>, not <rss>"},
		{"sql dump", "-- MySQL dump\nINSERT INTO wp_posts VALUES (1,'x');\n", "no XML element found"},
		{"zip", "PK\x03\x04\x14\x00rest", "zip archive"},
		{"rss without version", `<?xml version="1.0"?><rss><channel><item><title>x</title></item></channel></rss>`, ErrNotWXR.Error()},
		{"bad version", `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>abc</wp:wxr_version></channel></rss>`, ErrNotWXR.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := readExport(t, []byte(tt.input), "in.xml")
			if e.err == nil || !strings.HasPrefix(e.err.Error(), "wxr in.xml:") || !strings.Contains(e.err.Error(), tt.want) {
				t.Fatalf("err = %v, want one naming in.xml and saying %q", e.err, tt.want)
			}
			if len(e.posts) != 0 {
				t.Errorf("refused input yielded %d posts", len(e.posts))
			}
		})
	}
}

func TestBillionLaughsNeutralised(t *testing.T) {
	input := `<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>&lol1;</title><wp:post_id>1</wp:post_id></item></channel></rss>`
	e := readExport(t, []byte(input), "lol.xml")
	if e.err != nil {
		t.Fatal(e.err)
	}
	if got := e.posts[0].Title; got != "&lol1;" {
		t.Errorf("title = %q, want the entity left unexpanded", got)
	}
	if !e.warned("removed 1 DOCTYPE declarations (custom entities are not expanded) (first at line 2)") {
		t.Errorf("warnings = %q", e.warnings)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"wxr 1.2", `<?xml version="1.0" encoding="UTF-8" ?>` + "\n<!-- generator -->\n" + `<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">`, true},
		{"https namespace cut mid-token", "\xEF\xBB\xBF<rss version=\"2.0\" xmlns:wp=\"https://wordpress.org/export/1.2/\"><chan", true},
		{"version element only", `<rss version="2.0"><channel><wxr_version>1.0</wxr_version>`, true},
		{"plain rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>`, false},
		{"atom (Blogger)", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><!-- wordpress.org/export/ -->`, false},
		{"html", `<!DOCTYPE html><html><body>http://wordpress.org/export/1.2/</body></html>`, false},
		{"empty", ``, false},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("%s: Sniff = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLegacyEncodingAndGzip(t *testing.T) {
	latin1 := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss xmlns:wp=\"http://wordpress.org/export/1.0/\"><channel><wp:wxr_version>1.0</wp:wxr_version><item><title>Caf\xe9</title></item></channel></rss>"
	e := readExport(t, []byte(latin1), "latin1.xml")
	if e.err != nil || e.posts[0].Title != "Café" {
		t.Fatalf("latin-1: err %v, posts %+v", e.err, e.posts)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "hijack.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var gz strings.Builder
	zw := newGzipWriter(&gz)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if e := readExport(t, []byte(gz.String()), "hijack.xml.gz"); e.err != nil || len(e.posts) != 2 {
		t.Errorf("gzip: err %v, %d posts", e.err, len(e.posts))
	}
}
