// Package blogger reads Blogger (Blogspot) exports into archive records:
// the legacy Atom export, where a category with the scheme
// http://schemas.google.com/g/2005#kind says what each entry is, and the
// newer Takeout export with the http://schemas.google.com/blogger/2018
// namespace (blogger:type, blogger:status, blogger:parent,
// blogger:filename).
//
// Mapping:
//
//   - The blog becomes a Site: URL from the feed's alternate link, title
//     from the feed title.
//   - Posts and pages keep Blogger's full id ("tag:blogger.com,1999:
//     blog-N.post-M") in GUID; comments keep it in Meta "parc:guid".
//     Post.ID and Comment.ID are derived from it: the trailing number when
//     it fits in an int63, else an FNV-64a hash of the whole id masked to
//     63 bits. The same id always gives the same number.
//   - Labels become terms of taxonomy post_tag; a label's slug is its name
//     path-escaped, as Blogger's own /search/label/ URLs spell it.
//   - Drafts (app:control/app:draft yes, blogger:status DRAFT) keep status
//     "draft"; blogger:status SOFT_TRASHED becomes "trash".
//   - A comment's post is the entry its thr:in-reply-to ref (or
//     blogger:parent) names; when that names another comment, or a
//     "related" link points at one, the comment is a reply and Parent is
//     that comment's derived id.
//   - Content is HTML (content type="html", entity-escaped in the file)
//     and goes to ContentRendered.
//   - Settings and template entries are skipped and counted (Skipped).
//
// Blogger writes comments after all posts, so the reader holds the whole
// export in memory and yields each post with its comments at the end; a
// Blogger export is one blog, rarely more than tens of megabytes.
package blogger

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/internal/xmlclean"
)

const (
	kindScheme  = "http://schemas.google.com/g/2005#kind"
	labelScheme = "http://www.blogger.com/atom/ns#"
	schema2018  = "http://schemas.google.com/blogger/2018"
)

// Meta keys this package sets.
const (
	// MetaGUID holds a comment's full Blogger id.
	MetaGUID = "parc:guid"
	// MetaFilename holds blogger:filename, the post's path on the blog.
	MetaFilename = "parc:blogger_filename"
	// MetaCommentCount holds thr:total, the comment count Blogger shows.
	MetaCommentCount = "parc:comment_count"
)

// Sniff reports whether head, the start of a document, is a Blogger export.
func Sniff(head []byte) bool {
	root, ok := xmlclean.Root(head)
	if !ok || root.Local != "feed" {
		return false
	}
	return bytes.Contains(head, []byte(kindScheme)) || bytes.Contains(head, []byte(schema2018))
}

// Reader yields a Blogger export's records: the site, the post authors,
// the labels, then every post and page with its comments.
type Reader struct {
	src      io.Reader
	name     string
	loaded   bool
	records  []archive.Record
	err      error
	warnings []string
	skipped  map[string]int

	authors    []archive.Author // post authors: Blogger shows no login, so the name stands in
	authorSeen map[string]bool
}

// NewReader reads the export from r on the first call to Next; name (a
// file path or URL) is used in errors and warnings.
func NewReader(r io.Reader, name string) *Reader {
	return &Reader{src: r, name: name, skipped: map[string]int{}, authorSeen: map[string]bool{}}
}

// Next returns the next record, io.EOF after the last, or the error that
// made the export unreadable.
func (r *Reader) Next() (archive.Record, error) {
	if !r.loaded {
		r.loaded = true
		r.err = r.load()
	}
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

// Skipped counts the entries that are not content (settings, template)
// by kind; it is complete once Next has returned the first record.
func (r *Reader) Skipped() map[string]int { return r.skipped }

func (r *Reader) warnf(format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf("blogger %s: ", r.name)+fmt.Sprintf(format, args...))
}

