package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strconv"
	"time"

	"golang.org/x/text/language"

	"github.com/parc-archive/parc/locale"
)

// viewNames are the page templates; each is parsed with the layout and
// partials at start-up, so a broken or missing one fails New.
var viewNames = []string{"list", "post", "search", "sites", "matches", "error"}

type views struct {
	// pages holds each view once for every language, its words and dates
	// written in that language.
	pages map[language.Tag]map[string]*template.Template
}

func parseViews(theme fs.FS, assets *assets, catalog *locale.Catalog) (*views, error) {
	english := catalog.For("en")
	common, err := template.New("layout").Funcs(localeFuncs(english)).Funcs(template.FuncMap{
		"asset": assets.url,
		// Dates shown are the site's local wall clock, whose offset the
		// page does not know: HTML's local date-time form says just that.
		"isoDate": func(t time.Time) string { return t.Format("2006-01-02T15:04:05") },
	}).ParseFS(theme, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("site: templates: %w", err)
	}
	v := &views{pages: map[language.Tag]map[string]*template.Template{}}
	for _, name := range viewNames {
		t, err := template.Must(common.Clone()).ParseFS(theme, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("site: template %s: %w", name, err)
		}
		if t.Lookup("main") == nil {
			return nil, fmt.Errorf("site: template %s defines no \"main\"", name)
		}
		for _, tag := range catalog.Tags() {
			if v.pages[tag] == nil {
				v.pages[tag] = map[string]*template.Template{}
			}
			v.pages[tag][name] = template.Must(t.Clone()).Funcs(localeFuncs(catalog.For(tag.String())))
		}
	}
	return v, nil
}

// localeFuncs are the template functions that write words and dates in
// the site's language: say (one of locale's strings, with its plural
// form), longDate, clock and dateTime.
func localeFuncs(l *locale.Locale) template.FuncMap {
	return template.FuncMap{
		"say":      l.Say,
		"longDate": l.Date,
		"clock":    l.Time,
		"dateTime": l.DateTime,
	}
}

func (v *views) render(name string, data *pageView) ([]byte, error) {
	var buf bytes.Buffer
	page := v.pages[data.locale.Tag()][name]
	if err := page.ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, fmt.Errorf("site: rendering %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// pageView is what the layout shows around every page.
type pageView struct {
	locale    *locale.Locale // the language of Site.Lang, that the page is written in
	Site      siteView
	Title     string
	Canonical string
	NoIndex   bool
	Query     string
	Feeds     []feedLink
	Main      any
}

type siteView struct {
	Title, Tagline, Lang string
	Home, Search, Feed   string
	Sites                string // the front page of several sites
	Nav                  []linkView
}

type feedLink struct{ Title, Type, URL string }

type linkView struct{ Title, URL string }

type termView struct{ Name, URL string }

type authorView struct{ Name, URL string }

// cardView is a post in a listing.
type cardView struct {
	Title, URL   string
	Date         time.Time
	Author       *authorView
	Categories   []termView
	Content      template.HTML
	More         bool
	Protected    bool
	Sticky       bool
	CommentCount int
}

type pagerView struct {
	Page, Pages int
	Prev, Next  string
}

type listView struct {
	Heading, Description string
	Children             []termView
	Feed                 string
	Posts                []cardView
	Pager                pagerView
}

// postView is a single post, page or attachment.
type postView struct {
	Type, Title, URL string
	Date             time.Time
	Author           *authorView
	Categories, Tags []termView
	Content          template.HTML
	Protected        bool
	AttachmentURL    string
	IsImage          bool
	Parent           *linkView
	Children         []linkView
	PageLinks        []pageLink
	Previous, Next   *linkView
	Discussion       *discussionView
}

type pageLink struct {
	Number  int
	URL     string
	Current bool
}

type discussionView struct {
	PostTitle string
	Count     int
	Threads   []*commentView
	Pings     []*commentView
	Feed      string
}

type commentView struct {
	ID              int64
	Depth           int
	Author          string
	AuthorURL       string
	Date            time.Time
	Content         template.HTML
	InReplyTo       int64 // set when shown below the depth cap, not under its parent
	InReplyToAuthor string
	Replies         []*commentView
}

type searchView struct {
	Query       string
	Total       uint64
	Hits        []hitView
	Facets      []facetView
	Pager       pagerView
	Unavailable bool
	Error       string
}

type hitView struct {
	Kind, Title, URL, Author string
	Date                     time.Time
	Snippet                  template.HTML
	Comments                 []hitView // a post's best-matching comments
	MoreComments             int       // its other comments that match
}

type facetView struct {
	Name   string
	Values []facetValue
}

type facetValue struct {
	Value, URL string
	Count      int
}

type siteCardView struct {
	Title, Tagline, URL, Original string
	Posts, Pages, Comments        int
}

type errorView struct{ Heading, Message string }

// matchView is one page an old link at the root of several sites may
// mean.
type matchView struct{ Title, URL, Site, Original string }

func itoa(n int) string { return strconv.Itoa(n) }
