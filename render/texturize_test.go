package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// Cases of WordPress's behaviour (each checked against its wptexturize).
var texturizeCases = []struct{ in, want string }{
	{`"Hello," she said.`, "&#8220;Hello,&#8221; she said."},
	{"It's the '90s, isn't it?", "It&#8217;s the &#8217;90s, isn&#8217;t it?"},
	{"a 9' pole and a 12\" ruler", "a 9&#8242; pole and a 12&#8243; ruler"},
	{"He is 5'10\" tall.", "He is 5&#8217;10&#8221; tall."},
	{"a -- b --- c - d x-y", "a &#8212; b &#8212; c &#8211; d x-y"},
	{"pages 10--20 of xn--bcher", "pages 10&#8211;20 of xn--bcher"},
	{"Wait... 1920x1080 0x1F", "Wait&#8230; 1920&#215;1080 0x1F"},
	{"``quoted'' (tm)", "&#8220;quoted&#8221; &#8482;"},
	{"'Twas 'tis 'cause", "&#8216;Twas &#8217;tis &#8217;cause"},
	{"AT&T &amp; &copy; &#169; &#xA9;", "AT&#038;T &amp; &copy; &#169; &#xA9;"},
	{`<a href="/?a=1&b=2" title="it's">it's</a>`, `<a href="/?a=1&#038;b=2" title="it's">it&#8217;s</a>`},
	{`<code>"x" -- y</code> "z"`, `<code>"x" -- y</code> &#8220;z&#8221;`},
	{`<pre><code>it's</code> it's</pre> it's`, `<pre><code>it's</code> it's</pre> it&#8217;s`},
	{`<!-- it's "x" --> it's`, `<!-- it's "x" --> it&#8217;s`},
	{`[caption caption="it's"]it's[/caption]`, `[caption caption="it's"]it&#8217;s[/caption]`},
	{`[code]"x"[/code] [[caption]] "y"`, `[code]"x"[/code] [[caption]] &#8220;y&#8221;`},
	{`[unknown a="b"]`, `[unknown a=&#8221;b&#8221;]`},
}

func TestTexturizeCases(t *testing.T) {
	for _, c := range texturizeCases {
		if got := Texturize(c.in); got != c.want {
			t.Errorf("Texturize(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// texturizeTokens are the pieces wptexturize's rules look at, for random
// sequences that reach every branch.
var texturizeTokens = []string{
	"'", "'", "'", `"`, `"`, `"`, "-", "-", "--", "---", " ", " ", " ", "\n", "\t", "a", "xn", "x", "s",
	"0", "1", "9", "99", "5", ".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "{", "}", "%", "&", "&gt;",
	"&lt;", "&nbsp;", "\u00a0", "&amp;", "&#123;", "&#x1F;", "&abcdefghi;", "...", "``", "''", " (tm)",
	"'tis", "'em", "<p>", "</p>", "<code>", "</code>", "<pre class=\"x\">", "</pre>", "<kbd>", "</kbd>",
	"<a href=\"/?a&b\">", "</a>", "<!--", "-->", "<!-- c -->", "<", ">", "[caption]", "[/caption]",
	"[caption caption=\"'x'\"]", "[code]", "[/code]", "[[gallery]]", "[gallery ids=\"1\"/]", "[embed",
	"<b>", "</b>", "é", "2x3", "0x5", "'99'", "'99\"", "'99s", "\"42\"", "'0.5'",
}

// texturizeInputs are the strings the differential test sends through
// both implementations: the cases, the fuzz seeds, every title, content
// and comment of the corpus export, and random token sequences.
func texturizeInputs(t *testing.T) []string {
	var in []string
	for _, c := range texturizeCases {
		in = append(in, c.in)
	}
	in = append(in, fuzzSeeds...)
	for _, p := range corpustruth.Corpus(t).Posts {
		in = append(in, p.Title, p.ContentRaw, p.ExcerptRaw)
		for _, c := range p.Comments {
			in = append(in, c.ContentRaw)
		}
	}
	rng := rand.New(rand.NewSource(1))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := 1 + rng.Intn(12); k > 0; k-- {
			b.WriteString(texturizeTokens[rng.Intn(len(texturizeTokens))])
		}
		in = append(in, b.String())
	}
	return in
}

// TestTexturizeMatchesWordPress runs WordPress's own wptexturize, from
// Debian's wordpress package, with php-cli on the same inputs as
// Texturize. It skips when either is missing, unless
// PARC_REQUIRE_SHARED=1 (.ci/wordpress-deps provides both in CI).
func TestTexturizeMatchesWordPress(t *testing.T) {
	formatting := wordpressFormattingPHP(t)
	in := texturizeInputs(t)
	for i := range in {
		// WordPress's JSON encoder would substitute invalid UTF-8, which
		// Renderer replaces before texturizing anyway.
		in[i] = validUTF8(in[i])
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("php", filepath.Join("testdata", "wptexturize.php"), formatting)
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("php: %v\n%s", err, stderr.String())
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("reading php's output: %v", err)
	}
	if len(want) != len(in) {
		t.Fatalf("php returned %d results for %d inputs", len(want), len(in))
	}
	failures := 0
	for i, s := range in {
		if got := Texturize(s); got != want[i] {
			failures++
			if failures <= 10 {
				t.Errorf("Texturize(%.300q)\n got %.300q\nwant %.300q", s, got, want[i])
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d inputs differ from WordPress's wptexturize", failures, len(in))
	}
	t.Logf("%d inputs texturized as WordPress does", len(in))
}

// wordpressFormattingPHP finds WordPress's formatting.php (Debian's
// wordpress package, installed or unpacked where PARC_WORDPRESS_DIR says)
// and php-cli, or ends the test.
func wordpressFormattingPHP(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PARC_WORDPRESS_DIR")
	if dir == "" {
		dir = "/usr/share/wordpress"
	}
	path := filepath.Join(dir, "wp-includes", "formatting.php")
	_, statErr := os.Stat(path)
	_, phpErr := exec.LookPath("php")
	if statErr == nil && phpErr == nil {
		return path
	}
	sharedtest.Unavailable(t, fmt.Sprintf("WordPress's formatting.php needs php-cli and Debian's wordpress package (or PARC_WORDPRESS_DIR naming an unpacked copy); .ci/wordpress-deps provides them: %v %v", statErr, phpErr))
	return ""
}

func FuzzTexturize(f *testing.F) {
	for _, c := range texturizeCases {
		f.Add(c.in)
	}
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Texturize(in)
		// Texturizing changes characters, never markup: the tags and
		// comments of the input come out in order.
		if strings.Count(out, "<") != strings.Count(in, "<") {
			t.Fatalf("Texturize(%q) = %q changes the markup", in, out)
		}
	})
}
