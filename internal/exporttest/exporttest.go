// Package exporttest checks exports to static site generators as a user
// would: it imports real WordPress exports from ../shared, runs the real
// generator (hugo, jekyll) on the export, and reads the built site for
// every public post at its permalink, nested comment threads with their
// anchors, and nothing private.
package exporttest

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// ThemeUnitTest is the Theme Unit Test export, relative to the shared folder.
const ThemeUnitTest = "peers/theme-unit-test/themeunittestdata.wordpress.xml"

// Import imports a WXR file of the shared folder into a new archive and
// returns the archive and the file read as the truth.
func Import(t *testing.T, rel string) (*archive.Store, *corpustruth.Export) {
	t.Helper()
	path := sharedtest.File(t, rel)
	return importFile(t, path), corpustruth.Read(t, path)
}

// importFile imports a file into a new archive, closed when the test ends.
func importFile(t *testing.T, path string) *archive.Store {
	t.Helper()
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := importer.Import(context.Background(), store, []string{path}, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	return store
}

// Tool finds a generator on PATH. Where tests must not skip (CI sets
// PARC_REQUIRE_SHARED=1, and .ci/run installs the tools), a missing tool
// fails the test.
func Tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	sharedtest.Unavailable(t, fmt.Sprintf("%s is not installed (apt-get install --no-install-recommends %s)", name, name))
	return ""
}

// Run runs a generator in dir and fails the test with its output when it fails.
func Run(t *testing.T, dir, tool string, args ...string) {
	t.Helper()
	cmd := exec.Command(tool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s in %s: %v\n%s", tool, strings.Join(args, " "), dir, err, out)
	}
}

// PagePath is the file a built site serves for a URL path.
func PagePath(built, urlPath string) string {
	p, err := url.PathUnescape(urlPath)
	if err != nil {
		p = urlPath
	}
	return filepath.Join(built, filepath.FromSlash(p), "index.html")
}

// Page reads the built page of a URL path, or fails the test.
func Page(t *testing.T, built, urlPath string) *goquery.Document {
	t.Helper()
	data, err := os.ReadFile(PagePath(built, urlPath))
	if err != nil {
		t.Fatalf("no page at %s: %v", urlPath, err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// EveryPublicEntry checks that each published post and page of the truth
// (not password-protected ones' content, only their page) is built at its
// permalink's path, under its title.
func EveryPublicEntry(t *testing.T, built string, truth *corpustruth.Export) {
	t.Helper()
	n := 0
	for _, p := range truth.Posts {
		if (p.Type != "post" && p.Type != "page") || p.Status != "publish" {
			continue
		}
		u, err := url.Parse(p.Link)
		if err != nil || u.RawQuery != "" {
			continue // a plain permalink ?p=N: the redirect map's job
		}
		n++
		doc := Page(t, built, u.EscapedPath())
		title := strings.Join(strings.Fields(doc.Find("h1.entry-title").First().Text()), " ")
		if title == "" && strings.TrimSpace(p.Title) != "" {
			t.Errorf("%s (post %d): no entry title on the built page", u.Path, p.ID)
		}
	}
	if n == 0 {
		t.Fatal("the truth holds no public posts")
	}
}

// Thread checks that post id's page at urlPath shows exactly its approved
// comments, each with its id="comment-N" anchor, each reply inside the
// element of the comment it answers.
func Thread(t *testing.T, built, urlPath string, p *archive.Post) (depth int) {
	t.Helper()
	doc := Page(t, built, urlPath)
	approved := corpustruth.Approved(p)
	if len(approved) == 0 {
		t.Fatalf("post %d has no approved comments", p.ID)
	}
	for id, parent := range approved {
		sel := doc.Find("#comment-" + strconv.FormatInt(id, 10))
		if sel.Length() != 1 {
			t.Errorf("%s: %d elements with id comment-%d, want 1", urlPath, sel.Length(), id)
			continue
		}
		if parent != 0 {
			if doc.Find("#comment-"+strconv.FormatInt(parent, 10)+" #comment-"+strconv.FormatInt(id, 10)).Length() != 1 {
				t.Errorf("%s: comment %d is not nested inside comment %d", urlPath, id, parent)
			}
		}
		d := sel.ParentsFiltered("[id^=comment-]").Length() + 1
		depth = max(depth, d)
	}
	if got := doc.Find("[id^=comment-]").Length(); got != len(approved) {
		t.Errorf("%s: %d comments shown, want the %d approved ones", urlPath, got, len(approved))
	}
	return depth
}

// NothingPrivate checks that no file of the built site holds a
// commenter's email or IP, or the text of a comment that is not approved,
// or the content of an unpublished or password-protected post.
func NothingPrivate(t *testing.T, built string, truth *corpustruth.Export) {
	t.Helper()
	// A blog served on an IP address (the corpus site runs on 127.0.0.1)
	// names that address in every link: only other IPs are secrets.
	hosts := map[string]bool{}
	for _, p := range truth.Posts {
		if u, err := url.Parse(p.Link); err == nil {
			hosts[u.Hostname()] = true
		}
	}
	var secrets []string
	for _, p := range truth.Posts {
		for _, c := range p.Comments {
			for _, s := range []string{c.AuthorEmail, c.AuthorIP} {
				if len(s) > 3 && !hosts[s] {
					secrets = append(secrets, s)
				}
			}
			if c.Approved != archive.CommentApproved && len(strings.TrimSpace(c.ContentRaw)) > 12 {
				secrets = append(secrets, strings.TrimSpace(c.ContentRaw))
			}
		}
	}
	for _, a := range truth.Authors {
		if a.Email != "" {
			secrets = append(secrets, a.Email)
		}
	}
	if len(secrets) == 0 {
		t.Fatal("the truth holds no private strings to look for")
	}
	for _, found := range Holding(t, built, secrets...) {
		t.Errorf("%s, which is private", found)
	}
}
