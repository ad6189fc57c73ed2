package feed

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parc-archive/parc/archive"
)

// entry is one RSS item or Atom entry, reduced to what the archive keeps,
// so that posts and comments are built the same way from either dialect.
type entry struct {
	title        string
	link         string
	guid         string
	published    *time.Time
	updated      *time.Time
	authorName   string
	authorEmail  string
	authorURI    string
	content      string // HTML
	excerpt      string // HTML
	categories   []string
	commentFeed  string
	commentCount string
	enclosures   []string
	inReplyTo    string // Atom thr:in-reply-to ref: the post or comment answered
}

// channel is the feed-level part of a document.
type channel struct {
	site       archive.Site
	self       string
	next       string
	prev       string
	entries    []entry
	lowerTitle string // for telling an empty comment feed
}

var (
	commentFragment = regexp.MustCompile(`#comment-(\d+)$`)
	commentPage     = regexp.MustCompile(`/comment-page-\d+/?$`)
)

// commentLink splits a comment's link (POSTLINK[/comment-page-N/]#comment-N,
// or ?p=1&cpage=2#comment-N without pretty permalinks) into the post's link
// and the comment ID.
func commentLink(link string) (postLink string, id int64, ok bool) {
	m := commentFragment.FindStringSubmatchIndex(link)
	if m == nil {
		return "", 0, false
	}
	id, err := strconv.ParseInt(link[m[2]:m[3]], 10, 64)
	if err != nil {
		return "", 0, false
	}
	postLink = link[:m[0]]
	if u, err := url.Parse(postLink); err == nil && u.RawQuery != "" {
		q := u.Query()
		if q.Has("cpage") {
			q.Del("cpage")
			u.RawQuery = q.Encode()
			postLink = u.String()
		}
	}
	if loc := commentPage.FindStringIndex(postLink); loc != nil {
		postLink = postLink[:loc[0]+1]
	}
	return postLink, id, true
}

// postIDFromGUID reads WordPress's default guid, http://site/?p=N (or
// ?page_id=N, or ?attachment_id=N). A guid on another host is the id on
// the site a migrated post came from, not this site's, and gives 0.
func postIDFromGUID(guid, siteURL string) int64 {
	u, err := url.Parse(strings.TrimSpace(guid))
	if err != nil {
		return 0
	}
	if site, err := url.Parse(siteURL); err != nil || !strings.EqualFold(u.Hostname(), site.Hostname()) {
		return 0
	}
	q := u.Query()
	for _, key := range []string{"p", "page_id", "attachment_id"} {
		if v := q.Get(key); v != "" {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
				return id
			}
		}
	}
	return 0
}

// isProtectedNotice reports whether a comment's content is WordPress's
// stand-in for the comments of a password-protected post.
func isProtectedNotice(e entry) bool {
	return strings.Contains(e.content, "post-password-form") ||
		strings.Contains(e.content, `name="post_password"`) ||
		strings.HasPrefix(strings.TrimSpace(e.excerpt), "Protected Comments:")
}

// build turns a parsed document into a Feed.
func (p *parser) build(ch channel) *Feed {
	f := &Feed{Site: ch.site, SelfURL: ch.self, NextPage: ch.next, PrevPage: ch.prev}
	comments := 0
	for _, e := range ch.entries {
		if _, _, ok := commentLink(e.link); ok {
			comments++
		}
	}
	switch {
	case len(ch.entries) > 0 && comments == len(ch.entries):
		f.IsCommentFeed = true
	case len(ch.entries) == 0:
		f.IsCommentFeed = strings.Contains(ch.self, "/comments/feed") || strings.HasPrefix(ch.lowerTitle, "comments ")
	case comments > 0:
		p.warnf("%d of %d items link to comments; all are read as posts", comments, len(ch.entries))
	}
	if f.IsCommentFeed {
		p.buildComments(f, ch)
	} else {
		p.buildPosts(f, ch)
	}
	return f
}

