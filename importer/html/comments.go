package html

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/parc-archive/parc/archive"
	xhtml "golang.org/x/net/html"
)

// commentID matches the ids WordPress's comment walkers give a comment's
// element: comment-N (classic, block, WordPress.com) and li-comment-N (the
// WordPress.com and older themes' outer list item).
var commentID = regexp.MustCompile(`^(?:li-)?comment-(\d+)$`)

// Selectors for a comment's parts, compiled once, each list in order of
// preference.
var (
	authorSelectors         = []cascadia.Selector{cascadia.MustCompile(`.comment-author .fn`), cascadia.MustCompile(`.wp-block-comment-author-name`), cascadia.MustCompile(`cite.fn`), cascadia.MustCompile(`.fn`), cascadia.MustCompile(`.comment-author`)}
	pingLinkSelectors       = []cascadia.Selector{cascadia.MustCompile(`a.url`), cascadia.MustCompile(`a[href]`)}
	timeSelectors           = []cascadia.Selector{cascadia.MustCompile(`time[datetime]`)}
	commentContentSelectors = []cascadia.Selector{cascadia.MustCompile(`.comment-content`), cascadia.MustCompile(`.wp-block-comment-content`), cascadia.MustCompile(`.comment-text`), cascadia.MustCompile(`.contenttext`), cascadia.MustCompile(`.comment-entry`)}
	bodySelectors           = []cascadia.Selector{cascadia.MustCompile(`.comment-body`)}
)

var depthClass = regexp.MustCompile(`^depth-(\d+)$`)

// commentNode is one comment element with what the markup says about its
// place in the thread.
type commentNode struct {
	id       int64
	node     *goquery.Selection
	parent   int64 // the comment it replies to, 0 at top level
	outer    int64 // the enclosing comment element's id, 0 at top level
	depth    int   // the walker's depth-N class, 0 when absent
	hasReply bool  // the "parent" class: WordPress says it has replies
	nested   bool  // its replies are nested inside it
	inferred bool  // parent inferred from a flattened thread
}

// readComments rebuilds the thread from the comment elements' nesting:
// a reply sits inside its parent's element, whatever list or block markup
// holds it. Replies past the site's depth cap are shown flattened as
// siblings; their parents are inferred from the walker's "parent" class.
func (p *pageParser) readComments() []archive.Comment {
	var nodes []*commentNode
	byNode := map[*xhtml.Node]*commentNode{}
	p.doc.Find("li[id], article[id], div[id]").Each(func(_ int, s *goquery.Selection) {
		m := commentID.FindStringSubmatch(attr(s, "id"))
		if m == nil {
			return
		}
		id, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil {
			return
		}
		outer := nearestComment(s.Get(0).Parent, byNode)
		if outer != nil && outer.id == id {
			return // the inner element of li#li-comment-N
		}
		c := &commentNode{id: id, node: s}
		if outer != nil {
			c.parent, c.outer = outer.id, outer.id
			outer.nested = true
		}
		for _, class := range strings.Fields(attr(s, "class")) {
			if m := depthClass.FindStringSubmatch(class); m != nil {
				c.depth, _ = strconv.Atoi(m[1])
			}
			c.hasReply = c.hasReply || class == "parent"
		}
		byNode[s.Get(0)] = c
		nodes = append(nodes, c)
	})
	p.repairNesting(nodes, byNode)
	p.inferFlattenedParents(nodes)

	comments := make([]archive.Comment, 0, len(nodes))
	seen := map[int64]bool{}
	for _, c := range nodes {
		if seen[c.id] {
			p.warnf("comment %d appears twice; the first is kept", c.id)
			continue
		}
		seen[c.id] = true
		comments = append(comments, p.readComment(c, byNode))
	}
	return comments
}

// repairNesting falls back on the walker's depth-N classes where broken
// markup (a reply list closed or opened in the wrong place) put a comment
// at another depth than WordPress rendered it: the walker writes a thread
// depth first, so a depth-N comment replies to the last depth-(N-1) one.
func (p *pageParser) repairNesting(nodes []*commentNode, byNode map[*xhtml.Node]*commentNode) {
	nestedDepth := func(c *commentNode) int {
		depth := 1
		for outer := nearestComment(c.node.Get(0).Parent, byNode); outer != nil && depth <= len(nodes); outer = nearestComment(outer.node.Get(0).Parent, byNode) {
			depth++
		}
		return depth
	}
	broken := false
	for _, c := range nodes {
		if c.depth > 0 && nestedDepth(c) != c.depth {
			broken = true
			break
		}
	}
	if !broken {
		return
	}
	lastAtDepth := map[int]int64{}
	for _, c := range nodes {
		if c.depth == 0 {
			continue
		}
		c.parent, c.outer = lastAtDepth[c.depth-1], lastAtDepth[c.depth-1]
		lastAtDepth[c.depth] = c.id
	}
	p.warnf("the comment markup is not nested as WordPress rendered it; parents are taken from its depth classes")
}

