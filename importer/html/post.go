package html

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/parc-archive/parc/archive"
)

// contentSelectors find the entry content: classic and WordPress.com themes,
// block themes, then older themes' names.
var contentSelectors = []string{".entry-content", ".wp-block-post-content", ".post-content", ".entry-body", ".storycontent", ".post-entry", ".entry", ".main"}

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
	p.readDates(post, container)
	p.readAuthor(post, container)
	content := p.findContent(container)
	post.Terms = p.terms(container, content)

	if img := p.firstIn(container, ".post-thumbnail img, .wp-block-post-featured-image img, img.wp-post-image"); img.Length() > 0 {
		if src := p.imageSource(img); src != "" {
			post.Meta = append(post.Meta, archive.Meta{Key: MetaFeaturedImage, Value: src})
		}
	}

	// The comment thread is read before the content is cleaned, as the
	// content cleanup removes the comments area from block themes' main.
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
	notComment := func(_ int, s *goquery.Selection) bool {
		return s.Closest(".comment, .comments-area, #comments").Length() == 0
	}
	var selectors []string
	if id > 0 {
		selectors = append(selectors, fmt.Sprintf("#post-%d, .post-%d", id, id))
	}
	selectors = append(selectors, "article[id^=post-]", "main, #main, #content", "article.hentry, .hentry")
	for i, sel := range selectors {
		matcher := goquery.Matcher(cascadia.MustCompile(sel))
		if id <= 0 || i > 0 {
			matcher = compiled(sel)
		}
		var found *goquery.Selection
		p.doc.FindMatcher(matcher).EachWithBreak(func(i int, s *goquery.Selection) bool {
			if notComment(i, s) {
				found = s
			}
			return found == nil
		})
		if found != nil {
			return found
		}
	}
	return p.doc.FindMatcher(compiled("body"))
}

var idClass = regexp.MustCompile(`^(?:postid|page-id)-(\d+)$`)

func (p *pageParser) postID(classes map[string]bool) int64 {
	for c := range classes {
		if m := idClass.FindStringSubmatch(c); m != nil {
			if id, err := strconv.ParseInt(m[1], 10, 64); err == nil {
				return id
			}
		}
	}
	if m := postArticleID.FindStringSubmatch(attr(p.first("article[id^=post-]"), "id")); m != nil {
		if id, err := strconv.ParseInt(m[1], 10, 64); err == nil {
			return id
		}
	}
	return p.shortlinkID()
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

// readDates prefers the theme's time elements, which carry the site's own
// offset (so the local wall clock is known), then head meta and JSON-LD.
func (p *pageParser) readDates(post *archive.Post, container *goquery.Selection) {
	ld := p.jsonLDDates()
	post.Date, post.DateGMT = firstTime(
		attr(p.firstIn(container, "time.entry-date.published, time.published, .wp-block-post-date time, time.entry-date"), "datetime"),
		attr(p.first(`meta[property="article:published_time"]`), "content"),
		ld.DatePublished)
	post.Modified, post.ModifiedGMT = firstTime(
		attr(p.firstIn(container, "time.updated:not(.published), .wp-block-post-date__modified-date time"), "datetime"),
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

type jsonLDDates struct {
	DatePublished string `json:"datePublished"`
	DateModified  string `json:"dateModified"`
}

// jsonLDDates reads the first article dates from JSON-LD blocks (Yoast
// and others), either a single object or an @graph of them.
func (p *pageParser) jsonLDDates() jsonLDDates {
	var found jsonLDDates
	p.doc.FindMatcher(compiled(`script[type="application/ld+json"]`)).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var doc struct {
			jsonLDDates
			Graph []jsonLDDates `json:"@graph"`
		}
		if json.Unmarshal([]byte(s.Text()), &doc) != nil {
			return true
		}
		for _, d := range append([]jsonLDDates{doc.jsonLDDates}, doc.Graph...) {
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

// readAuthor takes the author from the byline's /author/LOGIN/ link.
func (p *pageParser) readAuthor(post *archive.Post, container *goquery.Selection) {
	var link *goquery.Selection
	for _, sel := range []string{".byline a", `a[rel~="author"]`, ".posted-by a", ".wp-block-post-author-name a", ".wp-block-post-author a", ".author a", ".entry-meta a", ".entry-footer a"} {
		container.FindMatcher(compiled(sel)).EachWithBreak(func(_ int, a *goquery.Selection) bool {
			if authorPath.MatchString(attr(a, "href")) && a.Closest(".comment, .author-bio, .author-info, .entry-author").Length() == 0 {
				link = a
			}
			return link == nil
		})
		if link != nil {
			break
		}
	}
	if link == nil {
		if name := text(p.firstIn(container, ".wp-block-post-author__name, .wp-block-post-author-name")); name != "" {
			p.page.Authors = append(p.page.Authors, archive.Author{DisplayName: name})
		}
		return
	}
	login, err := url.PathUnescape(authorPath.FindStringSubmatch(attr(link, "href"))[1])
	if err != nil {
		login = authorPath.FindStringSubmatch(attr(link, "href"))[1]
	}
	author := archive.Author{Login: clean(login), DisplayName: text(link)}
	post.AuthorLogin = author.Login
	p.page.Authors = append(p.page.Authors, author)
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
// selector in order of specificity, outside any comment.
func (p *pageParser) findContent(container *goquery.Selection) *goquery.Selection {
	outsideComments := func(_ int, s *goquery.Selection) bool {
		return s.Closest(".comment, .comments-area, #comments, .wp-block-comments").Length() == 0
	}
	for _, scope := range []*goquery.Selection{container, p.doc.Selection} {
		for _, sel := range contentSelectors {
			if content := scope.FindMatcher(compiled(sel)).FilterFunction(outsideComments).First(); content.Length() > 0 {
				return content
			}
		}
	}
	return nil
}