func (p *parser) buildPosts(f *Feed, ch channel) {
	authors := map[string]bool{}
	terms := map[string]bool{}
	for i, e := range ch.entries {
		post := archive.Post{
			ID:              postIDFromGUID(e.guid, f.Site.URL),
			Type:            "post",
			Status:          "publish",
			Title:           e.title,
			GUID:            e.guid,
			Link:            e.link,
			AuthorLogin:     e.authorName,
			ContentRendered: e.content,
			ExcerptRendered: e.excerpt,
		}
		if e.published != nil {
			post.DateGMT = e.published.UTC()
		}
		if e.updated != nil {
			post.ModifiedGMT = e.updated.UTC()
		}
		if post.Link == "" && post.GUID == "" && post.Title == "" {
			p.warnf("item %d has no link, guid or title; skipped", i+1)
			continue
		}
		for _, name := range e.categories {
			ref := archive.TermRef{Taxonomy: "category", Slug: slugify(name), Name: name}
			post.Terms = append(post.Terms, ref)
			if !terms[ref.Slug] {
				terms[ref.Slug] = true
				f.Terms = append(f.Terms, archive.Term{Taxonomy: ref.Taxonomy, Slug: ref.Slug, Name: name})
			}
		}
		if e.commentFeed != "" {
			post.Meta = append(post.Meta, archive.Meta{Key: MetaCommentFeed, Value: e.commentFeed})
		}
		if e.commentCount != "" {
			post.Meta = append(post.Meta, archive.Meta{Key: MetaCommentCount, Value: e.commentCount})
		}
		for _, u := range e.enclosures {
			post.Meta = append(post.Meta, archive.Meta{Key: MetaEnclosure, Value: u})
		}
		if e.authorName != "" && !authors[e.authorName] {
			authors[e.authorName] = true
			f.Authors = append(f.Authors, archive.Author{Login: e.authorName, DisplayName: e.authorName, Email: e.authorEmail})
		}
		f.Posts = append(f.Posts, post)
	}
}

func (p *parser) buildComments(f *Feed, ch channel) {
	stubs := map[string]int{} // post link → index in f.Posts
	for i, e := range ch.entries {
		postLink, id, _ := commentLink(e.link)
		if isProtectedNotice(e) {
			p.warnf("item %d (comment %d on %s) shows the password form of a protected post, not the comment; skipped", i+1, id, postLink)
			continue
		}
		c := archive.Comment{
			ID:              id,
			Author:          e.authorName,
			AuthorEmail:     e.authorEmail,
			AuthorURL:       e.authorURI,
			ContentRendered: e.content,
			Approved:        archive.CommentApproved,
		}
		if c.ContentRendered == "" {
			c.ContentRendered = e.excerpt
		}
		if _, parent, ok := commentLink(e.inReplyTo); ok {
			c.Parent = parent
		}
		if e.published != nil {
			c.DateGMT = e.published.UTC()
		}
		at, ok := stubs[postLink]
		if !ok {
			postGUID, _, _ := strings.Cut(e.guid, "#")
			stub := archive.Post{Link: postLink, GUID: postGUID, ID: postIDFromGUID(postGUID, f.Site.URL)}
			if !strings.HasPrefix(postGUID, "http") {
				stub.GUID = ""
			}
			at = len(f.Posts)
			stubs[postLink] = at
			f.Posts = append(f.Posts, stub)
		}
		f.Posts[at].Comments = append(f.Posts[at].Comments, c)
	}
	// A post's own comment feed names the post, not the site, as its link.
	if _, onePost := stubs[f.Site.URL]; onePost {
		guess := origin(f.Site.URL)
		p.warnf("this is the comment feed of one post (%s); the site URL is guessed as %s", f.Site.URL, guess)
		f.Site.URL, f.Site.Link = guess, guess
	}
	// A comment feed's title names the comments ("Comments for X"), not
	// the site.
	f.Site.Title = ""
}

// slugify derives a term slug from its name the way WordPress's
// sanitize_title does for a new term (lower case, dashes for spaces,
// non-ASCII letters percent-encoded); accents are not folded.
func slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
			dash = false
		case r == '-' || unicode.IsSpace(r) || r == '.' || r == '/':
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			var buf [utf8.UTFMax]byte
			for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
				fmt.Fprintf(&b, "%%%02x", c)
			}
			dash = false
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
