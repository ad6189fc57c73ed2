package gctune

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// TestApplyAndForRebuild: each setting takes effect unless the user set
// its environment variable, which wins.
func TestApplyAndForRebuild(t *testing.T) {
	const untouchedLimit, untouchedPercent = 1 << 40, 123
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	tests := []struct {
		name    string
		env     string // the variable the user may set
		userSet bool
		apply   func()
		current func() int64 // reads the setting without changing it
		reset   func()       // puts a value the user's setting would keep
		want    int64
	}{
		{"memory limit", "GOMEMLIMIT", false, Apply,
			memoryLimit,
			func() { debug.SetMemoryLimit(untouchedLimit) }, MemoryLimit},
		{"memory limit set by the user", "GOMEMLIMIT", true, Apply,
			memoryLimit,
			func() { debug.SetMemoryLimit(untouchedLimit) }, untouchedLimit},
		{"rebuild growth", "GOGC", false, ForRebuild,
			gcPercent,
			func() { debug.SetGCPercent(untouchedPercent) }, RebuildPercent},
		{"rebuild growth set by the user", "GOGC", true, ForRebuild,
			gcPercent,
			func() { debug.SetGCPercent(untouchedPercent) }, untouchedPercent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(tt.env, "1") // restored when the test ends
			if !tt.userSet {
				os.Unsetenv(tt.env)
			}
			tt.reset()
			tt.apply()
			if got := tt.current(); got != tt.want {
				t.Errorf("%s after the call: %d, want %d", tt.name, got, tt.want)
			}
		})
	}
}

// memoryLimit is the soft memory limit in force (a negative limit only
// reads it).
func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

// gcPercent is the heap growth in force; reading it means setting it, so
// it is put back at once.
func gcPercent() int64 {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return int64(p)
}