// The XML shape of an entry. Tags name local names only, so that an
// undeclared or unusual prefix (app:, blogger:) still matches.
type (
	entryXML struct {
		ID         string        `xml:"id"`
		Published  string        `xml:"published"`
		Updated    string        `xml:"updated"`
		Created    string        `xml:"created"`
		Categories []categoryXML `xml:"category"`
		Title      textXML       `xml:"title"`
		Content    textXML       `xml:"content"`
		Links      []linkXML     `xml:"link"`
		Author     personXML     `xml:"author"`
		InReplyTo  []linkXML     `xml:"in-reply-to"`
		Draft      string        `xml:"control>draft"`
		Total      string        `xml:"total"`
		Type       string        `xml:"type"`
		Status     string        `xml:"status"`
		Parent     string        `xml:"parent"`
		Filename   string        `xml:"filename"`
	}
	categoryXML struct {
		Scheme string `xml:"scheme,attr"`
		Term   string `xml:"term,attr"`
	}
	textXML struct {
		Type  string `xml:"type,attr"`
		Text  string `xml:",chardata"`
		Inner string `xml:",innerxml"`
	}
	linkXML struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
		Type string `xml:"type,attr"`
		Ref  string `xml:"ref,attr"`
	}
	personXML struct {
		Name  string `xml:"name"`
		URI   string `xml:"uri"`
		Email string `xml:"email"`
	}
)

// MaxExportBytes bounds a Blogger export, which is parsed whole, so that
// a decompression bomb cannot take the machine's memory.
const MaxExportBytes = 128 << 20

// comment is a comment entry waiting for its post.
type comment struct {
	guid    string
	target  string // the id its in-reply-to or blogger:parent names
	related string // href of a related link: the comment it answers
	href    string // target's page, for a stub when the post is missing
	c       archive.Comment
}

var undeclaredPrefix = regexp.MustCompile(`<([A-Za-z_][A-Za-z0-9_.-]*):[A-Za-z_]`)

func (r *Reader) load() error {
	data, err := io.ReadAll(io.LimitReader(r.src, MaxExportBytes+1))
	if err != nil {
		return fmt.Errorf("blogger %s: reading: %w", r.name, err)
	}
	if len(data) > MaxExportBytes {
		return fmt.Errorf("blogger %s: larger than %d MiB, which parc reads whole: not read", r.name, MaxExportBytes>>20)
	}
	data, bad := xmlclean.Sanitize(data)
	if bad > 0 {
		r.warnf("replaced or dropped %d bytes that are not allowed in XML (invalid UTF-8 or control characters)", bad)
	}
	root, ok := xmlclean.Root(data)
	if !ok || root.Local != "feed" {
		return fmt.Errorf("blogger %s: not a Blogger export (no Atom <feed> root)", r.name)
	}
	r.warnUndeclaredPrefixes(data)

	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false // the prefix of Pelican's sample, and bare entities, are errors to a strict reader
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel

	var (
		site     archive.Site
		blogID   string
		posts    []*archive.Post
		byGUID   = map[string]*archive.Post{}
		comments []*comment
		entryNo  int
		depth    int
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			if entryNo == 0 {
				return fmt.Errorf("blogger %s: line %d: %w", r.name, line, err)
			}
			r.warnf("line %d: %v (truncated or broken); kept the %d entries before it", line, err, entryNo)
			break
		}
		switch t := tok.(type) {
		case xml.EndElement:
			depth--
		case xml.StartElement:
			depth++
			if depth != 2 {
				continue
			}
			switch t.Name.Local {
			case "entry":
				entryNo++
				var e entryXML
				if err := d.DecodeElement(&e, &t); err != nil {
					line, _ := d.InputPos()
					r.warnf("entry %d, line %d: %v (truncated or broken); kept the entries before it", entryNo, line, err)
					depth = -1 // stop below
					break
				}
				depth--
				r.addEntry(entryNo, &e, site.URL, &posts, byGUID, &comments)
			case "title", "subtitle", "id", "generator":
				var text string
				if err := d.DecodeElement(&text, &t); err == nil {
					setFeedField(&site, &blogID, t.Name.Local, strings.TrimSpace(text))
				}
				depth--
			case "link":
				var l linkXML
				if err := d.DecodeElement(&l, &t); err == nil && l.Rel == "alternate" && site.URL == "" {
					site.URL = strings.TrimSpace(l.Href)
					site.Link = site.URL
				}
				depth--
			}
		}
		if depth < 0 {
			break
		}
	}
	if site.URL == "" {
		site.URL = blogID
		r.warnf("the export has no alternate link to the blog; its id %q stands in for the site URL", blogID)
	}
	r.assemble(site, posts, byGUID, comments)
	return nil
}

