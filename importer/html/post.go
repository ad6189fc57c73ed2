package html

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/parc-archive/parc/archive"
)

// contentSelectors find the entry content: classic and WordPress.com themes,
// block themes, then older themes' names.
var contentSelectors = []string{".entry-content", ".wp-block-post-content", ".post-content", ".entrytext", ".entry-body", ".storycontent", ".post-entry", ".entry", ".main"}

// anyContent matches any of contentSelectors.
var anyContent = strings.Join(contentSelectors, ", ")

// titleOrContent matches what the element around a post holds: its title
// or its content.
var titleOrContent = anyContent + ", .entry-title, .post-title, h1, h2"

// outsideComments reports whether s is not part of the comments area:
// a comment's own markup names dates, authors and content of its own.
func outsideComments(_ int, s *goquery.Selection) bool {
	return s.Closest(".comment, .comments-area, #comments, .wp-block-comments").Length() == 0
}

// nonContent is what themes and plugins put inside the entry content that
// the author did not write: sharing, likes, related posts, ads, author
// boxes, navigation, and the comment form.
const nonContent = `script, style, .sharedaddy, #jp-post-flair, .jp-relatedposts, #jp-relatedposts, .wpcnt, .wpa, .wordads-ad-wrapper, ins.adsbygoogle,
.likes-widget-placeholder, .post-likes-widget-placeholder, .wpl-likebox, .jetpack-likes-widget-wrapper, .sd-block, .sd-sharing-enabled, .sharedaddy-share,
.author-info, .author-bio, .entry-author, .post-navigation, .nav-links, .navigation, .page-links, .wp-block-post-navigation-link,
#respond, .comment-respond, form#commentform, .comment-form, .post-password-form, #comments, .comments-area, .wp-block-comments,
.jp-sharing-input-touch, .wp-block-jetpack-sharing-buttons, .wp-block-jetpack-related-posts, .comment-likes`

// nonContentMatcher is nonContent compiled once: it is applied to every
// comment, and compiling it dominated parsing.
var nonContentMatcher = cascadia.MustCompile(nonContent)

func (p *pageParser) readPost(classes map[string]bool) {
	post := &archive.Post{Type: "post", Status: "publish"}
	if p.page.Kind == KindPage {
		post.Type = "page"
	}
	if classes["single-attachment"] || classes["attachment"] {
		post.Type = "attachment"
		post.Status = "inherit"
	}
	post.ID = p.postID(classes)
	container := p.postContainer(post.ID)
	post.Title = p.postTitle(container)
	post.Link = p.permalink()
	content := p.findContent(container)
	header := postHeader{p: p, container: container, content: content}
	ld := p.jsonLD()
	p.readDates(post, header, ld)
	p.readAuthor(post, header, ld)
	post.Terms = p.terms(container, content)

	if img := p.firstIn(container, ".post-thumbnail img, .wp-block-post-featured-image img, img.wp-post-image"); img.Length() > 0 {
		if src := p.imageSource(img); src != "" {
			post.Meta = append(post.Meta, archive.Meta{Key: MetaFeaturedImage, Value: src})
		}
	}

	// The comment thread is read before the content is cleaned, as the
	// content cleanup removes the comments area from block themes' main.
	p.postDate = post.Date
	if p.postDate.IsZero() {
		p.postDate = post.DateGMT
	}
	post.Comments = p.readComments()

	if p.doc.FindMatcher(compiled("form.post-password-form")).FilterFunction(func(_ int, f *goquery.Selection) bool {
		return f.Closest(".comment").Length() == 0
	}).Length() > 0 {
		post.Meta = append(post.Meta, archive.Meta{Key: MetaPasswordProtected, Value: "1"})
		post.Title = p.unprotectedTitle(post.Title)
		p.warnf("post %d is password-protected: its content and comments are not on the page", post.ID)
	} else if content != nil {
		content.FindMatcher(nonContentMatcher).Remove()
		post.Meta = append(post.Meta, p.undoDisplayChanges(content)...)
		html, err := content.Html()
		if err != nil {
			p.warnf("post content: %v", err)
		}
		post.ContentRendered = clean(html)
	} else {
		p.warnf("no entry content found")
	}
	p.page.Post = post
}

