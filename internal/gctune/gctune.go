// Package gctune sets Go's garbage collector for parc's bulk work.
//
// Every command runs under a soft memory limit. A rebuild of the search
// index also lets the heap grow to five times its live data: it allocates
// fast and keeps little alive, and at Go's default (GOGC=100) it spent a
// quarter of its time collecting. Imports keep the default growth, which
// holds a 1 GB import under 300 MB resident (GOGC=400 took it to 405 MB).
package gctune

import (
	"os"
	"runtime/debug"
)

const (
	// RebuildPercent is the heap growth over the live data, as GOGC,
	// that a rebuild of the search index runs with.
	RebuildPercent = 400
	// MemoryLimit is the soft limit on the Go runtime's memory, as
	// GOMEMLIMIT: near it, the collector runs as often as it must.
	MemoryLimit = 256 << 20
)

// Apply sets MemoryLimit for the process unless GOMEMLIMIT says otherwise.
func Apply() {
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(MemoryLimit)
	}
}

// ForRebuild sets RebuildPercent unless GOGC says otherwise.
func ForRebuild() {
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(RebuildPercent)
	}
}
