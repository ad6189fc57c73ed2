package rest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parc-archive/parc/archive"
)

// MetaPasswordProtected marks a post the API served without its content
// because it is password-protected; the same key the page importer uses.
const MetaPasswordProtected = "parc:password_protected"

// MetaFeaturedMedia keeps the attachment id of a post's featured image, as
// WordPress's own _thumbnail_id post meta does.
const MetaFeaturedMedia = "_thumbnail_id"

// Index is what the API root (/wp-json/) says about the site.
type Index struct {
	Name        string
	Description string
	URL         string // the WordPress address (siteurl)
	Home        string // the site address readers use
	Namespaces  []string
	Routes      map[string]bool
}

// HasRoute reports whether the root lists a route, such as "/wp/v2/media".
// A root that lists no routes at all is trusted to have the core ones.
func (ix *Index) HasRoute(route string) bool {
	return len(ix.Routes) == 0 || ix.Routes[route]
}

// Site is the archive's record of the site the root describes.
func (ix *Index) Site() archive.Site {
	home := ix.Home
	if home == "" {
		home = ix.URL
	}
	return archive.Site{
		URL:         home,
		Title:       ix.Name,
		Link:        home,
		Description: ix.Description,
		BaseSiteURL: ix.URL,
		BaseBlogURL: home,
		Generator:   "WordPress REST API",
	}
}

// DecodeIndex reads the API root.
func DecodeIndex(data []byte) (*Index, error) {
	var raw struct {
		Name        string                     `json:"name"`
		Description string                     `json:"description"`
		URL         string                     `json:"url"`
		Home        string                     `json:"home"`
		Namespaces  []string                   `json:"namespaces"`
		Routes      map[string]json.RawMessage `json:"routes"`
	}
	if err := decodeObject(data, &raw); err != nil {
		return nil, err
	}
	if raw.URL == "" && raw.Home == "" && len(raw.Routes) == 0 {
		return nil, errors.New("not a WordPress REST API root: no url, home or routes")
	}
	ix := &Index{Name: raw.Name, Description: raw.Description, URL: raw.URL, Home: raw.Home,
		Namespaces: raw.Namespaces, Routes: make(map[string]bool, len(raw.Routes))}
	for route := range raw.Routes {
		ix.Routes[route] = true
	}
	return ix, nil
}

// PostType is one entry of /wp/v2/types.
type PostType struct {
	Slug      string
	RestBase  string
	Namespace string
	Viewable  bool // false only when the API says so (context=edit)
}

// DecodeTypes reads /wp/v2/types, an object keyed by type slug.
func DecodeTypes(data []byte) ([]PostType, error) {
	type entry struct {
		registryEntry
		Viewable *bool `json:"viewable"`
	}
	entries, err := decodeRegistry(data, func(e *entry) *registryEntry { return &e.registryEntry })
	if err != nil {
		return nil, err
	}
	types := make([]PostType, 0, len(entries))
	for _, e := range entries {
		types = append(types, PostType{Slug: e.Slug, RestBase: e.RestBase, Namespace: e.Namespace, Viewable: e.Viewable == nil || *e.Viewable})
	}
	return types, nil
}

// registryEntry is what the entries of /wp/v2/types and /wp/v2/taxonomies
// have in common.
type registryEntry struct {
	Slug      string `json:"slug"`
	RestBase  string `json:"rest_base"`
	Namespace string `json:"rest_namespace"`
}

