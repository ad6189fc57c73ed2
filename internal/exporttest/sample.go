package exporttest

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// videoPost is a post of the sample blog at /blog/ that embeds a YouTube
// and a Vimeo video as WordPress's editors do (a URL on a line of its
// own), links the Vimeo one within text, and was first published under
// another slug (its guid), an old path the export must keep.
const videoPost = `<item>
		<title><![CDATA[Films to watch]]></title>
		<link>https://lighthouse.example.org/blog/2023/06/01/films-to-watch/</link>
		<dc:creator><![CDATA[mara]]></dc:creator>
		<guid isPermaLink="false">https://lighthouse.example.org/blog/2023/06/01/films-for-a-wet-weekend/</guid>
		<content:encoded><![CDATA[Watch the trailer:

https://www.youtube.com/watch?v=dQw4w9WgXcQ

And the making-of, <a href="https://vimeo.com/76979871">on Vimeo</a>:

https://vimeo.com/76979871]]></content:encoded>
		<wp:post_id>30</wp:post_id>
		<wp:post_date><![CDATA[2023-06-01 12:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2023-06-01 19:00:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[films-to-watch]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
	</item>
</channel>`

// SamplePaths are where the sample blog at /blog/ serves its review with
// the nested thread, the post of videos, and that post's old path.
const (
	SampleReviewPath = "/blog/2023/03/18/the-quiet-lighthouse-review/"
	SampleVideoPath  = "/blog/2023/06/01/films-to-watch/"
	SampleOldPath    = "/blog/2023/06/01/films-for-a-wet-weekend/"
)

// SampleSecrets are what the sample blog holds that no public site may:
// commenters' and authors' emails and IPs, the held comment and the
// spam, the content of the password-protected post and of the draft.
var SampleSecrets = []string{
	"jonah@mail.example.net", "mara@lighthouse.example.org", "held@mail.example.net", "spam@spam.example.com",
	"203.0.113.7", "198.51.100.2", "203.0.113.50", "203.0.113.66",
	"nobody may read it", "spamword", "secretletterword", "draftonlyword",
}

// SampleAtSubpath imports the repository's sample blog
// (testdata/sample-blog.xml) moved to https://lighthouse.example.org/blog/,
// a blog that is not at its domain's root, with the post of videos.
func SampleAtSubpath(t *testing.T) *archive.Store {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sharedtest.RepoRoot(t), "testdata", "sample-blog.xml"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "https://lighthouse.example.org", "https://lighthouse.example.org/blog")
	text = strings.Replace(text, "</channel>", videoPost, 1)
	file := filepath.Join(t.TempDir(), "blog.xml")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return importFile(t, file)
}

// SampleThread checks the sample review's page in a site built at /blog/:
// its 4 approved comments, and a heading that counts them, not the held
// comment or the spam.
func SampleThread(t *testing.T, built string) {
	t.Helper()
	review := Page(t, built, strings.TrimPrefix(SampleReviewPath, "/blog"))
	if n := review.Find(`[id^=comment-]`).Length(); n != 4 {
		t.Errorf("the review shows %d comments, want its 4 approved ones", n)
	}
	if h := review.Find("#comments h2").Text(); !strings.HasPrefix(h, "4 ") {
		t.Errorf("the thread's heading says %q", h)
	}
}

// SamplePrivate checks a --private export of the sample blog: its sources
// (below the export site) hold the draft and the password-protected post,
// marked with draftMark, and the held comment and the spam with their
// status, but no email or IP; the site built from it (built) shows none
// of them.
func SamplePrivate(t *testing.T, site, sources, built, draftMark string) {
	t.Helper()
	want := []string{"draftonlyword", "secretletterword", `"pending"`, `"spam"`, draftMark}
	if found := Holding(t, sources, want...); len(found) < len(want) {
		t.Errorf("the private export's sources hold only %v of %v", found, want)
	}
	if found := Holding(t, site, SampleSecrets[:8]...); len(found) > 0 {
		t.Errorf("emails or IPs in the export: %v", found)
	}
	if found := Holding(t, built, SampleSecrets...); len(found) > 0 {
		t.Errorf("the built site shows private things: %v", found)
	}
	SampleThread(t, built)
}

// Holding lists the files below dir that hold any of the strings.
func Holding(t *testing.T, dir string, strs ...string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, s := range strs {
			if bytes.Contains(data, []byte(s)) {
				rel, _ := filepath.Rel(dir, path)
				found = append(found, rel+": "+s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}
