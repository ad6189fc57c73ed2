package hugo

import "testing"

func TestVideoShortcodes(t *testing.T) {
	for _, tt := range []struct{ name, md, want string }{
		{"a YouTube URL on its own line", "Watch:\n\n[https://www.youtube.com/watch?v=abc\\_def-123&t=2](https://www.youtube.com/watch?v=abc_def-123&t=2)\n\nNice.",
			"Watch:\n\n{{< youtube abc_def-123 >}}\n\nNice."},
		{"a short YouTube link", "[https://youtu.be/dQw4w9WgXcQ](https://youtu.be/dQw4w9WgXcQ)", "{{< youtube dQw4w9WgXcQ >}}"},
		{"a Vimeo URL on its own line", "[https://vimeo.com/76979871](https://vimeo.com/76979871)", "{{< vimeo 76979871 >}}"},
		{"a player in a figure", `<figure class="wp-block-embed"><div><iframe width="500" src="https://www.youtube-nocookie.com/embed/abcdefghijk?feature=oembed" allowfullscreen=""></iframe></div></figure>`,
			`<figure class="wp-block-embed"><div>{{< youtube abcdefghijk >}}</div></figure>`},
		{"a Vimeo player", `<iframe src="https://player.vimeo.com/video/123456?h=1"></iframe>`, "{{< vimeo 123456 >}}"},
		{"a link within text stays a link", "see [https://vimeo.com/123456](https://vimeo.com/123456) now", "see [https://vimeo.com/123456](https://vimeo.com/123456) now"},
		{"a link with its own words stays a link", "[my video](https://youtu.be/dQw4w9WgXcQ)", "[my video](https://youtu.be/dQw4w9WgXcQ)"},
		{"a channel is no video", "[https://www.youtube.com/c/somebody](https://www.youtube.com/c/somebody)", "[https://www.youtube.com/c/somebody](https://www.youtube.com/c/somebody)"},
		{"another site's player stays HTML", `<iframe src="https://example.org/embed/abcdefghijk"></iframe>`, `<iframe src="https://example.org/embed/abcdefghijk"></iframe>`},
	} {
		if got := videoShortcodes(tt.md); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
