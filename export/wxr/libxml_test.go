package wxr_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export/wxr"
	wxrread "github.com/parc-archive/parc/importer/wxr"
)

// libxmlReading is what testdata/simplexml-read.php, reading an export with
// PHP's SimpleXML as WordPress's importer first does, found in it.
type libxmlReading struct {
	Version string   `json:"version"`
	Authors []string `json:"authors"`
	Items   []struct {
		ID       int64       `json:"id"`
		Type     string      `json:"type"`
		Title    string      `json:"title"`
		Content  string      `json:"content"`
		Excerpt  string      `json:"excerpt"`
		Meta     [][2]string `json:"meta"`
		Comments []struct {
			ID       int64  `json:"id"`
			Parent   int64  `json:"parent"`
			Approved string `json:"approved"`
			Content  string `json:"content"`
		} `json:"comments"`
	} `json:"items"`
}

// php is the PHP interpreter with SimpleXML, or the test ends: it fails
// where CI installs PHP (.ci/php-deps sets PARC_REQUIRE_PHP), and skips
// with a message on a machine without it.
func php(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("php")
	if err == nil {
		return path
	}
	if os.Getenv("PARC_REQUIRE_PHP") != "" {
		t.Fatal("php is missing (apt-get install --no-install-recommends php-cli php-xml)")
	}
	t.Skip("php is missing: install php-cli and php-xml to read exports as WordPress's importer does")
	return ""
}

// compareWithLibxml reads an export with PHP's SimpleXML (libxml2) as
// WordPress's importer does first, and checks that it finds what parc's
// own reader finds: every item with its id, type, title, text, meta and
// comments. libxml turns CR LF into LF in text, as WordPress's importer
// then keeps it (its known issue #178), so line ends are compared alike.
func compareWithLibxml(t testing.TB, data []byte) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "simplexml-read.php"))
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(php(t), script, file)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("PHP's SimpleXML does not read the export: %v: %s", err, stderr.String())
	}
	var got libxmlReading
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("reading the PHP script's output: %v", err)
	}
	if got.Version != wxr.Version {
		t.Errorf("SimpleXML finds wxr_version %q", got.Version)
	}
	var posts []*archive.Post
	r := wxrReader(data)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parc's reader: %v", err)
		}
		if rec.Post != nil {
			posts = append(posts, rec.Post)
		}
	}
	if len(got.Items) != len(posts) {
		t.Fatalf("SimpleXML finds %d items, parc %d", len(got.Items), len(posts))
	}
	lf := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace
	for i, p := range posts {
		g := got.Items[i]
		content, excerpt := p.ContentRaw, p.ExcerptRaw
		if content == "" {
			content = p.ContentRendered
		}
		if excerpt == "" {
			excerpt = p.ExcerptRendered
		}
		// An item parc has no id for is given one WordPress can key it by
		// (marked parc:assigned, which parc's reader reads as none).
		idsAgree := g.ID == p.ID || p.ID == 0 && g.ID > 0
		switch {
		case !idsAgree || g.Type != p.Type:
			t.Errorf("item %d: SimpleXML finds %s %d, parc %s %d", i, g.Type, g.ID, p.Type, p.ID)
		case g.Title != p.Title || g.Content != lf(content) || g.Excerpt != lf(excerpt):
			t.Errorf("%s %d: SimpleXML reads other text: title %q/%q, content %d/%d bytes, excerpt %d/%d bytes",
				p.Type, p.ID, g.Title, p.Title, len(g.Content), len(content), len(g.Excerpt), len(excerpt))
		case len(g.Meta) != len(p.Meta) || len(g.Comments) != len(p.Comments):
			t.Errorf("%s %d: SimpleXML finds %d meta and %d comments, parc %d and %d", p.Type, p.ID, len(g.Meta), len(g.Comments), len(p.Meta), len(p.Comments))
		default:
			for j, m := range p.Meta {
				if g.Meta[j] != [2]string{m.Key, lf(m.Value)} {
					t.Errorf("%s %d meta %d: SimpleXML %q, parc %q=%q", p.Type, p.ID, j, g.Meta[j], m.Key, m.Value)
				}
			}
			for j, c := range p.Comments {
				gc := g.Comments[j]
				text := c.ContentRaw
				if text == "" {
					text = c.ContentRendered
				}
				if gc.ID != c.ID || gc.Parent != c.Parent || gc.Approved != c.Approved || gc.Content != lf(text) {
					t.Errorf("%s %d comment %d: SimpleXML %+v, parc id %d parent %d approved %q", p.Type, p.ID, c.ID, gc, c.ID, c.Parent, c.Approved)
				}
			}
		}
	}
}

func wxrReader(data []byte) *wxrread.Reader {
	return wxrread.NewReader(bytes.NewReader(data), "export.xml")
}
