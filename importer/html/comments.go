package html

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/parc-archive/parc/archive"
	xhtml "golang.org/x/net/html"
)

// parseCommentID reads the ids WordPress's comment walkers give a
// comment's element: comment-N (classic, block, WordPress.com) and
// li-comment-N (the WordPress.com and older themes' outer list item).
func parseCommentID(v string) (int64, bool) {
	v = strings.TrimPrefix(v, "li-")
	digits, ok := strings.CutPrefix(v, "comment-")
	if !ok || digits == "" {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(digits, 10, 64)
	return id, err == nil
}

// A comment's parts, each list in order of preference. Every part is a
// single compound selector (no combinators), so whether an element is one
// depends on the element alone and the comment walk tests it in O(1); the
// one exception, ".comment-author .fn", is matched as ".fn" under a
// .comment-author, which the walk tracks.
const (
	partAuthorFn = iota // .comment-author .fn
	partBlockAuthor
	partCiteFn
	partFn
	partAuthor
	partPingURL
	partPingHref
	partTime
	partContent
	partBlockContent
	partText
	partContentText
	partEntry
	partBody
	partPermalink
	numParts
)

var partSelectors = [numParts]cascadia.Sel{
	partAuthorFn:     mustSel(`.fn`),
	partBlockAuthor:  mustSel(`.wp-block-comment-author-name`),
	partCiteFn:       mustSel(`cite.fn`),
	partFn:           mustSel(`.fn`),
	partAuthor:       mustSel(`.comment-author`),
	partPingURL:      mustSel(`a.url`),
	partPingHref:     mustSel(`a[href]`),
	partTime:         mustSel(`time[datetime]`),
	partContent:      mustSel(`.comment-content`),
	partBlockContent: mustSel(`.wp-block-comment-content`),
	partText:         mustSel(`.comment-text`),
	partContentText:  mustSel(`.contenttext`),
	partEntry:        mustSel(`.comment-entry`),
	partBody:         mustSel(`.comment-body`),
	partPermalink:    mustSel(`a[href*="#comment-"]`),
}

var (
	authorParts  = []int{partAuthorFn, partBlockAuthor, partCiteFn, partFn, partAuthor}
	pingParts    = []int{partPingURL, partPingHref}
	contentParts = []int{partContent, partBlockContent, partText, partContentText, partEntry}
	linkMatcher  = cascadia.MustCompile(`a[href]`)
	// ownTextSkipped is what ownText leaves out of a comment's element.
	ownTextSkipped = cascadia.MustCompile(`.children, li[id^="comment-"], li[id^="li-comment-"], .comment-author, .comment_author, .vcard, .comment-meta, .commentmetadata, .comment-metadata, .reply, .comment-actions, footer, img.avatar`)
	innerComment   = cascadia.MustCompile(`[id^="div-comment-"]`)
)

func mustSel(s string) cascadia.Sel {
	sel, err := cascadia.Parse(s)
	if err != nil {
		panic(err)
	}
	return sel
}

// maxDuplicateWarnings bounds the warnings about repeated comment ids, so
// a hostile page cannot make one warning per element.
const maxDuplicateWarnings = 20

var depthClass = regexp.MustCompile(`^depth-(\d+)$`)

// commentNode is one comment element with what the markup says about its
// place in the thread.
type commentNode struct {
	id       int64
	node     *xhtml.Node
	parent   int64 // the comment it replies to, 0 at top level
	outer    int64 // the enclosing comment element's id, 0 at top level
	depth    int   // the walker's depth-N class, 0 when absent
	nesting  int   // 1 + the number of comment elements around it
	hasReply bool  // the "parent" class: WordPress says it has replies
	nested   bool  // its replies are nested inside it
	inferred bool  // parent inferred from a flattened thread
	// parts holds, for each part selector, the first element in document
	// order that matches it and belongs to this comment (its nearest
	// enclosing comment element is this one), not to a reply.
	parts [numParts]*xhtml.Node
}

// commentWalk finds the comment elements and their parts in one walk
// over the document, so the work is linear in the page however deeply
// the replies nest.
type commentWalk struct {
	nodes  []*commentNode
	byNode map[*xhtml.Node]*commentNode
}

func (w *commentWalk) visit(n *xhtml.Node, owner *commentNode, underAuthor bool) {
	for ; n != nil; n = n.NextSibling {
		if n.Type != xhtml.ElementNode {
			continue
		}
		if owner != nil {
			for k, sel := range partSelectors {
				if owner.parts[k] == nil && (k != partAuthorFn || underAuthor) && sel.Match(n) {
					owner.parts[k] = n
				}
			}
		}
		inner := owner
		if c := w.commentElement(n, owner); c != nil {
			inner = c
		}
		w.visit(n.FirstChild, inner, underAuthor || hasClass(n, "comment-author"))
	}
}

// commentElement registers n when it is a comment's element, and returns
// it; nil for any other element, the inner element of li#li-comment-N
// included.
func (w *commentWalk) commentElement(n *xhtml.Node, outer *commentNode) *commentNode {
	if n.Data != "li" && n.Data != "article" && n.Data != "div" {
		return nil
	}
	id, ok := parseCommentID(nodeAttr(n, "id"))
	if !ok || (outer != nil && outer.id == id) {
		return nil
	}
	c := &commentNode{id: id, node: n, nesting: 1}
	if outer != nil {
		c.parent, c.outer, c.nesting = outer.id, outer.id, outer.nesting+1
		outer.nested = true
	}
	for _, class := range strings.Fields(nodeAttr(n, "class")) {
		if m := depthClass.FindStringSubmatch(class); m != nil {
			c.depth, _ = strconv.Atoi(m[1])
		}
		c.hasReply = c.hasReply || class == "parent"
	}
	w.byNode[n] = c
	w.nodes = append(w.nodes, c)
	return c
}

// readComments rebuilds the thread from the comment elements' nesting:
// a reply sits inside its parent's element, whatever list or block markup
// holds it. Replies past the site's depth cap are shown flattened as
// siblings; their parents are inferred from the walker's "parent" class.
func (p *pageParser) readComments() []archive.Comment {
	w := &commentWalk{byNode: map[*xhtml.Node]*commentNode{}}
	for _, root := range p.doc.Nodes {
		w.visit(root.FirstChild, nil, false)
	}
	nodes := w.nodes
	p.repairNesting(nodes)
	p.inferFlattenedParents(nodes)

	comments := make([]archive.Comment, 0, len(nodes))
	seen := make(map[int64]bool, len(nodes))
	duplicates := 0
	for _, c := range nodes {
		if seen[c.id] {
			if duplicates++; duplicates <= maxDuplicateWarnings {
				p.warnf("comment %d appears twice; the first is kept", c.id)
			}
			continue
		}
		seen[c.id] = true
		comments = append(comments, p.readComment(c, w.byNode))
	}
	if duplicates > maxDuplicateWarnings {
		p.warnf("%d more comments appear twice; the first of each is kept", duplicates-maxDuplicateWarnings)
	}
	return comments
}

// repairNesting falls back on the walker's depth-N classes where broken
// markup (a reply list closed or opened in the wrong place) put a comment
// at another depth than WordPress rendered it: the walker writes a thread
// depth first, so a depth-N comment replies to the last depth-(N-1) one.
func (p *pageParser) repairNesting(nodes []*commentNode) {
	broken := false
	for _, c := range nodes {
		if c.depth > 0 && c.nesting != c.depth {
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

// readComment reads one comment's own fields, never those of its replies:
// its parts were found by the comment walk, and what is read inside them
// stops at any reply element nested there.
func (p *pageParser) readComment(c *commentNode, byNode map[*xhtml.Node]*commentNode) archive.Comment {
	own := func(parts []int) *xhtml.Node {
		for _, k := range parts {
			if c.parts[k] != nil {
				return c.parts[k]
			}
		}
		return nil
	}
	isReply := func(n *xhtml.Node) bool { return byNode[n] != nil }

	comment := archive.Comment{ID: c.id, Parent: c.parent, Approved: archive.CommentApproved, Type: "comment"}
	classes := " " + nodeAttr(c.node, "class") + " "
	switch {
	case strings.Contains(classes, " pingback "):
		comment.Type = "pingback"
	case strings.Contains(classes, " trackback "):
		comment.Type = "trackback"
	}
	if c.inferred {
		comment.Meta = append(comment.Meta, archive.Meta{Key: MetaParentInferred, Value: "1"})
	}

	if author := own(authorParts); author != nil {
		if link := firstOwn(author, linkMatcher, isReply); link != nil {
			comment.AuthorURL = clean(nodeAttr(link, "href"))
		} else if linkMatcher.Match(author) {
			comment.AuthorURL = clean(nodeAttr(author, "href"))
		}
		comment.Author = ownTextOf(author, isReply)
	}
	if comment.Type != "comment" && comment.Author == "" {
		// Pingbacks show a link to the citing page in place of an author.
		if link := own(pingParts); link != nil {
			comment.Author, comment.AuthorURL = ownTextOf(link, isReply), clean(nodeAttr(link, "href"))
		}
	}

	if t := c.parts[partTime]; t != nil {
		comment.Date, comment.DateGMT = firstTime(nodeAttr(t, "datetime"))
	}
	if comment.Date.IsZero() && comment.DateGMT.IsZero() {
		comment.Date = p.shownCommentDate(c)
	}

	var content *goquery.Selection
	if n := own(contentParts); n != nil {
		content = p.ownSelection(n, isReply)
	} else if comment.Type == "comment" {
		if n := c.parts[partBody]; n != nil {
			// Older themes name the text itself comment-body (in current
			// ones it wraps the whole comment, matched above by its parts).
			content = p.ownSelection(n, isReply)
		} else {
			content = p.ownText(c, isReply)
		}
	}
	if content != nil {
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

// shownCommentDate reads the date a theme prints in words, without a
// datetime attribute, in the comment's permalink or around it
// (WordPress.com's "Jun 20th at 2:41 am", older themes' "said, on August
// 3, 2019 at <a>3:12 pm</a>"); zero when there is none.
func (p *pageParser) shownCommentDate(c *commentNode) time.Time {
	link := c.parts[partPermalink]
	if link == nil || !strings.HasSuffix(nodeAttr(link, "href"), "#comment-"+strconv.FormatInt(c.id, 10)) {
		return time.Time{}
	}
	if t, ok := shownDate(ownTextOf(link, noReply), p.postDate); ok {
		return t
	}
	if parent := link.Parent; parent != nil && parent != c.node {
		if t, ok := shownDate(ownTextOf(parent, noReply), p.postDate); ok {
			return t
		}
	}
	return time.Time{}
}

// ownSelection is n as a selection to clean and render in place, or, when
// broken markup nests a reply inside it, a copy of it without the reply.
func (p *pageParser) ownSelection(n *xhtml.Node, isReply func(*xhtml.Node) bool) *goquery.Selection {
	if firstOwn(n, nil, isReply) == nil {
		return selectionOf(n)
	}
	return selectionOf(cloneOwn(n, isReply))
}

// ownText is, for themes that put a comment's paragraphs straight into its
// element, a copy of that element without author, meta, actions and replies.
func (p *pageParser) ownText(c *commentNode, isReply func(*xhtml.Node) bool) *goquery.Selection {
	body := selectionOf(cloneOwn(c.node, func(n *xhtml.Node) bool {
		return isReply(n) || n.Type == xhtml.ElementNode && ownTextSkipped.Match(n)
	}))
	if inner := body.Children().FilterMatcher(innerComment); inner.Length() == 1 {
		return inner
	}
	return body
}

// firstOwn is the first element under n, in document order, that match
// (nil: any reply element) accepts, not descending into replies; with a nil
// match it is the first reply element under n.
func firstOwn(n *xhtml.Node, match cascadia.Matcher, isReply func(*xhtml.Node) bool) *xhtml.Node {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != xhtml.ElementNode {
			continue
		}
		if isReply(ch) {
			if match == nil {
				return ch
			}
			continue
		}
		if match != nil && match.Match(ch) {
			return ch
		}
		if found := firstOwn(ch, match, isReply); found != nil {
			return found
		}
	}
	return nil
}

// ownTextOf is the text under n without its replies' text, whitespace runs
// collapsed, as text gives it for a whole element.
func ownTextOf(n *xhtml.Node, isReply func(*xhtml.Node) bool) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch {
			case ch.Type == xhtml.TextNode:
				b.WriteString(ch.Data)
			case ch.FirstChild != nil && !isReply(ch):
				walk(ch)
			}
		}
	}
	if n.Type == xhtml.TextNode {
		b.WriteString(n.Data)
	}
	walk(n)
	return clean(strings.Join(strings.Fields(b.String()), " "))
}

// cloneOwn copies n and its descendants but those skip names (with theirs).
func cloneOwn(n *xhtml.Node, skip func(*xhtml.Node) bool) *xhtml.Node {
	m := &xhtml.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: append([]xhtml.Attribute(nil), n.Attr...)}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if !skip(ch) {
			m.AppendChild(cloneOwn(ch, skip))
		}
	}
	return m
}

// selectionOf is n alone as a selection.
func selectionOf(n *xhtml.Node) *goquery.Selection {
	return goquery.NewDocumentFromNode(n).Selection
}

func nodeAttr(n *xhtml.Node, name string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == name {
			return a.Val
		}
	}
	return ""
}

// hasClass reports whether n's class attribute lists class.
func hasClass(n *xhtml.Node, class string) bool {
	v := nodeAttr(n, "class")
	for v != "" {
		i := 0
		for i < len(v) && !isSpace(v[i]) {
			i++
		}
		if v[:i] == class {
			return true
		}
		for i < len(v) && isSpace(v[i]) {
			i++
		}
		v = v[i:]
	}
	return false
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

// noReply is for text taken from inside one comment's metadata, which
// holds no replies.
func noReply(*xhtml.Node) bool { return false }
