package rest

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
)

// What a listing holds, which decides how its pages are read.
const (
	holdsUsers    = "users"
	holdsTerms    = "terms"
	holdsPosts    = "posts"
	holdsComments = "comments"
)

// listing is one paged collection: its name for messages and progress,
// its route and query, what it holds and, once collected, its pages.
type listing struct {
	name     string
	route    string
	params   url.Values
	holds    string
	taxonomy string // for terms
	postType string // for posts
	pages    []string
}

// collect fetches and saves every page of every listing, in the order the
// archive needs them: users and terms before the posts that name them,
// posts before the comments that attach to them. It returns the listings
// read so far, with the error that stopped it.
func (in *run) collect(ctx context.Context) ([]listing, error) {
	listings := []listing{{name: "users", route: "/wp/v2/users", params: in.editParams(nil), holds: holdsUsers}}
	for _, t := range in.taxonomies(ctx) {
		listings = append(listings, listing{name: t.Slug + " terms", route: "/" + t.Namespace + "/" + t.RestBase,
			params: in.editParams(nil), holds: holdsTerms, taxonomy: t.Slug})
	}
	for _, pt := range in.listPostTypes(ctx) {
		params := url.Values{}
		if in.auth && pt.Slug != "attachment" {
			params.Set("status", "any")
		}
		listings = append(listings, listing{name: pt.RestBase, route: "/" + pt.Namespace + "/" + pt.RestBase,
			params: in.editParams(params), holds: holdsPosts, postType: pt.Slug})
	}
	for _, typ := range commentTypes {
		params := url.Values{}
		if typ != "comment" {
			params.Set("type", typ)
		}
		if in.auth {
			params.Set("status", "all") // approved and held; spam and trash stay out
		}
		listings = append(listings, listing{name: typ + "s", route: "/wp/v2/comments", params: in.editParams(params), holds: holdsComments})
	}
	for i := range listings {
		if err := ctx.Err(); err != nil {
			return listings[:i], err
		}
		pages, err := in.walk(ctx, &listings[i])
		listings[i].pages = pages
		if err != nil {
			return listings[:i+1], err
		}
	}
	return listings, nil
}

// editParams asks for raw content and every status when authenticated.
func (in *run) editParams(extra url.Values) url.Values {
	params := url.Values{}
	for k, v := range extra {
		params[k] = v
	}
	if in.auth {
		params.Set("context", "edit")
	}
	return params
}

// skippedTaxonomies are the theme and menu taxonomies that are not blog
// content, and post formats, which a post's "format" field gives.
var skippedTaxonomies = map[string]bool{"nav_menu": true, "wp_theme": true, "wp_template_part_area": true, "wp_pattern_category": true, "post_format": true}

// taxonomies lists categories, tags and the custom taxonomies the API
// lists, and teaches the lookup which post field names each one's terms.
func (in *run) taxonomies(ctx context.Context) []Taxonomy {
	core := []Taxonomy{{Slug: "category", RestBase: "categories", Namespace: "wp/v2"}, {Slug: "post_tag", RestBase: "tags", Namespace: "wp/v2"}}
	if !in.index.HasRoute("/wp/v2/taxonomies") {
		return core
	}
	var custom []Taxonomy
	err := in.object(ctx, in.endpoint("/wp/v2/taxonomies", in.editParams(nil)), func(body []byte) error {
		listed, err := DecodeTaxonomies(body)
		for _, t := range listed {
			if !skippedTaxonomies[t.Slug] && t.RestBase != "" && t.Slug != "category" && t.Slug != "post_tag" {
				custom = append(custom, t)
			}
		}
		return err
	})
	if err := in.skippable(err, "taxonomies (only categories and tags are read)"); err != nil {
		in.out.Warn(fmt.Sprintf("%v: only categories and tags are read", err))
	}
	slices.SortFunc(custom, func(a, b Taxonomy) int { return cmp.Compare(a.Slug, b.Slug) })
	for _, t := range custom {
		in.lookup.TaxonomyFields[t.RestBase] = t.Slug
	}
	return append(core, custom...)
}

// coreTypes are read whatever /wp/v2/types says.
var coreTypes = []PostType{
	{Slug: "post", RestBase: "posts", Namespace: "wp/v2", Viewable: true},
	{Slug: "page", RestBase: "pages", Namespace: "wp/v2", Viewable: true},
	{Slug: "attachment", RestBase: "media", Namespace: "wp/v2", Viewable: true},
}

