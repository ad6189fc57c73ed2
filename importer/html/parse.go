// Package html rebuilds WordPress posts, pages and their comment threads from
// the HTML pages a blog served, for when a saved or crawled copy is all that is
// left of it. It reads WordPress's own markup (body classes, element ids, the
// comment walker's nesting) rather than any theme's wording, so it works for
// classic themes, block themes and WordPress.com alike; a page that is not
// WordPress is imported through generic main-content extraction.
package html

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/parc-archive/parc/archive"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Kind says what a page shows, as WordPress itself marks it.
type Kind string

// Page kinds. Only KindPost and KindPage carry a Post; the others only Links.
const (
	KindPost         Kind = "post"
	KindPage         Kind = "page"
	KindIndex        Kind = "index" // home page or posts index, any pagination
	KindArchive      Kind = "archive"
	KindSearch       Kind = "search"
	KindNotFound     Kind = "404"
	KindNotWordPress Kind = "not-wordpress"
)

// MaxPageBytes bounds how much of one page Parse reads: a parsed tree costs
// several times its source, and no real WordPress page comes near this.
const MaxPageBytes = 32 << 20

// Meta keys this package adds to posts and comments.
const (
	MetaFeaturedImage     = "parc:featured_image"
	MetaPasswordProtected = "parc:password_protected"
	MetaImageOriginal     = "parc:image_original" // "shown-url original-url"
	MetaParentInferred    = "parc:parent_inferred"
)

// Page is what one HTML page tells about its blog.
type Page struct {
	Kind    Kind
	Site    archive.Site
	Post    *archive.Post // single posts and pages only
	Authors []archive.Author
	// Links are absolute same-site URLs worth crawling next: posts, index
	// and archive pagination, and every comment page of this post.
	Links []string
	// CommentCount is the number the page's comments title shows; it
	// counts every approved comment, on all comment pages.
	CommentCount      int
	CommentCountFound bool
	Warnings          []string
}

// ErrNotHTML is returned for input that is not an HTML document.
var ErrNotHTML = errors.New("not an HTML document")

var errTooLarge = fmt.Errorf("page larger than %d MiB", MaxPageBytes>>20)

// Sniff reports whether head, the start of a file, looks like an HTML
// document rather than XML (RSS, Atom, WXR) or anything else.
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n\f")
	if len(head) > 1024 {
		head = head[:1024]
	}
	lower := bytes.ToLower(head)
	if bytes.HasPrefix(lower, []byte("<?xml")) {
		// XHTML may carry an XML declaration; feeds never carry <html.
		return bytes.Contains(lower, []byte("<html"))
	}
	for _, marker := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if bytes.Contains(lower, []byte(marker)) {
			return true
		}
	}
	// A page may open with a comment (cache plugins write one) before <html>.
	return bytes.HasPrefix(lower, []byte("<!--")) && bytes.Contains(lower, []byte("<html"))
}

// Parse reads one page served from pageURL (used to resolve relative links
// and in messages; it may be empty for a saved file, then the page's own
// canonical link stands in). The encoding comes from a BOM or meta charset.
func Parse(r io.Reader, pageURL string) (*Page, error) {
	return parseNamed(r, pageURL, pageURL)
}

