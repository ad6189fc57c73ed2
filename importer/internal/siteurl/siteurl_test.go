package siteurl

import (
	"testing"

	"github.com/parc-archive/parc/archive"
)

func TestAt(t *testing.T) {
	tests := []struct {
		from, claimed string
		want          string
		moved         bool
	}{
		{"https://blog.example.org/2024/05/hello/", "https://blog.example.org", "https://blog.example.org", false},
		{"https://blog.example.org/", "https://www.blog.example.org/", "https://www.blog.example.org/", false},
		{"https://BLOG.example.org/", "https://blog.example.org/", "https://blog.example.org/", false},
		// A blog that moved, or a server claiming another site.
		{"https://new.example.net/wp-json/", "https://old.example.org/blog", "https://new.example.net/blog", true},
		{"http://127.0.0.1:9000/", "http://127.0.0.1:8088", "http://127.0.0.1:9000", true},
		{"https://blog.example.org/feed/", "", "https://blog.example.org/", false},
		{"https://blog.example.org/feed/", "not a url", "https://blog.example.org/", true},
	}
	for _, tt := range tests {
		got, moved := At(tt.from, tt.claimed)
		if got != tt.want || moved != tt.moved {
			t.Errorf("At(%q, %q) = %q, %v; want %q, %v", tt.from, tt.claimed, got, moved, tt.want, tt.moved)
		}
	}
}

// TestRehome: a site record fetched from another host than it claims is
// filed, and linked, at that host; one on its own host is left as it is.
func TestRehome(t *testing.T) {
	moved := archive.Site{URL: "https://old.example.org/blog", Link: "https://old.example.org/blog", Title: "Old"}
	if !Rehome(&moved, "https://new.example.net/feed/") || moved.URL != "https://new.example.net/blog" ||
		moved.Link != moved.URL || moved.Title != "Old" {
		t.Errorf("moved site: %+v", moved)
	}
	home := archive.Site{URL: "https://blog.example.org", Link: "https://blog.example.org/home"}
	if Rehome(&home, "https://www.blog.example.org/feed/") || home.URL != "https://blog.example.org" || home.Link != "https://blog.example.org/home" {
		t.Errorf("site on its own host: %+v", home)
	}
}