func nearestComment(n *xhtml.Node, byNode map[*xhtml.Node]*commentNode) *commentNode {
	for ; n != nil; n = n.Parent {
		if c, ok := byNode[n]; ok {
			return c
		}
	}
	return nil
}

// inferFlattenedParents handles WordPress's depth cap: below it, replies
// follow their parent as siblings, in thread order. A comment marked
// "parent" with no nested replies is therefore the parent of the sibling
// right after it. A sibling after one without replies is a further reply
// to the same comment as far as the markup shows, which may be wrong.
func (p *pageParser) inferFlattenedParents(nodes []*commentNode) {
	inferred := 0
	for i := 1; i < len(nodes); i++ {
		prev, c := nodes[i-1], nodes[i]
		if c.depth == 0 || prev.depth != c.depth || c.outer != prev.outer {
			continue
		}
		switch {
		case prev.hasReply && !prev.nested:
			c.parent = prev.id
		case prev.parent != c.outer:
			c.parent = prev.parent
		default:
			continue
		}
		c.inferred = true
		inferred++
	}
	if inferred > 0 {
		p.warnf("%d replies are shown flattened at the thread depth cap; their parents are inferred from the thread order", inferred)
	}
}

// readComment reads one comment's own fields, never those of its replies.
func (p *pageParser) readComment(c *commentNode, byNode map[*xhtml.Node]*commentNode) archive.Comment {
	// own finds the first element matching any of the selectors, tried in
	// order, that belongs to this comment rather than to a reply.
	own := func(selectors ...cascadia.Selector) *goquery.Selection {
		for _, sel := range selectors {
			found := c.node.FindMatcher(sel).FilterFunction(func(_ int, s *goquery.Selection) bool {
				return nearestComment(s.Get(0).Parent, byNode) == c
			}).First()
			if found.Length() > 0 {
				return found
			}
		}
		return c.node.Slice(0, 0)
	}
	comment := archive.Comment{ID: c.id, Parent: c.parent, Approved: archive.CommentApproved, Type: "comment"}
	classes := " " + attr(c.node, "class") + " "
	switch {
	case strings.Contains(classes, " pingback "):
		comment.Type = "pingback"
	case strings.Contains(classes, " trackback "):
		comment.Type = "trackback"
	}
	if c.inferred {
		comment.Meta = append(comment.Meta, archive.Meta{Key: MetaParentInferred, Value: "1"})
	}

	author := own(authorSelectors...)
	if link := author.Find("a[href]").First(); link.Length() > 0 {
		comment.AuthorURL = clean(attr(link, "href"))
	} else if author.Is("a[href]") {
		comment.AuthorURL = clean(attr(author, "href"))
	}
	comment.Author = text(author)
	if comment.Type != "comment" && comment.Author == "" {
		// Pingbacks show a link to the citing page in place of an author.
		link := own(pingLinkSelectors...)
		comment.Author, comment.AuthorURL = text(link), clean(attr(link, "href"))
	}

	comment.Date, comment.DateGMT = firstTime(attr(own(timeSelectors...), "datetime"))

	content := own(commentContentSelectors...)
	if content.Length() == 0 && comment.Type == "comment" {
		// Older themes name the text itself comment-body (in current
		// ones it wraps the whole comment, matched above by its parts).
		content = own(bodySelectors...)
	}
	if content.Length() == 0 && comment.Type == "comment" {
		content = ownText(c)
	}
	if content.Length() > 0 {
		content.FindMatcher(nonContentMatcher).Remove()
		comment.Meta = append(comment.Meta, p.undoDisplayChanges(content)...)
		html, err := content.Html()
		if err != nil {
			p.warnf("comment %d: %v", c.id, err)
		}
		comment.ContentRendered = clean(html)
	}
	return comment
}

// ownText is, for themes that put a comment's paragraphs straight into its
// element, a copy of that element without author, meta, actions and replies.
func ownText(c *commentNode) *goquery.Selection {
	body := c.node.Clone()
	body.Find(`.children, li[id^="comment-"], li[id^="li-comment-"], .comment-author, .comment_author, .vcard, .comment-meta, .commentmetadata, .comment-metadata, .reply, .comment-actions, footer, img.avatar`).Remove()
	if inner := body.Children().Filter(`[id^="div-comment-"]`); inner.Length() == 1 {
		return inner
	}
	return body
}