// decodeRegistry reads an object keyed by slug, as /wp/v2/types and
// /wp/v2/taxonomies serve, into entries of type E whose common part
// common returns: a missing slug is the key, a missing namespace wp/v2.
func decodeRegistry[E any](data []byte, common func(*E) *registryEntry) ([]E, error) {
	var raw map[string]E
	if err := decodeObject(data, &raw); err != nil {
		return nil, err
	}
	entries := make([]E, 0, len(raw))
	for key, e := range raw {
		c := common(&e)
		if c.Slug == "" {
			c.Slug = key
		}
		if c.Namespace == "" {
			c.Namespace = "wp/v2"
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// rendered is the {"rendered": …, "raw": …} shape of titles, content,
// excerpts and guids.
type rendered struct {
	Rendered  string `json:"rendered"`
	Raw       string `json:"raw"`
	Protected bool   `json:"protected"`
}

// UnmarshalJSON also takes a bare string, which some plugins serve.
func (r *rendered) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		return json.Unmarshal(data, &r.Rendered)
	}
	type plain rendered
	return json.Unmarshal(data, (*plain)(r))
}

// restPost is one item of /wp/v2/posts, /pages, /media or a custom type.
type restPost struct {
	ID            int64           `json:"id"`
	Date          string          `json:"date"`
	DateGMT       string          `json:"date_gmt"`
	GUID          rendered        `json:"guid"`
	Modified      string          `json:"modified"`
	ModifiedGMT   string          `json:"modified_gmt"`
	Slug          string          `json:"slug"`
	Status        string          `json:"status"`
	Type          string          `json:"type"`
	Link          string          `json:"link"`
	Title         rendered        `json:"title"`
	Content       rendered        `json:"content"`
	Excerpt       rendered        `json:"excerpt"`
	Author        int64           `json:"author"`
	FeaturedMedia int64           `json:"featured_media"`
	Parent        int64           `json:"parent"`
	MenuOrder     int64           `json:"menu_order"`
	CommentStatus string          `json:"comment_status"`
	PingStatus    string          `json:"ping_status"`
	Sticky        bool            `json:"sticky"`
	Password      string          `json:"password"`
	Format        string          `json:"format"`
	Categories    []int64         `json:"categories"`
	Tags          []int64         `json:"tags"`
	Meta          json.RawMessage `json:"meta"`
	SourceURL     string          `json:"source_url"`
	AltText       string          `json:"alt_text"`
	Caption       rendered        `json:"caption"`
	Description   rendered        `json:"description"`
	MimeType      string          `json:"mime_type"`
}

// Lookup resolves the ids the API uses for users and terms into the
// logins and slugs the archive uses.
type Lookup struct {
	Users map[int64]string                  // user id → login (slug when the login is hidden)
	Terms map[string]map[int64]archive.Term // taxonomy → term id → term
	// TaxonomyFields maps a post's JSON field (its rest_base, such as
	// "categories") to the taxonomy whose term ids it lists.
	TaxonomyFields map[string]string
}

// NewLookup gives an empty lookup that knows the core taxonomies' fields.
func NewLookup() *Lookup {
	return &Lookup{
		Users:          map[int64]string{},
		Terms:          map[string]map[int64]archive.Term{},
		TaxonomyFields: map[string]string{"categories": "category", "tags": "post_tag"},
	}
}

// AddTerms makes terms known to the lookup.
func (l *Lookup) AddTerms(terms []archive.Term) {
	for _, t := range terms {
		if l.Terms[t.Taxonomy] == nil {
			l.Terms[t.Taxonomy] = map[int64]archive.Term{}
		}
		l.Terms[t.Taxonomy][t.ID] = t
	}
}

// DecodePosts reads a page of posts of any type. Users and terms the
// lookup does not know are left out of the post and reported, once each,
// in the returned problems.
func DecodePosts(data []byte, lookup *Lookup) ([]archive.Post, []string, error) {
	var raws []json.RawMessage
	if err := decodeArray(data, &raws); err != nil {
		return nil, nil, err
	}
	posts := make([]archive.Post, 0, len(raws))
	var problems []string
	for i, item := range raws {
		var rp restPost
		if err := json.Unmarshal(item, &rp); err != nil {
			return posts, problems, fmt.Errorf("item %d: %w", i, err)
		}
		if rp.ID <= 0 {
			return posts, problems, fmt.Errorf("item %d: no id", i)
		}
		var fields map[string]json.RawMessage
		json.Unmarshal(item, &fields) // item decoded above, so it is an object
		p, itemProblems := rp.post(fields, lookup)
		problems = append(problems, itemProblems...)
		posts = append(posts, p)
	}
	return posts, problems, nil
}

func (rp *restPost) post(fields map[string]json.RawMessage, lookup *Lookup) (archive.Post, []string) {
	p := archive.Post{
		ID: rp.ID, Type: rp.Type, Status: rp.Status, Parent: rp.Parent, MenuOrder: rp.MenuOrder,
		Title: plainTitle(rp.Title), Slug: rp.Slug, GUID: rp.GUID.Rendered, Link: rp.Link,
		Date: parseDate(rp.Date), DateGMT: parseDate(rp.DateGMT),
		Modified: parseDate(rp.Modified), ModifiedGMT: parseDate(rp.ModifiedGMT),
		ContentRaw: rp.Content.Raw, ContentRendered: rp.Content.Rendered,
		ExcerptRaw: rp.Excerpt.Raw, ExcerptRendered: rp.Excerpt.Rendered,
		CommentStatus: rp.CommentStatus, PingStatus: rp.PingStatus,
		Password: rp.Password, Sticky: rp.Sticky, AttachmentURL: rp.SourceURL,
	}
	if rp.GUID.Raw != "" {
		p.GUID = rp.GUID.Raw
	}
	if p.Type == "attachment" {
		// An attachment's text lives in its caption (post_excerpt) and
		// description (post_content).
		p.ContentRaw, p.ContentRendered = rp.Description.Raw, rp.Description.Rendered
		p.ExcerptRaw, p.ExcerptRendered = rp.Caption.Raw, rp.Caption.Rendered
		if rp.AltText != "" {
			p.Meta = append(p.Meta, archive.Meta{Key: "_wp_attachment_image_alt", Value: rp.AltText})
		}
		if rp.MimeType != "" {
			p.Meta = append(p.Meta, archive.Meta{Key: "parc:mime_type", Value: rp.MimeType})
		}
	}
	if rp.Content.Protected && rp.Content.Raw == "" && rp.Password == "" {
		p.Meta = append(p.Meta, archive.Meta{Key: MetaPasswordProtected, Value: "1"})
	}
	if rp.FeaturedMedia > 0 {
		p.Meta = append(p.Meta, archive.Meta{Key: MetaFeaturedMedia, Value: strconv.FormatInt(rp.FeaturedMedia, 10)})
	}
	p.Meta = append(p.Meta, decodeMeta(rp.Meta)...)

	var problems []string
	if rp.Author > 0 {
		if login, ok := lookup.Users[rp.Author]; ok {
			p.AuthorLogin = login
		} else {
			problems = append(problems, fmt.Sprintf("user %d is not among the users the API lists", rp.Author))
		}
	}
	for field, taxonomy := range lookup.TaxonomyFields {
		raw, ok := fields[field]
		if !ok {
			continue
		}
		var ids []int64
		if json.Unmarshal(raw, &ids) != nil {
			continue // a plugin's field of the same name, not term ids
		}
		for _, id := range ids {
			t, ok := lookup.Terms[taxonomy][id]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s term %d is not among the terms the API lists", taxonomy, id))
				continue
			}
			p.Terms = append(p.Terms, archive.TermRef{Taxonomy: taxonomy, Slug: t.Slug, Name: t.Name})
		}
	}
	// The order Go's maps visit taxonomies in must not change the post.
	slices.SortFunc(p.Terms, func(a, b archive.TermRef) int {
		return cmp.Or(cmp.Compare(a.Taxonomy, b.Taxonomy), cmp.Compare(a.Slug, b.Slug))
	})
	if rp.Format != "" && rp.Format != "standard" {
		slug := "post-format-" + rp.Format
		p.Terms = append(p.Terms, archive.TermRef{Taxonomy: "post_format", Slug: slug, Name: formatName(rp.Format)})
	}
	return p, problems
}

