// Package feedfetch imports a feed from its URL: every page of it, as far
// as the site serves them (the feed's next link, else WordPress's
// ?paged=N), and, when asked, each post's own comment feed. Parsing is
// importer/feed's; fetching is the shared polite client's.
package feedfetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer/feed"
	"github.com/parc-archive/parc/importer/internal/siteurl"
	"github.com/parc-archive/parc/importer/internal/stream"
)

// maxPages bounds how many pages of one feed are followed.
const maxPages = 1000

// Options tune a feed import.
type Options struct {
	Fetch fetch.Options
	// Client, when set, is a client built from Fetch that asked the site
	// already: its politeness delay then spans those requests too. When
	// nil, the import builds its own.
	Client *fetch.Client
	// First, when set, is the feed's first page, fetched already: it is
	// not asked again.
	First *fetch.Response
	// FollowComments fetches each post's comment feed (wfw:commentRss).
	FollowComments bool
	// Report, when set, is told after each feed page how far the import got.
	Report func(status string)
}

// fetcher is one feed import.
type fetcher struct {
	client *fetch.Client
	opts   Options
	first  *fetch.Response // the first page, until it is read
	feeds  []*feed.Feed    // every page read, in order
	items  int
	out    *stream.Reader
}

// Open readies a Reader of the feed at feedURL: its first Next fetches the
// feed and the pages after it, and with FollowComments every post's
// comment feed; the records follow, all under the first page's site. What
// was read before an error or an interruption is read all the same, and
// the error names the URL.
func Open(ctx context.Context, feedURL string, opts Options) *stream.Reader {
	f := &fetcher{client: opts.Client, opts: opts, first: opts.First}
	if f.client == nil {
		f.client = fetch.New(opts.Fetch)
	}
	f.out = stream.New(func(put func(archive.Record) error) error {
		first, readErr := f.pages(ctx, feedURL, true)
		if first == nil {
			return readErr
		}
		if readErr == nil && opts.FollowComments {
			readErr = f.commentFeeds(ctx)
		}
		site := first.Site
		if siteurl.Rehome(&site, feedURL) {
			f.out.Warn(fmt.Sprintf("feed %s: the feed says its blog is at %s; it is filed under %s, where it was fetched", feedURL, first.Site.URL, site.URL))
		}
		if err := putFeeds(put, site, f.feeds); err != nil {
			return fmt.Errorf("feed %s: %w", feedURL, err)
		}
		return readErr
	})
	return f.out
}

// putFeeds writes the feeds' records under the first page's site: a
// comment feed's guessed site must not become a second site.
func putFeeds(put func(archive.Record) error, site archive.Site, feeds []*feed.Feed) error {
	if err := put(archive.Record{Site: &site}); err != nil {
		return err
	}
	for _, f := range feeds {
		for i := range f.Authors {
			if err := put(archive.Record{Author: &f.Authors[i]}); err != nil {
				return err
			}
		}
		for i := range f.Terms {
			if err := put(archive.Record{Term: &f.Terms[i]}); err != nil {
				return err
			}
		}
		for i := range f.Posts {
			if err := put(archive.Record{Post: &f.Posts[i]}); err != nil {
				return err
			}
		}
	}
	return nil
}

// pages reads a feed and follows its pages to the end: the feed's own
// next link, else ?paged=2, 3, … until the site answers with an error, a
// page that is not a feed, an empty page, or a page it served before (a
// site that ignores ?paged serves the first page again). It returns the
// first page, nil when even that could not be read. When first is false, a
// first page that fails is a warning, not an error.
func (f *fetcher) pages(ctx context.Context, feedURL string, first bool) (*feed.Feed, error) {
	page, err := f.page(ctx, feedURL)
	if err != nil {
		if !first {
			f.out.Warn(fmt.Sprintf("%v: skipped", err))
			return nil, ctx.Err()
		}
		return nil, err
	}
	seen := [][]string{itemKeys(page)}
	current, next := feedURL, page
	for n := 2; n <= maxPages; n++ {
		target := next.NextPage
		if target == "" {
			target = pagedURL(feedURL, n)
		}
		if target == "" || target == current {
			break
		}
		more, err := f.page(ctx, target)
		if err != nil {
			if ctx.Err() != nil {
				return page, err
			}
			var status *fetch.StatusError
			if !errors.As(err, &status) || status.Response.Status != http.StatusNotFound {
				// Past the last page WordPress answers 404; anything
				// else is worth knowing.
				f.out.Warn(fmt.Sprintf("%v: the pages after it were not read", err))
			}
			break
		}
		keys := itemKeys(more)
		if len(keys) == 0 || slices.ContainsFunc(seen, func(s []string) bool { return slices.Equal(s, keys) }) {
			f.feeds = f.feeds[:len(f.feeds)-1] // the site does not page this feed
			break
		}
		seen = append(seen, keys)
		current, next = target, more
	}
	return page, nil
}

// page fetches and parses one feed document.
func (f *fetcher) page(ctx context.Context, target string) (*feed.Feed, error) {
	resp, err := f.get(ctx, target)
	if err != nil {
		return nil, err
	}
	if !feed.Sniff(resp.Body[:min(len(resp.Body), 64<<10)]) {
		return nil, fmt.Errorf("feed %s: not an RSS or Atom feed (Content-Type %q)", target, resp.Header.Get("Content-Type"))
	}
	parsed, err := feed.Parse(bytes.NewReader(resp.Body), target)
	if err != nil {
		return nil, err
	}
	f.feeds = append(f.feeds, parsed)
	for _, w := range parsed.Warnings {
		f.out.Warn(w)
	}
	f.items += len(parsed.Posts)
	if f.opts.Report != nil {
		f.opts.Report(fmt.Sprintf("feed: %d pages, %d items", len(f.feeds), f.items))
	}
	return parsed, nil
}

// get fetches target, the feed's first page excepted when the caller
// fetched it already (the first page is the first one read).
func (f *fetcher) get(ctx context.Context, target string) (*fetch.Response, error) {
	if resp := f.first; resp != nil {
		f.first = nil
		return resp, nil
	}
	return f.client.Get(ctx, target, nil)
}

// commentFeeds reads the comment feed of every post read so far.
func (f *fetcher) commentFeeds(ctx context.Context) error {
	var urls []string
	for _, page := range f.feeds {
		for _, p := range page.Posts {
			for _, m := range p.Meta {
				if m.Key == feed.MetaCommentFeed && m.Value != "" && !slices.Contains(urls, m.Value) {
					urls = append(urls, m.Value)
				}
			}
		}
	}
	for _, u := range urls {
		if _, err := f.pages(ctx, u, false); err != nil {
			return err
		}
	}
	return nil
}

// pagedURL is feedURL asking for page n as WordPress does: ?paged=n.
func pagedURL(feedURL string, n int) string {
	u, err := url.Parse(feedURL)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("paged", strconv.Itoa(n))
	u.RawQuery = q.Encode()
	return u.String()
}

// itemKeys identifies a page by what it lists, so a page served again is
// recognised whatever its self link or build date says.
func itemKeys(f *feed.Feed) []string {
	var keys []string
	for _, p := range f.Posts {
		key := p.GUID + " " + p.Link
		for _, c := range p.Comments {
			key += " " + strconv.FormatInt(c.ID, 10)
		}
		keys = append(keys, key)
	}
	return keys
}
