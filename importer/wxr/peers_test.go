package wxr

import (
	"github.com/parc-archive/parc/archive"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// TestPeerFileCounts checks the counts WordPress's importer tests expect
// (phpunit/tests/parser.php in WordPress/wordpress-importer).
func TestPeerFileCounts(t *testing.T) {
	dir := filepath.Join(sharedtest.Dir(t), "peers", "wordpress-importer")
	tests := []struct {
		file                                         string
		authors, categories, tags, otherTerms, posts int
	}{
		{"wxr-simple.xml", 1, 0, 0, 0, 1},
		{"valid-wxr-1.0.xml", 0, 5, 4, 0, 6},
		{"valid-wxr-1.1.xml", 1, 1, 1, 1, 2},
		{"wxr-utf-8-challenges.xml", 1, 0, 0, 0, 1},
		{"theme-unit-test-data.xml", 2, -1, -1, -1, 186},
		{"a11y-unit-test-data.xml", 1, -1, -1, -1, 154}, // the one wp:wp_author block counts
		{"wxr-with-sub-data.xml", 0, 0, 0, 1, 1},
		{"crazy-cdata-escaped.xml", 0, 0, 0, 0, 1},
		{"term-formats.xml", 0, 2, 3, 2, 0},
		{"test-serialized-term-meta.xml", 0, 1, 1, 1, 1},
		{"large-authors.xml", 300, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			e := readFile(t, filepath.Join(dir, tt.file))
			if e.err != nil {
				t.Fatal(e.err)
			}
			if e.site == nil || !versionPattern.MatchString(e.site.WXRVersion) {
				t.Errorf("site = %+v, want one with a X.Y version", e.site)
			}
			other := len(e.terms) - len(e.termsOf("category")) - len(e.termsOf("post_tag"))
			got := []int{len(e.authors), len(e.termsOf("category")), len(e.termsOf("post_tag")), other, len(e.posts)}
			want := []int{tt.authors, tt.categories, tt.tags, tt.otherTerms, tt.posts}
			for i, label := range []string{"authors", "categories", "tags", "other terms", "posts"} {
				if want[i] >= 0 && got[i] != want[i] {
					t.Errorf("%s = %d, want %d", label, got[i], want[i])
				}
			}
		})
	}
}

func TestRefusedLikeWordPress(t *testing.T) {
	dir := filepath.Join(sharedtest.Dir(t), "peers", "wordpress-importer")
	for _, file := range []string{"missing-version-tag.xml", "invalid-version-tag.xml", "malformed.xml"} {
		t.Run(file, func(t *testing.T) {
			e := readFile(t, filepath.Join(dir, file))
			if !isNotWXR(e.err) {
				t.Fatalf("err = %v, want the missing/invalid version refusal", e.err)
			}
			if !strings.HasPrefix(e.err.Error(), "wxr "+filepath.Join(dir, file)+":") {
				t.Errorf("error %q does not name the file", e.err)
			}
			if len(e.posts) > 0 {
				t.Errorf("refused file still yielded %d posts", len(e.posts))
			}
		})
	}
}

func TestEveryPeerExportImports(t *testing.T) {
	shared := sharedtest.Dir(t)
	var files []string
	for _, pattern := range []string{"peers/wordpress-importer/*.xml", "peers/wordpress-importer/e2e/*.xml", "peers/theme-unit-test/*.xml", "peers/wxr-samples/*", "corpus/wordpress-6.1.9/export/*.xml"} {
		m, err := filepath.Glob(filepath.Join(shared, pattern))
		if err != nil || len(m) == 0 {
			t.Fatalf("no peer export matches %s (%v): the test would check nothing there", pattern, err)
		}
		files = append(files, m...)
	}
	refused := map[string]bool{"missing-version-tag.xml": true, "invalid-version-tag.xml": true, "malformed.xml": true}
	for _, path := range files {
		base := filepath.Base(path)
		if refused[base] || strings.HasSuffix(base, ".md") {
			continue
		}
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			head := data[:min(len(data), 64<<10)]
			blogger := strings.Contains(base, "blogger")
			if Sniff(head) == blogger {
				t.Fatalf("Sniff = %v, want %v", !blogger, !blogger)
			}
			if blogger {
				return
			}
			e := readExport(t, data, path)
			if e.err != nil {
				t.Fatal(e.err)
			}
			if len(e.posts)+len(e.terms)+len(e.authors) == 0 {
				t.Error("nothing read")
			}
		})
	}
}

