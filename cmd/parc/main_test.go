package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// parc runs one command line against an archive and returns what it
// printed and its exit status.
func parc(t *testing.T, archiveDir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"parc", "--archive", archiveDir}, args...), &out, &errOut)
	return out.String(), errOut.String(), code
}

func sampleBlog(t testing.TB) string {
	return filepath.Join(sharedtest.RepoRoot(t), "testdata", "sample-blog.xml")
}

func importedSample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, stderr, code := parc(t, dir, "import", sampleBlog(t)); code != 0 {
		t.Fatalf("import failed (%d): %s", code, stderr)
	}
	return dir
}

// importedSampleIn imports the sample blog as a blog in another
// language: its export names lang as the blog's language.
func importedSampleIn(t *testing.T, lang string) string {
	t.Helper()
	dir := t.TempDir()
	if _, stderr, code := parc(t, dir, "import", sharedtest.SampleBlogIn(t, lang)); code != 0 {
		t.Fatalf("import failed (%d): %s", code, stderr)
	}
	return dir
}

func TestExitStatuses(t *testing.T) {
	dir := importedSample(t)
	empty := filepath.Join(t.TempDir(), "empty.xml")
	os.WriteFile(empty, nil, 0o644)
	zip := filepath.Join(t.TempDir(), "export.zip")
	os.WriteFile(zip, []byte("PK\x03\x04rest of a zip"), 0o644)
	dump := filepath.Join(t.TempDir(), "dump.sql")
	os.WriteFile(dump, []byte("-- MySQL dump 10.13\nCREATE TABLE `wp_posts` (\n"), 0o644)
	nothing := t.TempDir()
	os.WriteFile(filepath.Join(nothing, "notes.txt"), []byte("just text"), 0o644)

	tests := []struct {
		name    string
		args    []string
		code    int
		message string // what stderr must say
	}{
		{"no paths", []string{"import"}, 2, "at least one PATH"},
		{"unknown flag", []string{"posts", "--colour"}, 2, "colour"},
		{"unknown command", []string{"frobnicate"}, 2, "frobnicate"},
		{"show without ref", []string{"show"}, 2, "exactly one"},
		{"private status without --private", []string{"posts", "--status", "draft"}, 2, "--private"},
		{"missing file", []string{"import", "/no/such/export.xml"}, 1, "/no/such/export.xml"},
		{"empty file", []string{"import", empty}, 1, "empty"},
		{"zip", []string{"import", zip}, 1, "zip"},
		{"sql dump", []string{"import", dump}, 1, "SQL dump"},
		{"nothing importable", []string{"import", nothing}, 1, "nothing parc can import"},
		{"unknown post", []string{"show", "999999"}, 1, "no post"},
		{"draft needs --private", []string{"show", "15"}, 1, "--private"},
		{"good", []string{"show", "10"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := parc(t, dir, tt.args...)
			if code != tt.code {
				t.Fatalf("exit status %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.message) || (tt.message != "" && strings.Count(strings.TrimSpace(stderr), "\n") > 0) {
				t.Errorf("stderr %q should be one line naming %q", stderr, tt.message)
			}
		})
	}
}

func TestFailedImportKeepsArchive(t *testing.T) {
	dir := importedSample(t)
	bad := filepath.Join(t.TempDir(), "bad.xml")
	os.WriteFile(bad, []byte("<rss><channel><wp:wxr_version>abc</wp:wxr_version>"), 0o644)
	if _, _, code := parc(t, dir, "import", bad); code != 1 {
		t.Fatalf("importing a bad file: exit %d, want 1", code)
	}
	out, _, code := parc(t, dir, "posts", "--json")
	if code != 0 || strings.Count(out, "\n") != 3 {
		t.Fatalf("archive lost posts after a failed import:\n%s", out)
	}
}

func TestImportJSONAndIdempotence(t *testing.T) {
	dir := t.TempDir()
	first, _, _ := parc(t, dir, "import", "--json", sampleBlog(t))
	second, _, code := parc(t, dir, "import", "--json", sampleBlog(t))
	if code != 0 {
		t.Fatalf("second import exit %d", code)
	}
	var a, b map[string]any
	if err := json.Unmarshal([]byte(first), &a); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal([]byte(second), &b)
	for _, key := range []string{"source", "format", "site", "posts", "pages", "attachments", "other_items", "comments", "authors", "terms", "added", "updated", "unchanged", "warnings"} {
		if _, ok := a[key]; !ok {
			t.Errorf("import --json lacks %q: %s", key, first)
		}
	}
	if a["posts"] != 4.0 || a["pages"] != 1.0 || a["comments"] != 6.0 || a["site"] != "https://lighthouse.example.org" {
		t.Errorf("first import counts wrong: %s", first)
	}
	if b["added"] != 0.0 || b["updated"] != 0.0 || b["unchanged"] != a["added"] {
		t.Errorf("second import changed something: %s", second)
	}
}

func TestPostsJSON(t *testing.T) {
	dir := importedSample(t)
	out, _, _ := parc(t, dir, "posts", "--json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want the 3 public posts (the draft hidden), got:\n%s", out)
	}
	var p map[string]any
	json.Unmarshal([]byte(lines[1]), &p)
	want := map[string]any{
		"site": "https://lighthouse.example.org", "id": 10.0, "type": "post", "status": "publish",
		"title": "The Quiet Lighthouse (2023) Review", "slug": "the-quiet-lighthouse-review",
		"date": "2023-03-18T13:15:00-07:00", "date_gmt": "2023-03-18T20:15:00Z", "author": "Mara Quill", "author_login": "mara",
		"comment_count": 4.0, "sticky": true, "password_protected": false, "parent": 0.0,
		"link": "https://lighthouse.example.org/2023/03/18/the-quiet-lighthouse-review/",
	}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("posts --json %s = %v, want %v", k, p[k], v)
		}
	}
	if cats, _ := p["categories"].([]any); len(cats) != 1 || cats[0] != "Reviews" {
		t.Errorf("categories %v", p["categories"])
	}
	private, _, _ := parc(t, dir, "posts", "--private", "--status", "draft", "--json")
	if !strings.Contains(private, "Unfinished thoughts on tides") {
		t.Errorf("--private --status draft does not list the draft: %s", private)
	}
	filtered, _, _ := parc(t, dir, "posts", "--tag", "coast")
	if !strings.Contains(filtered, "Walking the Headland") || strings.Contains(filtered, "Lighthouse (2023)") {
		t.Errorf("--tag coast:\n%s", filtered)
	}
}

