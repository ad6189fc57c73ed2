package render

import (
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/parc-archive/parc/locale"
)

// Comment is a comment as the comments block shows it: its author, a
// link only to an http(s) address they gave, its date, its content as
// HTML already made safe for comments, and the replies to it, as deep as
// the site nests them.
type Comment struct {
	ID      int64
	Author  Link
	Date    time.Time
	Content string
	Replies []Comment
}

// commentsOnce is SiteData reading each post's comments once for one
// rendering: the title, the template and the form of a comments block all
// ask for them.
type commentsOnce struct {
	SiteData
	read map[int64]commentsRead
}

type commentsRead struct {
	comments []Comment
	ok       bool
}

func (c *commentsOnce) Comments(id int64) ([]Comment, bool) {
	r, done := c.read[id]
	if !done {
		r.comments, r.ok = c.SiteData.Comments(id)
		c.read[id] = r
	}
	return r.comments, r.ok
}

// maxLoopComments is how many comments all the comment templates of one
// post show together at most: every comment of a busy post, but not a
// template repeated thousands of times over them.
const maxLoopComments = 20000

// commentTemplate renders a comment template, the inner blocks of the
// comments block, once for each of the post's comments, each in an
// element with the comment's id (comment-N) and its replies in a list
// below it, as WordPress's core/comment-template does.
func (r *blockRun) commentTemplate(post int64, template string) string {
	comments, ok := r.site.Comments(post)
	if !ok || len(comments) == 0 {
		return ""
	}
	return `<ol class="wp-block-comment-template">` + r.commentList(post, comments, 1, template) + `</ol>`
}

func (r *blockRun) commentList(post int64, comments []Comment, depth int, template string) string {
	var b strings.Builder
	for i := range comments {
		if r.commentBudget <= 0 {
			break
		}
		r.commentBudget--
		c := &comments[i]
		b.WriteString(`<li id="comment-` + strconv.FormatInt(c.ID, 10) + `" class="comment depth-` + strconv.Itoa(depth) + `">`)
		b.WriteString(r.renderIn(post, c, template))
		if len(c.Replies) > 0 {
			b.WriteString(`<ol class="children">` + r.commentList(post, c.Replies, depth+1, template) + `</ol>`)
		}
		b.WriteString(`</li>`)
	}
	return b.String()
}

// commentBlock renders one of the blocks of a comment template for the
// comment c. A read-only archive takes no replies and has no one logged
// in to edit: the reply and edit links show nothing.
func commentBlock(site SiteData, c *Comment, name string, a map[string]any) (string, bool) {
	switch name {
	case "comment-author-name":
		author := html.EscapeString(c.Author.Text)
		if defaultTrue(a, "isLink") && safeURL(c.Author.URL) {
			author = `<a rel="external nofollow ugc" href="` + html.EscapeString(c.Author.URL) + `">` + author + `</a>`
		}
		return `<div class="wp-block-comment-author-name">` + author + `</div>`, true
	case "comment-date":
		if c.Date.IsZero() {
			return "", true
		}
		date := html.EscapeString(site.Locale().Date(c.Date))
		if defaultTrue(a, "isLink") {
			date = `<a href="#comment-` + strconv.FormatInt(c.ID, 10) + `">` + date + `</a>`
		}
		return `<div class="wp-block-comment-date"><time datetime="` + c.Date.Format(time.RFC3339) + `">` + date + `</time></div>`, true
	case "comment-content":
		return `<div class="wp-block-comment-content">` + c.Content + `</div>`, true
	case "comment-reply-link", "comment-edit-link":
		return "", true
	case "avatar":
		return avatar(site, c.Author, "external nofollow ugc", a), true
	}
	return "", false
}

