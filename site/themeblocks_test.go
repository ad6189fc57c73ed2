package site

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/sharedtest"
	"github.com/parc-archive/parc/media"
	"github.com/parc-archive/parc/render"
)

// themeBlocks is a small blog whose posts use WordPress's theme blocks:
// a featured image, a query loop with pagination, an avatar, the comments
// block and its form, and a login link.
func themeBlocks(tb testing.TB) string {
	return filepath.Join(sharedtest.RepoRoot(tb), "testdata", "theme-blocks.xml")
}

const (
	blockParty = "/2023/06/01/block-party/"
	lampURL    = "https://blocks.example.org/wp-content/uploads/2023/06/lamp.jpg"
)

// rescueFile records the files the site's posts use, as parc media does,
// and stores the bytes of one of them.
func rescueFile(t *testing.T, store *archive.Store, site, url string, body string) {
	t.Helper()
	ctx := context.Background()
	finder := media.NewFinder(site)
	if err := store.ForEachSitePost(ctx, site, func(p *archive.StoredPost) error { finder.Attachment(p); return nil }); err != nil {
		t.Fatal(err)
	}
	var refs []archive.MediaRef
	if err := store.ForEachSitePost(ctx, site, func(p *archive.StoredPost) error { refs = append(refs, finder.Refs(p)...); return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddMedia(ctx, refs); err != nil {
		t.Fatal(err)
	}
	if _, err := store.StoreMedia(ctx, url, strings.NewReader(body), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
}

// featuredImages lists the featured images anywhere on a page as "src alt", with
// "→ href" when the image links somewhere.
func featuredImages(t *testing.T, page fetched) []string {
	t.Helper()
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.DataAtom == atom.Figure && hasClass(n, "wp-block-post-featured-image") {
			img := findElement(n, func(c *html.Node) bool { return c.DataAtom == atom.Img })
			if img == nil {
				t.Errorf("%s: a featured image block without an image", page.url)
				return
			}
			shown := attr(img, "src") + " " + attr(img, "alt")
			if a := findElement(n, func(c *html.Node) bool { return c.DataAtom == atom.A }); a != nil {
				shown += " → " + attr(a, "href")
			}
			out = append(out, shown)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	doc, err := html.Parse(strings.NewReader(page.body))
	if err != nil {
		t.Fatal(err)
	}
	walk(doc)
	return out
}

// TestFeaturedImageBlock serves the featured images of the theme blocks
// blog: the post's image with its alternative text, or linked to the
// post with its title, from its original address until parc has the
// file and from parc's copy after; a protected post and a featured file
// that is no image show none.
func TestFeaturedImageBlock(t *testing.T) {
	const site = "https://blocks.example.org"
	for _, tc := range []struct {
		name    string
		rescued bool
		src     string
	}{
		{"file not rescued", false, lampURL},
		{"file rescued", true, "/wp-content/uploads/2023/06/lamp.jpg"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := importArchive(t, themeBlocks(t))
			if tc.rescued {
				rescueFile(t, store, site, lampURL, "lamp bytes")
			}
			_, ts := startSite(t, Config{Store: store})
			want := []string{
				tc.src + " The lamp at dusk",
				tc.src + " Block Party → " + blockParty,
				tc.src + " Block Party → " + blockParty, // the query loop's post: the newest
			}
			if got := featuredImages(t, get(t, ts.URL+blockParty)); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("featured images of %s:\n got %q\nwant %q", blockParty, got, want)
			}
			if tc.rescued {
				if file := get(t, ts.URL+tc.src); file.status != 200 || file.body != "lamp bytes" {
					t.Errorf("%s answers %d %q, want the rescued file", tc.src, file.status, file.body)
				}
			}
			for _, path := range []string{"/2023/05/01/sealed-letters/", "/2023/04/01/harbour-minutes/"} {
				if got := featuredImages(t, get(t, ts.URL+path)); len(got) != 0 {
					t.Errorf("%s shows featured images %q, want none", path, got)
				}
			}
		})
	}
}

// TestCorpusFeaturedImages serves the corpus and checks that each post
// whose featured image WordPress's REST API names (featured_media) and
// whose content holds the featured image block shows that attachment's
// file with its alternative text from the export. WordPress itself showed
// none there: the corpus site had the attachments' rows but not their
// files (see the corpus's MANIFEST), which parc does not need to link
// an image.
func TestCorpusFeaturedImages(t *testing.T) {
	data, err := os.ReadFile(sharedtest.File(t, "corpus/wordpress-6.1.9/rest/posts-page-1.json"))
	if err != nil {
		t.Fatal(err)
	}
	var posts []struct {
		ID       int64  `json:"id"`
		Link     string `json:"link"`
		Featured int64  `json:"featured_media"`
	}
	if err := json.Unmarshal(data, &posts); err != nil {
		t.Fatal(err)
	}
	attachments := map[int64]*archive.Post{}
	var blockPosts []int64
	for _, p := range corpustruth.Corpus(t).Posts {
		if p.Type == "attachment" {
			attachments[p.ID] = p
		}
		if strings.Contains(p.ContentRaw, "<!-- wp:post-featured-image") {
			blockPosts = append(blockPosts, p.ID)
		}
	}
	store := importArchive(t, sharedtest.File(t, corpustruth.CorpusExport))
	_, ts := startSite(t, Config{Store: store})
	checked := 0
	for _, p := range posts {
		if p.Featured == 0 || !slices.Contains(blockPosts, p.ID) {
			continue
		}
		a := attachments[p.Featured]
		if a == nil {
			t.Fatalf("post %d: featured attachment %d is not in the export", p.ID, p.Featured)
		}
		alt := ""
		for _, m := range a.Meta {
			if m.Key == "_wp_attachment_image_alt" && alt == "" {
				alt = m.Value
			}
		}
		page := get(t, ts.URL+strings.TrimPrefix(p.Link, "http://127.0.0.1:8088"))
		if got, want := featuredImages(t, page), []string{a.AttachmentURL + " " + alt}; !slices.Equal(got, want) {
			t.Errorf("post %d shows featured images %q, want %q", p.ID, got, want)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no post of the corpus has a featured image block and a featured image")
	}
}

// contentOf is the content element of a page of parc's site.
func contentOf(t *testing.T, page fetched) *html.Node {
	t.Helper()
	if page.status != 200 {
		t.Fatalf("%s answers %d", page.url, page.status)
	}
	doc, err := html.Parse(strings.NewReader(page.body))
	if err != nil {
		t.Fatal(err)
	}
	content := findElement(doc, func(n *html.Node) bool { return n.DataAtom == atom.Div && hasClass(n, "content") })
	if content == nil {
		t.Fatalf("%s has no content", page.url)
	}
	return content
}

// TestQueryPaginationBlock follows the links of a query loop's pagination
// on parc's site as a reader would: from the post's own page to the next
// page of the loop, to its last by number, and back.
func TestQueryPaginationBlock(t *testing.T) {
	_, ts := startSite(t, Config{Store: importArchive(t, themeBlocks(t))})
	// loopPage reads what a page of the loop shows: its posts' titles and
	// the pagination's links by their text.
	loopPage := func(address string) (titles []string, links map[string]string) {
		t.Helper()
		page := get(t, address)
		content := contentOf(t, page)
		links = map[string]string{}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			switch {
			case n.DataAtom == atom.H2 && hasClass(n, "wp-block-post-title"):
				titles = append(titles, render.Text(innerHTML(n)))
			case n.DataAtom == atom.A && (hasClass(n, "page-numbers") || hasClass(n, "wp-block-query-pagination-next") || hasClass(n, "wp-block-query-pagination-previous")):
				base, err := url.Parse(page.url)
				if err != nil {
					t.Fatal(err)
				}
				to, err := base.Parse(attr(n, "href"))
				if err != nil {
					t.Fatal(err)
				}
				links[render.Text(innerHTML(n))] = to.String()
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(content)
		return titles, links
	}
	titles, links := loopPage(ts.URL + blockParty)
	if want := []string{"Block Party"}; !slices.Equal(titles, want) || links["Previous Page"] != "" || links["4"] == "" {
		t.Fatalf("first page of the loop shows %q with links %v; want %q, no previous page, a link to page 4", titles, links, want)
	}
	titles, links = loopPage(links["Next Page"])
	if want := []string{"Sealed Letters"}; !slices.Equal(titles, want) {
		t.Errorf("the loop's next page shows %q, want %q", titles, want)
	}
	titles, links = loopPage(links["4"])
	if want := []string{"Older Walk"}; !slices.Equal(titles, want) || links["Next Page"] != "" {
		t.Errorf("the loop's last page shows %q with links %v, want %q and no next page", titles, links, want)
	}
	titles, links = loopPage(links["Previous Page"])
	if want := []string{"Harbour Minutes"}; !slices.Equal(titles, want) {
		t.Errorf("the page before the last shows %q, want %q", titles, want)
	}
	if first := links["1"]; !strings.HasSuffix(first, blockParty) {
		t.Errorf("page 1 of the loop links %q, want the post's own address", first)
	}
}

// TestCommentsBlock reads the comments block of the theme blocks blog as
// a reader sees it: the approved comments threaded, the reply under the
// comment it answers, each with its author (linked as a commenter's link
// is) and words made safe as comments are, and the count in the title;
// avatars the site's own picture. Held comments, spam, emails, addresses
// and a protected post's comments show nowhere.
func TestCommentsBlock(t *testing.T) {
	_, ts := startSite(t, Config{Store: importArchive(t, themeBlocks(t))})
	page := get(t, ts.URL+blockParty)
	content := contentOf(t, page)
	title := findElement(content, func(n *html.Node) bool { return hasClass(n, "wp-block-comments-title") })
	if title == nil || render.Text(innerHTML(title)) != "2 responses to “Block Party”" {
		t.Errorf("comments title: %v", title)
	}
	byID := func(n *html.Node, id string) *html.Node {
		return findElement(n, func(c *html.Node) bool { return c.DataAtom == atom.Li && attr(c, "id") == id })
	}
	first := byID(content, "comment-31")
	if first == nil {
		t.Fatalf("no comment-31 in the comments block:\n%s", innerHTML(content))
	}
	reply := byID(first, "comment-32")
	if reply == nil || !hasClass(reply, "depth-2") {
		t.Errorf("comment-32 is not shown as a reply inside comment-31")
	}
	author := findElement(first, func(n *html.Node) bool { return hasClass(n, "wp-block-comment-author-name") })
	if link := findElement(author, func(n *html.Node) bool { return n.DataAtom == atom.A }); link == nil ||
		attr(link, "href") != "https://jonah.example.net/" || attr(link, "rel") != "external nofollow ugc" {
		t.Errorf("comment-31's author: %s", innerHTML(author))
	}
	words := findElement(first, func(n *html.Node) bool { return hasClass(n, "wp-block-comment-content") })
	shown := innerHTML(words)
	for _, want := range []string{"wonderful", `<a href="https://jonah.example.net/notes" rel="nofollow ugc">my notes</a>`, `[gallery ids=&#34;40&#34;]`} {
		if !strings.Contains(shown, want) {
			t.Errorf("comment-31's words lack %s: %s", want, shown)
		}
	}
	// A comment's words keep no markup a comment may not have, and run
	// no shortcode.
	for _, unwanted := range []string{"glow", "gallery-item"} {
		if strings.Contains(shown, unwanted) {
			t.Errorf("comment-31's words show %q: %s", unwanted, shown)
		}
	}
	for _, secret := range []string{"heldonlyword", "Held Back", "spamword", "Cheap Pills", "jonah@mail.example.net", "203.0.113.7", "198.51.100.2", "sealedcommentword"} {
		if strings.Contains(page.body, secret) {
			t.Errorf("the page shows %q", secret)
		}
	}
	avatar := findElement(first, func(n *html.Node) bool { return n.DataAtom == atom.Img && hasClass(n, "avatar") })
	if avatar == nil || attr(avatar, "alt") != "Jonah Avatar" {
		t.Fatalf("comment-31 has no avatar named for Jonah")
	}
	if picture := get(t, ts.URL+attr(avatar, "src")); picture.status != 200 || picture.header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("the avatar %s answers %d %s", attr(avatar, "src"), picture.status, picture.header.Get("Content-Type"))
	}
	// The comment form keeps its words, says that comments are closed,
	// and has no fields to fill in; no one logs in.
	form := findElement(content, func(n *html.Node) bool { return attr(n, "id") == "respond" })
	if form == nil {
		t.Fatal("no comment form in the comments block")
	}
	text := render.Text(innerHTML(form))
	for _, want := range []string{"Leave a Reply", "Comments are closed: this is a read-only archive.", "Name *", "Website"} {
		if !strings.Contains(text, want) {
			t.Errorf("the comment form lacks %q: %s", want, text)
		}
	}
	for _, unwanted := range []string{"<input", "<textarea", "<form", "wp-login.php", "Log in"} {
		if strings.Contains(innerHTML(content), unwanted) {
			t.Errorf("the post's content shows %q", unwanted)
		}
	}
	if sealed := get(t, ts.URL+"/2023/05/01/sealed-letters/"); strings.Contains(sealed.body, "sealedcommentword") {
		t.Error("the protected post's page shows its comment")
	}
}

// sealedSince is the archive after an import that sealed the post with
// WordPress ID id (a password, or taken back to a draft) while the site
// still shows the snapshot from before it.
type sealedSince struct {
	*archive.Store
	id   int64
	seal func(*archive.StoredPost)
}

func (s sealedSince) Post(ctx context.Context, key int64) (*archive.StoredPost, error) {
	p, err := s.Store.Post(ctx, key)
	if err == nil && p.ID == s.id {
		s.seal(p)
	}
	return p, err
}

// TestCommentsBlockAsksTheStore: a query loop's comment template shows
// another post's comments only while the store still says readers may
// see that post: the snapshot saying so is not enough.
func TestCommentsBlockAsksTheStore(t *testing.T) {
	loop := `<!-- wp:query {"query":{"perPage":10}} --><!-- wp:post-template --><!-- wp:post-title /-->` +
		`<!-- wp:comment-template --><!-- wp:comment-content /--><!-- /wp:comment-template --><!-- /wp:post-template --><!-- /wp:query -->`
	path := writeWXR(t, t.TempDir(), "loop.xml", "https://loop.example", "Loop",
		wxrPost{id: 1, title: "Front", slug: "front", date: "2024-02-01 10:00:00", body: loop},
		wxrPost{id: 2, title: "Letters", slug: "letters", date: "2024-01-01 10:00:00", body: "<p>Words</p>",
			comments: []wxrComment{{id: 20, approved: "1", date: "2024-01-02 10:00:00", author: "Ann", body: "lettercommentword"}}})
	store := importArchive(t, path)
	_, open := startSite(t, Config{Store: store})
	if page := get(t, open.URL+"/2024/02/01/front/"); !strings.Contains(page.body, "lettercommentword") {
		t.Fatalf("the loop does not show the comment of a public post:\n%s", page.body)
	}
	for name, seal := range map[string]func(*archive.StoredPost){
		"password": func(p *archive.StoredPost) { p.Password = "secret" },
		"draft":    func(p *archive.StoredPost) { p.Status = "draft" },
	} {
		_, ts := startSite(t, Config{Store: sealedSince{store, 2, seal}})
		if page := get(t, ts.URL+"/2024/02/01/front/"); page.status != 200 || strings.Contains(page.body, "lettercommentword") {
			t.Errorf("a post sealed by a %s: the loop shows its comment (status %d)", name, page.status)
		}
	}
}
