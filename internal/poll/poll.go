// Package poll waits in tests for what another goroutine or process
// brings about in its own time, such as an index let go or synced.
package poll

import (
	"testing"
	"time"
)

// Until calls ok every tenth of a second until it holds, and fails the
// test, naming what it waited for, once limit has passed.
func Until(t testing.TB, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", limit, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
