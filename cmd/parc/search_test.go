package main

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// TestSearchCommand checks what parc search prints on a pipe for the
// sample blog: each hit's title, date, author, link and a plain snippet,
// comment hits by their post, a count that pluralises and offers the next
// page, and nothing private.
func TestSearchCommand(t *testing.T) {
	dir := importedSample(t)
	review := "The Quiet Lighthouse (2023) Review"
	tests := []struct {
		name   string
		args   []string
		code   int
		want   []string // in stdout, or stderr when code is not 0
		absent []string // in stdout
	}{
		{"a post", []string{"keeper"}, 0,
			[]string{review, "2023-03-18", "Mara Quill", "https://lighthouse.example.org/2023/03/18/the-quiet-lighthouse-review/",
				"affinity with the keeper who writes", "\n1 result\n"},
			// the password-protected "Letters to the Keeper"; no markup on a pipe
			[]string{"Letters to the Keeper", "<mark>", "\x1b["}},
		{"a comment names its post", []string{"rental"}, 0,
			[]string{`Comment by Jonah on "` + review + `"`, "wait for a rental."}, nil},
		{"one page of several", []string{"--limit", "1", "lighthouse"}, 0,
			[]string{"\n1 of 3 results (--offset 1 for more)\n"}, nil},
		{"the next page", []string{"--limit", "2", "--offset", "1", "lighthouse"}, 0,
			[]string{"\n2–3 of 3 results\n"}, []string{"for more"}},
		{"a draft", []string{"tides"}, 0, []string{`no results for "tides"`}, nil},
		{"a comment awaiting moderation", []string{"moderation"}, 0, []string{"no results"}, nil},
		{"spam", []string{"spamword"}, 0, []string{"no results"}, nil},
		{"an unclosed phrase says where", []string{`"quiet lighthouse`}, 2, []string{"quote at character 1 is never closed"}, nil},
		{"a bad filter", []string{"year:20x"}, 2, []string{"year:20x", "four digits"}, nil},
		{"a pattern that reads every word", []string{"/.*/"}, 2, []string{"/.*/", "must start with at least 2 plain letters"}, nil},
		{"a fuzzy word past bleve's bound", []string{"keeper~3"}, 2, []string{"keeper~3", "the most parc allows is 2"}, nil},
		{"a bounded pattern", []string{"keep*"}, 0, []string{review, "\n1 result\n"}, nil},
		{"past the deadline", []string{"--timeout", "1us", "keep*"}, 1, []string{"took too long and was stopped after"}, nil},
		{"no deadline", []string{"--timeout", "0s", "keeper"}, 2, []string{"--timeout"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := parc(t, dir, append([]string{"search", "--flat"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit status %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			said := stdout
			if code != 0 {
				said = stderr
			}
			for _, w := range tt.want {
				if !strings.Contains(said, w) {
					t.Errorf("%q missing from:\n%s", w, said)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(stdout, a) {
					t.Errorf("%q should not be in:\n%s", a, stdout)
				}
			}
		})
	}

	if _, stderr, code := parc(t, filepath.Join(t.TempDir(), "none"), "search", "keeper"); code != 1 || !strings.Contains(stderr, "no archive") {
		t.Errorf("search without an archive: exit %d, %q; want 1 and a message saying so", code, stderr)
	}
}

// TestSearchJSON checks the --json contract: one object per hit with the
// issue's keys (comment_id only for comments; title and link the post's),
// and with --facets a last line of facets and the total.
func TestSearchJSON(t *testing.T) {
	dir := importedSample(t)
	stdout, stderr, code := parc(t, dir, "search", "--flat", "--json", "--facets", "rental lighthouse")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 2 {
		t.Fatalf("want hits and a facets line, got:\n%s", stdout)
	}
	postKeys := []string{"author", "date", "kind", "link", "post_id", "score", "site", "snippet", "title"}
	commentKeys := slices.Sorted(slices.Values(append([]string{"comment_id"}, postKeys...)))
	kinds := map[string]int{}
	for _, line := range lines[:len(lines)-1] {
		var hit map[string]any
		if err := json.Unmarshal([]byte(line), &hit); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		kind, _ := hit["kind"].(string)
		kinds[kind]++
		want := postKeys
		if kind == "comment" {
			want = commentKeys
		}
		if got := slices.Sorted(maps.Keys(hit)); !slices.Equal(got, want) {
			t.Errorf("%s hit has keys %v, want %v", kind, got, want)
		}
		if hit["title"] == "" || hit["link"] == "" {
			t.Errorf("hit without its post's title or link: %s", line)
		}
	}
	if kinds["post"] == 0 || kinds["comment"] == 0 || kinds["page"] == 0 {
		t.Errorf("hits by kind %v; want posts, pages and comments", kinds)
	}
	var last struct {
		Facets map[string]map[string]int `json:"facets"`
		Total  *int                      `json:"total"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last.Total == nil {
		t.Fatalf("last line %q is not the facets line (%v)", lines[len(lines)-1], err)
	}
	if *last.Total != len(lines)-1 {
		t.Errorf("total %d, but %d hits were printed", *last.Total, len(lines)-1)
	}
	for _, name := range []string{"year", "author", "category", "tag"} {
		if _, ok := last.Facets[name]; !ok {
			t.Errorf("no %s facet in %s", name, lines[len(lines)-1])
		}
	}
	if last.Facets["author"]["Jonah"] != 1 {
		t.Errorf("author facet %v: want Jonah's one comment counted", last.Facets["author"])
	}
}

func TestSearchHyphenatedWords(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := parc(t, dir, "import", filepath.Join(sharedtest.RepoRoot(t), "testdata", "hyphenated-words.xml")); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	stdout, stderr, code := parc(t, dir, "search", "post-credits")
	if code != 0 || !strings.Contains(stdout, "The film\n") || !strings.Contains(stdout, "Comment by Bo, 2013-05-02: Stay in your seat") || !strings.Contains(stdout, "\n1 post\n") {
		t.Errorf("exit status %d, stderr %q: want only the comment that says post-credits:\n%s", code, stderr, stdout)
	}
	if _, page := servedPage(t, dir, "/search/?q=wi-fi"); !strings.Contains(page, "Staying online") || strings.Contains(page, "Post Formats") {
		t.Errorf("the site's search for wi-fi should find only the post that says it: %.3000s", page)
	}
}

// TestSearchGroupsByPost checks that each post comes once, with its best
// comments under it and how many more match, in text and in --json.
func TestSearchGroupsByPost(t *testing.T) {
	dir := importedSample(t)
	review := "The Quiet Lighthouse (2023) Review"
	stdout, stderr, code := parc(t, dir, "search", "lighthouse rental ticket stopping")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	if strings.Count(stdout, review) != 1 || strings.Count(stdout, "  Comment by ") != commentsPerPost ||
		!strings.Contains(stdout, "… and 1 more matching comment\n") || !strings.Contains(stdout, "\n1–2 of 2 posts\n") {
		t.Errorf("want the review once with %d comments and 1 more, and About, of 2 posts:\n%s", commentsPerPost, stdout)
	}

	stdout, _, _ = parc(t, dir, "search", "--json", "lighthouse rental ticket stopping")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var first struct {
		PostID   int64 `json:"post_id"`
		Kind     string
		Comments []struct {
			CommentID int64 `json:"comment_id"`
		}
		MoreComments int `json:"more_comments"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || first.PostID != 10 || first.Kind != "post" || len(first.Comments) != commentsPerPost || first.Comments[0].CommentID == 0 || first.MoreComments != 1 {
		t.Errorf("want one line per post, the review first with %d comments inside and 1 more:\n%s", commentsPerPost, stdout)
	}

	_, page := servedPage(t, dir, "/search/?q=lighthouse+rental+ticket+stopping")
	if strings.Count(page, `<h2><a href="/2023/03/18/the-quiet-lighthouse-review/">`) != 1 || strings.Count(page, `<li class="hit comment">`) != 3 ||
		!strings.Contains(page, "and 1 more matching comment<") || !strings.Contains(page, `href="/about/"`) {
		t.Errorf("the site's search page should show the review once with 3 comments and 1 more, then About: %.4000s", page)
	}
}
