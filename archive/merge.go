package archive

import (
	"encoding/json"
	"hash/fnv"
	"strings"
	"time"
)

// Authority ranks sources by how faithfully they carry a blog. Merging is
// the one mechanism by which sources meet: a source of lower authority only
// fills gaps; one of equal or higher authority replaces what it states; and
// an export, which states whole records, restates them — so a newer export
// can also clear a password, an excerpt or a meta key. A scraped page thus
// adds comments an export lacks but never overwrites the export's text.
type Authority int

const (
	AuthorityPage   Authority = 1 // saved or crawled HTML pages
	AuthorityFeed   Authority = 1 // RSS/Atom feeds
	AuthorityAPI    Authority = 2 // the WordPress REST API
	AuthorityExport Authority = 3 // WXR and other full exports
)

func fill(dst *string, src string, replace bool) {
	if src != "" && (replace || *dst == "") {
		*dst = src
	}
}

func fillInt(dst *int64, src int64, replace bool) {
	if src != 0 && (replace || *dst == 0) {
		*dst = src
	}
}

// mergeSite takes the newest word on a site's title and description from
// a source as authoritative as the one that stated them (replace), and
// only fills gaps from a lesser one.
func mergeSite(dst *Site, src Site, replace bool) {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&dst.Title, src.Title}, {&dst.Link, src.Link}, {&dst.Description, src.Description},
		{&dst.Language, src.Language}, {&dst.BaseSiteURL, src.BaseSiteURL}, {&dst.BaseBlogURL, src.BaseBlogURL},
		{&dst.WXRVersion, src.WXRVersion}, {&dst.Generator, src.Generator},
	} {
		fill(f.dst, f.src, replace)
	}
}

func mergeAuthor(dst *Author, src Author, replace bool) {
	fillInt(&dst.ID, src.ID, replace)
	fill(&dst.Email, src.Email, replace)
	fill(&dst.DisplayName, src.DisplayName, replace)
	fill(&dst.FirstName, src.FirstName, replace)
	fill(&dst.LastName, src.LastName, replace)
}

func mergeTerm(dst *Term, src Term, replace bool) {
	fillInt(&dst.ID, src.ID, replace)
	fill(&dst.Name, src.Name, replace)
	fill(&dst.Description, src.Description, replace)
	fill(&dst.ParentSlug, src.ParentSlug, replace)
	dst.Meta = mergeMeta(dst.Meta, src.Meta, replace)
}

// merging says how a record from a source meets the stored one.
type merging int

const (
	fillGaps  merging = iota // lower authority: only what the archive lacks
	overwrite                // what the source states replaces; silence keeps
	restate                  // the source states the whole record
)

func mergingFor(src, stored Authority, complete bool) merging {
	switch {
	case src < stored:
		return fillGaps
	case src == AuthorityExport && complete:
		return restate
	default:
		return overwrite
	}
}

// restatePost makes dst what a complete record says, keeping what that
// record cannot carry: the other form of content (a WXR has raw content,
// a Blogger export rendered), parc's own meta from other sources, and the
// status when the record names none.
func restatePost(dst *Post, src *Post) {
	kept := *dst
	*dst = *src
	dst.Comments, dst.Occurrence = kept.Comments, kept.Occurrence
	if dst.ID == 0 {
		dst.ID = kept.ID
	}
	fill(&dst.Type, kept.Type, false)
	fill(&dst.Status, kept.Status, false)
	if src.ContentRendered != "" || src.ExcerptRendered != "" {
		fill(&dst.ContentRaw, kept.ContentRaw, false)
		fill(&dst.ExcerptRaw, kept.ExcerptRaw, false)
	} else {
		dst.ContentRendered, dst.ExcerptRendered = kept.ContentRendered, kept.ExcerptRendered
	}
	dst.Meta = restateMeta(kept.Meta, src.Meta)
}

func restateComment(dst *Comment, src Comment) {
	kept := *dst
	*dst = src
	dst.ID = kept.ID
	if src.ContentRendered != "" {
		fill(&dst.ContentRaw, kept.ContentRaw, false)
	} else {
		dst.ContentRendered = kept.ContentRendered
	}
	dst.Meta = restateMeta(kept.Meta, src.Meta)
}