// parseNamed is Parse with the name messages use given apart from the URL,
// for a saved file known by its path.
func parseNamed(r io.Reader, pageURL, name string) (*Page, error) {
	if name == "" {
		name = "(page)"
	}
	body, err := io.ReadAll(io.LimitReader(r, MaxPageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("html %s: %w", name, err)
	}
	if len(body) > MaxPageBytes {
		return nil, fmt.Errorf("html %s: %w", name, errTooLarge)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("html %s: empty page: %w", name, ErrNotHTML)
	}
	if !Sniff(body) {
		return nil, fmt.Errorf("html %s: %w", name, ErrNotHTML)
	}
	decoded, err := charset.NewReader(bytes.NewReader(body), "")
	if err != nil {
		return nil, fmt.Errorf("html %s: charset: %w", name, err)
	}
	root, err := xhtml.Parse(bufio.NewReader(decoded))
	if err != nil {
		return nil, fmt.Errorf("html %s: %w", name, err)
	}
	doc := goquery.NewDocumentFromNode(root)
	p := &pageParser{doc: doc, name: name, page: &Page{}}
	p.base = p.pageBase(pageURL)
	p.parse()
	return p.page, nil
}

// pageParser holds the state of one Parse call.
type pageParser struct {
	doc  *goquery.Document
	name string
	base *url.URL // the page's own URL
	home *url.URL // the blog's home URL
	page *Page
	tok  *pageTokens // built on first use
	// postDate is the post's date, which a comment date shown without
	// its year is read against.
	postDate time.Time
}

func (p *pageParser) warnf(format string, args ...any) {
	p.page.Warnings = append(p.page.Warnings, fmt.Sprintf("html %s: ", p.name)+fmt.Sprintf(format, args...))
}

// pageBase is the URL links resolve against: the given one, else the page's
// canonical or og:url, as a saved file does not know where it came from.
func (p *pageParser) pageBase(pageURL string) *url.URL {
	candidates := []string{pageURL,
		attr(p.first(`link[rel~="canonical"]`), "href"),
		attr(p.first(`meta[property="og:url"]`), "content")}
	for _, c := range candidates {
		if u, err := url.Parse(strings.TrimSpace(c)); err == nil && u.IsAbs() && u.Host != "" {
			if b, ok := p.doc.FindMatcher(compiled("base[href]")).Attr("href"); ok {
				if bu, err := u.Parse(strings.TrimSpace(b)); err == nil {
					return bu
				}
			}
			return u
		}
	}
	return nil
}

func (p *pageParser) parse() {
	p.readSite()
	classes := bodyClasses(p.doc)
	wordpress := p.isWordPress(classes)
	p.page.Kind = p.kindOf(classes, wordpress)
	if p.page.Kind == KindNotWordPress {
		p.readGeneric()
		return
	}
	if p.page.Kind == KindPost || p.page.Kind == KindPage {
		p.readPost(classes)
	}
	p.readCommentCount()
	p.page.Links = p.collectLinks()
	if post := p.page.Post; post != nil && p.page.CommentCountFound &&
		!p.hasOtherCommentPages() && p.page.CommentCount != len(post.Comments) &&
		metaValue(post.Meta, MetaPasswordProtected) == "" {
		p.warnf("the page counts %d comments but shows %d", p.page.CommentCount, len(post.Comments))
	}
}

// readSite fills Page.Site from the head: the blog's home URL, title,
// language and generator.
func (p *pageParser) readSite() {
	site := &p.page.Site
	site.Generator = clean(attr(p.doc.FindMatcher(compiled(`meta[name="generator"]`)).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.HasPrefix(strings.ToLower(attr(s, "content")), "wordpress")
	}), "content"))
	site.Language = clean(attr(p.first("html"), "lang"))
	site.Title = clean(attr(p.first(`meta[property="og:site_name"]`), "content"))
	if site.Title == "" {
		site.Title = text(p.first(".site-title, .wp-block-site-title, #site-title, #blog-title"))
	}
	p.home = p.findHome()
	if p.home != nil {
		site.URL = p.home.String()
		site.Link = site.URL
	}
	site.Description = text(p.first(".site-description, .wp-block-site-tagline, #site-description"))
}

// findHome takes the blog's home URL from, in order of trust, the REST API
// link (its root minus wp-json/), the link the theme puts on the site title,
// rel=home, then the canonical's origin.
func (p *pageParser) findHome() *url.URL {
	if api := p.abs(attr(p.first(`link[rel="https://api.w.org/"]`), "href")); api != nil {
		if i := strings.Index(api.Path, "/wp-json"); i >= 0 {
			home := *api
			home.Path, home.RawQuery, home.Fragment = api.Path[:i+1], "", ""
			return &home
		}
		if api.Query().Has("rest_route") {
			home := *api
			home.RawQuery, home.Fragment = "", ""
			return &home
		}
	}
	for _, sel := range []string{".site-title a", ".wp-block-site-title a", "#site-title a", `a[rel~="home"]`, `link[rel~="home"]`} {
		if u := p.abs(attr(p.first(sel), "href")); u != nil {
			u.RawQuery, u.Fragment = "", ""
			return u
		}
	}
	if p.base != nil {
		return &url.URL{Scheme: p.base.Scheme, Host: p.base.Host, Path: "/"}
	}
	return nil
}

