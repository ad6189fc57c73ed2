package media

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/internal/webarchive"
)

// webArchive asks a Wayback-compatible web archive for the files a blog's
// origin no longer gives.
type webArchive struct {
	root   string
	client *fetch.Client
}

func newWebArchive(root string, opts fetch.Options) *webArchive {
	opts = webarchive.ClientOptions(root, opts)
	// The archive's pace holds even where the blog's is quicker; a negative
	// delay is one asked for explicitly: none.
	if opts.Delay >= 0 {
		opts.Delay = max(opts.Delay, webarchive.DefaultDelay)
	}
	return &webArchive{root: root, client: fetch.New(opts)}
}

// get fetches the archive's capture of rawURL closest to the date of the
// first post that uses it, as a file, without the archive's own markup,
// and the type its bytes say it is.
func (a *webArchive) get(ctx context.Context, store *archive.Store, rawURL string) (*fetch.Response, string, error) {
	when, err := store.MediaFirstUsed(ctx, rawURL)
	if err != nil {
		return nil, "", err
	}
	timestamp := "2" // any capture: the archive picks the newest
	if !when.IsZero() {
		timestamp = when.UTC().Format("20060102150405")
	}
	resp, err := a.client.Get(ctx, webarchive.ReplayURL(a.root, timestamp, webarchive.Image, rawURL), nil)
	if err != nil {
		return nil, "", err
	}
	contentType := http.DetectContentType(resp.Body)
	if isHTML(contentType) {
		return nil, "", errors.New("the archive answers with an HTML page, not the file")
	}
	return resp, contentType, nil
}

// lostAtOrigin reports whether the origin failed to give a file it was
// asked for: an error answer, no answer, or an HTML page in its place (a
// parked domain; contentType is what the answer's bytes say they are).
// Files parc does not ask the origin for are not lost.
func lostAtOrigin(resp *fetch.Response, contentType string, err error) bool {
	var offSite *fetch.OffSiteError
	var address *fetch.AddressError
	switch {
	case errors.As(err, &offSite) || errors.As(err, &address):
		return false
	case err != nil:
		return true
	}
	return !resp.Truncated && isHTML(contentType)
}

// originErr is the origin's failure as an error, for a message that names both.
func originErr(err error, resp *fetch.Response) error {
	if err != nil {
		return err
	}
	return fmt.Errorf("%s answers with an HTML page, not the file", resp.URL)
}
