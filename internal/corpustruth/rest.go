package corpustruth

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// Shown is one published post or page as the corpus WordPress's REST API
// showed it.
type Shown struct {
	ID        int64
	Link      string
	Content   string // content.rendered: the HTML WordPress showed
	Protected bool   // password-protected: Content is empty
}

// REST reads every post and page the corpus's REST API listed, or ends
// the test.
func REST(t testing.TB) []Shown {
	t.Helper()
	var out []Shown
	for _, file := range []string{"posts-page-1.json", "pages-page-1.json"} {
		path := sharedtest.File(t, "corpus/wordpress-6.1.9/rest/"+file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var posts []struct {
			ID      int64  `json:"id"`
			Link    string `json:"link"`
			Content struct {
				Rendered  string `json:"rendered"`
				Protected bool   `json:"protected"`
			} `json:"content"`
		}
		if err := json.Unmarshal(data, &posts); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, p := range posts {
			out = append(out, Shown{ID: p.ID, Link: p.Link, Content: p.Content.Rendered, Protected: p.Content.Protected})
		}
	}
	return out
}
