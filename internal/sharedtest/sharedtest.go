// Package sharedtest finds the real-world fixtures that tests read from
// ../shared beside the repository. Those files are never copied into the
// repository, so a test skips with a message when the folder is absent —
// unless PARC_REQUIRE_SHARED=1 (as in CI), where it fails instead.
package sharedtest

import (
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

func missing(t testing.TB, path string, err error) {
	t.Helper()
	if os.Getenv("PARC_REQUIRE_SHARED") == "1" {
		t.Fatalf("shared fixture missing and PARC_REQUIRE_SHARED=1: %v", err)
	}
	t.Skipf("shared fixture %s not found beside the repository; skipping (set PARC_REQUIRE_SHARED=1 to fail instead)", path)
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