func TestShowHidesPrivateThingsUnlessAsked(t *testing.T) {
	dir := importedSample(t)
	secrets := []string{"jonah@mail.example.net", "203.0.113.7", "nobody may read it", "spamword"}
	for _, args := range [][]string{{"show", "10"}, {"show", "--json", "10"}, {"show", "the-quiet-lighthouse-review"}} {
		out, _, code := parc(t, dir, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("%v prints %q without --private", args, s)
			}
		}
	}
	out, _, _ := parc(t, dir, "show", "--private", "10")
	for _, s := range secrets {
		if !strings.Contains(out, s) {
			t.Errorf("show --private lacks %q", s)
		}
	}
	protected, _, _ := parc(t, dir, "show", "14")
	if strings.Contains(protected, "secretletterword") || !strings.Contains(protected, "password-protected") {
		t.Errorf("password-protected post shown without --private:\n%s", protected)
	}
}

// TestShowDatesInTheBlogsLanguage: parc show writes a post's and its
// comments' dates as the served site does, in the blog's language; and
// --json, a stable contract, keeps the timestamps whatever the language.
func TestShowDatesInTheBlogsLanguage(t *testing.T) {
	tests := []struct {
		lang, post, comment string
	}{
		{"en-GB", "post 10 · publish · March 18, 2023 at 1:15 pm · by Mara Quill", "─ Jonah · March 18, 2023 at 3:02 pm · #21"},
		{"de-DE", "post 10 · publish · 18. März 2023 um 13:15 · by Mara Quill", "─ Jonah · 18. März 2023 um 15:02 · #21"},
		{"fr-FR", "post 10 · publish · 18 mars 2023 à 13h15 · by Mara Quill", "─ Jonah · 18 mars 2023 à 15h02 · #21"},
		{"ja", "post 10 · publish · 2023年3月18日 13:15 · by Mara Quill", "─ Jonah · 2023年3月18日 15:02 · #21"},
	}
	var englishJSON string
	for _, tt := range tests {
		dir := importedSampleIn(t, tt.lang)
		out, stderr, code := parc(t, dir, "show", "10")
		if code != 0 {
			t.Fatalf("%s: show 10: exit %d: %s", tt.lang, code, stderr)
		}
		for _, want := range []string{tt.post, tt.comment} {
			if !strings.Contains(out, "\n"+want+"\n") {
				t.Errorf("%s: show 10 lacks the line %q:\n%s", tt.lang, want, out)
			}
		}
		js, _, _ := parc(t, dir, "show", "--json", "10")
		if englishJSON == "" {
			englishJSON = js
		} else if js != englishJSON {
			t.Errorf("%s: show --json differs from the English blog's:\n%s\n%s", tt.lang, js, englishJSON)
		}
	}
}

