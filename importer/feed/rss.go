package feed

import (
	"bytes"
	"strings"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
	"github.com/mmcdole/gofeed/rss"
	"github.com/parc-archive/parc/archive"
)

func (p *parser) parseRSS(data []byte) (*Feed, error) {
	native, err := (&rss.Parser{}).Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	// The translator reads dates in every form RSS feeds use (RFC 822
	// variants, dc:date) and authors from dc:creator or <author>.
	universal, err := (&gofeed.DefaultRSSTranslator{}).Translate(native)
	if err != nil {
		return nil, err
	}
	ch := channel{
		site: archive.Site{
			URL:         strings.TrimSpace(native.Link),
			Title:       strings.TrimSpace(native.Title),
			Link:        strings.TrimSpace(native.Link),
			Description: strings.TrimSpace(native.Description),
			Language:    strings.TrimSpace(native.Language),
			Generator:   strings.TrimSpace(native.Generator),
		},
		lowerTitle: strings.ToLower(strings.TrimSpace(native.Title)),
	}
	for _, l := range findExt(native.Extensions, "atom", "link") {
		switch l.Attrs["rel"] {
		case "self":
			ch.self = l.Attrs["href"]
		case "next":
			ch.next = l.Attrs["href"]
		case "previous", "prev":
			ch.prev = l.Attrs["href"]
		}
	}
	wordpress := strings.Contains(native.Generator, "wordpress.org")
	for i, item := range native.Items {
		if i >= len(universal.Items) {
			break
		}
		u := universal.Items[i]
		e := entry{
			title:        strings.TrimSpace(item.Title),
			link:         strings.TrimSpace(item.Link),
			published:    u.PublishedParsed,
			updated:      u.UpdatedParsed,
			content:      item.Content,
			excerpt:      strings.TrimSpace(item.Description),
			commentFeed:  extValue(item.Extensions, "wfw", "commentRss"),
			commentCount: extValue(item.Extensions, "slash", "comments"),
		}
		// Without content:encoded a feed's description is the whole text,
		// except in WordPress's summary-only feeds, where it is the excerpt.
		if e.content == "" && !wordpress {
			e.content, e.excerpt = e.excerpt, ""
		}
		if item.GUID != nil {
			e.guid = strings.TrimSpace(item.GUID.Value)
		}
		if e.link == "" && item.GUID != nil && item.GUID.IsPermalink != "false" && strings.HasPrefix(e.guid, "http") {
			e.link = e.guid
		}
		if len(u.Authors) > 0 {
			e.authorName = strings.TrimSpace(u.Authors[0].Name)
			e.authorEmail = strings.TrimSpace(u.Authors[0].Email)
		}
		for _, c := range item.Categories {
			if name := strings.TrimSpace(c.Value); name != "" {
				e.categories = append(e.categories, name)
			}
		}
		for _, enc := range item.Enclosures {
			if enc != nil && enc.URL != "" {
				e.enclosures = append(e.enclosures, enc.URL)
			}
		}
		ch.entries = append(ch.entries, e)
	}
	return p.build(ch), nil
}

// findExt finds extension elements by the prefix gofeed files them under,
// falling back to any prefix: a feed may bind a namespace to another one.
func findExt(exts ext.Extensions, prefix, name string) []ext.Extension {
	if found := exts[prefix][name]; len(found) > 0 {
		return found
	}
	for _, byName := range exts {
		if found := byName[name]; len(found) > 0 {
			return found
		}
	}
	return nil
}

func extValue(exts ext.Extensions, prefix, name string) string {
	if found := findExt(exts, prefix, name); len(found) > 0 {
		return strings.TrimSpace(found[0].Value)
	}
	return ""
}