// commentsTitle is the heading of the comments block: how many comments
// the post has and on what, as the block's attributes ask, or nothing
// when it has none.
func commentsTitle(site SiteData, post int64, a map[string]any) string {
	comments, ok := site.Comments(post)
	if !ok {
		return ""
	}
	n := countComments(comments)
	if n == 0 {
		return ""
	}
	p, _ := site.Post(post)
	var title string
	say := site.Locale().Say
	switch showCount, showTitle := defaultTrue(a, "showCommentsCount"), defaultTrue(a, "showPostTitle"); {
	case showCount && showTitle:
		title = say(locale.Responses, n, p.Text)
	case showCount:
		title = say(locale.ResponseCount, n)
	case showTitle:
		title = say(locale.ResponsesTo, n, p.Text)
	case n == 1:
		title = say(locale.Response)
	default:
		title = say(locale.ResponsesWord)
	}
	element := "h2"
	if v, ok := a["level"].(float64); ok && v >= 1 && v <= 6 {
		element = "h" + strconv.Itoa(int(v))
	}
	return "<" + element + ` id="comments" class="wp-block-comments-title">` + html.EscapeString(title) + "</" + element + ">"
}

func countComments(comments []Comment) int {
	n := len(comments)
	for _, c := range comments {
		n += countComments(c.Replies)
	}
	return n
}

// avatar shows a person's avatar, as WordPress's avatar block does, with
// the picture of the site's avatars (SiteData.Avatar): parc asks Gravatar
// for no one's picture, since its address would carry a hash of their
// email. Linked, as isLink asks, it leads to the person's address with
// the link relation rel.
func avatar(site SiteData, person Link, rel string, a map[string]any) string {
	src := site.Avatar()
	if !safeURL(src) || person.Text == "" {
		return ""
	}
	size := 96
	if v, ok := a["size"].(float64); ok && v >= 1 && v <= 512 {
		size = int(v)
	}
	n := strconv.Itoa(size)
	img := `<img alt="` + html.EscapeString(site.Locale().Say(locale.AvatarOf, person.Text)) + `" src="` + html.EscapeString(src) +
		`" class="avatar avatar-` + n + ` photo wp-block-avatar__image" width="` + n + `" height="` + n + `">`
	if flag(a, "isLink") && safeURL(person.URL) {
		if rel != "" {
			rel = ` rel="` + rel + `"`
		}
		img = `<a href="` + html.EscapeString(person.URL) + `"` + rel + `>` + img + `</a>`
	}
	return `<div class="wp-block-avatar">` + img + `</div>`
}

// blockAttributes reads a block's JSON attributes; unreadable ones leave
// the defaults.
func blockAttributes(attrs string) map[string]any {
	var a map[string]any
	if attrs != "" {
		_ = json.Unmarshal([]byte(attrs), &a)
	}
	return a
}

// commentForm keeps the words and structure of WordPress's comment form
// for a form that takes nothing: its heading, a notice that comments are
// closed, and the form's notes and field labels, without the fields (a
// served post keeps no form controls) and shown as closed.
func commentForm(l *locale.Locale) string {
	p := func(class, text string) string {
		return `<p class="` + class + `">` + html.EscapeString(text) + `</p>`
	}
	required := func(label string) string { return l.Say(label) + " *" }
	return `<div id="respond" class="comment-respond wp-block-post-comments-form">` +
		`<h3 id="reply-title" class="comment-reply-title">` + html.EscapeString(l.Say(locale.LeaveReply)) + `</h3>` +
		p("comments-closed", l.Say(locale.ReadOnly)) +
		`<div class="comment-form comment-form-closed">` +
		p("comment-notes", l.Say(locale.EmailUnshown)+" "+l.Say(locale.RequiredFields, "*")) +
		p("comment-form-comment", required(locale.FieldComment)) +
		p("comment-form-author", required(locale.FieldName)) +
		p("comment-form-email", required(locale.FieldEmail)) +
		p("comment-form-url", l.Say(locale.FieldWebsite)) +
		p("comment-form-cookies-consent", l.Say(locale.SaveCommenter)) +
		`</div></div>`
}