// postContainer is the element holding the post: the one WordPress's
// post_class names post-N, else its article, else main (block themes wrap
// no element around the post), else the body.
func (p *pageParser) postContainer(id int64) *goquery.Selection {
	var matchers []goquery.Matcher
	if id > 0 {
		// Not compiled: its cache is for the package's constant selectors.
		matchers = append(matchers, cascadia.MustCompile(fmt.Sprintf("#post-%d, .post-%d", id, id)))
	}
	for _, sel := range []string{"article[id^=post-]", "main, #main, #content", "article.hentry, .hentry"} {
		matchers = append(matchers, compiled(sel))
	}
	for _, matcher := range matchers {
		// The first match outside the comments, or rather the first
		// that holds a title or content: WordPress.com themes also put
		// the post-N class on a header image.
		var found, first *goquery.Selection
		p.doc.FindMatcher(matcher).EachWithBreak(func(i int, s *goquery.Selection) bool {
			if outsideComments(i, s) {
				if first == nil {
					first = s
				}
				if s.FindMatcher(compiled(titleOrContent)).Length() > 0 {
					found = s
				}
			}
			return found == nil
		})
		if found == nil {
			found = first
		}
		if found != nil {
			return found
		}
	}
	return p.doc.FindMatcher(compiled("body"))
}

var idClass = regexp.MustCompile(`^(?:postid|page-id)-(\d+)$`)

// postNumber is the post id digits spell; 0 and false when they overflow
// an int64, which no real id does (ParseInt would give the largest int64).
func postNumber(digits string) (int64, bool) {
	id, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, false
	}
	return id, true
}

func (p *pageParser) postID(classes map[string]bool) int64 {
	for c := range classes {
		if m := idClass.FindStringSubmatch(c); m != nil {
			if id, ok := postNumber(m[1]); ok {
				return id
			}
		}
	}
	if id := p.shortlinkID(); id > 0 {
		return id
	}
	// Themes without body classes (classic WordPress.com ones) still
	// print post_class or the post-N id on the element around the post.
	var id int64
	p.doc.FindMatcher(compiled("[id^=post-], [class*=post-]")).EachWithBreak(func(i int, s *goquery.Selection) bool {
		if !outsideComments(i, s) {
			return true
		}
		if m := postArticleID.FindStringSubmatch(attr(s, "id")); m != nil {
			id, _ = postNumber(m[1])
		}
		for _, c := range strings.Fields(attr(s, "class")) {
			if m := postArticleID.FindStringSubmatch(c); m != nil && id <= 0 {
				id, _ = postNumber(m[1])
			}
		}
		return id <= 0
	})
	return id
}

func (p *pageParser) postTitle(container *goquery.Selection) string {
	if t := text(p.firstIn(container, ".entry-title, .wp-block-post-title, .post-title")); t != "" {
		return t
	}
	if t := text(p.first("main .wp-block-post-title, h1.entry-title")); t != "" {
		return t
	}
	if t := clean(attr(p.first(`meta[property="og:title"]`), "content")); t != "" {
		return t
	}
	return text(p.firstIn(container, "h1"))
}

// unprotectedTitle drops the translated "Protected: " prefix WordPress
// shows on password-protected titles: the document title has no prefix,
// so the shown title's longest tail that begins the document title is it.
func (p *pageParser) unprotectedTitle(shown string) string {
	document := text(p.first("head title"))
	for i := range shown {
		if i > 0 && strings.HasPrefix(document, shown[i:]) {
			return strings.TrimSpace(shown[i:])
		}
	}
	return shown
}

var commentPageSuffix = regexp.MustCompile(`comment-page-\d+/?$`)

