// Package benchsize reads from the environment the sizes benchmarks run
// at (PARC_BENCH_POSTS, PARC_BENCH_COMMENTS), so that one benchmark runs
// at full scale by hand and at a small size in CI.
package benchsize

import (
	"os"
	"strconv"
	"testing"
)

// Get is the positive number the environment variable name holds, or def
// when it is unset; any other value ends the benchmark.
func Get(tb testing.TB, name string, def int) int {
	tb.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		tb.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}