func (p *pageParser) isWordPress(classes map[string]bool) bool {
	if p.page.Site.Generator != "" || p.first(`link[rel="https://api.w.org/"]`).Length() > 0 {
		return true
	}
	for _, c := range []string{"postid-", "page-id-", "wp-embed-responsive", "wp-custom-logo", "highlander-enabled", "wpcomblog"} {
		for class := range classes {
			if strings.HasPrefix(class, c) {
				return true
			}
		}
	}
	return p.first(`link[href*="/wp-content/"], script[src*="/wp-includes/"], link[href*="/wp-includes/"], .highlander-comment, #wp-block-library-css`).Length() > 0
}

var postArticleID = regexp.MustCompile(`^post-(\d+)$`)

func (p *pageParser) kindOf(classes map[string]bool, wordpress bool) Kind {
	if !wordpress {
		return KindNotWordPress
	}
	switch {
	case classes["error404"]:
		return KindNotFound
	case classes["search"] || classes["search-results"] || classes["search-no-results"]:
		return KindSearch
	case classes["single"] || classes["single-post"] || hasPrefixedClass(classes, "postid-"):
		return KindPost
	case classes["page"] && hasPrefixedClass(classes, "page-id-"), hasPrefixedClass(classes, "page-id-"):
		return KindPage
	case classes["archive"] || classes["category"] || classes["tag"] || classes["author"] || classes["date"] || classes["tax"]:
		return KindArchive
	case classes["home"] || classes["blog"]:
		return KindIndex
	}
	// No body classes (a stripped save, an odd theme): one post article
	// with comments or a shortlink means a single post.
	articles := p.doc.FindMatcher(compiled("article[id], div[id]")).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return postArticleID.MatchString(attr(s, "id"))
	})
	if articles.Length() == 1 || (articles.Length() == 0 && p.shortlinkID() > 0) {
		return KindPost
	}
	return KindIndex
}

var shortlinkPattern = regexp.MustCompile(`[?&]p=(\d+)`)

func (p *pageParser) shortlinkID() int64 {
	m := shortlinkPattern.FindStringSubmatch(attr(p.first(`link[rel~="shortlink"]`), "href"))
	if m == nil {
		return 0
	}
	id, _ := postNumber(m[1])
	return id
}

var firstNumber = regexp.MustCompile(`\d[\d.,\x{00a0}\x{202f} ]*`)

// readCommentCount reads the number in the comments title, whatever the
// language around it; a title without digits ("One response") is no count.
func (p *pageParser) readCommentCount() {
	title := p.first(".comments-title, #comments-title, .wp-block-comments-title, h2#comments, h3#comments, .comments-header h2, #comments > h2, #comments > h3")
	m := firstNumber.FindString(text(title))
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, m)
	if n, err := strconv.Atoi(digits); err == nil {
		p.page.CommentCount, p.page.CommentCountFound = n, true
	}
}

// abs resolves href against the page; nil when it is empty or unusable.
func (p *pageParser) abs(href string) *url.URL {
	href = strings.TrimSpace(href)
	if href == "" {
		return nil
	}
	u, err := url.Parse(href)
	if err != nil {
		return nil
	}
	if p.base != nil {
		u = p.base.ResolveReference(u)
	}
	if !u.IsAbs() || u.Host == "" {
		return nil
	}
	return u
}

func bodyClasses(doc *goquery.Document) map[string]bool {
	classes := map[string]bool{}
	for _, c := range strings.Fields(attr(doc.FindMatcher(compiled("body")).First(), "class")) {
		classes[c] = true
	}
	return classes
}

func hasPrefixedClass(classes map[string]bool, prefix string) bool {
	for c := range classes {
		if strings.HasPrefix(c, prefix) {
			if _, err := strconv.Atoi(strings.TrimPrefix(c, prefix)); err == nil {
				return true
			}
		}
	}
	return false
}

// compiledSelector is one of the package's constant selectors, compiled
// once, with what an element must carry for each of its alternatives to
// match.
type compiledSelector struct {
	match cascadia.Selector
	needs []selectorNeeds // one per comma-separated alternative
}

