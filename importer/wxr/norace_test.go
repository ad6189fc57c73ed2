//go:build !race

package wxr

const raceDetector = false
