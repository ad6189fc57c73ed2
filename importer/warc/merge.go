package warc

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/crawl"
	"github.com/parc-archive/parc/importer/feed"
	"github.com/parc-archive/parc/importer/rest"
)

// Capture is one capture of a URL, wherever it is kept: a WARC record, or
// a Wayback Machine's replay of it.
type Capture struct {
	URI         string
	Date        time.Time
	ContentType string // as the site served it
	// Body reads the bytes the site served; its error names the capture's place.
	Body func() ([]byte, error)

	kind kind
}

// Merger puts the records of a blog's captures, all of which must be of
// 200 OK answers, and counts them in Stats.
type Merger struct {
	Stats
	warn  func(string)
	pages *crawl.Pages
	// store, when set, is the archive the captures go into: a capture
	// older than the one that gave a post's stored text, imported earlier,
	// only adds its comments.
	store *archive.Store
}

// NewMerger returns a Merger into store (nil: no such check) that tells
// warn what it skips or repairs.
func NewMerger(warn func(string), store *archive.Store) *Merger {
	return &Merger{warn: warn, pages: crawl.NewPages(warn), store: store}
}

// heldNewer reports whether the archive holds the text of p from a
// capture newer than at.
func (m *Merger) heldNewer(ctx context.Context, p *archive.Post, at time.Time) bool {
	if m.store == nil || p.Link == "" {
		return false
	}
	value, err := m.store.PostMetaByLink(ctx, p.Link, MetaCaptured)
	if err != nil || value == "" {
		return false
	}
	t, err := time.Parse(time.RFC3339, value)
	return err == nil && t.After(at)
}

// Merge puts the records of caps, oldest first, so that the newest text
// wins and threads are the union of the captures; report, when set, is
// told how far it got. Only a failure to put ends it early.
func (m *Merger) Merge(ctx context.Context, caps []Capture, put func(archive.Record) error, report func(done, total int)) error {
	kept := caps[:0:0]
	for _, c := range caps {
		c.kind = kindOf(c.ContentType, c.URI)
		if c.kind == kindOther {
			m.Other++
			continue
		}
		kept = append(kept, c)
	}
	slices.SortStableFunc(kept, func(a, b Capture) int { return a.Date.Compare(b.Date) })
	latest := newNewest(kept)
	for n, c := range kept {
		if err := ctx.Err(); err != nil {
			return err
		}
		if report != nil && n%64 == 0 {
			report(n, len(kept))
		}
		merged, err := m.read(ctx, c, latest, put)
		if err != nil {
			return err
		}
		if merged {
			m.Merged++
		} else {
			m.Other++
		}
	}
	return nil
}

// read puts the records one capture gives; merged reports whether it gave
// any. A capture that cannot be read or parsed is a warning.
func (m *Merger) read(ctx context.Context, c Capture, latest newest, put func(archive.Record) error) (merged bool, err error) {
	body, err := c.Body()
	if err != nil {
		m.warn(fmt.Sprintf("%v: skipped", err))
		return false, nil
	}
	newestCapture := latest.latest(c)
	captured := func(p *archive.Post) {
		if newestCapture && !m.heldNewer(ctx, p, c.Date) {
			markCaptured(p, c.Date)
		} else {
			*p = *commentsOnly(p)
		}
	}
	switch c.kind {
	case kindPage:
		return m.pages.Put(put, c.URI, body, captured)
	case kindFeed:
		return m.readFeed(c, body, latest, captured, put)
	case kindAPI:
		return m.readAPI(c, body, put)
	}
	return false, nil
}

// stamp is how a capture time is written: RFC 3339 in UTC.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// markCaptured records on a post, and on each of its comments, the time
// of the capture that gave them. A post that only carries comments (a
// comment feed's) gives no text, and keeps the time of the one that did.
func markCaptured(p *archive.Post, at time.Time) {
	if at.IsZero() {
		return
	}
	meta := archive.Meta{Key: MetaCaptured, Value: stamp(at)}
	if p.Title != "" || p.ContentRaw != "" || p.ContentRendered != "" {
		p.Meta = append(slices.DeleteFunc(p.Meta, func(m archive.Meta) bool { return m.Key == MetaCaptured }), meta)
	}
	for i := range p.Comments {
		c := &p.Comments[i]
		c.Meta = append(slices.DeleteFunc(c.Meta, func(m archive.Meta) bool { return m.Key == MetaCaptured }), meta)
	}
}

