package render

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"classic paragraphs", "one\ntwo\n\nthree", "<p>one<br />\ntwo</p>\n<p>three</p>\n"},
		{"blocks keep inner html and skip autop",
			"<!-- wp:paragraph -->\n<p>one\ntwo</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:separator {\"className\":\"x\"} -->\n<hr class=\"x\"/>\n<!-- /wp:separator -->\n<!-- wp:latest-posts /-->",
			"<p>one\ntwo</p>\n\n<hr class=\"x\"/>\n"},
		{"namespaced block", "<!-- wp:jetpack/map {\"a\":1} --><div>m</div><!-- /wp:jetpack/map -->", "<div>m</div>"},
		{"ordinary comment kept", "<!-- wp:p --><p>a</p><!-- note --><!-- /wp:p -->", "<p>a</p><!-- note -->"},
		{"more and nextpage markers dropped",
			"Intro\n<!--more Read on-->\nRest<!--nextpage-->Page two",
			"<p>Intro</p>\n<p>RestPage two</p>\n"},
		{"caption from trailing text",
			`[caption id="attachment_6" align="alignright" width="300"]<img src="a.jpg" alt="" /> A <em>fine</em> view[/caption]`,
			`<figure id="attachment_6" aria-describedby="caption-attachment_6" class="wp-caption alignright"><img src="a.jpg" alt="" /><figcaption id="caption-attachment_6" class="wp-caption-text">A <em>fine</em> view</figcaption></figure>` + "\n"},
		{"caption attribute and linked image",
			`[caption caption="Sea" width="10"]<a href="/b.jpg"><img src="b.jpg" /></a>[/caption]`,
			`<figure class="wp-caption alignnone"><a href="/b.jpg"><img src="b.jpg" /></a><figcaption class="wp-caption-text">Sea</figcaption></figure>` + "\n"},
		{"caption without width shows the image only",
			`[caption]<img src="c.jpg" /> words[/caption]`, `<img src="c.jpg" />` + "\n"},
		{"caption attribute escaping",
			`[caption id="a&quot;b" caption="x" width="1"]<img src="c.jpg" />[/caption]`,
			`<figure id="a&amp;quot;b" aria-describedby="caption-a&amp;quot;b" class="wp-caption alignnone"><img src="c.jpg" /><figcaption id="caption-a&amp;quot;b" class="wp-caption-text">x</figcaption></figure>` + "\n"},
		{"gallery without resolver", `[gallery ids="1,2,3"]`, `<div class="gallery parc-placeholder">Gallery (3 items)</div>` + "\n"},
		{"gallery alone is not wrapped in p", "Before\n\n[gallery]\n\nAfter", "<p>Before</p>\n<div class=\"gallery parc-placeholder\">Gallery</div>\n<p>After</p>\n"},
		{"embed", `[embed width="300"]https://vimeo.com/1[/embed]`, `<a href="https://vimeo.com/1">https://vimeo.com/1</a>` + "\n"},
		{"embed refuses javascript", `[embed]javascript:alert(1)[/embed]`, `javascript:alert(1)` + "\n"},
		{"audio", `[audio mp3="https://e.org/a.mp3"][/audio]`,
			`<audio controls preload="none"><source src="https://e.org/a.mp3"><a href="https://e.org/a.mp3">https://e.org/a.mp3</a></audio>` + "\n"},
		{"video", `[video width="640" height="x" mp4="/v.mp4" poster="javascript:x"]`,
			`<video controls preload="none" width="640"><source src="/v.mp4"><a href="/v.mp4">/v.mp4</a></video>` + "\n"},
		{"audio without files renders nothing", `[audio src="data:audio/mp3;base64,AA"]`, `` + "\n"},
		{"playlist without resolver", `[playlist ids="4,5"]`, `<div class="wp-playlist parc-placeholder">Playlist (2 items)</div>` + "\n"},
		// WordPress texturizes a shortcode no plugin registers any more.
		{"unknown shortcode stays as typed, texturized", "[contact-form-7 id=\"3\"]", "<p>[contact-form-7 id=&#8221;3&#8243;]</p>\n"},
		{"escaped shortcode shows its tag", "[[gallery]]", "<p>[gallery]</p>\n"},
		{"name must end at a word boundary", "[galleryx]", "<p>[galleryx]</p>\n"},
		{"oembed url on its own line becomes a link",
			"Watch:\n\nhttps://www.youtube.com/watch?v=abc\n\nNice.",
			"<p>Watch:</p>\n<p><a href=\"https://www.youtube.com/watch?v=abc\">https://www.youtube.com/watch?v=abc</a></p>\n<p>Nice.</p>\n"},
		{"other url on its own line stays text", "https://example.com/page", "<p>https://example.com/page</p>\n"},
		{"oembed url inside text stays text", "see https://vimeo.com/1 now", "<p>see https://vimeo.com/1 now</p>\n"},
		{"smilies", "Hi :) and :-D;)\n\n:mrgreen: &nbsp;:(", "<p>Hi 🙂 and :-D;)</p>\n<p>😁 &nbsp;🙁</p>\n"},
		{"no smilies in code or attributes",
			`<code>a :) b</code> <img alt=" :) " src="x" /> <pre>:)</pre>`,
			"<p><code>a :) b</code> <img alt=\" :) \" src=\"x\" /> </p>\n<pre>:)</pre>\n"},
		{"texturized", "\"quoted\" -- it's", "<p>&#8220;quoted&#8221; &#8212; it&#8217;s</p>\n"},
		{"code keeps its quotes", "<code>\"x\"</code>", "<p><code>\"x\"</code></p>\n"},
		{"invalid utf-8 replaced", "a\xffb", "<p>a\uFFFDb</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTML(tt.in); got != tt.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestGalleryWithResolver(t *testing.T) {
	files := map[int64]Attachment{
		1: {ID: 1, URL: "https://e.org/1.jpg", Page: "/p/one/", Title: "One <1>", Caption: "It's first", MenuOrder: 2},
		2: {ID: 2, URL: "javascript:alert(1)"},
		3: {ID: 3, URL: "https://e.org/3.jpg", Page: "/p/three/", Title: "Three", MenuOrder: 1},
		4: {ID: 4, URL: "https://e.org/4.mp3", Title: "Song", MenuOrder: 3},
	}
	r := Renderer{
		Attachments: func(id int64) (Attachment, bool) { a, ok := files[id]; return a, ok },
		// The post's attachments, in menu order.
		Attached: func(parent int64) []Attachment {
			if parent != 7 {
				return nil
			}
			return []Attachment{files[3], files[1], files[4]}
		},
		Post: 7,
	}
	one := `<figure class="gallery-item"><div class="gallery-icon"><a href="/p/one/"><img src="https://e.org/1.jpg" alt="One &lt;1&gt;"></a></div><figcaption class="wp-caption-text gallery-caption">It&#8217;s first</figcaption></figure>`
	three := `<figure class="gallery-item"><div class="gallery-icon"><a href="/p/three/"><img src="https://e.org/3.jpg" alt="Three"></a></div></figure>`
	tests := []struct{ in, want string }{
		{`[gallery ids="1, 2,3,x" columns="2"]`, `<div class="gallery gallery-columns-2 gallery-size-thumbnail">` + one + three + `</div>`},
		{`[gallery]`, `<div class="gallery gallery-columns-3 gallery-size-thumbnail">` + three + one +
			`<figure class="gallery-item"><div class="gallery-icon"><img src="https://e.org/4.mp3" alt="Song"></div></figure></div>`},
		{`[gallery exclude="4" order="DESC" size="medium"]`, `<div class="gallery gallery-columns-3 gallery-size-medium">` + one + three + `</div>`},
		{`[gallery ids="3" link="file"]`, `<div class="gallery gallery-columns-3 gallery-size-thumbnail"><figure class="gallery-item"><div class="gallery-icon"><a href="https://e.org/3.jpg"><img src="https://e.org/3.jpg" alt="Three"></a></div></figure></div>`},
		{`[gallery ids="3" link="none"]`, `<div class="gallery gallery-columns-3 gallery-size-thumbnail"><figure class="gallery-item"><div class="gallery-icon"><img src="https://e.org/3.jpg" alt="Three"></div></figure></div>`},
		{`[gallery id="8"]`, `<div class="gallery parc-placeholder">Gallery</div>`},
		{`[playlist]`, `<ol class="wp-playlist wp-audio-playlist"><li><audio controls preload="none" src="https://e.org/4.mp3"></audio><a href="https://e.org/4.mp3">Song</a></li></ol>`},
		{`[audio]`, `<audio controls preload="none"><source src="https://e.org/4.mp3"><a href="https://e.org/4.mp3">https://e.org/4.mp3</a></audio>`},
		{`[audio https://e.org/a.mp3?x=1&amp;y=2]`, `<audio controls preload="none"><source src="https://e.org/a.mp3?x=1&amp;y=2"><a href="https://e.org/a.mp3?x=1&amp;y=2">https://e.org/a.mp3?x=1&amp;y=2</a></audio>`},
		{`[embed]https://youtube.com/watch?v=1&amp;t=2[/embed]`, `<a href="https://youtube.com/watch?v=1&amp;t=2">https://youtube.com/watch?v=1&amp;t=2</a>`},
		{"https://youtube.com/watch?v=1&amp;t=2", `<p><a href="https://youtube.com/watch?v=1&amp;t=2">https://youtube.com/watch?v=1&amp;t=2</a></p>`},
	}
	for _, tt := range tests {
		if got := strings.TrimSpace(r.HTML(tt.in)); got != tt.want {
			t.Errorf("HTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestPages(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"one page", []string{"one page"}},
		{"a\n<!--nextpage-->\nb<!--nextpage-->c", []string{"a", "b", "c"}},
		{"<!--nextpage-->a", []string{"a"}},
	}
	for _, tt := range tests {
		if got := Pages(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Pages(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTeaserAndSingle(t *testing.T) {
	tests := []struct {
		in, teaser string
		hasMore    bool
		single     string
	}{
		{"no marker", "no marker", false, "no marker"},
		{"intro<!--more-->rest", "intro", true, "intro<!--more-->rest"},
		{"intro<!--more Keep reading-->rest", "intro", true, "intro<!--more Keep reading-->rest"},
		{"<!--noteaser-->intro<!--more-->rest", "intro", true, "rest"},
	}
	for _, tt := range tests {
		teaser, hasMore := Teaser(tt.in)
		if teaser != tt.teaser || hasMore != tt.hasMore {
			t.Errorf("Teaser(%q) = %q, %v; want %q, %v", tt.in, teaser, hasMore, tt.teaser, tt.hasMore)
		}
		if got := Single(tt.in); got != tt.single {
			t.Errorf("Single(%q) = %q, want %q", tt.in, got, tt.single)
		}
	}
}

func TestShortcodeAttrs(t *testing.T) {
	attrs, args := parseShortcodeAttrs(` id="a b" Align='left' width=300 "pos one" bare = `)
	want := map[string]string{"id": "a b", "align": "left", "width": "300", "bare": ""}
	if !reflect.DeepEqual(attrs, want) {
		t.Errorf("attrs = %q, want %q", attrs, want)
	}
	if !reflect.DeepEqual(args, []string{"pos one"}) {
		t.Errorf("args = %q", args)
	}
}

func TestHTMLDeepNesting(t *testing.T) {
	in := strings.Repeat("[caption width=\"1\" caption=\"c\"]", 50) + "<img src=\"a\">" + strings.Repeat("[/caption]", 50)
	if got := HTML(in); !strings.Contains(got, "<img") {
		t.Errorf("deeply nested caption lost its image: %q", got)
	}
}

// TestEachShortcode reads shortcodes as do_shortcode finds them: an
// escaped one is text, one inside another's content is read too.
func TestEachShortcode(t *testing.T) {
	text := `[[gallery ids="1"]] [caption id="c"]<img> [gallery ids="2,3" columns=2][/caption] [audio https://a.example/x.mp3 loop="on"]`
	var got []string
	EachShortcode(text, []string{"gallery", "audio", "caption"}, func(sc Shortcode) {
		got = append(got, fmt.Sprintf("%s %v %v", sc.Name, sc.Attrs, sc.Args))
	})
	want := []string{
		`caption map[id:c] []`,
		`gallery map[columns:2 ids:2,3] []`,
		`audio map[loop:on] [https://a.example/x.mp3]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
