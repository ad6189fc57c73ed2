package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestVersionAndManPage(t *testing.T) {
	stdout, _, code := parc(t, t.TempDir(), "version")
	if code != 0 || stdout != "parc version "+version+"\n" {
		t.Errorf("parc version: %d %q", code, stdout)
	}
	page, _, code := parc(t, t.TempDir(), "man")
	for _, want := range []string{".TH parc 1", "import", "--flat", "search"} {
		if code != 0 || !strings.Contains(page, want) {
			t.Errorf("the man page lacks %q (exit %d):\n%.500s", want, code, page)
		}
	}
}

// TestBashCompletion sources the bash script and completes as bash would,
// with the real parc on PATH.
func TestBashCompletion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parc")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash here")
	}
	bin := buildParc(t)
	script, _, code := parc(t, t.TempDir(), "completion", "bash")
	if code != 0 {
		t.Fatal("parc completion bash failed")
	}
	complete := func(words ...string) []string {
		args := append([]string{"-c", script + `
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
_parc_complete
printf '%s\n' "${COMPREPLY[@]}"`, "bash"}, words...)
		cmd := exec.Command(bash, args...)
		cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("completing %q: %v", words, err)
		}
		return strings.Fields(string(out))
	}
	if got := complete("parc", "se"); strings.Join(got, " ") != "search serve" {
		t.Errorf("parc se<TAB> offers %q, want search serve", got)
	}
	if got := complete("parc", "search", "--fl"); strings.Join(got, " ") != "--flat" {
		t.Errorf("parc search --fl<TAB> offers %q, want --flat", got)
	}
	if got := complete("parc", "media", "f"); strings.Join(got, " ") != "fetch" {
		t.Errorf("parc media f<TAB> offers %q, want fetch", got)
	}
}

func TestZshAndFishCompletion(t *testing.T) {
	for shell, want := range map[string]string{"zsh": "#compdef parc", "fish": "complete -c parc"} {
		stdout, _, code := parc(t, t.TempDir(), "completion", shell)
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("parc completion %s: exit %d, want a script with %q:\n%.300s", shell, code, want, stdout)
		}
	}
	if _, stderr, code := parc(t, t.TempDir(), "completion", "tcsh"); code != 2 || !strings.Contains(stderr, "bash, zsh and fish") {
		t.Errorf("an unknown shell: exit %d, %q", code, stderr)
	}
}

// TestWhatACLIUserExpects checks the small things: plurals, flag
// placeholders, flags named with two dashes, an attachment's file.
func TestWhatACLIUserExpects(t *testing.T) {
	dir := importedSample(t)
	if stdout, _, _ := parc(t, dir, "sites"); !strings.Contains(stdout, "1 page,") {
		t.Errorf("sites: %q", stdout)
	}
	if stdout, _, _ := parc(t, dir, "posts", "--type", "attachment"); !strings.Contains(stdout, "(0 comments)") {
		t.Errorf("posts: %q", stdout)
	}
	imported, _, _ := parc(t, t.TempDir(), "import", sampleBlog(t))
	if !strings.Contains(imported, "1 page, 1 attachment, 0 other items") || !strings.Contains(imported, "1 author, 4 terms") {
		t.Errorf("import should count in plurals that agree: %q", imported)
	}
	for cmd, placeholder := range map[string]string{"posts": "--status STATUS", "search": "--sort ORDER"} {
		if help, _, _ := parc(t, dir, cmd, "--help"); !strings.Contains(help, placeholder) {
			t.Errorf("parc %s --help lacks %q", cmd, placeholder)
		}
	}
	if _, stderr, _ := parc(t, dir, "posts", "--colour"); !strings.Contains(stderr, "--colour") {
		t.Errorf("an unknown flag should be named as typed: %q", stderr)
	}
	if stdout, _, _ := parc(t, dir, "show", "12"); !strings.Contains(stdout, "file: https://lighthouse.example.org/wp-content/uploads/2023/03/lamp.jpg\n") {
		t.Errorf("show of an attachment should print its file's URL:\n%s", stdout)
	}
}