func TestPeerValues(t *testing.T) {
	dir := filepath.Join(sharedtest.Dir(t), "peers", "wordpress-importer")
	read := func(file string) export {
		e := readFile(t, filepath.Join(dir, file))
		if e.err != nil {
			t.Fatal(e.err)
		}
		return e
	}

	t.Run("valid-wxr-1.1", func(t *testing.T) {
		e := read("valid-wxr-1.1.xml")
		if e.site.BaseSiteURL != "http://localhost/" || e.site.URL != "http://localhost/" {
			t.Errorf("site = %+v", e.site)
		}
		a := e.authors[0]
		if a.ID != 2 || a.Login != "john" || a.Email != "johndoe@example.org" || a.DisplayName != "John Doe" || a.FirstName != "John" || a.LastName != "Doe" {
			t.Errorf("author = %+v", a)
		}
		c := e.termsOf("category")[0]
		if c.ID != 3 || c.Slug != "alpha" || c.ParentSlug != "" || c.Name != "alpha" || c.Description != "The alpha category" {
			t.Errorf("category = %+v", c)
		}
		tag := e.termsOf("post_tag")[0]
		if tag.ID != 22 || tag.Slug != "clippable" || tag.Name != "Clippable" || tag.Description != "The Clippable post_tag" {
			t.Errorf("tag = %+v", tag)
		}
		term := e.termsOf("post_tax")[0]
		if term.ID != 40 || term.Slug != "bieup" || term.Name != "bieup" || term.Description != "The bieup post_tax" {
			t.Errorf("term = %+v", term)
		}
		got := ""
		for _, r := range e.posts[0].Terms {
			got += r.Taxonomy + ":" + r.Slug + ":" + r.Name + " "
		}
		if want := "category:alpha:alpha post_tag:clippable:Clippable post_tax:bieup:bieup "; got != want {
			t.Errorf("post terms = %q, want %q", got, want)
		}
		if m := e.posts[1].Meta; len(m) != 1 || m[0].Key != "_wp_page_template" || m[0].Value != "default" {
			t.Errorf("page meta = %+v", m)
		}
	})

	t.Run("valid-wxr-1.0", func(t *testing.T) {
		e := read("valid-wxr-1.0.xml")
		terms := func(i int) string {
			s := ""
			for _, r := range e.posts[i].Terms {
				s += r.Taxonomy + ":" + r.Slug + " "
			}
			return s
		}
		// The 1.0 "tag" domain is WordPress's post_tag; bare duplicates are not terms.
		for i, want := range map[int]string{0: "category:uncategorized ", 2: "category:alpha post_tag:news post_tag:roar ", 3: "post_tag:chicken category:child post_tag:face "} {
			if got := terms(i); got != want {
				t.Errorf("post %d terms = %q, want %q", i, got, want)
			}
		}
		if tag := e.termsOf("post_tag")[0]; tag.Slug != "chicken" || tag.Name != "chicken" {
			t.Errorf("first tag = %+v", tag)
		}
	})

	t.Run("crazy-cdata both forms", func(t *testing.T) {
		for _, file := range []string{"crazy-cdata-escaped.xml", "crazy-cdata.xml"} {
			e := read(file)
			p := e.posts[0]
			if p.ContentRaw != "Content with nested <![CDATA[ tags ]]> :)" {
				t.Errorf("%s content = %q", file, p.ContentRaw)
			}
			want := map[string]string{"Plain string": "Foo", "Closing CDATA": "]]>", "Alot of CDATA": "This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>"}
			if len(p.Meta) != len(want) {
				t.Errorf("%s meta = %+v", file, p.Meta)
			}
			for _, m := range p.Meta {
				if want[m.Key] != m.Value {
					t.Errorf("%s meta %q = %q, want %q", file, m.Key, m.Value, want[m.Key])
				}
			}
		}
	})

	t.Run("serialized meta of terms comments posts", func(t *testing.T) {
		want := []string{"string", `¯\_(ツ)_/¯`, "array", `a:1:{s:3:"key";s:13:"¯\_(ツ)_/¯";}`}
		check := func(what string, got []string) {
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s meta = %q, want %q", what, got, want)
			}
		}
		for _, term := range read("test-serialized-term-meta.xml").terms {
			var got []string
			for _, m := range term.Meta {
				got = append(got, m.Key, m.Value)
			}
			check(term.Taxonomy, got)
		}
		var got []string
		for _, m := range read("test-serialized-comment-meta.xml").posts[0].Comments[0].Meta {
			got = append(got, m.Key, m.Value)
		}
		check("comment", got)
		if v, _ := read("chunked-meta.xml").meta(1, "_my_meta"); v != `a:1:{s:3:"foo";s:3:"bar";}` {
			t.Errorf("chunked meta = %q", v)
		}
	})

	t.Run("text kept exactly", func(t *testing.T) {
		if c := read("post-content-blank-lines.xml").posts[0].ContentRaw; strings.Count(c, "\n") != 3 {
			t.Errorf("blank-lines content has %d newlines, want 3: %q", strings.Count(c, "\n"), c)
		}
		if c := read("blank-lines.xml").posts[0].ContentRaw; !strings.Contains(c, "\n\n") {
			t.Errorf("blank lines lost: %q", c)
		}
		if c := read("backslashes.xml").posts[0].ContentRaw; !strings.Contains(c, `C:\xampp\htdocs`) {
			t.Errorf("backslashes lost: %q", c)
		}
		if c := read("multiple-cdata.xml").posts[0].ContentRaw; strings.TrimSpace(c) != "line oneline twoline three" {
			t.Errorf("CDATA pieces = %q", c)
		}
		if c := read("cdata-edge.xml").posts[0].ContentRaw; !strings.HasSuffix(c, "]] >") {
			t.Errorf("cdata-edge content = %q", c)
		}
		e := read("slashes.xml")
		if c := e.posts[0].ContentRaw; c != `Slashes aren\'t \"cool\"` {
			t.Errorf("slashes content = %q", c)
		}
		if c := e.posts[0].Comments[0].ContentRaw; c != `\o/ ¯\_(ツ)_/¯` {
			t.Errorf("slashes comment = %q", c)
		}
		if n := e.termsOf("category")[0].Name; n != `a \"great\" category` {
			t.Errorf("slashes category = %q", n)
		}
	})

	t.Run("utf-8 challenges", func(t *testing.T) {
		e := read("wxr-utf-8-challenges.xml")
		p := e.posts[0]
		for _, want := range []string{"T̷̢̯̭̈w̴̰̜̾o̷͉̅ ̵̨͔̔r̶̞̈o̷̰͇̍ä̴́ͅd̶̰̒s̵̞̈́", "𝓣𝓮𝓼𝓽 𝓜𝓾𝓵𝓽𝓲-𝓑𝔂𝓽𝓮: 🚀🌟💫⭐️🔥💯🎉🎊🌈🦄", "السلام عليكم وﷲ"} {
			if !strings.Contains(p.ContentRaw, want) {
				t.Errorf("content lacks %q", want)
			}
		}
		if !strings.Contains(p.Title, "\u202E") || !strings.HasSuffix(p.Title, "🌲\u202C") {
			t.Errorf("title lost its bidi controls: %q", p.Title)
		}
		if p.Slug != "hello-w\u202Eorld\u202C-utf8-💫-test" {
			t.Errorf("slug = %q", p.Slug)
		}
		// Invisible characters are data, in keys and values alike.
		if v, ok := e.meta(p.ID, "_pingme\u200C\u200B\u200D\u200E"); !ok || v != "1\u200B\u200D\u200C\u200E" {
			t.Errorf("meta key with invisible characters: %q %v (meta %q)", v, ok, p.Meta)
		}
		if v, _ := e.meta(p.ID, "_special_chars"); v != "&#x202E;&#x202D;&#x200B;&#x200C;&#x200D;&#x2060;&#xFEFF;&#xFFFD;" {
			t.Errorf("entities inside CDATA not literal: %q", v)
		}
		a := e.authors[0]
		if a.Login != "admin\u200C\u200B\u200D\u200E" || a.Email != "ădmĩn@ℓocalhost.com" || !strings.Contains(a.DisplayName, " \u200B") {
			t.Errorf("author = %+v", a)
		}
	})

	t.Run("multiline authors trimmed", func(t *testing.T) {
		var logins []string
		for _, a := range read("authors-multiline.xml").authors {
			logins = append(logins, a.Login)
		}
		if strings.Join(logins, ",") != "alice,bob,carol" {
			t.Errorf("logins = %q", logins)
		}
	})

	t.Run("sub data", func(t *testing.T) {
		e := read("wxr-with-sub-data.xml")
		p := e.posts[0]
		if p.ID != 101 || p.Title != "Post with sub data" || p.AuthorLogin != "admin" || p.Status != "publish" || p.Type != "post" {
			t.Errorf("post = %+v", p)
		}
		c := p.Comments[0]
		if c.ID != 201 || c.Author != "Commenter" || c.ContentRaw != "This is a comment with meta." || c.Meta[0].Key != "_comment_meta_key" || c.Meta[0].Value != "comment_meta_value" {
			t.Errorf("comment = %+v", c)
		}
		term := e.terms[0]
		if term.ID != 40 || term.Taxonomy != "custom_tax" || term.Slug != "custom-term" || term.Meta[0].Key != "term_meta_key" {
			t.Errorf("term = %+v", term)
		}
		if read("term-meta.xml").terms[0].Meta[0].Key != "legacy_id" {
			t.Error("term-meta.xml: termmeta key not legacy_id")
		}
	})

	t.Run("namespace edge cases", func(t *testing.T) {
		e := read("namespace-edge-cases.xml")
		var logins []string
		for _, a := range e.authors {
			logins = append(logins, a.Login)
		}
		if strings.Join(logins, ",") != "real_user,version_conflict" {
			t.Errorf("authors = %q, want the two in WordPress namespaces", logins)
		}
		var slugs []string
		for _, term := range e.terms {
			slugs = append(slugs, term.Slug)
		}
		if strings.Join(slugs, ",") != "old-version,new-version" {
			t.Errorf("terms = %q", slugs)
		}
		for _, p := range e.posts {
			for _, m := range p.Meta {
				if m.Key == "malicious_key" || m.Key == "_malicious" {
					t.Errorf("post %q took meta from a foreign namespace: %+v", p.Title, m)
				}
			}
			if p.Title == "Hijacked Namespace" && p.ID != 0 {
				t.Errorf("hijacked item read its id from a foreign namespace: %d", p.ID)
			}
			if p.Title == "No Prefix" && p.ID != 2 {
				t.Errorf("default-namespace wp element not read: id %d", p.ID)
			}
			if p.Title == "Namespace Bomb" && p.ContentRaw != "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;" {
				t.Errorf("bomb content = %q", p.ContentRaw)
			}
		}
	})

	t.Run("truncated file keeps what was read", func(t *testing.T) {
		e := read("malformed-simple.xml")
		if len(e.posts) != 1 || e.posts[0].Title != "Broken" || e.posts[0].ID != 1 {
			t.Fatalf("posts = %+v", e.posts)
		}
		if v, _ := e.meta(1, archive.MetaIncomplete); v != "1" {
			t.Error("cut-off item not marked")
		}
		if !e.warned("malformed-simple.xml:14: file ends early") {
			t.Errorf("warnings = %q", e.warnings)
		}
	})
}

