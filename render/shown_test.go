package render

import (
	"reflect"
	"testing"
)

func TestShown(t *testing.T) {
	tests := []struct {
		name, raw, rendered string
		want                string   // Shown
		wantText            string   // ShownText
		wantPages           []string // ShownPages
		wantTeaser          string   // ShownTeaser
		wantMore            bool
	}{
		{
			name: "raw is rendered", raw: "Hello :)\n\nBye",
			want: "<p>Hello 🙂</p>\n<p>Bye</p>\n", wantText: "Hello 🙂 Bye",
			wantPages: []string{"<p>Hello 🙂</p>\n<p>Bye</p>\n"}, wantTeaser: "<p>Hello 🙂</p>\n<p>Bye</p>\n",
		},
		{
			name: "raw wins over a rendered copy that differs", raw: "exported words", rendered: "<p>scraped words</p>",
			want: "<p>exported words</p>\n", wantText: "exported words",
			wantPages: []string{"<p>exported words</p>\n"}, wantTeaser: "<p>exported words</p>\n",
		},
		{
			name: "rendered copy as it is without raw", rendered: "<p>served <b>words</b> :)</p>",
			want: "<p>served <b>words</b> :)</p>", wantText: "served words :)",
			wantPages: []string{"<p>served <b>words</b> :)</p>"}, wantTeaser: "<p>served <b>words</b> :)</p>",
		},
		{
			name: "nothing", want: "", wantText: "", wantPages: []string{""}, wantTeaser: "",
		},
		{
			name: "markers cut pages and teaser", raw: "Intro<!--more-->Rest\n<!--nextpage-->\nTwo", rendered: "<p>ignored</p>",
			want: "<p>IntroRest</p>\n<p>Two</p>\n", wantText: "IntroRest Two",
			wantPages: []string{"<p>IntroRest</p>\n", "<p>Two</p>\n"}, wantTeaser: "<p>Intro</p>\n", wantMore: true,
		},
		{
			name: "noteaser hides the teaser on the post's own view only", raw: "Intro<!--more--><!--noteaser-->Rest",
			want: "<p>Rest</p>\n", wantText: "Rest",
			wantPages: []string{"<p>Rest</p>\n"}, wantTeaser: "<p>Intro</p>\n", wantMore: true,
		},
		{
			name: "raw that renders to nothing still wins", raw: "<!--more-->", rendered: "<p>a teaser from a feed</p>",
			want: "", wantText: "", wantPages: []string{""}, wantTeaser: "", wantMore: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Renderer
			if got := Shown(tt.raw, tt.rendered); got != tt.want {
				t.Errorf("Shown = %q, want %q", got, tt.want)
			}
			if got := ShownText(tt.raw, tt.rendered); got != tt.wantText {
				t.Errorf("ShownText = %q, want %q", got, tt.wantText)
			}
			if got := r.ShownPages(tt.raw, tt.rendered); !reflect.DeepEqual(got, tt.wantPages) {
				t.Errorf("ShownPages = %q, want %q", got, tt.wantPages)
			}
			teaser, more := r.ShownTeaser(tt.raw, tt.rendered)
			if teaser != tt.wantTeaser || more != tt.wantMore {
				t.Errorf("ShownTeaser = %q, %v, want %q, %v", teaser, more, tt.wantTeaser, tt.wantMore)
			}
		})
	}
}
