package warc

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/feed"
	"github.com/parc-archive/parc/importer/rest"
)

// read puts the records one capture gives; merged reports whether it gave
// any. A capture that cannot be read or parsed is a warning.
func (r *Reader) read(files *openFiles, c capture, latest newest, put func(archive.Record) error) (merged bool, err error) {
	body, err := payload(files, c)
	if err != nil {
		r.Warn(fmt.Sprintf("warc %s: capture of %s at %s: %v: skipped", r.files[c.file].Name, c.uri, stamp(c.date), err))
		return false, nil
	}
	newestCapture := latest.latest(c)
	captured := func(p *archive.Post) {
		if newestCapture {
			markCaptured(p, c.date)
		} else {
			*p = *commentsOnly(p)
		}
	}
	switch c.kind {
	case kindPage:
		return r.pages.Put(put, c.uri, body, captured)
	case kindFeed:
		return r.readFeed(c, body, latest, newestCapture, put)
	case kindAPI:
		return r.readAPI(c, body, put)
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
// of the posts no page capture shows, the text when this is the feed's
// newest capture, and their comments.
func (r *Reader) readFeed(c capture, body []byte, latest newest, newestCapture bool, put func(archive.Record) error) (bool, error) {
	if !feed.Sniff(body[:min(len(body), 64<<10)]) {
		return false, nil
	}
	fr := feed.NewReader(bytes.NewReader(body), c.uri)
	merged := false
	for {
		rec, err := fr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.Warn(err.Error())
			break
		}
		if rec.Site != nil && len(latest.pages) > 0 {
			// The pages say what the site is; a feed says it otherwise
			// (its title, its description), and only names it here.
			rec.Site = &archive.Site{URL: rec.Site.URL}
		}
		if rec.Post != nil {
			switch {
			case latest.hasPage(rec.Post.Link):
				continue
			case newestCapture:
				markCaptured(rec.Post, c.date)
			default:
				rec.Post = commentsOnly(rec.Post)
			}
		}
		if err := put(rec); err != nil {
			return merged, err
		}
		merged = true
	}
	for _, w := range fr.Warnings() {
		r.Warn(w)
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
func (r *Reader) readAPI(c capture, body []byte, put func(archive.Record) error) (bool, error) {
	var posts []archive.Post
	var problems []string
	var err error
	switch route := apiRoute(c.uri); {
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
		r.Warn(fmt.Sprintf("warc %s: %s", c.uri, p))
	}
	if err != nil {
		r.Warn(fmt.Sprintf("warc %s: %v", c.uri, err))
	}
	if len(posts) == 0 {
		return false, nil
	}
	if err := put(archive.Record{Site: &archive.Site{URL: apiSite(c.uri)}}); err != nil {
		return true, err
	}
	for i := range posts {
		markCaptured(&posts[i], c.date)
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