func TestThemeUnitTest(t *testing.T) {
	e := readFile(t, filepath.Join(sharedtest.Dir(t), "peers", "theme-unit-test", "themeunittestdata.wordpress.xml"))
	if e.err != nil {
		t.Fatal(e.err)
	}
	p := e.post(1148)
	if p == nil || p.Title != "Template: Comments" {
		t.Fatalf("post 1148 = %+v", p)
	}
	parents := map[int64]int64{}
	for _, c := range p.Comments {
		parents[c.ID] = c.Parent
	}
	deepest := 0
	for id := range parents {
		depth := 0
		for cur := id; parents[cur] != 0 && depth < 100; cur = parents[cur] {
			depth++
		}
		deepest = max(deepest, depth+1)
	}
	if len(p.Comments) != 20 || deepest != 10 {
		t.Errorf("post 1148: %d comments, %d levels; want 20 comments, 10 levels", len(p.Comments), deepest)
	}

	var greek, protected int
	seen := map[int64]int{}
	for _, p := range e.posts {
		if strings.HasPrefix(p.Slug, "%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf") {
			greek++
		}
		if strings.HasPrefix(p.Title, "Template: Password Protected") && p.Password == "enter" {
			protected++
		}
		if p.Type == "nav_menu_item" && p.ID == 1643 {
			seen[1643]++
			if p.Occurrence != seen[1643]-1 {
				t.Errorf("menu item 1643 occurrence %d, want %d", p.Occurrence, seen[1643]-1)
			}
		}
	}
	if greek == 0 {
		t.Error("percent-encoded Greek slugs not kept")
	}
	if protected != 1 {
		t.Errorf("%d password-protected posts with password \"enter\", want 1", protected)
	}
	if seen[1643] != 2 {
		t.Errorf("menu item 1643 yielded %d times, want 2", seen[1643])
	}
}
