// Package webarchive is what parc's two clients of a web archive that
// speaks the Wayback Machine's API share, the import of a gone blog
// (importer/wayback) and the rescue of its lost files (media): how
// requests to the archive are made, at what pace, and where it replays a
// capture.
package webarchive

import (
	"strings"
	"time"

	"github.com/parc-archive/parc/fetch"
)

// DefaultDelay is the wait between two requests to a web archive, which
// asks to be spared more than about one a second.
const DefaultDelay = time.Second

// Replay modes: what the archive answers with for a capture.
const (
	// Original asks for the bytes as captured, without the archive's markup.
	Original = "id"
	// Image asks for a captured file as such (an image, any media file).
	Image = "im"
)

// ClientOptions are opts made to ask the archive at root and nothing else:
// requests stay with the archive, and the blog's credentials are not its.
// The pace is each caller's to set.
func ClientOptions(root string, opts fetch.Options) fetch.Options {
	opts.Site = strings.TrimRight(root, "/")
	opts.AlsoHosts = nil
	opts.User, opts.Password = "", ""
	return opts
}

// ReplayURL is where the archive at root replays, in mode, the capture of
// original taken at timestamp (a CDX timestamp: 1 to 14 digits, the
// archive picking the capture closest to it).
func ReplayURL(root, timestamp, mode, original string) string {
	return strings.TrimRight(root, "/") + "/web/" + timestamp + mode + "_/" + original
}