// formatName is the name WordPress gives a post format's term.
func formatName(format string) string {
	if format == "" {
		return ""
	}
	return strings.ToUpper(format[:1]) + format[1:]
}

// plainTitle is a title as text: the raw title when the API gives it
// (context=edit), else the rendered one with its entities decoded.
func plainTitle(r rendered) string {
	if r.Raw != "" {
		return r.Raw
	}
	return html.UnescapeString(r.Rendered)
}

// decodeMeta keeps registered meta the API exposes; WordPress serves an
// empty list when there is none and an object otherwise.
func decodeMeta(raw json.RawMessage) []archive.Meta {
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return nil
	}
	meta := make([]archive.Meta, 0, len(fields))
	for key, value := range fields {
		var s string
		if json.Unmarshal(value, &s) != nil {
			s = string(value)
		}
		meta = append(meta, archive.Meta{Key: key, Value: s})
	}
	slices.SortFunc(meta, func(a, b archive.Meta) int { return cmp.Compare(a.Key, b.Key) })
	return meta
}

// PostComment is a comment together with the id of the post it belongs to.
type PostComment struct {
	PostID  int64
	Comment archive.Comment
}

// DecodeComments reads a page of /wp/v2/comments.
func DecodeComments(data []byte) ([]PostComment, error) {
	var raws []struct {
		ID          int64           `json:"id"`
		Post        int64           `json:"post"`
		Parent      int64           `json:"parent"`
		Author      int64           `json:"author"`
		AuthorName  string          `json:"author_name"`
		AuthorEmail string          `json:"author_email"`
		AuthorURL   string          `json:"author_url"`
		AuthorIP    string          `json:"author_ip"`
		Date        string          `json:"date"`
		DateGMT     string          `json:"date_gmt"`
		Content     rendered        `json:"content"`
		Status      string          `json:"status"`
		Type        string          `json:"type"`
		Meta        json.RawMessage `json:"meta"`
	}
	if err := decodeArray(data, &raws); err != nil {
		return nil, err
	}
	comments := make([]PostComment, 0, len(raws))
	for i, rc := range raws {
		if rc.ID <= 0 {
			return comments, fmt.Errorf("comment item %d: no id", i)
		}
		comments = append(comments, PostComment{PostID: rc.Post, Comment: archive.Comment{
			ID: rc.ID, Parent: rc.Parent, Author: rc.AuthorName, AuthorEmail: rc.AuthorEmail,
			AuthorURL: rc.AuthorURL, AuthorIP: rc.AuthorIP,
			Date: parseDate(rc.Date), DateGMT: parseDate(rc.DateGMT),
			ContentRaw: rc.Content.Raw, ContentRendered: rc.Content.Rendered,
			Approved: approval(rc.Status), Type: rc.Type, UserID: rc.Author, Meta: decodeMeta(rc.Meta),
		}})
	}
	return comments, nil
}

