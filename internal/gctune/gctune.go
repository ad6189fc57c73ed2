// Package gctune sets Go's garbage collector for parc's bulk work.
//
// Imports and index builds allocate fast and keep little alive. At Go's
// default (GOGC=100) so small a heap is collected so often that building
// the search index spent a quarter of its time collecting; letting the
// heap grow to five times the live data, under a soft memory limit, takes
// most of that away while memory stays bounded.
package gctune

import (
	"os"
	"runtime/debug"
)

const (
	// Percent is the heap growth allowed over the live data, as GOGC.
	Percent = 400
	// MemoryLimit is the soft limit on the Go runtime's memory, as
	// GOMEMLIMIT: near it, the collector runs as often as it must.
	MemoryLimit = 256 << 20
)

// Apply sets Percent and MemoryLimit for the process, unless GOGC or
// GOMEMLIMIT in the environment say otherwise.
func Apply() {
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(Percent)
	}
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(MemoryLimit)
	}
}