// readFeed puts what a captured feed says, through the feed importer:
// of the posts no page capture shows, what captured leaves of them (the
// text only from the feed's newest capture), and their comments.
func (m *Merger) readFeed(c Capture, body []byte, latest newest, captured func(*archive.Post), put func(archive.Record) error) (bool, error) {
	if !feed.Sniff(body[:min(len(body), 64<<10)]) {
		return false, nil
	}
	fr := feed.NewReader(bytes.NewReader(body), c.URI)
	merged := false
	for {
		rec, err := fr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			m.warn(err.Error())
			break
		}
		if rec.Site != nil && len(latest.pages) > 0 {
			// The pages say what the site is; a feed says it otherwise
			// (its title, its description), and only names it here.
			rec.Site = &archive.Site{URL: rec.Site.URL}
		}
		if rec.Post != nil {
			if latest.hasPage(rec.Post.Link) {
				continue
			}
			captured(rec.Post)
		}
		if err := put(rec); err != nil {
			return merged, err
		}
		merged = true
	}
	for _, w := range fr.Warnings() {
		m.warn(w)
	}
	return merged, nil
}

// apiRoute is the REST route a URL asks for ("wp/v2/posts"), whether
// through /wp-json/ or ?rest_route=, or "" when it is no API URL.
func apiRoute(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return ""
	}
	if route := u.Query().Get("rest_route"); route != "" {
		return strings.Trim(route, "/")
	}
	if _, route, ok := strings.Cut(u.Path, "/wp-json/"); ok {
		return strings.Trim(route, "/")
	}
	return ""
}

// apiSite is the site a REST API URL belongs to: what comes before /wp-json/.
func apiSite(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return ""
	}
	before, _, _ := strings.Cut(u.Path, "/wp-json/")
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: before + "/"}).String()
}

// readAPI puts the posts, pages or comments a captured REST API answer
// lists, through the REST decoders. Other routes give nothing.
func (m *Merger) readAPI(c Capture, body []byte, put func(archive.Record) error) (bool, error) {
	var posts []archive.Post
	var problems []string
	var err error
	switch route := apiRoute(c.URI); {
	case route == "wp/v2/posts" || route == "wp/v2/pages":
		posts, problems, err = rest.DecodePosts(body, rest.NewLookup())
	case route == "wp/v2/comments":
		var comments []rest.PostComment
		comments, err = rest.DecodeComments(body)
		posts = commentCarriers(comments)
	default:
		return false, nil
	}
	for _, p := range problems {
		m.warn(fmt.Sprintf("%s: %s", c.URI, p))
	}
	if err != nil {
		m.warn(fmt.Sprintf("%s: %v", c.URI, err))
	}
	if len(posts) == 0 {
		return false, nil
	}
	if err := put(archive.Record{Site: &archive.Site{URL: apiSite(c.URI)}}); err != nil {
		return true, err
	}
	for i := range posts {
		markCaptured(&posts[i], c.Date)
		if err := put(archive.Record{Post: &posts[i]}); err != nil {
			return true, err
		}
	}
	return true, nil
}

// commentCarriers groups comments by post into records that name only the
// post, as the REST importer does.
func commentCarriers(comments []rest.PostComment) []archive.Post {
	byPost := map[int64][]archive.Comment{}
	for _, c := range comments {
		byPost[c.PostID] = append(byPost[c.PostID], c.Comment)
	}
	posts := make([]archive.Post, 0, len(byPost))
	for id, cs := range byPost {
		slices.SortFunc(cs, func(a, b archive.Comment) int { return cmp.Compare(a.ID, b.ID) })
		posts = append(posts, archive.Post{ID: id, Comments: cs})
	}
	slices.SortFunc(posts, func(a, b archive.Post) int { return cmp.Compare(a.ID, b.ID) })
	return posts
}
