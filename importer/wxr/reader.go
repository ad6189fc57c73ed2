// Package wxr reads WordPress eXtended RSS (WXR) exports, the files
// WordPress's Tools > Export writes, into parc's archive records.
//
// It streams: one item is held in memory at a time, so exports of any size
// read in flat memory. It reads what WordPress's own importer reads, matching
// namespaces by URI, and it recovers from the damage real exports carry
// (illegal characters, invalid UTF-8, bare ampersands, broken CDATA, a
// truncated end), counting every repair in Warnings.
package wxr

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parc-archive/parc/archive"
	"golang.org/x/text/encoding/htmlindex"
)

// maxQueued bounds how many records are held back before the Site can be
// yielded: authors and terms wait for the channel fields WordPress writes
// after them, and everything waits for a wp:wxr_version written late.
const maxQueued = 10000

// newestVersion is the newest WXR version WordPress writes.
const newestVersion = "1.2"

var versionPattern = regexp.MustCompile(`^\d+\.\d+$`)

// Reader reads one WXR file. It yields the Site first, then authors, terms
// and posts in file order.
type Reader struct {
	name   string
	dec    *xml.Decoder
	repair *repairReader
	tally  tally
	notes  []string
	err    error // sticky: set once, returned forever after

	site        archive.Site
	siteSent    bool
	versionSeen bool
	rootSeen    bool
	itemSeen    bool
	ended       bool
	truncated   bool
	depth       int
	queue       []archive.Record
	occurrences map[occurrenceKey]int
	undeclared  map[string]bool
	text        []byte
}

type occurrenceKey struct {
	postType string
	id       int64
}

// NewReader returns a Reader of the export r; name is the file path used
// in errors and warnings. A gzip-compressed export is decompressed, and one
// in a legacy encoding declared by its XML declaration is read as UTF-8.
func NewReader(r io.Reader, name string) *Reader {
	rd := &Reader{
		name:        name,
		occurrences: make(map[occurrenceKey]int),
		undeclared:  make(map[string]bool),
	}
	src, err := rd.prepare(r)
	if err != nil {
		rd.err = &Error{File: name, Line: 1, Column: 1, Err: err}
		return rd
	}
	rd.repair = newRepairReader(src, &rd.tally)
	rd.dec = xml.NewDecoder(rd.repair)
	// Not strict: a missing end tag is invented rather than fatal, and the
	// HTML entities older exports write outside CDATA (&nbsp; in a title)
	// are decoded. Custom entities never are: the repair filter escapes them.
	// No AutoClose list: HTML's would take RSS's <link> for a void element.
	rd.dec.Strict = false
	rd.dec.Entity = xml.HTMLEntity
	// prepare already turned any legacy encoding into UTF-8.
	rd.dec.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return rd
}

// prepare unwraps gzip, refuses zip archives and converts a declared
// legacy encoding to UTF-8, looking only at the first bytes.
func (r *Reader) prepare(src io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(src, 64<<10)
	head, err := br.Peek(512)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	switch {
	case len(bytes.TrimSpace(head)) == 0:
		return nil, errors.New("file is empty: not a WXR export")
	case hasPrefix(head, "PK\x03\x04"):
		return nil, errors.New("this is a zip archive, not a WXR file: extract the .xml export from it first")
	case hasPrefix(head, "\x1f\x8b"):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return r.prepare(zr)
	}
	label := declaredEncoding(head)
	if label == "" || strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
		return br, nil
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		r.notes = append(r.notes, fmt.Sprintf("wxr %s:1: unknown encoding %q declared: read as UTF-8", r.name, label))
		return br, nil
	}
	return enc.NewDecoder().Reader(br), nil
}

