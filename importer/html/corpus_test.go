package html

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// exportTruth is what the corpus WordPress holds for one post.
type exportTruth struct {
	title    string
	status   string
	password string
	comments map[int64]int64 // approved comment id -> parent
}

// readExportTruth reads post titles and approved comments from the
// corpus's WXR export.
func readExportTruth(t *testing.T) map[int64]*exportTruth {
	t.Helper()
	truth := map[int64]*exportTruth{}
	for id, p := range corpustruth.Corpus(t).ByID() {
		truth[id] = &exportTruth{title: p.Title, status: p.Status, password: p.Password, comments: corpustruth.Approved(p)}
	}
	return truth
}

// TestCorpusPosts checks every captured single post and page against the
// export: id, title, and each approved comment with its parent.
func TestCorpusPosts(t *testing.T) {
	corpus := sharedtest.File(t, "corpus/wordpress-6.1.9")
	truth := readExportTruth(t)
	files, err := filepath.Glob(filepath.Join(corpus, "html", "*", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus pages: %v", err)
	}
	// The union of a post's comment pages in one theme folder is its thread.
	type threadKey struct {
		dir string
		id  int64
	}
	threads := map[threadKey]map[int64]int64{}
	for _, file := range files {
		id, ok := corpustruth.PostPageID(filepath.Base(file))
		if !ok {
			continue
		}
		want := truth[id]
		if want == nil {
			t.Fatalf("%s: post %d not in the export", file, id)
		}
		rel, _ := filepath.Rel(corpus, file)
		t.Run(rel, func(t *testing.T) {
			page := parseFile(t, file)
			if page.Post == nil {
				t.Fatalf("kind %q, no post", page.Kind)
			}
			if page.Post.ID != id {
				t.Errorf("id = %d, want %d", page.Post.ID, id)
			}
			if untexturize(page.Post.Title) != untexturize(want.title) {
				t.Errorf("title = %q, want %q", page.Post.Title, want.title)
			}
			key := threadKey{filepath.Dir(file), id}
			if threads[key] == nil {
				threads[key] = map[int64]int64{}
			}
			for _, c := range page.Post.Comments {
				wantParent, ok := want.comments[c.ID]
				if !ok {
					t.Errorf("comment %d is not an approved comment of post %d", c.ID, id)
					continue
				}
				switch {
				case c.Parent == wantParent:
				case !flattenedRecoverable[filepath.Base(filepath.Dir(file))] && isAncestor(want.comments, c.Parent, c.ID):
					// Block themes mark nothing in a flattened thread:
					// the reply keeps the last shown ancestor.
				default:
					t.Errorf("comment %d: parent = %d, want %d", c.ID, c.Parent, wantParent)
				}
				threads[key][c.ID] = c.Parent
			}
		})
	}
	for key, got := range threads {
		if strings.HasSuffix(key.dir, "-depth5") {
			continue // only comment page 2 was captured at depth 5
		}
		want := truth[key.id]
		if want.password != "" {
			if len(got) != 0 {
				t.Errorf("%s post %d: password-protected post shows %d comments", key.dir, key.id, len(got))
			}
			continue
		}
		var missing []string
		for id := range want.comments {
			if _, ok := got[id]; !ok {
				missing = append(missing, fmt.Sprint(id))
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s post %d: comments missing from all its pages: %s", filepath.Base(key.dir), key.id, strings.Join(missing, " "))
		}
	}
}

// flattenedRecoverable names the depth-5 folders whose theme marks a
// comment with replies by the "parent" class (the classic walker), which
// makes flattened replies' real parents recoverable; block themes' comment
// template does not.
var flattenedRecoverable = map[string]bool{"twentytwentyone-depth5": true}

// isAncestor reports whether ancestor is above id in the true thread.
func isAncestor(parents map[int64]int64, ancestor, id int64) bool {
	for depth := 0; depth < 1000 && id != 0; depth++ {
		id = parents[id]
		if id == ancestor {
			return true
		}
	}
	return false
}

// untexturize undoes WordPress's display-time curly quotes, so a title as
// shown compares with the title as stored.
func untexturize(s string) string {
	return strings.TrimSpace(strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "–", "-", "—", "-").Replace(s))
}

func parseFile(t testing.TB, file string) *Page {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page, err := Parse(f, "")
	if err != nil {
		t.Fatal(err)
	}
	return page
}
