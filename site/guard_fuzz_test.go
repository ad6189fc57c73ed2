package site

import (
	"net/url"
	"testing"
)

// FuzzServable: a path the site gives an entry is one its guard answers.
func FuzzServable(f *testing.F) {
	for _, s := range []string{"/2024/01/02/%2e%2e/", "/a%00b/", "/plain/", "/%zz/", "/caf%C3%A9/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, escaped string) {
		if !servable(escaped) {
			return
		}
		p, err := url.PathUnescape(escaped)
		if err != nil || !validPath(p) {
			t.Fatalf("servable(%q) but the guard refuses %q", escaped, p)
		}
	})
}