var encodingPattern = regexp.MustCompile(`^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

func declaredEncoding(head []byte) string {
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	if m := encodingPattern.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

// Warnings lists every repair and skip made so far, each naming the file
// and a line.
func (r *Reader) Warnings() []string {
	out := append([]string(nil), r.notes...)
	return append(out, r.tally.summaries(r.name, map[repairKind]string{repairRepeatedID: r.repeatedPosts()})...)
}

// repeatedPosts names the posts and pages whose id the export gives more
// than once (nav menu items and the like repeat by design), at most ten,
// and says how a user finds them.
func (r *Reader) repeatedPosts() string {
	var keys []occurrenceKey
	for key, n := range r.occurrences {
		if n > 1 && (key.postType == "post" || key.postType == "page") {
			keys = append(keys, key)
		}
	}
	slices.SortFunc(keys, func(a, b occurrenceKey) int {
		return cmp.Or(cmp.Compare(a.postType, b.postType), cmp.Compare(a.id, b.id))
	})
	var parts []string
	for i, key := range keys {
		if i == 10 {
			parts = append(parts, fmt.Sprintf("and %d more", len(keys)-10))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d appears %d times", key.postType, key.id, r.occurrences[key]))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ") + " (parc show ID lists every copy)"
}

// Next returns the next record: the Site first, then authors, terms and
// posts in file order, then io.EOF.
func (r *Reader) Next() (archive.Record, error) {
	for {
		if r.err != nil {
			return archive.Record{}, r.err
		}
		if r.versionSeen && !r.siteSent && r.siteComplete() {
			r.siteSent = true
			site := r.site
			site.URL = siteURL(&site)
			return archive.Record{Site: &site}, nil
		}
		if r.versionSeen && len(r.queue) > 0 {
			rec := r.queue[0]
			r.queue[0] = archive.Record{}
			r.queue = r.queue[1:]
			return rec, nil
		}
		if r.ended {
			if !r.versionSeen {
				r.err = r.errorf(ErrNotWXR)
				continue
			}
			return archive.Record{}, io.EOF
		}
		if err := r.advance(); err != nil {
			r.err = err
		}
	}
}

func siteURL(s *archive.Site) string {
	for _, u := range []string{s.BaseBlogURL, s.BaseSiteURL, s.Link} {
		if u = strings.TrimSpace(u); u != "" {
			return u
		}
	}
	return ""
}

// siteComplete reports whether the channel-level site fields have all been
// read: WordPress writes some (generator) after the authors and terms but
// before the first item, so those are held until an item starts.
func (r *Reader) siteComplete() bool {
	return r.itemSeen || r.ended || len(r.queue) >= maxQueued
}

// advance reads tokens until a record can be returned or the file ends.
func (r *Reader) advance() error {
	for !r.ended && (len(r.queue) == 0 || !r.versionSeen || !r.siteSent && !r.siteComplete()) {
		if !r.versionSeen && len(r.queue) >= maxQueued {
			return r.errorf(fmt.Errorf("%w: no wp:wxr_version before %d items", ErrNotWXR, maxQueued))
		}
		tok, err := r.token()
		if err != nil {
			return r.endOfInput(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			r.depth++
			if !r.rootSeen {
				r.rootSeen = true
				if t.Name.Local != "rss" {
					return r.errorf(fmt.Errorf("root element is <%s>, not <rss>: not a WXR export", t.Name.Local))
				}
				continue
			}
			if err := r.channelElement(t); err != nil {
				return r.endOfInput(err)
			}
		case xml.EndElement:
			r.depth--
		}
	}
	return nil
}

// token returns the next token, turning the decoder's complaint about a
// file that stops early into errTruncated.
func (r *Reader) token() (xml.Token, error) {
	tok, err := r.dec.Token()
	if err == nil || err == io.EOF {
		return tok, err
	}
	var syntax *xml.SyntaxError
	if errors.As(err, &syntax) && r.repair.atEOF() {
		if !r.truncated {
			r.truncated = true
			r.notes = append(r.notes, fmt.Sprintf("wxr %s:%d: file ends early (%s): kept everything read before", r.name, syntax.Line, syntax.Msg))
		}
		return nil, errTruncated
	}
	return nil, err
}

var errTruncated = errors.New("file ends early")

func (r *Reader) endOfInput(err error) error {
	var already *Error
	switch {
	case errors.As(err, &already):
		return err
	case err == io.EOF || err == errTruncated:
		if !r.rootSeen {
			return r.errorf(errors.New("no XML element found: not a WXR export"))
		}
		r.ended = true
		return nil
	case !r.rootSeen:
		return r.errorf(fmt.Errorf("not an XML document: %w", err))
	}
	return r.errorf(err)
}

func (r *Reader) errorf(err error) error {
	line, col := r.dec.InputPos()
	var syntax *xml.SyntaxError
	if errors.As(err, &syntax) {
		err = errors.New(syntax.Msg)
	}
	return &Error{File: r.name, Line: line, Column: col, Err: err}
}

func (r *Reader) line() int {
	line, _ := r.dec.InputPos()
	return line
}

func (r *Reader) note(line int, format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf("wxr %s:%d: ", r.name, line)+fmt.Sprintf(format, args...))
}

// space tells which of the namespaces WXR uses a name is in.
type space int

const (
	spaceNone space = iota
	spaceWP
	spaceExcerpt
	spaceContent
	spaceDC
	spaceForeign
)

func (r *Reader) space(n xml.Name) space {
	switch n.Space {
	case "":
		return spaceNone
	case "http://wordpress.org/export/1.0/", "http://wordpress.org/export/1.1/", "http://wordpress.org/export/1.2/",
		"https://wordpress.org/export/1.0/", "https://wordpress.org/export/1.1/", "https://wordpress.org/export/1.2/":
		return spaceWP
	case "http://wordpress.org/export/1.0/excerpt/", "http://wordpress.org/export/1.1/excerpt/", "http://wordpress.org/export/1.2/excerpt/",
		"https://wordpress.org/export/1.0/excerpt/", "https://wordpress.org/export/1.1/excerpt/", "https://wordpress.org/export/1.2/excerpt/":
		return spaceExcerpt
	case "http://purl.org/rss/1.0/modules/content/":
		return spaceContent
	case "http://purl.org/dc/elements/1.1/":
		return spaceDC
	}
	// The decoder leaves an undeclared prefix in Space. Old exports use
	// excerpt: without declaring it; read the usual prefixes as meant.
	var conventional space
	switch n.Space {
	case "wp":
		conventional = spaceWP
	case "excerpt":
		conventional = spaceExcerpt
	case "content":
		conventional = spaceContent
	case "dc":
		conventional = spaceDC
	default:
		return spaceForeign
	}
	if !r.undeclared[n.Space] {
		r.undeclared[n.Space] = true
		r.note(r.line(), "prefix %s: is not declared: read as the usual WXR namespace", n.Space)
	}
	return conventional
}

// channelElement handles a start tag outside any item, author or term,
// consuming its whole element unless it is a container to descend into.
func (r *Reader) channelElement(t xml.StartElement) error {
	sp, local := r.space(t.Name), t.Name.Local
	switch {
	case sp == spaceNone && local == "item":
		return r.readItem(t)
	case sp == spaceWP && (local == "author" || local == "wp_author"):
		return r.readAuthor()
	case sp == spaceWP && (local == "category" || local == "tag" || local == "term"):
		return r.readTerm(local)
	case r.depth == 3 && (sp == spaceNone || sp == spaceWP):
		// rss > channel > field
		if field := r.siteField(sp, local); field != nil {
			line := r.line()
			text, err := r.readText()
			r.depth--
			if err != nil {
				return err
			}
			if r.siteSent {
				r.note(line, "channel element <%s> after the first item ignored", local)
				return nil
			}
			*field = text
			if sp == spaceWP && local == "wxr_version" {
				return r.checkVersion(line)
			}
			return nil
		}
	}
	if sp == spaceNone {
		return nil // a container such as channel: descend
	}
	r.depth--
	return r.skip()
}

func (r *Reader) siteField(sp space, local string) *string {
	s := &r.site
	if sp == spaceNone {
		switch local {
		case "title":
			return &s.Title
		case "link":
			return &s.Link
		case "description":
			return &s.Description
		case "language":
			return &s.Language
		case "generator":
			return &s.Generator
		}
		return nil
	}
	switch local {
	case "wxr_version":
		return &s.WXRVersion
	case "base_site_url":
		return &s.BaseSiteURL
	case "base_blog_url":
		return &s.BaseBlogURL
	}
	return nil
}

func (r *Reader) checkVersion(line int) error {
	v := strings.TrimSpace(r.site.WXRVersion)
	r.site.WXRVersion = v
	if !versionPattern.MatchString(v) {
		return r.errorf(ErrNotWXR)
	}
	r.versionSeen = true
	if newer(v, newestVersion) {
		r.note(line, "WXR version %s is newer than %s and may not be supported: read as %s", v, newestVersion, newestVersion)
	}
	return nil
}

// newer compares two digits-dot-digits versions numerically.
func newer(v, than string) bool {
	parse := func(s string) (int, int) {
		major, minor, _ := strings.Cut(s, ".")
		a, _ := strconv.Atoi(major)
		b, _ := strconv.Atoi(minor)
		return a, b
	}
	a1, b1 := parse(v)
	a2, b2 := parse(than)
	return a1 > a2 || a1 == a2 && b1 > b2
}

func (r *Reader) enqueue(rec archive.Record) {
	r.queue = append(r.queue, rec)
}

// skip consumes the rest of the element whose start tag was just read.
func (r *Reader) skip() error {
	depth := 0
	for {
		tok, err := r.token()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// readText returns the character data of the element whose start tag was
// just read, through its end tag. Elements inside it (unescaped HTML in a
// non-CDATA field) are kept as markup text rather than lost.
func (r *Reader) readText() (string, error) {
	buf := r.text[:0]
	depth := 0
	cut := false
	for {
		tok, err := r.token()
		if err != nil {
			return string(buf), err
		}
		if len(buf) > maxRun {
			// Runs of text are cut in the repair filter; this bounds a
			// field made of many runs between elements.
			if !cut {
				cut = true
				r.tally.add(repairOversized, r.line())
			}
			n := maxRun
			for n > 0 && !utf8.RuneStart(buf[n]) {
				n--
			}
			buf = buf[:n]
		}
		switch t := tok.(type) {
		case xml.CharData:
			buf = append(buf, t...)
		case xml.StartElement:
			r.tally.add(repairUnescapedMarkup, r.line())
			depth++
			buf = appendStartTag(buf, t)
		case xml.EndElement:
			if depth == 0 {
				r.text = buf
				return string(buf), nil
			}
			depth--
			buf = append(append(append(buf, "</"...), t.Name.Local...), '>')
		case xml.Comment:
			buf = append(append(append(buf, "<!--"...), t...), "-->"...)
		}
	}
}

func appendStartTag(buf []byte, t xml.StartElement) []byte {
	buf = append(append(buf, '<'), t.Name.Local...)
	for _, a := range t.Attr {
		buf = append(append(append(buf, ' '), a.Name.Local...), `="`...)
		var esc bytes.Buffer
		_ = xml.EscapeText(&esc, []byte(a.Value)) // writes to memory: cannot fail
		buf = append(append(buf, esc.Bytes()...), '"')
	}
	return append(buf, '>')
}

