package siteurl

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzAt: a record moved from the home it claims is filed on the host it
// was fetched from, never another.
func FuzzAt(f *testing.F) {
	f.Add("https://new.example.net/wp-json/", "https://old.example.org/blog")
	f.Add("http://127.0.0.1:9000/", "http://127.0.0.1:8088")
	f.Add("https://blog.example.org/feed/", "")
	f.Fuzz(func(t *testing.T, from, claimed string) {
		site, moved := At(from, claimed)
		if !moved {
			return
		}
		u, err1 := url.Parse(site)
		fu, err2 := url.Parse(from)
		if err1 != nil || err2 != nil || !strings.EqualFold(u.Host, fu.Host) {
			t.Fatalf("At(%q, %q) = %q: not on the host fetched from", from, claimed, site)
		}
	})
}