func setFeedField(site *archive.Site, blogID *string, field, text string) {
	switch field {
	case "title":
		site.Title = text
	case "subtitle":
		site.Description = text
	case "id":
		*blogID = strings.TrimSuffix(text, ".archive")
	case "generator":
		site.Generator = text
	}
}

func (r *Reader) warnUndeclaredPrefixes(data []byte) {
	seen := map[string]bool{}
	for _, m := range undeclaredPrefix.FindAllSubmatch(data, -1) {
		prefix := string(m[1])
		if seen[prefix] || prefix == "xml" {
			continue
		}
		seen[prefix] = true
		if !bytes.Contains(data, []byte("xmlns:"+prefix+"=")) {
			r.warnf("namespace prefix %q is used but never declared; its elements are read by their local names", prefix)
		}
	}
}

// kindOf says what an entry is: post, page, comment, settings, template.
func kindOf(e *entryXML) string {
	for _, c := range e.Categories {
		if c.Scheme == kindScheme {
			_, kind, _ := strings.Cut(c.Term, "#")
			return kind
		}
	}
	return strings.ToLower(strings.TrimSpace(e.Type))
}

func (r *Reader) addEntry(n int, e *entryXML, siteURL string, posts *[]*archive.Post, byGUID map[string]*archive.Post, comments *[]*comment) {
	kind := kindOf(e)
	guid := strings.TrimSpace(e.ID)
	switch kind {
	case "post", "page":
		p := r.post(e, kind, guid, siteURL)
		*posts = append(*posts, p)
		if guid != "" {
			byGUID[guid] = p
		}
	case "comment":
		*comments = append(*comments, r.comment(e, guid))
	case "settings", "template":
		r.skipped[kind]++
	default:
		r.warnf("entry %d (%s): unknown kind %q; skipped", n, guid, kind)
	}
}

func (r *Reader) post(e *entryXML, kind, guid, siteURL string) *archive.Post {
	p := &archive.Post{
		ID:              DeriveID(guid),
		Type:            kind,
		Status:          postStatus(e),
		Title:           strings.TrimSpace(e.Title.html()),
		GUID:            guid,
		Link:            alternate(e.Links),
		AuthorLogin:     strings.TrimSpace(e.Author.Name),
		ContentRendered: e.Content.html(),
	}
	if e.Title.Type != "html" {
		p.Title = strings.TrimSpace(e.Title.Text)
	}
	filename := strings.TrimSpace(e.Filename)
	if p.Link == "" && filename != "" && strings.HasPrefix(siteURL, "http") {
		p.Link = strings.TrimSuffix(siteURL, "/") + "/" + strings.TrimPrefix(filename, "/")
	}
	p.Slug = slugFromPath(p.Link)
	if p.Slug == "" {
		p.Slug = slugFromPath(filename)
	}
	published := e.Published
	if published == "" {
		published = e.Created
	}
	p.Date, p.DateGMT = parseDate(published)
	p.Modified, p.ModifiedGMT = parseDate(e.Updated)
	for _, c := range e.Categories {
		if c.Scheme == kindScheme || strings.TrimSpace(c.Term) == "" {
			continue
		}
		if c.Scheme == labelScheme || c.Scheme == "" || strings.HasPrefix(c.Scheme, "tag:blogger.com") {
			name := strings.TrimSpace(c.Term)
			p.Terms = append(p.Terms, archive.TermRef{Taxonomy: "post_tag", Slug: url.PathEscape(name), Name: name})
		}
	}
	if name := p.AuthorLogin; name != "" && !r.authorSeen[name] {
		r.authorSeen[name] = true
		r.authors = append(r.authors, archive.Author{Login: name, DisplayName: name, Email: strings.TrimSpace(e.Author.Email)})
	}
	if filename != "" {
		p.Meta = append(p.Meta, archive.Meta{Key: MetaFilename, Value: filename})
	}
	if t := strings.TrimSpace(e.Total); t != "" {
		p.Meta = append(p.Meta, archive.Meta{Key: MetaCommentCount, Value: t})
	}
	return p
}

