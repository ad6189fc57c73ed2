package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/blogger"
	"github.com/parc-archive/parc/importer/internal/xmlclean"
)

// Meta keys this package sets on posts.
const (
	// MetaCommentFeed is the URL of a post's own comment feed
	// (wfw:commentRss, or Atom's link rel="replies").
	MetaCommentFeed = "parc:comment_feed"
	// MetaCommentCount is the number of comments the feed says a post has
	// (slash:comments), which may exceed what the comment feeds list.
	MetaCommentCount = "parc:comment_count"
	// MetaEnclosure is the URL of a file attached to an item.
	MetaEnclosure = "parc:enclosure"
)

// Feed is what one feed document holds.
type Feed struct {
	Site    archive.Site
	Authors []archive.Author
	Terms   []archive.Term
	// Posts are full posts, or for a comment feed, post stubs carrying
	// comments (see the package documentation).
	Posts []archive.Post

	// SelfURL, NextPage and PrevPage are the feed's own links (atom:link
	// rel self, next, previous) when it shows them. WordPress's RSS and
	// Atom feeds show no next link: its pages are fetched as ?paged=N.
	SelfURL  string
	NextPage string
	PrevPage string

	// IsCommentFeed is true when the items are comments.
	IsCommentFeed bool

	// Warnings name what was repaired or skipped.
	Warnings []string
}

// Sniff reports whether head, the start of a document, is an RSS or Atom
// feed that this package reads: not a WordPress export (an RSS declaring
// the wordpress.org/export namespace) and not a Blogger export.
func Sniff(head []byte) bool {
	root, ok := xmlclean.Root(head)
	if !ok || dialectOf(root) == dialectUnknown {
		return false
	}
	if bytes.Contains(head, []byte("wordpress.org/export/")) {
		return false
	}
	return !blogger.Sniff(head)
}

// MaxFeedBytes bounds a feed, which is parsed whole: a feed serves a few
// recent posts, and a file beyond this is hostile or not a feed.
const MaxFeedBytes = 64 << 20

// Parse reads a whole feed. name (a file path or URL) is used in errors
// and warnings.
func Parse(r io.Reader, name string) (*Feed, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFeedBytes+1))
	if err != nil {
		return nil, fmt.Errorf("feed %s: reading: %w", name, err)
	}
	if len(data) > MaxFeedBytes {
		return nil, fmt.Errorf("feed %s: larger than %d MiB, more than any feed holds: not read", name, MaxFeedBytes>>20)
	}
	p := &parser{name: name}
	return p.parse(data)
}

// Reader yields a feed's records one at a time: the site, then the
// authors, terms and posts. A feed is small, so it is parsed whole first.
type Reader struct {
	records  []archive.Record
	err      error
	warnings []string
}

// NewReader parses the feed read from r; errors surface from Next.
func NewReader(r io.Reader, name string) *Reader {
	f, err := Parse(r, name)
	if err != nil {
		return &Reader{err: err}
	}
	site := f.Site
	records := []archive.Record{{Site: &site}}
	for i := range f.Authors {
		records = append(records, archive.Record{Author: &f.Authors[i]})
	}
	for i := range f.Terms {
		records = append(records, archive.Record{Term: &f.Terms[i]})
	}
	for i := range f.Posts {
		records = append(records, archive.Record{Post: &f.Posts[i]})
	}
	return &Reader{records: records, warnings: f.Warnings}
}

// Next returns the next record, io.EOF after the last, or the error that
// made the feed unreadable.
func (r *Reader) Next() (archive.Record, error) {
	if r.err != nil {
		return archive.Record{}, r.err
	}
	if len(r.records) == 0 {
		return archive.Record{}, io.EOF
	}
	rec := r.records[0]
	r.records = r.records[1:]
	return rec, nil
}

// Warnings lists what was repaired or skipped.
func (r *Reader) Warnings() []string { return r.warnings }

type dialect int

const (
	dialectUnknown dialect = iota
	dialectRSS
	dialectAtom
)

func dialectOf(root xml.Name) dialect {
	switch {
	case strings.EqualFold(root.Local, "rss"), root.Local == "RDF":
		return dialectRSS
	case root.Local == "feed" && (root.Space == "" || strings.Contains(root.Space, "Atom") || strings.Contains(root.Space, "atom")):
		return dialectAtom
	}
	return dialectUnknown
}

// parser carries one parse's name and warnings.
type parser struct {
	name     string
	warnings []string
}

func (p *parser) warnf(format string, args ...any) {
	p.warnings = append(p.warnings, fmt.Sprintf("feed %s: ", p.name)+fmt.Sprintf(format, args...))
}

func (p *parser) parse(data []byte) (*Feed, error) {
	data, bad := xmlclean.Sanitize(data)
	if bad > 0 {
		p.warnf("replaced or dropped %d bytes that are not allowed in XML (invalid UTF-8 or control characters)", bad)
	}
	root, ok := xmlclean.Root(data)
	d := dialectUnknown
	if ok {
		d = dialectOf(root)
	}
	if d == dialectUnknown {
		return nil, fmt.Errorf("feed %s: %s", p.name, describeNonFeed(data))
	}
	f, err := p.parseDialect(d, data)
	if err == nil {
		f.Warnings = p.warnings
		return f, nil
	}
	offset := errorOffset(data, err)
	repaired, ok := cutAfterLastItem(data, offset)
	if !ok {
		return nil, fmt.Errorf("feed %s: %w", p.name, err)
	}
	f, err2 := p.parseDialect(d, repaired)
	if err2 != nil {
		return nil, fmt.Errorf("feed %s: %w", p.name, err)
	}
	p.warnf("%v near byte %d of %d (truncated or broken); kept the %d complete items before it", err, offset, len(data), len(f.Posts))
	f.Warnings = p.warnings
	return f, nil
}

func (p *parser) parseDialect(d dialect, data []byte) (*Feed, error) {
	if d == dialectAtom {
		return p.parseAtom(data)
	}
	return p.parseRSS(data)
}

// origin is the scheme and host of a URL, the best guess at a site's URL
// when the feed names only a post.
func origin(link string) string {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