// permalink is the post's canonical URL without the comment page a block
// theme's canonical may name.
func (p *pageParser) permalink() string {
	for _, c := range []string{attr(p.first(`link[rel~="canonical"]`), "href"), attr(p.first(`meta[property="og:url"]`), "content")} {
		if u := p.abs(c); u != nil {
			return stripCommentPage(u)
		}
	}
	if p.base != nil {
		u := *p.base
		return stripCommentPage(&u)
	}
	return ""
}

func stripCommentPage(u *url.URL) string {
	u.Fragment = ""
	u.Path = commentPageSuffix.ReplaceAllString(u.Path, "")
	return u.String()
}

// postHeader finds what a theme prints about the post around its content
// (date, byline, author box): matches inside the content the author wrote
// (a latest-posts block's dates and bylines) or inside a comment speak of
// something else.
type postHeader struct {
	p         *pageParser
	container *goquery.Selection
	content   *goquery.Selection // nil when the page shows none
}

// find is every element matching sel in the post's header, in page order.
func (h postHeader) find(sel string) *goquery.Selection {
	c := compile(sel)
	if !h.p.mayMatch(c) {
		return h.container.Slice(0, 0)
	}
	return h.container.FindMatcher(c.match).FilterFunction(func(i int, s *goquery.Selection) bool {
		if h.content != nil && (h.content.Get(0) == s.Get(0) || h.content.Contains(s.Get(0))) {
			return false
		}
		return outsideComments(i, s)
	})
}

// first is the first element matching sel in the post's header.
func (h postHeader) first(sel string) *goquery.Selection { return h.find(sel).First() }

// readDates prefers the theme's time elements, which carry the site's own
// offset (so the local wall clock is known), then head meta and JSON-LD.
func (p *pageParser) readDates(post *archive.Post, header postHeader, ld jsonLDArticle) {
	post.Date, post.DateGMT = firstTime(
		attr(header.first("time.entry-date.published, time.published, .wp-block-post-date time, time.entry-date, .posted-on time, .entry-meta time"), "datetime"),
		attr(p.first(`meta[property="article:published_time"]`), "content"),
		ld.DatePublished)
	post.Modified, post.ModifiedGMT = firstTime(
		attr(header.first("time.updated:not(.published), .wp-block-post-date__modified-date time"), "datetime"),
		attr(p.first(`meta[property="article:modified_time"]`), "content"),
		ld.DateModified)
}

// firstTime parses the first usable timestamp: gmt is its instant in UTC;
// local is its wall clock (in time.UTC, as the model keeps it). The theme's
// own time element carries the site's offset; head meta and JSON-LD are
// often written in UTC, so from them a zero offset leaves local unknown.
func firstTime(themeTime string, otherTimes ...string) (local, gmt time.Time) {
	for i, v := range append([]string{themeTime}, otherTimes...) {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			continue
		}
		if _, offset := t.Zone(); i > 0 && offset == 0 {
			return time.Time{}, t.UTC()
		}
		y, mo, d := t.Date()
		local = time.Date(y, mo, d, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
		return local, t.UTC()
	}
	return time.Time{}, time.Time{}
}

// jsonLDArticle is what parc reads of a JSON-LD article (Yoast and
// others write one): its dates and its author's name.
type jsonLDArticle struct {
	DatePublished string          `json:"datePublished"`
	DateModified  string          `json:"dateModified"`
	Author        json.RawMessage `json:"author"`
}

// authorName is the article's author as a name, an object with a name,
// or the first of a list of either.
func (a jsonLDArticle) authorName() string {
	var name string
	if json.Unmarshal(a.Author, &name) == nil {
		return clean(name)
	}
	var person struct {
		Name string `json:"name"`
	}
	if json.Unmarshal(a.Author, &person) == nil && person.Name != "" {
		return clean(person.Name)
	}
	var list []json.RawMessage
	if json.Unmarshal(a.Author, &list) == nil && len(list) > 0 {
		return jsonLDArticle{Author: list[0]}.authorName()
	}
	return ""
}