func postStatus(e *entryXML) string {
	if strings.EqualFold(strings.TrimSpace(e.Draft), "yes") {
		return "draft"
	}
	switch strings.ToUpper(strings.TrimSpace(e.Status)) {
	case "", "LIVE":
		return "publish"
	case "DRAFT":
		return "draft"
	case "SCHEDULED":
		return "future"
	case "SOFT_TRASHED", "TRASHED", "DELETED":
		return "trash"
	default:
		return strings.ToLower(strings.TrimSpace(e.Status))
	}
}

func (r *Reader) comment(e *entryXML, guid string) *comment {
	c := &comment{guid: guid, target: strings.TrimSpace(e.Parent)}
	if len(e.InReplyTo) > 0 {
		c.target = strings.TrimSpace(e.InReplyTo[0].Ref)
		c.href = strings.TrimSpace(e.InReplyTo[0].Href)
	}
	for _, l := range e.Links {
		if l.Rel == "related" {
			c.related = strings.TrimSpace(l.Href)
		}
	}
	c.c = archive.Comment{
		ID:              DeriveID(guid),
		Author:          strings.TrimSpace(e.Author.Name),
		AuthorEmail:     strings.TrimSpace(e.Author.Email),
		AuthorURL:       strings.TrimSpace(e.Author.URI),
		ContentRendered: e.Content.html(),
		Approved:        commentApproval(e.Status),
		Type:            "comment",
		Meta:            []archive.Meta{{Key: MetaGUID, Value: guid}},
	}
	published := e.Published
	if published == "" {
		published = e.Created
	}
	c.c.Date, c.c.DateGMT = parseDate(published)
	return c
}

func commentApproval(status string) string {
	switch strings.ToUpper(strings.TrimSpace(status)) {
	case "", "LIVE":
		return archive.CommentApproved
	case "SPAM":
		return archive.CommentSpam
	case "SOFT_TRASHED", "TRASHED", "DELETED":
		return archive.CommentTrash
	default:
		return archive.CommentPending
	}
}

// assemble attaches comments to their posts and lays out the records.
func (r *Reader) assemble(site archive.Site, posts []*archive.Post, byGUID map[string]*archive.Post, comments []*comment) {
	commentByGUID := map[string]*comment{}
	commentByHref := map[string]*comment{}
	for _, c := range comments {
		commentByGUID[c.guid] = c
		// A related link names the answered comment by its feed URL, whose
		// last segment is the comment's number.
		if i := strings.LastIndex(c.guid, "post-"); i >= 0 {
			commentByHref[c.guid[i+len("post-"):]] = c
		}
	}
	byID := map[int64]*archive.Post{}
	for _, p := range posts {
		byID[p.ID] = p
	}
	var stubs []*archive.Post
	for _, c := range comments {
		if c.related != "" {
			key := c.related[strings.LastIndex(c.related, "/")+1:]
			if parent, ok := commentByHref[key]; ok && parent != c {
				c.c.Parent = parent.c.ID
			}
		}
		target := c.target
		// Walk up a reply chain to the post; the bound stops cycles.
		for hops := 0; hops < len(comments); hops++ {
			parent, ok := commentByGUID[target]
			if !ok || parent == c {
				break
			}
			if hops == 0 && c.c.Parent == 0 {
				c.c.Parent = parent.c.ID
			}
			target = parent.target
		}
		post, ok := byGUID[target]
		if !ok {
			// Legacy exports name a page's comments' target as
			// "...post-N" while the page itself is "...page-N".
			post, ok = byID[DeriveID(target)]
		}
		if !ok {
			r.warnf("comment %s answers %q, which is not a post or page in the export; kept on a stub of that post", c.guid, target)
			post = &archive.Post{ID: DeriveID(target), GUID: target, Link: c.href}
			byGUID[target] = post
			stubs = append(stubs, post)
		}
		post.Comments = append(post.Comments, c.c)
	}
	for _, p := range append(posts, stubs...) {
		r.checkThread(p)
	}

	records := []archive.Record{{Site: &site}}
	for i := range r.authors {
		records = append(records, archive.Record{Author: &r.authors[i]})
	}
	labels := map[string]bool{}
	var terms []archive.Record
	for _, p := range posts {
		for _, t := range p.Terms {
			if !labels[t.Slug] {
				labels[t.Slug] = true
				terms = append(terms, archive.Record{Term: &archive.Term{Taxonomy: t.Taxonomy, Slug: t.Slug, Name: t.Name}})
			}
		}
	}
	records = append(records, terms...)
	for _, p := range append(posts, stubs...) {
		records = append(records, archive.Record{Post: p})
	}
	r.records = records
}