// approval turns the API's comment status into the value WordPress stores.
func approval(status string) string {
	switch status {
	case "approved", "approve", "1":
		return archive.CommentApproved
	case "hold", "unapproved", "0":
		return archive.CommentPending
	case "spam":
		return archive.CommentSpam
	case "trash":
		return archive.CommentTrash
	case "post-trashed":
		return archive.CommentPostTrashed
	default:
		return status
	}
}

// DecodeTerms reads a page of a taxonomy's terms. The API names a parent by
// id; parents come before their children only by chance, so ParentSlug is
// resolved later by ResolveParents.
func DecodeTerms(data []byte, taxonomy string) ([]archive.Term, map[int64]int64, error) {
	var raws []struct {
		ID          int64           `json:"id"`
		Name        string          `json:"name"`
		Slug        string          `json:"slug"`
		Description string          `json:"description"`
		Taxonomy    string          `json:"taxonomy"`
		Parent      int64           `json:"parent"`
		Meta        json.RawMessage `json:"meta"`
	}
	if err := decodeArray(data, &raws); err != nil {
		return nil, nil, err
	}
	terms := make([]archive.Term, 0, len(raws))
	parents := map[int64]int64{}
	for i, rt := range raws {
		if rt.ID <= 0 {
			return terms, parents, fmt.Errorf("term item %d: no id", i)
		}
		tax := rt.Taxonomy
		if tax == "" {
			tax = taxonomy
		}
		terms = append(terms, archive.Term{ID: rt.ID, Taxonomy: tax, Slug: rt.Slug,
			Name: html.UnescapeString(rt.Name), Description: rt.Description, Meta: decodeMeta(rt.Meta)})
		if rt.Parent > 0 {
			parents[rt.ID] = rt.Parent
		}
	}
	return terms, parents, nil
}