// children calls handle for each child element of the element whose start
// tag was just read; handle must consume the child through its end tag.
func (r *Reader) children(handle func(xml.StartElement, space, string) error) error {
	for {
		tok, err := r.token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := handle(t, r.space(t.Name), t.Name.Local); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// scalar reads an id, slug, login, type or status: surrounding whitespace
// is formatting there (authors-multiline.xml), never data.
func (r *Reader) scalar() (string, error) {
	s, err := r.readText()
	return strings.TrimSpace(s), err
}

func (r *Reader) number() (int64, error) {
	line := r.line()
	s, err := r.scalar()
	if err != nil || s == "" {
		return 0, err
	}
	n, perr := strconv.ParseInt(s, 10, 64)
	if perr != nil {
		r.tally.add(repairBadNumber, line)
		return 0, nil
	}
	return n, nil
}

const dateLayout = "2006-01-02 15:04:05"

// date reads "YYYY-MM-DD HH:MM:SS" as a wall-clock time in time.UTC;
// WordPress's "0000-00-00 00:00:00" means unknown.
func (r *Reader) date() (time.Time, error) {
	line := r.line()
	s, err := r.scalar()
	if err != nil || s == "" || s == "0000-00-00 00:00:00" {
		return time.Time{}, err
	}
	for _, layout := range []string{dateLayout, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, perr := time.ParseInLocation(layout, s, time.UTC); perr == nil {
			return t, nil
		}
	}
	r.tally.add(repairBadDate, line)
	return time.Time{}, nil
}

func (r *Reader) readAuthor() error {
	var a archive.Author
	err := r.children(func(t xml.StartElement, sp space, local string) error {
		if sp != spaceWP {
			return r.skip()
		}
		var err error
		switch local {
		case "author_id":
			a.ID, err = r.number()
		case "author_login":
			a.Login, err = r.scalar()
		case "author_email":
			a.Email, err = r.scalar()
		case "author_display_name":
			a.DisplayName, err = r.readText()
		case "author_first_name":
			a.FirstName, err = r.readText()
		case "author_last_name":
			a.LastName, err = r.readText()
		default:
			err = r.skip()
		}
		return err
	})
	r.depth--
	if err != nil {
		return err
	}
	r.enqueue(archive.Record{Author: &a})
	return nil
}

// readTerm reads a channel-level wp:category, wp:tag or wp:term.
func (r *Reader) readTerm(kind string) error {
	term := archive.Term{Taxonomy: map[string]string{"category": "category", "tag": "post_tag"}[kind]}
	err := r.children(func(t xml.StartElement, sp space, local string) error {
		if sp != spaceWP {
			return r.skip()
		}
		var err error
		switch local {
		case "term_id":
			term.ID, err = r.number()
		case "term_taxonomy":
			if kind == "term" {
				term.Taxonomy, err = r.scalar()
			} else {
				err = r.skip()
			}
		case "category_nicename", "tag_slug", "term_slug":
			term.Slug, err = r.scalar()
		case "category_parent", "term_parent":
			term.ParentSlug, err = r.scalar()
		case "cat_name", "tag_name", "term_name":
			term.Name, err = r.readText()
		case "category_description", "tag_description", "term_description":
			term.Description, err = r.readText()
		case "termmeta":
			var m archive.Meta
			m, err = r.readMeta()
			term.Meta = append(term.Meta, m)
		default:
			err = r.skip()
		}
		return err
	})
	r.depth--
	if err != nil {
		return err
	}
	r.enqueue(archive.Record{Term: &term})
	return nil
}

// readMeta reads a postmeta, commentmeta or termmeta element. The key is an
// identifier (trimmed); the value is data, often PHP-serialized, and kept
// byte for byte.
func (r *Reader) readMeta() (archive.Meta, error) {
	var m archive.Meta
	err := r.children(func(t xml.StartElement, sp space, local string) error {
		var err error
		switch {
		case sp == spaceWP && local == "meta_key":
			m.Key, err = r.scalar()
		case sp == spaceWP && local == "meta_value":
			m.Value, err = r.readText()
		default:
			err = r.skip()
		}
		return err
	})
	return m, err
}

func (r *Reader) readItem(start xml.StartElement) error {
	line := r.line()
	r.itemSeen = true
	p := &archive.Post{}
	err := r.children(func(t xml.StartElement, sp space, local string) error {
		return r.itemField(p, t, sp, local)
	})
	r.depth--
	if err == errTruncated {
		p.Meta = append(p.Meta, archive.Meta{Key: archive.MetaIncomplete, Value: "1"})
		r.note(line, "item (post %d %q) is cut off by the end of the file: kept the fields read", p.ID, p.Title)
		err = nil
	}
	if err != nil {
		return err
	}
	if p.Type == "" {
		p.Type = "post"
		r.tally.add(repairNoType, line)
	}
	if p.Status == "" {
		// Left unstated: the archive keeps the status it holds, and a new
		// item is a draft, as WordPress makes a post that names none.
		r.tally.add(repairNoStatus, line)
	}
	// Items without an ID (from a blog known only by its pages) share no
	// ID: each is its own item, the first of its kind.
	if p.ID != 0 {
		key := occurrenceKey{p.Type, p.ID}
		p.Occurrence = r.occurrences[key]
		r.occurrences[key]++
		if p.Occurrence > 0 {
			r.tally.add(repairRepeatedID, r.line())
		}
	}
	r.enqueue(archive.Record{Post: p})
	if r.truncated {
		return errTruncated
	}
	return nil
}

func (r *Reader) itemField(p *archive.Post, t xml.StartElement, sp space, local string) error {
	var err error
	switch sp {
	case spaceNone:
		switch local {
		case "title":
			p.Title, err = r.readText()
		case "link":
			p.Link, err = r.scalar()
		case "guid":
			p.GUID, err = r.scalar()
		case "category":
			err = r.itemTerm(p, t)
		default:
			err = r.skip()
		}
	case spaceContent:
		if local == "encoded" {
			err = r.readContent(t, &p.ContentRaw, &p.ContentRendered)
		} else {
			err = r.skip()
		}
	case spaceExcerpt:
		if local == "encoded" {
			err = r.readContent(t, &p.ExcerptRaw, &p.ExcerptRendered)
		} else {
			err = r.skip()
		}
	case spaceDC:
		if local == "creator" {
			p.AuthorLogin, err = r.scalar()
		} else {
			err = r.skip()
		}
	case spaceWP:
		err = r.itemWPField(p, t, local)
	default:
		err = r.skip()
	}
	return err
}

func (r *Reader) itemWPField(p *archive.Post, t xml.StartElement, local string) error {
	var err error
	switch local {
	case "post_id":
		line := r.line()
		p.ID, err = r.number()
		if p.ID < 0 {
			r.tally.add(repairBadID, line)
			p.ID = 0
		}
		if parcAttr(t, "assigned") == "1" {
			p.ID = 0 // made up by parc's export: the archive knew none
		}
	case "post_date":
		p.Date, err = r.date()
	case "post_date_gmt":
		p.DateGMT, err = r.date()
	case "post_modified":
		p.Modified, err = r.date()
	case "post_modified_gmt":
		p.ModifiedGMT, err = r.date()
	case "comment_status":
		p.CommentStatus, err = r.scalar()
	case "ping_status":
		p.PingStatus, err = r.scalar()
	case "post_name":
		p.Slug, err = r.scalar()
	case "status":
		p.Status, err = r.scalar()
	case "post_parent":
		p.Parent, err = r.number()
	case "menu_order":
		p.MenuOrder, err = r.number()
	case "post_type":
		p.Type, err = r.scalar()
	case "post_password":
		// A password is a secret, not formatting: kept exactly.
		p.Password, err = r.readText()
	case "is_sticky":
		var s string
		s, err = r.scalar()
		p.Sticky = s == "1"
	case "attachment_url":
		p.AttachmentURL, err = r.scalar()
	case "postmeta":
		var m archive.Meta
		m, err = r.readMeta()
		p.Meta = append(p.Meta, m)
	case "comment":
		var c archive.Comment
		c, err = r.readComment()
		p.Comments = append(p.Comments, c)
	default:
		err = r.skip()
	}
	return err
}

// itemTerm reads an item's category element. Only those with a nicename
// attribute are terms: WXR 1.0 repeats each one bare, and every WordPress
// parser ignores the bare copies.
func (r *Reader) itemTerm(p *archive.Post, t xml.StartElement) error {
	var domain, nicename string
	hasNicename := false
	for _, a := range t.Attr {
		switch a.Name.Local {
		case "domain":
			domain = strings.TrimSpace(a.Value)
		case "nicename":
			nicename, hasNicename = strings.TrimSpace(a.Value), true
		}
	}
	name, err := r.readText()
	if err != nil || !hasNicename {
		return err
	}
	switch domain {
	case "tag":
		domain = "post_tag"
	case "":
		domain = "category"
	}
	p.Terms = append(p.Terms, archive.TermRef{Taxonomy: domain, Slug: nicename, Name: name})
	return nil
}

// parcNamespace is the namespace of the attributes parc's export
// (export/wxr.FormNamespace) adds, which WordPress ignores: parc:form=
// "rendered" on content it could only write as the HTML the site served,
// for a blog known from its pages, feeds or REST API, and parc:assigned=
// "1" on a post ID it made up for an item without one. parc reads both
// back as the archive it came from held them.
const parcNamespace = "https://github.com/parc-archive/parc/wxr/"

// parcAttr is the value of a start tag's parc: attribute.
func parcAttr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Space == parcNamespace && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// readContent reads content, excerpt or comment text into raw, or into
// rendered when parc's export marked it so.
func (r *Reader) readContent(t xml.StartElement, raw, rendered *string) error {
	dst := raw
	if parcAttr(t, "form") == "rendered" {
		dst = rendered
	}
	var err error
	*dst, err = r.readText()
	return err
}

func (r *Reader) readComment() (archive.Comment, error) {
	var c archive.Comment
	err := r.children(func(t xml.StartElement, sp space, local string) error {
		if sp != spaceWP {
			return r.skip()
		}
		var err error
		switch local {
		case "comment_id":
			c.ID, err = r.number()
		case "comment_parent":
			c.Parent, err = r.number()
		case "comment_author":
			c.Author, err = r.readText()
		case "comment_author_email":
			c.AuthorEmail, err = r.scalar()
		case "comment_author_url":
			c.AuthorURL, err = r.scalar()
		case "comment_author_IP":
			c.AuthorIP, err = r.scalar()
		case "comment_date":
			c.Date, err = r.date()
		case "comment_date_gmt":
			c.DateGMT, err = r.date()
		case "comment_content":
			err = r.readContent(t, &c.ContentRaw, &c.ContentRendered)
		case "comment_approved":
			c.Approved, err = r.scalar()
		case "comment_type":
			c.Type, err = r.scalar()
		case "comment_user_id":
			c.UserID, err = r.number()
		case "commentmeta":
			var m archive.Meta
			m, err = r.readMeta()
			c.Meta = append(c.Meta, m)
		default:
			err = r.skip()
		}
		return err
	})
	return c, err
}

// knownEntity reports whether the decoder will expand &name;. Anything
// else the repair filter escapes, so no custom entity is ever expanded.
func knownEntity(name string) bool {
	switch name {
	case "lt", "gt", "amp", "apos", "quot":
		return true
	}
	_, ok := xml.HTMLEntity[name]
	return ok
}
