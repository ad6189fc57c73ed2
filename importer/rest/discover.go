package rest

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/parc-archive/parc/fetch"
)

// apiRel is the link relation WordPress advertises its API root with.
const apiRel = "https://api.w.org/"

// AdvertisedRoot returns the API root a response advertises, in its Link
// header or in an HTML <link rel="https://api.w.org/">, resolved against
// the response's URL; "" when it advertises none.
func AdvertisedRoot(resp *fetch.Response) string {
	if href := linkWithRel(resp.Header, apiRel); href != "" {
		return resolve(resp.URL, href)
	}
	if !looksLikeHTML(resp) {
		return ""
	}
	z := html.NewTokenizer(bytes.NewReader(resp.Body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return "" // WordPress prints the link in <head>
			case "link":
				var rel, href string
				for hasAttr {
					var key, val []byte
					key, val, hasAttr = z.TagAttr()
					switch string(key) {
					case "rel":
						rel = string(val)
					case "href":
						href = string(val)
					}
				}
				if strings.TrimSpace(rel) == apiRel && href != "" {
					return resolve(resp.URL, href)
				}
			}
		}
	}
}

func looksLikeHTML(resp *fetch.Response) bool {
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	return strings.Contains(ct, "html") || (ct == "" && bytes.Contains(bytes.ToLower(resp.Body[:min(len(resp.Body), 1024)]), []byte("<html")))
}

// linkWithRel finds the target of the Link header entry with relation rel.
func linkWithRel(h http.Header, rel string) string {
	for _, value := range h.Values("Link") {
		for _, part := range strings.Split(value, ",") {
			target, params, ok := strings.Cut(part, ";")
			if !ok {
				continue
			}
			for _, param := range strings.Split(params, ";") {
				key, val, _ := strings.Cut(strings.TrimSpace(param), "=")
				if strings.EqualFold(key, "rel") && strings.Trim(val, `"`) == rel {
					return strings.Trim(strings.TrimSpace(target), "<>")
				}
			}
		}
	}
	return ""
}

func resolve(base, href string) string {
	b, err := url.Parse(base)
	if err != nil {
		return href
	}
	h, err := url.Parse(href)
	if err != nil {
		return href
	}
	return b.ResolveReference(h).String()
}