// ResolveParents fills in each term's ParentSlug from the parent ids
// DecodeTerms returned, once all of a taxonomy's terms are known.
func ResolveParents(terms []archive.Term, parents map[int64]int64) {
	slugs := make(map[int64]string, len(terms))
	for _, t := range terms {
		slugs[t.ID] = t.Slug
	}
	for i := range terms {
		if parent, ok := parents[terms[i].ID]; ok {
			terms[i].ParentSlug = slugs[parent]
		}
	}
}

// DecodeUsers reads a page of /wp/v2/users. The login is only served with
// context=edit; the public API gives the slug (user_nicename), which is the
// login for most users and is what author archive links show.
func DecodeUsers(data []byte) ([]archive.Author, error) {
	var raws []struct {
		ID        int64  `json:"id"`
		Username  string `json:"username"`
		Name      string `json:"name"`
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
		Email     string `json:"email"`
		Slug      string `json:"slug"`
	}
	if err := decodeArray(data, &raws); err != nil {
		return nil, err
	}
	authors := make([]archive.Author, 0, len(raws))
	for i, ru := range raws {
		if ru.ID <= 0 {
			return authors, fmt.Errorf("user item %d: no id", i)
		}
		login := ru.Username
		if login == "" {
			login = ru.Slug
		}
		authors = append(authors, archive.Author{ID: ru.ID, Login: login, Email: ru.Email,
			DisplayName: ru.Name, FirstName: ru.FirstName, LastName: ru.LastName})
	}
	return authors, nil
}

// Taxonomy is one entry of /wp/v2/taxonomies.
type Taxonomy struct {
	Slug      string
	RestBase  string
	Namespace string
}

// DecodeTaxonomies reads /wp/v2/taxonomies, an object keyed by slug.
func DecodeTaxonomies(data []byte) ([]Taxonomy, error) {
	entries, err := decodeRegistry(data, func(e *registryEntry) *registryEntry { return e })
	if err != nil {
		return nil, err
	}
	taxonomies := make([]Taxonomy, 0, len(entries))
	for _, e := range entries {
		taxonomies = append(taxonomies, Taxonomy{Slug: e.Slug, RestBase: e.RestBase, Namespace: e.Namespace})
	}
	return taxonomies, nil
}

// parseDate reads the API's ISO 8601 dates, which carry no zone: "date" is
// the site's wall clock and "date_gmt" UTC. null and unparsable give zero.
func parseDate(s string) time.Time {
	for _, layout := range []string{"2006-01-02T15:04:05", time.RFC3339} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// decodeArray decodes a JSON array, saying what came instead when the body
// is something else (an error object, HTML from a caching plugin).
func decodeArray(data []byte, v any) error {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return fmt.Errorf("invalid JSON: expected a list, got %s", describeBody(trimmed))
	}
	if err := json.Unmarshal(trimmed, v); err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	return nil
}

func decodeObject(data []byte, v any) error {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return fmt.Errorf("invalid JSON: expected an object, got %s", describeBody(trimmed))
	}
	if err := json.Unmarshal(trimmed, v); err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	return nil
}

func describeBody(b []byte) string {
	switch {
	case len(b) == 0:
		return "an empty body"
	case b[0] == '<':
		return "HTML or XML"
	case b[0] == '{':
		return "an object"
	case b[0] == '[':
		return "a list"
	default:
		return fmt.Sprintf("%q", b[:min(len(b), 20)])
	}
}