// skippedTypes are the theme's templates, menus and styles: site
// configuration, not content.
var skippedTypes = map[string]bool{"nav_menu_item": true, "wp_template": true, "wp_template_part": true,
	"wp_navigation": true, "wp_global_styles": true, "wp_font_family": true, "wp_font_face": true}

// listPostTypes lists the post types to read: the core ones, then the
// custom types /wp/v2/types lists as viewable.
func (in *run) listPostTypes(ctx context.Context) []PostType {
	types := slices.Clone(coreTypes)
	if !in.index.HasRoute("/wp/v2/types") {
		return types
	}
	err := in.object(ctx, in.endpoint("/wp/v2/types", in.editParams(nil)), func(body []byte) error {
		listed, err := DecodeTypes(body)
		slices.SortFunc(listed, func(a, b PostType) int { return cmp.Compare(a.Slug, b.Slug) })
		for _, t := range listed {
			core := t.Slug == "post" || t.Slug == "page" || t.Slug == "attachment"
			if !core && !skippedTypes[t.Slug] && t.Viewable && t.RestBase != "" {
				types = append(types, t)
			}
		}
		return err
	})
	if err := in.skippable(err, "custom post types"); err != nil {
		in.out.Warn(fmt.Sprintf("%v: reading posts, pages and media only", err))
	}
	return types
}

// commentTypes are asked for one by one: /wp/v2/comments serves only
// type=comment unless asked, and pingbacks and trackbacks only to a user
// who may edit posts (a public API answers 401, which skips them).
var commentTypes = []string{"comment", "pingback", "trackback"}

// walk fetches every page of a listing and returns their URLs. A listing
// the server refuses (401, 403) or does not have (404) is skipped with a
// warning.
func (in *run) walk(ctx context.Context, l *listing) ([]string, error) {
	var pages []string
	read := 0
	var previous string
	for page := 1; ; page++ {
		params := url.Values{"per_page": {strconv.Itoa(in.perPage)}, "page": {strconv.Itoa(page)}}
		for k, v := range l.params {
			params[k] = v
		}
		target := in.endpoint(l.route, params)
		n := 0
		resp, err := in.page(ctx, target, func(body []byte) error {
			var items []json.RawMessage
			err := decodeArray(body, &items)
			n = len(items)
			return err
		})
		if err != nil {
			if page == 1 {
				return nil, in.skippable(err, l.name)
			}
			return pages, err
		}
		pages = append(pages, target)
		read += n
		in.items += n
		total, hasTotal := headerInt(resp.Header, "X-WP-Total")
		totalPages, hasPages := headerInt(resp.Header, "X-WP-TotalPages")
		next := nextLink(resp.Header)
		if in.opts.Report != nil {
			in.opts.Report(progressStatus(l.name, page, totalPages, in.items))
		}
		// An empty page, a page served again and the hard cap end the
		// paging whatever totals the server declares.
		switch {
		case n == 0:
			if hasPages && page < totalPages {
				in.out.Warn(fmt.Sprintf("rest %s: page %d is empty though the server declares %d pages: the rest were not asked for", target, page, totalPages))
			}
			return pages, nil
		case string(resp.Body) == previous:
			return pages, fmt.Errorf("rest %s: the server serves page %d again", target, page-1)
		case page >= maxPages:
			return pages, fmt.Errorf("rest %s: more than %d pages: stopped", target, maxPages)
		case hasPages && page >= totalPages:
			if next != "" || (hasTotal && read > total) {
				return pages, fmt.Errorf("rest %s: the server keeps paging past its declared total of %d pages (%d items)", target, totalPages, total)
			}
			return pages, nil
		case !hasPages && next == "":
			return pages, nil
		}
		previous = string(resp.Body)
	}
}

// progressStatus says how far the import has got, for the progress line.
func progressStatus(endpoint string, page, pages, items int) string {
	status := fmt.Sprintf("REST API: %s page %d", endpoint, page)
	if pages > 0 {
		status += fmt.Sprintf(" of %d", pages)
	}
	return fmt.Sprintf("%s, %d items", status, items)
}
