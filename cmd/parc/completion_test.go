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
