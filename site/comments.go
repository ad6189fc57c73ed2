package site

import (
	"cmp"
	"html/template"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/render"
)

// maxThreadDepth is how deep replies are indented; deeper replies are
// shown at this depth, after the comment they answer, as WordPress does
// at its thread_comments_depth.
const maxThreadDepth = 10

// discussion builds a post's comment section from its approved comments
// only: anything else is dropped before threading, so a reply to a
// removed comment shows at the top level rather than being lost.
func (s *Server) discussion(sd *siteData, e *entry, comments []archive.Comment) *discussionView {
	var public, pings []archive.Comment
	for _, c := range comments {
		if !c.Public() {
			continue
		}
		switch c.Kind() {
		case "pingback", "trackback":
			pings = append(pings, c)
		default:
			public = append(public, c)
		}
	}
	d := &discussionView{PostTitle: e.title, Count: len(public) + len(pings), Feed: withSlash(e.path) + "feed/"}
	d.Threads = s.threadViews(sd, public)
	pingRoots, _ := archive.Thread(pings)
	for _, n := range pingRoots {
		d.Pings = append(d.Pings, s.commentView(sd, n.Comment, 1))
	}
	return d
}

// threadViews threads comments, replies below maxThreadDepth shown at it.
func (s *Server) threadViews(sd *siteData, comments []archive.Comment) []*commentView {
	roots, _ := archive.Thread(comments)
	return s.commentViews(sd, roots, 1)
}

// blockComments are a post's approved comments as the comments block
// shows them: threaded as the post's comment section threads them, with
// pingbacks and trackbacks among them, as WordPress's comment template
// shows them.
func (s *Server) blockComments(sd *siteData, comments []archive.Comment) []render.Comment {
	var public []archive.Comment
	for _, c := range comments {
		if c.Public() {
			public = append(public, c)
		}
	}
	return renderComments(s.threadViews(sd, public))
}

func renderComments(views []*commentView) []render.Comment {
	out := make([]render.Comment, len(views))
	for i, v := range views {
		out[i] = render.Comment{ID: v.ID, Author: render.Link{Text: v.Author, URL: v.AuthorURL}, Date: v.Date,
			Content: string(v.Content), Replies: renderComments(v.Replies)}
	}
	return out
}

func (s *Server) commentViews(sd *siteData, nodes []*archive.Node, depth int) []*commentView {
	var out []*commentView
	for _, n := range nodes {
		v := s.commentView(sd, n.Comment, depth)
		out = append(out, v)
		if depth < maxThreadDepth {
			v.Replies = s.commentViews(sd, n.Replies, depth+1)
			continue
		}
		for _, reply := range s.commentViews(sd, n.Replies, depth) {
			if reply.InReplyTo == 0 {
				reply.InReplyTo = n.Comment.ID
				reply.InReplyToAuthor = v.Author
			}
			out = append(out, reply)
		}
	}
	return out
}

// commentView shows what a reader of the blog saw: name, link, date and
// text. Email, IP and meta never leave the archive.
func (s *Server) commentView(sd *siteData, c *archive.Comment, depth int) *commentView {
	v := &commentView{
		ID: c.ID, Depth: depth, Date: c.Date,
		Content: template.HTML(s.sanitizer.SanitizeComment(render.ShownComment(c.ContentRaw, c.ContentRendered))),
	}
	v.Author, v.AuthorURL = sd.commentAuthor(c)
	return v
}

// CommentAuthor is a commenter as the blog shows them, for the exports to
// static generators: as the site shows them (commentAuthor).
func (l *Links) CommentAuthor(c *archive.Comment) (name, link string) {
	return l.sd.commentAuthor(c)
}

// commentAuthor is a commenter as the blog shows them: the name as text,
// "Anonymous" in the blog's language when it has none that shows (empty,
// spaces or markup alone), as WordPress; and the link only when it is an
// http(s) URL ("" otherwise).
func (sd *siteData) commentAuthor(c *archive.Comment) (name, link string) {
	if safeHTTPURL(c.AuthorURL) {
		link = c.AuthorURL
	}
	return cmp.Or(render.ShownTitle(c.Author), sd.anonymous), link
}