// jsonLD reads the first article from JSON-LD blocks, either a single
// object or an @graph of them.
func (p *pageParser) jsonLD() jsonLDArticle {
	var found jsonLDArticle
	p.doc.FindMatcher(compiled(`script[type="application/ld+json"]`)).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var doc struct {
			jsonLDArticle
			Graph []jsonLDArticle `json:"@graph"`
		}
		if json.Unmarshal([]byte(s.Text()), &doc) != nil {
			return true
		}
		for _, d := range append([]jsonLDArticle{doc.jsonLDArticle}, doc.Graph...) {
			if d.DatePublished != "" {
				found = d
				return false
			}
		}
		return true
	})
	return found
}

var authorPath = regexp.MustCompile(`/author/([^/?#]+)`)

// authorBoxes are the boxes themes print about the post's author, after
// or before the content; their link names the author's archive.
// authorBoxLinks and bylineLinks are the links to an author archive in
// those boxes and in a byline: authorLink takes no other, and leaving the
// header's other links out of the search spares testing where each is.
const (
	authorBoxes    = ".author-bio, .author-info, .entry-author, .author-box, .post-author"
	authorBoxLinks = `.author-bio a[href*="/author/"], .author-info a[href*="/author/"], .entry-author a[href*="/author/"],
.author-box a[href*="/author/"], .post-author a[href*="/author/"]`
	bylineLinks = `.byline a[href*="/author/"], a[rel~=author][href*="/author/"], .posted-by a[href*="/author/"],
.wp-block-post-author-name a[href*="/author/"], .wp-block-post-author a[href*="/author/"], .author a[href*="/author/"],
.entry-meta a[href*="/author/"], .entry-footer a[href*="/author/"], .vcard a[href*="/author/"]`
)

// readAuthor takes the author from what the theme shows: a byline's
// /author/LOGIN/ link, else the author box's, else a name without a link
// (block themes, WordPress.com, hCard, meta, JSON-LD).
func (p *pageParser) readAuthor(post *archive.Post, header postHeader, ld jsonLDArticle) {
	var author archive.Author
	if link := p.authorLink(header.find(bylineLinks), false); link != nil {
		author = archive.Author{Login: loginOf(link), DisplayName: text(link)}
	} else if link := p.authorLink(header.find(authorBoxLinks), true); link != nil {
		// The box's link says "View all of NAME's posts" in the blog's
		// language; its heading says "By NAME" or "About NAME". The name
		// is what the two share.
		box := link.Closest(authorBoxes)
		author = archive.Author{Login: loginOf(link), DisplayName: sharedWords(text(box.Find("h1, h2, h3, h4, .author-title, .author-name").First()), text(link))}
	} else {
		name := text(header.first(".wp-block-post-author__name, .wp-block-post-author-name, .post-author-name, .byline .fn, .author.vcard .fn, .entry-meta .author"))
		if name == "" {
			name = clean(attr(p.first(`meta[name="author"]`), "content"))
		}
		if name == "" {
			name = ld.authorName()
		}
		if name == "" {
			return
		}
		author = archive.Author{Login: name, DisplayName: name}
	}
	post.AuthorLogin = author.Login
	p.page.Authors = append(p.page.Authors, author)
}

// authorLink is the first link to an author archive among links; inBox
// says whether links inside an author box count.
func (p *pageParser) authorLink(links *goquery.Selection, inBox bool) *goquery.Selection {
	var found *goquery.Selection
	links.EachWithBreak(func(_ int, a *goquery.Selection) bool {
		if authorPath.MatchString(attr(a, "href")) && (inBox || a.Closest(authorBoxes).Length() == 0) {
			found = a
		}
		return found == nil
	})
	return found
}

// loginOf is the login an author archive link names.
func loginOf(link *goquery.Selection) string {
	raw := authorPath.FindStringSubmatch(attr(link, "href"))[1]
	if login, err := url.PathUnescape(raw); err == nil {
		return clean(login)
	}
	return clean(raw)
}

// sharedWords is the longest run of whole words a and b have in common,
// so that a name is found in two sentences whatever their language.
func sharedWords(a, b string) string {
	wa, wb := strings.Fields(a), strings.Fields(b)
	best := ""
	for i := range wa {
		for j := range wb {
			var run []string
			for k := 0; i+k < len(wa) && j+k < len(wb) && sameWord(wa[i+k], wb[j+k]); k++ {
				run = append(run, trimPunct(wa[i+k]))
			}
			if s := strings.Join(run, " "); len(s) > len(best) {
				best = s
			}
		}
	}
	return best
}

