package render

import (
	"strings"
	"testing"
)

// TestSanitizeRejects feeds XSS vectors to both policies; none of the
// forbidden fragments may survive.
func TestSanitizeRejects(t *testing.T) {
	s := NewSanitizer()
	tests := []struct {
		name, in string
		banned   []string
	}{
		{"script", `<p>x</p><script>alert(1)</script>`, []string{"<script", "alert"}},
		{"event handler", `<img src="a.png" onerror="alert(1)">`, []string{"onerror"}},
		{"javascript href", `<a href="javascript:alert(1)">x</a>`, []string{"javascript"}},
		{"javascript href with tab entity", `<a href="jav&#x09;ascript:alert(1)">x</a>`, []string{"ascript", "alert"}},
		{"javascript href uppercase", `<a href=" JaVaScRiPt:alert(1)">x</a>`, []string{"alert"}},
		{"vbscript href", `<a href="vbscript:msgbox(1)">x</a>`, []string{"vbscript"}},
		{"data href", `<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`, []string{"data:"}},
		{"javascript src", `<img src="javascript:alert(1)">`, []string{"javascript"}},
		{"data src", `<img src="data:image/svg+xml,<svg onload=alert(1)>">`, []string{"data:", "onload"}},
		{"svg onload", `<svg onload="alert(1)"><circle/></svg>`, []string{"<svg", "onload"}},
		{"iframe from elsewhere", `<iframe src="https://evil.example/"></iframe>`, []string{"evil"}},
		{"iframe javascript", `<iframe src="javascript:alert(1)"></iframe>`, []string{"javascript"}},
		{"style attribute", `<p style="background:url(javascript:alert(1))">x</p>`, []string{"style", "javascript"}},
		{"style element", `<style>body{background:red}</style>x`, []string{"<style", "background"}},
		{"form", `<form action="https://evil.example/"><input name="p"><button>go</button></form>`, []string{"<form", "<input", "action"}},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.example/">`, []string{"<meta", "refresh"}},
		{"object", `<object data="x.swf"><embed src="x.swf"></object>`, []string{"<object", "<embed"}},
		{"base", `<base href="https://evil.example/">`, []string{"<base"}},
		{"link", `<link rel="stylesheet" href="https://evil.example/x.css">`, []string{"<link"}},
		{"broken markup", `<img src=x onerror=alert(1)//`, []string{"onerror"}},
		{"nested script", `<scr<script>ipt>alert(1)</script>`, []string{"<script"}},
		{"comment trick", `<!--<script>alert(1)</script>-->`, []string{"<script"}},
		{"frames", `<frameset><frame src="https://evil.example/"></frameset>`, []string{"<frame", "evil"}},
		{"form controls", `<textarea>t</textarea><button formaction="javascript:alert(1)">b</button><select><option>o</select>`,
			[]string{"<textarea", "<button", "formaction", "<select", "<option"}},
		{"quote source javascript", `<blockquote cite="javascript:alert(1)">q</blockquote>`, []string{"javascript"}},
		{"entity-encoded javascript", `<a href="&#106;avascript:alert(1)">x</a>`, []string{"avascript", "alert"}},
		{"mutation through math", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, []string{"onerror", "<math", "<style"}},
		{"svg link", `<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, []string{"javascript", "<svg"}},
		{"srcset javascript", `<img src="/a.png" srcset="javascript:alert(1) 2x">`, []string{"javascript"}},
		{"table background", `<table background="javascript:alert(1)"><tr><td style="x">c</td></tr></table>`, []string{"javascript", "style"}},
		{"image map", `<img src="/a.png" usemap="#m"><map name="m"><area href="javascript:alert(1)"></map>`, []string{"<area", "javascript"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for policy, out := range map[string]string{
				"post":    s.SanitizePost(tt.in),
				"comment": s.SanitizeComment(tt.in),
			} {
				for _, bad := range tt.banned {
					if strings.Contains(strings.ToLower(out), strings.ToLower(bad)) {
						t.Errorf("%s policy kept %q: %q", policy, bad, out)
					}
				}
			}
		})
	}
}

func TestSanitizeKeeps(t *testing.T) {
	s := NewSanitizer()
	tests := []struct {
		name, in, post, comment string
	}{
		{"link", `<a href="https://e.org/">e</a>`,
			`<a href="https://e.org/">e</a>`,
			`<a href="https://e.org/" rel="nofollow ugc">e</a>`},
		{"image", `<img src="https://e.org/a.png" alt="A" class="alignleft size-full">`,
			`<img src="https://e.org/a.png" alt="A" class="alignleft size-full">`,
			`<img src="https://e.org/a.png" alt="A">`},
		{"youtube iframe",
			`<iframe src="https://www.youtube.com/embed/abc?rel=0" width="560" height="315" allowfullscreen></iframe>`,
			`<iframe src="https://www.youtube.com/embed/abc?rel=0" width="560" height="315" allowfullscreen=""></iframe>`, ``},
		{"table", `<table><tr><td>c</td></tr></table>`, `<table><tr><td>c</td></tr></table>`, `<table><tr><td>c</td></tr></table>`},
		{"headings, rules, definitions, keys",
			`<h2>h</h2><hr><dl><dt>t</dt><dd>d</dd></dl><p><b>b</b> <kbd>Ctrl</kbd></p><pre>p</pre>`,
			`<h2>h</h2><hr><dl><dt>t</dt><dd>d</dd></dl><p><b>b</b> <kbd>Ctrl</kbd></p><pre>p</pre>`,
			`<h2>h</h2><hr><dl><dt>t</dt><dd>d</dd></dl><p><b>b</b> <kbd>Ctrl</kbd></p><pre>p</pre>`},
		{"quote with its source", `<blockquote cite="https://e.org/">q</blockquote>`,
			`<blockquote cite="https://e.org/">q</blockquote>`, `<blockquote cite="https://e.org/">q</blockquote>`},
		{"formatting", `<p><strong>b</strong> <em>i</em> <code>c</code></p>`,
			`<p><strong>b</strong> <em>i</em> <code>c</code></p>`,
			`<p><strong>b</strong> <em>i</em> <code>c</code></p>`},
		{"figure", `<figure class="wp-caption"><img src="/a.png"><figcaption>c</figcaption></figure>`,
			`<figure class="wp-caption"><img src="/a.png"><figcaption>c</figcaption></figure>`,
			`<figure><img src="/a.png"><figcaption>c</figcaption></figure>`},
		{"audio", `<audio controls preload="none"><source src="https://e.org/a.mp3"></audio>`,
			`<audio controls="" preload="none"><source src="https://e.org/a.mp3"></audio>`, ``},
		// A commenter's link in a post's comments block stays marked as
		// theirs; other link relations are not kept.
		{"commenter's link", `<a rel="external nofollow ugc" href="https://e.org/">e</a>`,
			`<a rel="external nofollow ugc" href="https://e.org/">e</a>`,
			`<a href="https://e.org/" rel="nofollow ugc">e</a>`},
		{"other link relations", `<a rel="noopener me" href="https://e.org/">e</a>`,
			`<a href="https://e.org/">e</a>`,
			`<a href="https://e.org/" rel="nofollow ugc">e</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.SanitizePost(tt.in); got != tt.post {
				t.Errorf("SanitizePost(%q)\n got %q\nwant %q", tt.in, got, tt.post)
			}
			// Stripped tags leave spaces behind so words stay apart.
			if got := strings.TrimSpace(s.SanitizeComment(tt.in)); got != tt.comment {
				t.Errorf("SanitizeComment(%q)\n got %q\nwant %q", tt.in, got, tt.comment)
			}
		})
	}
}
