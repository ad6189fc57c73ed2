package site

import (
	"context"
	"encoding/xml"
	"html"
	"net/http"
	"time"

	"github.com/parc-archive/parc/locale"
	"github.com/parc-archive/parc/render"
)

// feedItems is how many entries a feed carries, WordPress's default.
const feedItems = 10

// feedItem is one entry of an RSS or Atom feed.
type feedItem struct {
	title, link, guid, author string
	date, updated             time.Time
	categories                []string
	content                   string // sanitized HTML
}

type feedMeta struct {
	title, description, link, self, lang string
	updated                              time.Time
}

// postsFeed is the feed of a listing: the site, a term or an author.
func (s *Server) postsFeed(ctx context.Context, req *request, title, base string, posts []*entry, kind string) *response {
	sd := req.site
	// A notice in the site's language stands in for the content of a
	// password-protected post.
	protectedNotice := "<p>" + html.EscapeString(sd.locale.Say(locale.PasswordProtected)) + "</p>"
	var items []feedItem
	for _, e := range posts[:min(len(posts), feedItems)] {
		item := feedItem{title: e.title, link: req.absolute(e.path), guid: e.GUID, date: e.DateGMT, updated: e.ModifiedGMT}
		if item.date.IsZero() {
			item.date = e.Date
		}
		if a := sd.authors[e.AuthorLogin]; a != nil {
			item.author = a.Name
		}
		cats, tags := sd.termViews(e.Terms)
		for _, t := range append(cats, tags...) {
			item.categories = append(item.categories, t.Name)
		}
		item.content = protectedNotice
		if !e.Protected {
			content, err := s.store.Content(ctx, e.Key)
			if err != nil {
				return s.unavailable(req, err)
			}
			item.content = s.sanitizer.SanitizePost(s.renderer(ctx, sd, e.ID, nil).Shown(content.Raw, content.Rendered))
		}
		items = append(items, item)
	}
	meta := feedMeta{title: sd.plainTitle(title), description: sd.Description, link: req.absolute(base), self: req.absolute(req.URL.EscapedPath()), lang: sd.Language, updated: req.snap.modified}
	return s.feed(req, meta, items, kind)
}

// postCommentsFeed is the feed of one post's approved comments.
func (s *Server) postCommentsFeed(ctx context.Context, req *request, e *entry, kind string) *response {
	if e.Protected {
		return s.notFound(req)
	}
	sp, err := s.store.Post(ctx, e.Key)
	if err != nil {
		return s.unavailable(req, err)
	}
	var items []feedItem
	for i := len(sp.Comments) - 1; i >= 0 && len(items) < feedItems; i-- {
		c := &sp.Comments[i]
		if !c.Public() {
			continue
		}
		v := s.commentView(req.site, c, 1)
		items = append(items, feedItem{
			title: req.site.locale.Say(locale.FeedCommentBy, v.Author), link: req.absolute(e.path) + "#comment-" + itoa(int(c.ID)),
			author: v.Author, date: c.DateGMT, content: string(v.Content),
		})
		if items[len(items)-1].date.IsZero() {
			items[len(items)-1].date = c.Date
		}
	}
	meta := feedMeta{title: req.site.locale.Say(locale.PostComments, e.title), link: req.absolute(e.path), self: req.absolute(req.URL.EscapedPath()), lang: req.site.Language, updated: req.snap.modified}
	return s.feed(req, meta, items, kind)
}

// siteCommentsFeed is the feed of the site's newest approved comments on
// public posts, newest first, whichever posts they are on.
func (s *Server) siteCommentsFeed(ctx context.Context, req *request, kind string) *response {
	sd := req.site
	comments, err := s.store.RecentComments(ctx, sd.URL, feedItems)
	if err != nil {
		return s.unavailable(req, err)
	}
	var items []feedItem
	for i := range comments {
		c := &comments[i]
		// Only what the site shows: the store's rule and the snapshot's
		// agree, but a comment must never leak through a disagreement.
		e := sd.byKey[c.PostKey]
		if e == nil || e.Protected || !c.Public() {
			continue
		}
		v := s.commentView(sd, &c.Comment, 1)
		date := c.DateGMT
		if date.IsZero() {
			date = c.Date
		}
		items = append(items, feedItem{
			title: sd.locale.Say(locale.FeedCommentOn, e.title, v.Author), link: req.absolute(e.path) + "#comment-" + itoa(int(c.ID)),
			author: v.Author, date: date, content: string(v.Content),
		})
	}
	meta := feedMeta{title: sd.locale.Say(locale.SiteComments, sd.plainTitle(sd.Title)), link: req.absolute(sd.mount + "/"), self: req.absolute(req.URL.EscapedPath()), lang: sd.Language, updated: req.snap.modified}
	return s.feed(req, meta, items, kind)
}