// sameWord reports whether b is the word a, punctuation around either
// aside, or a with a possessive ending: one letter ("Maras") or an
// apostrophe and up to two letters ("Mara's").
func sameWord(a, b string) bool {
	a, b = trimPunct(a), trimPunct(b)
	ending, ok := strings.CutPrefix(b, a)
	if a == "" || !ok {
		return false
	}
	switch first, _ := utf8.DecodeRuneInString(ending); {
	case ending == "":
		return true
	case unicode.IsLetter(first):
		return utf8.RuneCountInString(ending) == 1
	default:
		return utf8.RuneCountInString(strings.TrimLeftFunc(ending, unicode.IsPunct)) <= 2
	}
}

// trimPunct drops the punctuation around a word, but not an initial's
// period ("J.").
func trimPunct(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) && r != '.' })
}

var termPath = regexp.MustCompile(`/(category|tag)/((?:[^/?#]+/)*[^/?#]+)/?$`)

// terms are the post's category and tag links, by rel or by URL path; a
// nested category path names the innermost term.
func (p *pageParser) terms(container, content *goquery.Selection) []archive.TermRef {
	var refs []archive.TermRef
	seen := map[string]bool{}
	container.FindMatcher(compiled("a[href]")).Each(func(_ int, a *goquery.Selection) {
		if a.Closest(".comment, .widget, nav").Length() > 0 || (content != nil && content.HasNodes(a.Get(0)).Length() > 0) {
			return
		}
		u := p.abs(attr(a, "href"))
		if u == nil {
			return
		}
		rel := " " + attr(a, "rel") + " "
		m := termPath.FindStringSubmatch(u.Path)
		taxonomy := ""
		// The path decides first: block themes mark every term link rel=tag.
		switch {
		case m != nil && m[1] == "category":
			taxonomy = "category"
		case m != nil:
			taxonomy = "post_tag"
		case strings.Contains(rel, " category "):
			taxonomy = "category"
		case strings.Contains(rel, " tag "):
			taxonomy = "post_tag"
		default:
			return
		}
		slug := ""
		if m != nil {
			segments := strings.Split(m[2], "/")
			slug = segments[len(segments)-1]
		} else if v := u.Query().Get("cat"); v != "" {
			slug = v
		} else {
			slug = u.Query().Get("tag")
		}
		if s, err := url.PathUnescape(slug); err == nil {
			slug = s
		}
		key := taxonomy + "\x00" + slug
		if slug == "" || seen[key] {
			return
		}
		seen[key] = true
		refs = append(refs, archive.TermRef{Taxonomy: taxonomy, Slug: clean(slug), Name: text(a)})
	})
	return refs
}

// findContent is the entry content element of the post, tried by
// selector in order of specificity, outside any comment. Classic
// WordPress.com themes give one class to a standfirst and another to the
// body beside it (.entry and .entrytext): a candidate beside the first
// found, not inside it or around it, with over twice its text is the body.
func (p *pageParser) findContent(container *goquery.Selection) *goquery.Selection {
	for _, scope := range []*goquery.Selection{container, p.doc.Selection} {
		var found *goquery.Selection
		for _, sel := range contentSelectors {
			if content := scope.FindMatcher(compiled(sel)).FilterFunction(outsideComments).First(); content.Length() > 0 {
				found = content
				break
			}
		}
		if found == nil {
			continue
		}
		size := len(found.Text())
		scope.FindMatcher(compiled(anyContent)).FilterFunction(outsideComments).Each(func(_ int, s *goquery.Selection) {
			if n, f := s.Get(0), found.Get(0); n == f || found.Contains(n) || s.Contains(f) {
				return
			}
			if l := len(s.Text()); l > 2*size {
				found, size = s, l
			}
		})
		return found
	}
	return nil
}