// restateMeta is a complete record's meta plus parc's own keys that other
// sources added and the record does not name.
func restateMeta(kept, stated []Meta) []Meta {
	named := keysOf(stated)
	out := append([]Meta(nil), stated...)
	for _, m := range kept {
		if strings.HasPrefix(m.Key, "parc:") && !named[m.Key] {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func mergePost(dst *Post, src *Post, how merging) {
	if how == restate {
		restatePost(dst, src)
		return
	}
	replace := how == overwrite
	if dst.ID == 0 {
		dst.ID = src.ID
	}
	fill(&dst.Type, src.Type, replace)
	fill(&dst.Status, src.Status, replace)
	fillInt(&dst.Parent, src.Parent, replace)
	fillInt(&dst.MenuOrder, src.MenuOrder, replace)
	fill(&dst.Title, src.Title, replace)
	fill(&dst.Slug, src.Slug, replace)
	fill(&dst.GUID, src.GUID, replace)
	fill(&dst.Link, src.Link, replace)
	fillTime(&dst.Date, src.Date, replace)
	fillTime(&dst.DateGMT, src.DateGMT, replace)
	fillTime(&dst.Modified, src.Modified, replace)
	fillTime(&dst.ModifiedGMT, src.ModifiedGMT, replace)
	fill(&dst.AuthorLogin, src.AuthorLogin, replace)
	fill(&dst.ContentRaw, src.ContentRaw, replace)
	fill(&dst.ContentRendered, src.ContentRendered, replace)
	fill(&dst.ExcerptRaw, src.ExcerptRaw, replace)
	fill(&dst.ExcerptRendered, src.ExcerptRendered, replace)
	fill(&dst.CommentStatus, src.CommentStatus, replace)
	fill(&dst.PingStatus, src.PingStatus, replace)
	fill(&dst.Password, src.Password, replace)
	if replace && src.Status != "" {
		dst.Sticky = src.Sticky
	}
	fill(&dst.AttachmentURL, src.AttachmentURL, replace)
	if len(src.Terms) > 0 && (replace || len(dst.Terms) == 0) {
		dst.Terms = src.Terms
	}
	dst.Meta = mergeMeta(dst.Meta, src.Meta, replace)
}

func fillTime(dst *time.Time, src time.Time, replace bool) {
	if !src.IsZero() && (replace || dst.IsZero()) {
		*dst = src
	}
}

func mergeComment(dst *Comment, src Comment, how merging) {
	if how == restate {
		restateComment(dst, src)
		return
	}
	replace := how == overwrite
	fillInt(&dst.Parent, src.Parent, replace)
	fill(&dst.Author, src.Author, replace)
	fill(&dst.AuthorEmail, src.AuthorEmail, replace)
	fill(&dst.AuthorURL, src.AuthorURL, replace)
	fill(&dst.AuthorIP, src.AuthorIP, replace)
	fillTime(&dst.Date, src.Date, replace)
	fillTime(&dst.DateGMT, src.DateGMT, replace)
	fill(&dst.ContentRaw, src.ContentRaw, replace)
	fill(&dst.ContentRendered, src.ContentRendered, replace)
	fill(&dst.Approved, src.Approved, replace)
	fill(&dst.Type, src.Type, replace)
	fillInt(&dst.UserID, src.UserID, replace)
	dst.Meta = mergeMeta(dst.Meta, src.Meta, replace)
}

// mergeMeta keeps every pair. A replacing source's pairs stand for the keys
// it names (WordPress allows a key more than once); keys it does not name
// are kept.
func mergeMeta(dst, src []Meta, replace bool) []Meta {
	if len(src) == 0 {
		return dst
	}
	if replace {
		return append(without(dst, keysOf(src)), src...)
	}
	return append(append([]Meta(nil), dst...), without(src, keysOf(dst))...)
}

func keysOf(meta []Meta) map[string]bool {
	keys := make(map[string]bool, len(meta))
	for _, m := range meta {
		keys[m.Key] = true
	}
	return keys
}

// without is the pairs of meta whose keys are not among keys.
func without(meta []Meta, keys map[string]bool) []Meta {
	var out []Meta
	for _, m := range meta {
		if !keys[m.Key] {
			out = append(out, m)
		}
	}
	return out
}

// syntheticCommentID gives a comment whose source shows no WordPress ID a
// stable negative one, so that importing it again finds it again.
func syntheticCommentID(c *Comment) int64 {
	h := fnv.New64a()
	h.Write([]byte(c.Author))
	h.Write([]byte{0})
	h.Write([]byte(formatTime(c.DateGMT) + formatTime(c.Date)))
	h.Write([]byte{0})
	h.Write([]byte(strings.TrimSpace(c.ContentRaw + c.ContentRendered)))
	return -int64(h.Sum64() >> 1)
}

// fingerprint is a canonical encoding used to tell whether a merge changed
// anything.
func fingerprint(v any) string {
	b, _ := json.Marshal(v) // model types always encode
	return string(b)
}
