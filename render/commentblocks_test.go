package render

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestCommentBlocks renders the comments block's parts for the posts of
// fixedSite: the thread with its authors, dates and words, the title, and
// avatars, in the blog's language; nothing of a protected post's.
func TestCommentBlocks(t *testing.T) {
	const template = `<!-- wp:comment-template --><!-- wp:avatar {"size":40} /--><!-- wp:comment-author-name /--><!-- wp:comment-date /-->` +
		`<!-- wp:comment-content /--><!-- wp:comment-reply-link /--><!-- wp:comment-edit-link /--><!-- /wp:comment-template -->`
	for _, tc := range []struct {
		name string
		post int64
		lang string
		in   string
		want string
	}{
		{"thread", 2, "", template,
			`<ol class="wp-block-comment-template"><li id="comment-5" class="comment depth-1"><div class="wp-block-avatar"><img alt="Ann Avatar" src="/static/avatar.svg" ` +
				`class="avatar avatar-40 photo wp-block-avatar__image" width="40" height="40"></div><div class="wp-block-comment-author-name">` +
				`<a rel="external nofollow ugc" href="https://ann.example/">Ann</a></div><div class="wp-block-comment-date"><time datetime="2023-03-21T09:00:00Z">` +
				`<a href="#comment-5">March 21, 2023</a></time></div><div class="wp-block-comment-content"><p>First &#91;gallery] &amp; more</p></div>` +
				`<ol class="children"><li id="comment-6" class="comment depth-2"><div class="wp-block-avatar"><img alt="Mara Avatar" src="/static/avatar.svg" ` +
				`class="avatar avatar-40 photo wp-block-avatar__image" width="40" height="40"></div><div class="wp-block-comment-author-name">Mara</div>` +
				`<div class="wp-block-comment-content"><p>Thanks</p></div></li></ol></li></ol>`},
		{"unlinked author and date", 2, "", `<!-- wp:comment-template --><!-- wp:comment-author-name {"isLink":false} /--><!-- wp:comment-date {"isLink":false} /--><!-- /wp:comment-template -->`,
			`<ol class="wp-block-comment-template"><li id="comment-5" class="comment depth-1"><div class="wp-block-comment-author-name">Ann</div>` +
				`<div class="wp-block-comment-date"><time datetime="2023-03-21T09:00:00Z">March 21, 2023</time></div>` +
				`<ol class="children"><li id="comment-6" class="comment depth-2"><div class="wp-block-comment-author-name">Mara</div></li></ol></li></ol>`},
		{"title", 2, "", `<!-- wp:comments-title /-->`, `<h2 id="comments" class="wp-block-comments-title">2 responses to “Newer”</h2>`},
		{"title without the post's", 2, "", `<!-- wp:comments-title {"showPostTitle":false,"level":3} /-->`, `<h3 id="comments" class="wp-block-comments-title">2 responses</h3>`},
		{"title without the count", 2, "", `<!-- wp:comments-title {"showCommentsCount":false} /-->`, `<h2 id="comments" class="wp-block-comments-title">Responses to “Newer”</h2>`},
		{"title alone", 2, "", `<!-- wp:comments-title {"showCommentsCount":false,"showPostTitle":false} /-->`, `<h2 id="comments" class="wp-block-comments-title">Responses</h2>`},
		{"German title", 2, "de-DE", `<!-- wp:comments-title /-->`, `<h2 id="comments" class="wp-block-comments-title">2 Antworten auf „Newer“</h2>`},
		{"the post author's avatar", 2, "", `<!-- wp:avatar /-->`,
			`<div class="wp-block-avatar"><img alt="Ann Author Avatar" src="/static/avatar.svg" class="avatar avatar-96 photo wp-block-avatar__image" width="96" height="96"></div>`},
		{"linked, in German", 2, "de-DE", `<!-- wp:avatar {"isLink":true,"size":24} /-->`,
			`<div class="wp-block-avatar"><a href="/author/ann/"><img alt="Avatar von Ann Author" src="/static/avatar.svg" class="avatar avatar-24 photo wp-block-avatar__image" width="24" height="24"></a></div>`},
		{"no comments", 3, "", `<!-- wp:comments-title /-->` + template, ``},
		{"protected", 1, "", `<!-- wp:comments-title /-->` + template + `<!-- wp:post-comments-form /-->`, ``},
		// The form keeps WordPress's words for a form that takes nothing,
		// and says so; no one logs in.
		{"comment form", 3, "", `<!-- wp:post-comments-form /--><!-- wp:loginout /-->`,
			`<div id="respond" class="comment-respond wp-block-post-comments-form"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>` +
				`<p class="comments-closed">Comments are closed: this is a read-only archive.</p><div class="comment-form comment-form-closed">` +
				`<p class="comment-notes">Your email address will not be published. Required fields are marked *</p><p class="comment-form-comment">Comment *</p>` +
				`<p class="comment-form-author">Name *</p><p class="comment-form-email">Email *</p><p class="comment-form-url">Website</p>` +
				`<p class="comment-form-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</p></div></div>`},
		{"French comment form", 2, "fr-FR", `<!-- wp:post-comments-form /-->`,
			`<div id="respond" class="comment-respond wp-block-post-comments-form"><h3 id="reply-title" class="comment-reply-title">Laisser un commentaire</h3>` +
				`<p class="comments-closed">Les commentaires sont fermés : ceci est une archive en lecture seule.</p><div class="comment-form comment-form-closed">` +
				`<p class="comment-notes">Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *</p><p class="comment-form-comment">Commentaire *</p>` +
				`<p class="comment-form-author">Nom *</p><p class="comment-form-email">E-mail *</p><p class="comment-form-url">Site web</p>` +
				`<p class="comment-form-cookies-consent">Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.</p></div></div>`},
	} {
		r := Renderer{Site: fixedSite{lang: tc.lang}, Post: tc.post}
		if got := strings.TrimSpace(r.HTML(tc.in)); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
	// However many comment templates a post holds, they show
	// maxLoopComments comments in all.
	r := Renderer{Site: fixedSite{}, Post: 2}
	if n := strings.Count(r.HTML(strings.Repeat(template, maxLoopComments)), `<li id="comment-`); n != maxLoopComments {
		t.Errorf("%d comment templates show %d comments, want %d", maxLoopComments, n, maxLoopComments)
	}
}

// countingSite counts how often the archive is asked for comments.
type countingSite struct {
	fixedSite
	asked *int
}

func (s countingSite) Comments(id int64) ([]Comment, bool) {
	*s.asked++
	return s.fixedSite.Comments(id)
}

// TestCommentsReadOnce checks that a comments block's title, template and
// form read the post's comments from the archive once.
func TestCommentsReadOnce(t *testing.T) {
	asked := 0
	r := Renderer{Site: countingSite{asked: &asked}, Post: 2}
	r.HTML(`<!-- wp:comments --><!-- wp:comments-title /--><!-- wp:comment-template --><!-- wp:comment-content /--><!-- /wp:comment-template -->` +
		`<!-- wp:post-comments-form /--><!-- /wp:comments --><!-- wp:post-comments-form /-->`)
	if asked != 1 {
		t.Errorf("the post's comments were read %d times, want once", asked)
	}
}

// hostileSite is fixedSite with a commenter whose name, address and
// words are shortcodes.
type hostileSite struct{ fixedSite }

const (
	hostileName = `[video src="https://evil.example/a.mp4"]`
	hostileURL  = `https://evil.example/[audio src=https://evil.example/b.mp3]`
)

func (hostileSite) Comments(int64) ([]Comment, bool) {
	return []Comment{{ID: 7, Author: Link{Text: hostileName, URL: hostileURL}, Content: "<p>[playlist ids=1]</p>"}}, true
}

func (hostileSite) LatestComments(int) []CommentSummary {
	return []CommentSummary{{Author: Link{Text: hostileName, URL: hostileURL}, Post: Link{Text: "[audio src=https://evil.example/c.mp3]", URL: "/2/#comment-7"},
		Text: "[video src=https://evil.example/d.mp4]"}}
}

// TestCommenterRunsNoShortcode: what a commenter wrote — their name, their
// address, their words — shows as they typed it in the comments block and
// the latest comments, and runs no shortcode: no player is added to the
// page, and the avatar's name and the links' addresses stay whole.
func TestCommenterRunsNoShortcode(t *testing.T) {
	r := Renderer{Site: hostileSite{}, Post: 2}
	got := r.HTML(`<!-- wp:comment-template --><!-- wp:avatar {"isLink":true} /--><!-- wp:comment-author-name /--><!-- wp:comment-content /--><!-- /wp:comment-template -->` +
		`<!-- wp:latest-comments /-->`)
	doc, err := html.Parse(strings.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	var alts, hrefs, texts, players []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			texts = append(texts, n.Data)
		case n.DataAtom == atom.Video || n.DataAtom == atom.Audio || n.DataAtom == atom.Source || n.DataAtom == atom.Figure:
			players = append(players, n.Data)
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "alt":
				alts = append(alts, a.Val)
			case "href":
				hrefs = append(hrefs, a.Val)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(players) > 0 {
		t.Errorf("a commenter's shortcodes added %q:\n%s", players, got)
	}
	if want := []string{hostileName + " Avatar"}; !slices.Equal(alts, want) {
		t.Errorf("avatar names %q, want %q", alts, want)
	}
	if want := []string{hostileURL, hostileURL, hostileURL, "/2/#comment-7"}; !slices.Equal(hrefs, want) {
		t.Errorf("links lead to %q, want %q", hrefs, want)
	}
	shown := strings.Join(texts, "|")
	for _, want := range []string{hostileName, "[playlist ids=1]", "[audio src=https://evil.example/c.mp3]", "[video src=https://evil.example/d.mp4]"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the page does not show %q as typed: %s", want, shown)
		}
	}
}
