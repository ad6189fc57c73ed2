//go:build race

package wxr

// raceDetector is on: its instrumentation allocates beside the code under
// test, so what a test measures of the reader's allocations is not the
// reader's.
const raceDetector = true