// selectorNeeds are the classes and ids an alternative names outside of
// brackets and pseudo-class arguments: all must be on the page for it to
// match anywhere.
type selectorNeeds struct{ classes, ids []string }

var compiledSelectors sync.Map // string -> *compiledSelector

// compile is sel compiled once; only for the package's constant selectors.
func compile(sel string) *compiledSelector {
	if c, ok := compiledSelectors.Load(sel); ok {
		return c.(*compiledSelector)
	}
	c := &compiledSelector{match: cascadia.MustCompile(sel)}
	var needs selectorNeeds
	nesting, quote := 0, byte(0)
	for i := 0; i < len(sel); i++ {
		switch b := sel[i]; {
		case quote != 0:
			if b == quote {
				quote = 0
			}
		case b == '"' || b == '\'':
			quote = b
		case b == '(' || b == '[':
			nesting++
		case b == ')' || b == ']':
			nesting--
		case nesting > 0:
		case b == ',':
			c.needs = append(c.needs, needs)
			needs = selectorNeeds{}
		case b == '.' || b == '#':
			j := i + 1
			for j < len(sel) && (sel[j] == '-' || sel[j] == '_' || sel[j] >= '0' && sel[j] <= '9' || sel[j] >= 'a' && sel[j] <= 'z' || sel[j] >= 'A' && sel[j] <= 'Z') {
				j++
			}
			if b == '.' {
				needs.classes = append(needs.classes, sel[i+1:j])
			} else {
				needs.ids = append(needs.ids, sel[i+1:j])
			}
			i = j - 1
		}
	}
	c.needs = append(c.needs, needs)
	compiledSelectors.Store(sel, c)
	return c
}

// compiled is sel compiled once.
func compiled(sel string) cascadia.Selector { return compile(sel).match }

// pageTokens are the classes and ids anywhere on the page, read in one walk,
// so that looking for what the page does not have costs nothing.
type pageTokens struct{ classes, ids map[string]bool }

func (p *pageParser) tokens() *pageTokens {
	if p.tok != nil {
		return p.tok
	}
	p.tok = &pageTokens{classes: map[string]bool{}, ids: map[string]bool{}}
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		for ; n != nil; n = n.NextSibling {
			if n.Type == xhtml.ElementNode {
				for _, a := range n.Attr {
					switch {
					case a.Namespace != "":
					case a.Key == "id":
						p.tok.ids[a.Val] = true
					case a.Key == "class":
						for _, c := range strings.Fields(a.Val) {
							p.tok.classes[c] = true
						}
					}
				}
			}
			walk(n.FirstChild)
		}
	}
	for _, n := range p.doc.Nodes {
		walk(n)
	}
	return p.tok
}

// mayMatch reports whether sel can match anywhere on the page: false when
// each alternative names a class or id the page lacks.
func (p *pageParser) mayMatch(sel *compiledSelector) bool {
	tok := p.tokens()
next:
	for _, needs := range sel.needs {
		for _, c := range needs.classes {
			if !tok.classes[c] {
				continue next
			}
		}
		for _, id := range needs.ids {
			if !tok.ids[id] {
				continue next
			}
		}
		return true
	}
	return false
}

// first is the document's first element matching sel.
func (p *pageParser) first(sel string) *goquery.Selection {
	return p.firstIn(p.doc.Selection, sel)
}

// firstIn is the first element under scope's first node matching sel,
// found without visiting the rest of the page, or not looked for at all
// when the page lacks a class or id sel needs.
func (p *pageParser) firstIn(scope *goquery.Selection, sel string) *goquery.Selection {
	c := compile(sel)
	if scope.Length() > 0 && p.mayMatch(c) {
		if n := cascadia.Query(scope.Get(0), c.match); n != nil {
			return scope.FindNodes(n)
		}
	}
	return scope.Slice(0, 0)
}

func attr(s *goquery.Selection, name string) string {
	v, _ := s.First().Attr(name)
	return v
}

// clean makes text safe to store: valid UTF-8, trimmed.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.TrimSpace(s)
}

// text is an element's text with whitespace runs collapsed.
func text(s *goquery.Selection) string {
	return clean(strings.Join(strings.Fields(s.Text()), " "))
}

func metaValue(meta []archive.Meta, key string) string {
	for _, m := range meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}