func (t textXML) html() string {
	switch strings.ToLower(t.Type) {
	case "html", "text/html":
		return t.Text
	case "xhtml":
		return strings.TrimSpace(t.Inner)
	default:
		return html.EscapeString(t.Text)
	}
}

func alternate(links []linkXML) string {
	for _, l := range links {
		if l.Rel == "alternate" {
			return strings.TrimSpace(l.Href)
		}
	}
	return ""
}

// slugFromPath takes /2010/11/the-steel-windpipe.html to the-steel-windpipe.
func slugFromPath(link string) string {
	if u, err := url.Parse(link); err == nil {
		link = u.Path
	}
	seg := link[strings.LastIndex(link, "/")+1:]
	return strings.TrimSuffix(seg, ".html")
}

// parseDate returns Blogger's timestamp as local wall-clock time (in
// time.UTC, as archive.Post wants it) and as true UTC.
func parseDate(s string) (local, gmt time.Time) {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, time.Time{}
	}
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	return time.Date(y, mo, d, h, mi, sec, t.Nanosecond(), time.UTC), t.UTC()
}

var trailingNumber = regexp.MustCompile(`(\d+)$`)

// checkThread keeps a post's thread a tree of its own comments, whatever
// the export claims: a comment whose id came before is dropped, and a
// reply to a comment of another post (or to itself) becomes a top-level
// comment, as does one whose replies lead back to it, each with a
// warning.
func (r *Reader) checkThread(p *archive.Post) {
	ids := make(map[int64]bool, len(p.Comments))
	kept := p.Comments[:0]
	for _, c := range p.Comments {
		if ids[c.ID] {
			r.warnf("comment %d appears twice on post %d; the first is kept", c.ID, p.ID)
			continue
		}
		ids[c.ID] = true
		kept = append(kept, c)
	}
	p.Comments = kept
	for i, c := range p.Comments {
		if c.Parent != 0 && (c.Parent == c.ID || !ids[c.Parent]) {
			r.warnf("comment %d answers comment %d, which is not another comment of post %d; kept as a top-level comment", c.ID, c.Parent, p.ID)
			p.Comments[i].Parent = 0
		}
	}
	index := make(map[int64]int, len(p.Comments))
	for i, c := range p.Comments {
		index[c.ID] = i
	}
	// Walk up from each comment; a walk that meets a comment twice went
	// round a cycle, which is cut there. Comments known to reach the post
	// end later walks early, so the whole check is linear.
	rooted := make(map[int64]bool, len(p.Comments))
	for _, c := range p.Comments {
		onPath := map[int64]bool{}
		id := c.ID
		for id != 0 && !rooted[id] && !onPath[id] {
			onPath[id] = true
			id = p.Comments[index[id]].Parent
		}
		if id != 0 && onPath[id] {
			r.warnf("comment %d is among its own replies on post %d; kept as a top-level comment", id, p.ID)
			p.Comments[index[id]].Parent = 0
		}
		for id := range onPath {
			rooted[id] = true
		}
	}
}

// DeriveID turns a Blogger id into a stable positive int64: its trailing
// number when that fits in an int63, else an FNV-64a hash of the whole id
// masked to 63 bits (never 0).
func DeriveID(id string) int64 {
	id = strings.TrimSpace(id)
	if id == "" {
		return 0
	}
	if m := trailingNumber.FindString(id); m != "" {
		if n, err := strconv.ParseInt(m, 10, 64); err == nil && n > 0 {
			return n
		}
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	if n := int64(h.Sum64() & (1<<63 - 1)); n != 0 {
		return n
	}
	return 1
}
