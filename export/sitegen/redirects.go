package sitegen

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/site"
)

// RedirectMaps are the old links of a site written for three kinds of
// web server, so that a copy of the site on plain files keeps answering
// ?p=N, ?cat=N, /comment-page-N/ and the rest with a 301, as parc serve
// does.
type RedirectMaps struct {
	// Netlify is a _redirects file (Netlify, Cloudflare Pages and others).
	Netlify []byte
	// Apache is an .htaccess file (mod_rewrite).
	Apache []byte
	// Nginx is a map for nginx's http block, with the line that uses it
	// in a comment.
	Nginx []byte
}

// Redirects writes the redirect maps of links, whose paths are relative to
// the site's home home ("/" at a domain's root).
func Redirects(redirects []site.Redirect, home string) RedirectMaps {
	var netlify, apache, nginx strings.Builder
	quote := nginxQuoter()
	netlify.WriteString("# Old WordPress links of this site, written by parc.\n")
	apache.WriteString("# Old WordPress links of this site, written by parc.\nRewriteEngine On\nDirectoryIndex index.html index.xml\n")
	nginx.WriteString(`# Old WordPress links of this site, written by parc. Include this file in
# nginx's http block, and in the site's server block:
#     index index.html index.xml;
#     if ($parc_redirect) { return 301 $parc_redirect; }
map $request_uri $parc_redirect {
`)
	for _, r := range redirects {
		path, query, _ := strings.Cut(r.From, "?")
		to := r.To
		if query == "" {
			fmt.Fprintf(&netlify, "%s %s 301\n", path, to)
			fmt.Fprintf(&apache, "RewriteRule ^%s/?$ %s [R=301,L]\n", regexpQuote(strings.TrimPrefix(strings.TrimSuffix(path, "/"), "/")), to)
		} else {
			name, value, _ := strings.Cut(query, "=")
			fmt.Fprintf(&netlify, "%s %s=%s %s 301\n", path, name, value, to)
			fmt.Fprintf(&apache, "RewriteCond %%{QUERY_STRING} (^|&)%s=%s(&|$)\nRewriteRule ^%s$ %s? [R=301,L]\n",
				regexpQuote(name), regexpQuote(unescapeQuery(value)), regexpQuote(strings.TrimPrefix(path, "/")), to)
		}
		fmt.Fprintf(&nginx, "    %s %s;\n", nginxQuote(quote, r.From), nginxQuote(quote, to))
	}
	// WordPress's paged comments: /post/comment-page-2/ is the post's thread.
	prefix := strings.TrimPrefix(home, "/")
	fmt.Fprintf(&apache, "RewriteRule ^(%s.*/)comment-page-[0-9]+/?$ /$1#comments [R=301,L,NE]\n", regexpQuote(prefix))
	// Netlify's placeholders match one segment each: a rule per depth.
	segments := ""
	for depth := 1; depth <= 5; depth++ {
		segments += fmt.Sprintf(":s%d/", depth)
		fmt.Fprintf(&netlify, "%s%scomment-page-:n/ %s%s#comments 301\n", home, segments, home, segments)
	}
	fmt.Fprintf(&nginx, "    \"~^(?<parc_thread>%s.*/)comment-page-[0-9]+/?$\" \"$parc_thread#comments\";\n}\n", regexpQuote(home))
	return RedirectMaps{Netlify: []byte(netlify.String()), Apache: []byte(apache.String()), Nginx: []byte(nginx.String())}
}

func unescapeQuery(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// regexpQuote escapes what PCRE (Apache, nginx) reads as special.
func regexpQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\.+*?()|[]{}^$`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// nginxQuoter escapes what an nginx string may not hold as it is; made
// once per map, as building a Replacer costs more than using it.
func nginxQuoter() *strings.Replacer {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `\$`)
}

// nginxQuote quotes a string for an nginx configuration file.
func nginxQuote(quote *strings.Replacer, s string) string {
	return `"` + quote.Replace(s) + `"`
}

// Write writes the maps into an export: _redirects and .htaccess in
// served (the directory the web server serves, "" for the tree's root
// itself, else ending in "/"), the nginx map beside it at the root.
func (m RedirectMaps) Write(tree *export.Tree, served string) error {
	for _, f := range []struct {
		name string
		data []byte
	}{{served + "_redirects", m.Netlify}, {served + ".htaccess", m.Apache}, {"nginx-redirects.conf", m.Nginx}} {
		if err := tree.Write(f.name, f.data); err != nil {
			return err
		}
	}
	return nil
}
