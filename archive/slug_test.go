package archive

import "testing"

func TestSlugOf(t *testing.T) {
	tests := map[string]string{
		"https://blog.example.org/2023/03/18/the-quiet-lighthouse-review/":       "the-quiet-lighthouse-review",
		"https://blog.example.org/%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2/": "επίπεδο-2",
		"https://blog.example.org/parent/child":                                  "child",
		"https://blog.example.org/2010/05/title.html":                            "title",
		"https://blog.example.org/?p=12":                                         "",
		"https://blog.example.org/2010/05/":                                      "",
		"https://blog.example.org/":                                              "",
		"https://blog.example.org/%ff%fe/":                                       "%ff%fe",
		"":                                                                       "",
	}
	for link, want := range tests {
		if got := slugOf(link); got != want {
			t.Errorf("slugOf(%q) = %q, want %q", link, got, want)
		}
	}
}
