// Package sharedtest finds the real-world fixtures that tests read from
// ../shared beside the repository. Those files are never copied into the
// repository, so a test skips with a message when the folder is absent —
// unless PARC_REQUIRE_SHARED=1 (as in CI), where it fails instead. It
// also finds the repository's own root and sample blog.
package sharedtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared folder, or ends the test.
func Dir(t testing.TB) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatalf("sharedtest: %v", err)
	}
	dir := filepath.Join(root, "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		missing(t, dir, err)
	}
	return dir
}

// File returns the path of a file under the shared folder, or ends the test.
func File(t testing.TB, rel string) string {
	t.Helper()
	path := filepath.Join(Dir(t), filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		missing(t, path, err)
	}
	return path
}

// RepoRoot is the directory that holds go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatalf("sharedtest: %v", err)
	}
	return root
}

// SampleBlogIn writes the repository's sample export
// (testdata/sample-blog.xml, an en-GB blog) as the export of a blog in
// lang, which its channel names as the blog's language, and returns its
// path: the same posts and comments, shown in another language.
func SampleBlogIn(t testing.TB, lang string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(RepoRoot(t), "testdata", "sample-blog.xml"))
	if err != nil {
		t.Fatal(err)
	}
	const english = "<language>en-GB</language>"
	if !bytes.Contains(data, []byte(english)) {
		t.Fatalf("sharedtest: the sample blog no longer names its language as %s", english)
	}
	path := filepath.Join(t.TempDir(), "sample-"+lang+".xml")
	if err := os.WriteFile(path, bytes.Replace(data, []byte(english), []byte("<language>"+lang+"</language>"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func missing(t testing.TB, path string, err error) {
	t.Helper()
	Unavailable(t, fmt.Sprintf("shared fixture %s not found beside the repository (%v)", path, err))
}

// Unavailable ends a test that needs something this machine lacks (a
// fixture, a tool), said by what: where tests must not skip
// (PARC_REQUIRE_SHARED=1, as in CI, whose .ci/run installs the tools) it
// fails, elsewhere it skips.
func Unavailable(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("PARC_REQUIRE_SHARED") == "1" {
		t.Fatalf("%s, and PARC_REQUIRE_SHARED=1", what)
	}
	t.Skipf("skipping: %s (set PARC_REQUIRE_SHARED=1 to fail instead)", what)
}

// repoRoot walks up from the test's working directory (its package) to
// the directory holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
