package site

import (
	"net/url"
	"strconv"
	"strings"
)

// legacyTarget is where one of WordPress's query-string URLs at the site
// root leads, for a 301 to the archived page: ?p=N, ?page_id=N,
// ?attachment_id=N, ?cat=N, ?tag=slug, ?author=N, ?s=words,
// ?m=YYYYMM[DD], ?feed=…, ?paged=N and their relatives. asked tells
// whether q holds one of them (if not, the home page answers: tracking
// parameters and the like); location is "" when the site has not what
// it names.
func (sd *siteData) legacyTarget(q url.Values) (location string, asked bool) {
	if len(q) == 0 {
		return "", false
	}
	feed := q.Get("feed")
	feedPath := func(base string) string {
		switch feed {
		case "":
			return base
		case "atom":
			return withSlash(base) + "feed/atom/"
		default:
			return withSlash(base) + "feed/"
		}
	}
	for _, name := range []string{"p", "page_id", "attachment_id", "preview_id"} {
		if v := q.Get(name); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			e := sd.byID[id]
			if err != nil || e == nil {
				return "", true
			}
			target := feedPath(e.path)
			if n, ok := parsePage(q.Get("page")); ok && n > 1 && feed == "" {
				target = withSlash(e.path) + strconv.Itoa(n) + "/"
			}
			if q.Get("cpage") != "" && feed == "" {
				target += "#comments"
			}
			return target, true
		}
	}
	if v := q.Get("cat"); v != "" {
		id, err := strconv.ParseInt(strings.SplitN(v, ",", 2)[0], 10, 64)
		if t := sd.termsByID[id]; err == nil && t != nil && t.Taxonomy == "category" {
			return feedPath(t.path), true
		}
		return "", true
	}
	for _, param := range []struct{ name, taxonomy string }{{"category_name", "category"}, {"tag", "post_tag"}} {
		if v := q.Get(param.name); v != "" {
			slug := strings.ToLower(strings.SplitN(strings.SplitN(v, ",", 2)[0], "+", 2)[0])
			if i := strings.LastIndex(slug, "/"); i >= 0 {
				slug = slug[i+1:]
			}
			if t := sd.termBySlug(param.taxonomy, slug); t != nil {
				return feedPath(t.path), true
			}
			return "", true
		}
	}
	if v := q.Get("author"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if a := sd.authorsByID[id]; err == nil && a != nil {
			return feedPath(a.path), true
		}
		return "", true
	}
	if v := q.Get("author_name"); v != "" {
		if a := sd.authorBySlug(strings.ToLower(v)); a != nil {
			return feedPath(a.path), true
		}
		return "", true
	}
	if _, ok := q["s"]; ok {
		return sd.mount + "/search/?q=" + url.QueryEscape(q.Get("s")), true
	}
	if path, ok := legacyDate(q); ok {
		return feedPath(sd.mount + path), true
	}
	for _, name := range []string{"name", "pagename"} {
		if v := q.Get(name); v != "" {
			if e := sd.slugTarget(v); e != nil {
				return feedPath(e.path), true
			}
			return "", true
		}
	}
	if n, ok := parsePage(q.Get("paged")); ok {
		return pagedPath(sd.mount+"/", n), true
	}
	switch feed {
	case "":
	case "comments-rss2", "comments-atom":
		return sd.mount + "/comments/" + feedSuffix(strings.TrimPrefix(feed, "comments-")), true
	default:
		return sd.mount + "/" + feedSuffix(feed), true
	}
	return "", false
}

// legacyDate reads ?m=YYYYMM[DD] or ?year=&monthnum=&day= into a path.
func legacyDate(q url.Values) (string, bool) {
	if m := q.Get("m"); m != "" {
		if _, err := strconv.Atoi(m); err != nil || (len(m) != 4 && len(m) != 6 && len(m) != 8) {
			return "", false
		}
		path := "/" + m[:4] + "/"
		for i := 4; i < len(m); i += 2 {
			path += m[i:i+2] + "/"
		}
		return path, true
	}
	year := q.Get("year")
	if len(year) != 4 {
		return "", false
	}
	path := "/" + year + "/"
	for _, name := range []string{"monthnum", "day"} {
		n, err := strconv.Atoi(q.Get(name))
		if err != nil || n < 1 || n > 31 {
			break
		}
		path += twoDigits(n) + "/"
	}
	return path, true
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// guessRoute redirects paths of another permalink structure
// (/YYYY/MM/DD/slug/ when the blog used /slug/, and the reverse, or
// /archives/N) to the post they name.
func (s *Server) guessRoute(req *request, segments []string) *response {
	sd := req.site
	if len(segments) == 2 && segments[0] == "archives" {
		if id, err := strconv.ParseInt(segments[1], 10, 64); err == nil && sd.byID[id] != nil {
			return redirect(sd.byID[id].path)
		}
	}
	segs, _, isFeed := splitFeed(segments)
	if len(segs) == 0 {
		return nil
	}
	last := segs[len(segs)-1]
	if _, numeric := parsePage(last); (numeric || strings.HasPrefix(last, "comment-page-")) && len(segs) > 1 {
		last = segs[len(segs)-2]
	}
	e := sd.slugTarget(last)
	if e == nil {
		return nil
	}
	if isFeed {
		return redirect(withSlash(e.path) + "feed/")
	}
	return redirect(e.path)
}

// slugTarget finds the one post, page or attachment with a slug, posts
// and pages first; an ambiguous slug finds nothing.
func (sd *siteData) slugTarget(slug string) *entry {
	slug = strings.ToLower(decodeSegment(strings.Trim(slug, "/")))
	if i := strings.LastIndex(slug, "/"); i >= 0 {
		slug = slug[i+1:]
	}
	candidates := sd.bySlug[slug]
	var primary []*entry
	for _, e := range candidates {
		if e.Type != "attachment" {
			primary = append(primary, e)
		}
	}
	switch {
	case len(primary) == 1:
		return primary[0]
	case len(primary) == 0 && len(candidates) == 1:
		return candidates[0]
	}
	return nil
}
