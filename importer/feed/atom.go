package feed

import (
	"bytes"
	"html"
	"strings"

	"github.com/mmcdole/gofeed/atom"
	"github.com/parc-archive/parc/archive"
)

func (p *parser) parseAtom(data []byte) (*Feed, error) {
	native, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	ch := channel{
		site: archive.Site{
			Title:       strings.TrimSpace(native.Title),
			Description: strings.TrimSpace(native.Subtitle),
			Language:    strings.TrimSpace(native.Language),
		},
		lowerTitle: strings.ToLower(strings.TrimSpace(native.Title)),
	}
	if g := native.Generator; g != nil {
		ch.site.Generator = strings.TrimSpace(strings.TrimSpace(g.Value + " " + g.Version))
	}
	for _, l := range native.Links {
		switch l.Rel {
		case "", "alternate":
			if ch.site.URL == "" {
				ch.site.URL = strings.TrimSpace(l.Href)
				ch.site.Link = ch.site.URL
			}
		case "self":
			ch.self = l.Href
		case "next":
			ch.next = l.Href
		case "previous", "prev":
			ch.prev = l.Href
		}
	}
	for _, en := range native.Entries {
		e := entry{
			title:     strings.TrimSpace(en.Title),
			guid:      strings.TrimSpace(en.ID),
			published: en.PublishedParsed,
			updated:   en.UpdatedParsed,
			excerpt:   strings.TrimSpace(en.Summary),
		}
		if e.published == nil {
			e.published = en.UpdatedParsed
		}
		if en.Content != nil {
			e.content = en.Content.Value
			if t := strings.ToLower(en.Content.Type); t == "" || t == "text" || t == "text/plain" {
				e.content = html.EscapeString(e.content)
			}
		}
		for _, l := range en.Links {
			switch l.Rel {
			case "", "alternate":
				if e.link == "" {
					e.link = strings.TrimSpace(l.Href)
				}
			case "replies":
				if strings.Contains(l.Type, "atom") {
					e.commentFeed = strings.TrimSpace(l.Href)
				}
			case "enclosure":
				e.enclosures = append(e.enclosures, l.Href)
			}
		}
		if len(en.Authors) > 0 && en.Authors[0] != nil {
			e.authorName = strings.TrimSpace(en.Authors[0].Name)
			e.authorEmail = strings.TrimSpace(en.Authors[0].Email)
			e.authorURI = strings.TrimSpace(en.Authors[0].URI)
		}
		for _, c := range en.Categories {
			name := strings.TrimSpace(c.Term)
			if c.Label != "" {
				name = strings.TrimSpace(c.Label)
			}
			if name != "" {
				e.categories = append(e.categories, name)
			}
		}
		if r := findExt(en.Extensions, "thr", "in-reply-to"); len(r) > 0 {
			e.inReplyTo = r[0].Attrs["ref"]
		}
		ch.entries = append(ch.entries, e)
	}
	return p.build(ch), nil
}