func TestShowJSONThread(t *testing.T) {
	dir := importedSample(t)
	out, _, _ := parc(t, dir, "show", "--json", "https://lighthouse.example.org/2023/03/18/the-quiet-lighthouse-review/")
	var p struct {
		ID       int64  `json:"id"`
		Content  string `json:"content"`
		Comments []struct {
			ID      int64  `json:"id"`
			Type    string `json:"type"`
			Status  string `json:"status"`
			Replies []struct {
				ID      int64 `json:"id"`
				Parent  int64 `json:"parent"`
				Replies []struct {
					ID int64 `json:"id"`
				} `json:"replies"`
			} `json:"replies"`
		} `json:"comments"`
		Meta []struct{ Key, Value string } `json:"meta"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if p.ID != 10 || !strings.Contains(p.Content, "[caption") {
		t.Errorf("content should be raw, as exported: %q", p.Content)
	}
	if len(p.Comments) != 2 || p.Comments[0].ID != 21 || p.Comments[1].Type != "pingback" {
		t.Fatalf("top level: %+v", p.Comments)
	}
	r := p.Comments[0].Replies
	if len(r) != 1 || r[0].ID != 22 || r[0].Parent != 21 || len(r[0].Replies) != 1 || r[0].Replies[0].ID != 23 {
		t.Errorf("thread 21 → 22 → 23 not nested: %+v", r)
	}
	if len(p.Meta) != 1 || p.Meta[0].Key != "_thumbnail_id" {
		t.Errorf("meta %+v", p.Meta)
	}
}

func TestSitesAndVerify(t *testing.T) {
	dir := importedSample(t)
	out, _, _ := parc(t, dir, "sites", "--json")
	// The sample's draft is kept, not public.
	want := `{"url":"https://lighthouse.example.org","title":"Lighthouse Notes","posts":4,"pages":1,"comments":4,"public_posts":3,"public_pages":1,"public_comments":4}`
	if strings.TrimSpace(out) != want {
		t.Errorf("sites --json = %s, want %s", out, want)
	}
	out, _, _ = parc(t, dir, "sites")
	if !strings.Contains(out, "3 posts, 1 page, 4 comments public; 1 post") {
		t.Errorf("sites does not say what is public and what is not:\n%s", out)
	}
	out, _, code := parc(t, dir, "verify", "--json")
	if code != 0 || !strings.HasPrefix(out, `{"ok":true,"problems":[]}`) {
		t.Errorf("verify: %d %s", code, out)
	}
}

func TestThemeUnitTestShow(t *testing.T) {
	export := sharedtest.File(t, "peers/theme-unit-test/themeunittestdata.wordpress.xml")
	dir := t.TempDir()
	if _, stderr, code := parc(t, dir, "import", export); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	out, _, code := parc(t, dir, "show", "--json", "1148")
	if code != 0 {
		t.Fatal(out)
	}
	var p struct {
		Title    string `json:"title"`
		Comments []node `json:"comments"`
	}
	json.Unmarshal([]byte(out), &p)
	if p.Title != "Template: Comments" || depth(p.Comments) != 10 {
		t.Errorf("post 1148 %q: thread depth %d, want 10", p.Title, depth(p.Comments))
	}
}

type node struct {
	Replies []node `json:"replies"`
}

func depth(ns []node) int {
	d := 0
	for _, n := range ns {
		d = max(d, 1+depth(n.Replies))
	}
	return d
}

// TestThemeCommand: parc theme writes the default theme to start from, and
// will not write over a folder that holds something. (Serving a changed
// theme is site's TestThemeOverridesTemplatesAndAssets.)
func TestThemeCommand(t *testing.T) {
	theme := filepath.Join(t.TempDir(), "mytheme")
	if stdout, stderr, code := parc(t, t.TempDir(), "theme", theme); code != 0 || !strings.Contains(stdout, "--theme "+theme) {
		t.Fatalf("parc theme: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, f := range []string{"templates/layout.html", "templates/post.html", "static/style.css"} {
		if _, err := os.Stat(filepath.Join(theme, f)); err != nil {
			t.Errorf("the theme lacks %s: %v", f, err)
		}
	}
	if _, _, code := parc(t, t.TempDir(), "theme", theme); code != 1 {
		t.Errorf("parc theme into a folder that is not empty: exit %d, want 1", code)
	}
}
