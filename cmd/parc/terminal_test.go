package main

import (
	"os"
	"testing"

	"github.com/creack/pty"
)

// TestStyledOnlyOnAnAbleTerminal: search results are bold on a real
// terminal (a pseudo-terminal here), and plain when NO_COLOR is set, when
// TERM is dumb, or on a pipe; progress bars follow TERM=dumb too.
func TestStyledOnlyOnAnAbleTerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("opening a pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	for _, tt := range []struct {
		name          string
		env           map[string]string
		styled, drawn bool
	}{
		{"a terminal", map[string]string{"NO_COLOR": "", "TERM": "xterm"}, true, true},
		{"NO_COLOR", map[string]string{"NO_COLOR": "1", "TERM": "xterm"}, false, true},
		{"TERM=dumb", map[string]string{"NO_COLOR": "", "TERM": "dumb"}, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			if got := styled(tty); got != tt.styled {
				t.Errorf("styled = %v, want %v", got, tt.styled)
			}
			if got := newProgress(tty).on; got != tt.drawn {
				t.Errorf("progress drawn = %v, want %v", got, tt.drawn)
			}
		})
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if styled(w) || newProgress(w).on {
		t.Error("a pipe gets bold type or a progress bar")
	}
}
