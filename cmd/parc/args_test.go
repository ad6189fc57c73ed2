package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFlagsAnywhere(t *testing.T) {
	dir := importedSample(t)
	tests := []struct {
		name string
		args []string
		want string // what stdout must say
		not  string // what it must not
	}{
		{"search flag after the query", []string{"search", "lighthouse", "--limit", "1"}, "1 of 2 posts", ""},
		{"search flag=value after the query", []string{"search", "lighthouse", "--limit=1"}, "1 of 2 posts", ""},
		{"search flags around the query", []string{"search", "--sort", "date", "lighthouse", "--limit", "1"}, "About", "Review"},
		{"posts bool flag last", []string{"posts", "--type", "page", "--json"}, `"slug":"about"`, ""},
		{"global flag after the command", []string{"posts", "--archive", dir, "--limit", "1"}, "Letters to the Keeper", "Walking"},
		{"-- ends the flags", []string{"search", "--limit", "5", "--", "lighthouse", "-keeper"}, "About", "affinity with the keeper"},
		{"help after the argument", []string{"search", "lighthouse", "--help"}, "QUERY", "Review"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := parc(t, dir, tt.args...)
			if code != 0 {
				t.Fatalf("exit status %d; stderr: %s", code, stderr)
			}
			if !strings.Contains(stdout, tt.want) || (tt.not != "" && strings.Contains(stdout, tt.not)) {
				t.Errorf("stdout should hold %q and not %q:\n%s", tt.want, tt.not, stdout)
			}
		})
	}
}

func TestImportFlagAfterPath(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := parc(t, dir, "import", sampleBlog(t), "--json")
	if code != 0 {
		t.Fatalf("exit status %d; stderr: %s", code, stderr)
	}
	var res struct{ Format string }
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.Format != "wxr" {
		t.Fatalf("want one JSON line for a wxr import, got %q (%v)", stdout, err)
	}
}

func TestStrayArgumentIsUsageError(t *testing.T) {
	dir := importedSample(t)
	for _, args := range [][]string{
		{"posts", "extra-arg"},
		{"sites", "extra"},
		{"verify", "--json", "extra"},
		{"media", "list", "extra"},
		{"show", "10", "11"},
		{"export", "wxr", "a.xml", "b.xml"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, stderr, code := parc(t, dir, args...)
			if code != 2 || !strings.Contains(stderr, "parc "+args[0]) {
				t.Errorf("exit status %d, stderr %q: want 2 and a pointer to the command's help", code, stderr)
			}
		})
	}
}