func (s *Server) feed(req *request, meta feedMeta, items []feedItem, kind string) *response {
	var doc any
	contentType := "application/rss+xml; charset=utf-8"
	if kind == "atom" {
		contentType = "application/atom+xml; charset=utf-8"
		doc = atomOf(meta, items)
	} else {
		doc = rssOf(meta, items)
	}
	body, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return s.unavailable(req, err)
	}
	body = s.localMedia(req.Context(), req, body, true)
	resp := newResponse(http.StatusOK, contentType, append([]byte(xml.Header), body...), req.snap.modified)
	resp.cacheable = true
	return resp
}

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Content string     `xml:"xmlns:content,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	SelfLink      atomLink  `xml:"atom:link"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Language      string    `xml:"language,omitempty"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	Creator     string   `xml:"dc:creator,omitempty"`
	PubDate     string   `xml:"pubDate,omitempty"`
	Categories  []string `xml:"category"`
	GUID        rssGUID  `xml:"guid"`
	Description string   `xml:"description"`
	Content     string   `xml:"content:encoded"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

func rssOf(meta feedMeta, items []feedItem) rssDoc {
	doc := rssDoc{Version: "2.0", Content: "http://purl.org/rss/1.0/modules/content/", DC: "http://purl.org/dc/elements/1.1/", Atom: "http://www.w3.org/2005/Atom"}
	doc.Channel = rssChannel{
		Title: meta.title, SelfLink: atomLink{Href: meta.self, Rel: "self", Type: "application/rss+xml"},
		Link: meta.link, Description: meta.description, Language: meta.lang,
	}
	if !meta.updated.IsZero() {
		doc.Channel.LastBuildDate = meta.updated.UTC().Format(time.RFC1123Z)
	}
	for _, it := range items {
		guid := rssGUID{Value: it.guid}
		if guid.Value == "" {
			guid = rssGUID{IsPermaLink: true, Value: it.link}
		}
		item := rssItem{Title: it.title, Link: it.link, Creator: it.author, Categories: it.categories, GUID: guid,
			Description: render.Text(it.content), Content: it.content}
		if !it.date.IsZero() {
			item.PubDate = it.date.UTC().Format(time.RFC1123Z)
		}
		doc.Channel.Items = append(doc.Channel.Items, item)
	}
	return doc
}

type atomDoc struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	Links      []atomLink     `xml:"link"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
	Content    atomText       `xml:"content"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

func atomOf(meta feedMeta, items []feedItem) atomDoc {
	doc := atomDoc{
		Lang: meta.lang, Title: meta.title, Subtitle: meta.description, ID: meta.self, Updated: atomTime(meta.updated),
		Links: []atomLink{{Href: meta.link, Rel: "alternate", Type: "text/html"}, {Href: meta.self, Rel: "self", Type: "application/atom+xml"}},
	}
	for _, it := range items {
		id := it.guid
		if id == "" {
			id = it.link
		}
		updated := it.updated
		if updated.IsZero() {
			updated = it.date
		}
		entry := atomEntry{
			Title: it.title, Links: []atomLink{{Href: it.link, Rel: "alternate", Type: "text/html"}}, ID: id,
			Published: atomTime(it.date), Updated: atomTime(updated), Content: atomText{Type: "html", Body: it.content},
		}
		if it.author != "" {
			entry.Author = &atomPerson{Name: it.author}
		}
		for _, c := range it.categories {
			entry.Categories = append(entry.Categories, atomCategory{Term: c})
		}
		doc.Entries = append(doc.Entries, entry)
	}
	return doc
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}
