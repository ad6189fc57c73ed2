package media_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/hugo"
	"github.com/parc-archive/parc/export/jekyll"
	"github.com/parc-archive/parc/export/sitegen"
	"github.com/parc-archive/parc/export/static"
	"github.com/parc-archive/parc/export/wxr"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/media"
	"github.com/parc-archive/parc/site"
)

func encoded(t *testing.T, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	for x := range 8 {
		img.Set(x, x%6, color.RGBA{uint8(x * 30), 80, 200, 255})
	}
	var b bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&b, img)
	case "jpeg":
		err = jpeg.Encode(&b, img, nil)
	case "gif":
		err = gif.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// origin is a blog's host serving its files, with the trouble real hosts
// give, counting requests per path.
type origin struct {
	srv   *httptest.Server
	mu    sync.Mutex
	asked map[string]int
	files map[string][]byte
}

func newOrigin(t *testing.T) *origin {
	o := &origin{asked: map[string]int{}}
	pngBytes := encoded(t, "png")
	o.files = map[string][]byte{
		"/wp-content/uploads/2024/05/photo.png":         pngBytes,
		"/wp-content/uploads/2024/05/photo-300x200.png": encoded(t, "gif"), // a resized copy: other bytes
		"/wp-content/uploads/2024/05/same.png":          pngBytes,          // the same bytes under another name
		"/wp-content/uploads/2024/05/shot.jpg":          encoded(t, "jpeg"),
		"/wp-content/uploads/2024/05/lies.jpg":          pngBytes, // named JPEG, is PNG
		"/wp-content/uploads/2024/05/paper.pdf":         []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
		"/wp-content/uploads/2024/05/song.mp3":          append([]byte("ID3\x03\x00\x00\x00\x00\x00\x00"), make([]byte, 64)...),
		"/wp-content/uploads/2024/05/featured.jpg":      encoded(t, "jpeg"),
		"/wp-content/uploads/2024/05/lazy.png":          encoded(t, "png")[:40], // truncated, still PNG by its bytes
	}
	var throttled sync.Once
	o.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.asked[r.URL.Path]++
		o.mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/wp-content/uploads/2024/05/gone.png":
			http.NotFound(w, r)
		case "/wp-content/uploads/2024/05/forbidden.png":
			http.Error(w, "no", http.StatusForbidden)
		case "/wp-content/uploads/2024/05/busy.png":
			first := false
			throttled.Do(func() { first = true })
			if first {
				w.Header().Set("Retry-After", "0")
				http.Error(w, "slow down", http.StatusTooManyRequests)
				return
			}
			w.Write(o.files["/wp-content/uploads/2024/05/photo.png"])
		case "/wp-content/uploads/2024/05/moved.png":
			http.Redirect(w, r, "/wp-content/uploads/2024/05/shot.jpg", http.StatusMovedPermanently)
		case "/wp-content/uploads/2024/05/elsewhere.png":
			http.Redirect(w, r, "http://localhost:1/evil.png", http.StatusFound)
		case "/wp-content/uploads/2024/05/soft404.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("<!DOCTYPE html><html><body>Not found</body></html>"))
		case "/wp-content/uploads/2024/05/huge.png":
			w.Write(append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 2<<20)...))
		default:
			if b, ok := o.files[r.URL.Path]; ok {
				w.Header().Set("Content-Type", "text/plain") // headers lie; bytes do not
				w.Write(b)
				return
			}
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(o.srv.Close)
	return o
}

func (o *origin) requests(path string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.asked[path]
}

// blogExport is a WXR of a blog on the origin's host whose posts use its
// files every way WordPress writes them.
func blogExport(t *testing.T, base string) string {
	up := base + "/wp-content/uploads/2024/05/"
	content := fmt.Sprintf(`<!-- wp:image {"id":5,"sizeSlug":"large"} -->
<figure class="wp-block-image"><img src="%[1]sphoto-300x200.png" srcset="%[1]sphoto.png 800w, %[1]sphoto-300x200.png 300w" alt=""/></figure>
<!-- /wp:image -->
<p><img data-lazy-src="%[1]slazy.png" src="data:image/gif;base64,R0lGOD"> <a href="%[1]spaper.pdf">the paper</a>
<span style="background:url('%[1]sshot.jpg')"></span></p>
[audio %[1]ssong.mp3]
<p><img src="%[1]ssame.png"> <img src="%[1]slies.jpg"> <img src="%[1]sgone.png"> <img src="%[1]sforbidden.png">
<img src="%[1]sbusy.png"> <img src="%[1]smoved.png"> <img src="%[1]selsewhere.png"> <img src="%[1]ssoft404.png">
<img src="%[1]shuge.png"> <img src="https://hotlinked.example.net/cat.png"></p>`, up)
	export := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Media blog</title><link>%[1]s</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>%[1]s</wp:base_site_url>
<item><title>Photo</title><wp:post_id>5</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>%[2]sphoto.png</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value><![CDATA[a:2:{s:4:"file";s:18:"2024/05/photo.png";s:5:"sizes";a:1:{s:6:"medium";a:1:{s:4:"file";s:17:"photo-300x200.png";}}}]]></wp:meta_value></wp:postmeta></item>
<item><title>Featured</title><wp:post_id>6</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>%[2]sfeatured.jpg</wp:attachment_url></item>
<item><title>All the files</title><link>%[1]s/2024/05/01/files/</link><wp:post_id>10</wp:post_id><wp:post_name>files</wp:post_name>
<wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_date>2024-05-01 10:00:00</wp:post_date>
<content:encoded><![CDATA[%[3]s]]></content:encoded>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>6</wp:meta_value></wp:postmeta></item>
</channel></rss>`, base, up, content)
	path := filepath.Join(t.TempDir(), "media.xml")
	if err := os.WriteFile(path, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func testOptions() media.Options {
	return media.Options{Fetch: fetch.Options{Delay: -1, MaxRetries: 1, Backoff: time.Millisecond, Timeout: 5 * time.Second}, MaxSize: 1 << 20}
}

func TestFetchStoresWhatTheBlogUses(t *testing.T) {
	o := newOrigin(t)
	ctx := context.Background()
	store := importedArchive(t, blogExport(t, o.srv.URL))
	res, err := media.Fetch(ctx, store, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	files, err := store.Media(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]archive.MediaFile{}
	for _, f := range files {
		byName[strings.TrimPrefix(f.URL, o.srv.URL+"/wp-content/uploads/2024/05/")] = f
	}
	want := map[string]string{ // file → status and sniffed type
		"photo.png": "stored image/png", "photo-300x200.png": "stored image/gif", "same.png": "stored image/png",
		"shot.jpg": "stored image/jpeg", "lies.jpg": "stored image/png", "paper.pdf": "stored application/pdf",
		"song.mp3": "stored audio/mpeg", "featured.jpg": "stored image/jpeg", "lazy.png": "stored image/png",
		"busy.png": "stored image/png", "moved.png": "stored image/jpeg",
		"gone.png": "missing ", "elsewhere.png": "missing ", "soft404.png": "missing ",
		"forbidden.png": "failed ", "huge.png": "failed ",
	}
	for name, w := range want {
		f, ok := byName[name]
		got := f.Status + " " + f.Type
		if !ok || got != w {
			t.Errorf("%s: %q (%s), want %q", name, got, f.Error, w)
		}
	}
	if f := byName["https://hotlinked.example.net/cat.png"]; f.Status != archive.MediaMissing || !strings.Contains(f.Error, "not on the blog's hosts") {
		t.Errorf("a hotlinked image on another host: %+v, want missing and never asked", f)
	}
	if n := o.requests("/wp-content/uploads/2024/05/photo.png"); n != 1 {
		t.Errorf("photo.png asked %d times, want once", n)
	}
	if byName["same.png"].SHA256 != byName["photo.png"].SHA256 {
		t.Error("the same bytes under two names have two hashes")
	}
	if v := byName["photo-300x200.png"]; v.Original != o.srv.URL+"/wp-content/uploads/2024/05/photo.png" {
		t.Errorf("the resized copy's original is %q", v.Original)
	}
	stored := 0
	filepath.Walk(filepath.Join(store.Dir(), "media"), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			stored++
		}
		return nil
	})
	distinct := map[string]bool{}
	for _, f := range files {
		if f.Status == archive.MediaStored {
			distinct[f.SHA256] = true
		}
	}
	// photo, same, lies and busy are one PNG; shot, moved and featured one JPEG.
	if stored != len(distinct) || stored != 6 {
		t.Errorf("%d files in the media folder for %d distinct stored files, want 6: each file once whatever its URLs", stored, len(distinct))
	}
	if res.Stored != 11 || res.Missing != 4 || res.Failed != 2 {
		t.Errorf("result %+v", res)
	}
	if c, err := store.Verify(ctx); err != nil || len(c.Problems) > 0 {
		t.Errorf("verify: %v %q", err, c.Problems)
	}

	// A second fetch asks nothing for what it has; it retries the failed.
	before := o.requests("/wp-content/uploads/2024/05/shot.jpg")
	if _, err := media.Fetch(ctx, store, testOptions()); err != nil {
		t.Fatal(err)
	}
	if o.requests("/wp-content/uploads/2024/05/shot.jpg") != before {
		t.Error("a stored file was asked for again")
	}
	if o.requests("/wp-content/uploads/2024/05/forbidden.png") != 2 {
		t.Error("a failed file was not tried again by the next fetch")
	}

	// A damaged file is found by verify.
	os.WriteFile(store.MediaPath(byName["shot.jpg"].SHA256), []byte("bit rot"), 0o644)
	if c, _ := store.Verify(ctx); len(c.Problems) != 1 || !strings.Contains(c.Problems[0], "damaged") {
		t.Errorf("verify after damage: %q", c.Problems)
	}
}

// TestServedPostLoadsEveryImageFromParc: once the files are stored, the
// post's images, links and feeds point at parc, which serves them with
// their type after the origin is gone.
func TestServedPostLoadsEveryImageFromParc(t *testing.T) {
	o := newOrigin(t)
	ctx := context.Background()
	store := importedArchive(t, blogExport(t, o.srv.URL))
	if _, err := media.Fetch(ctx, store, testOptions()); err != nil {
		t.Fatal(err)
	}
	o.srv.Close() // the blog's host is gone
	srv, err := site.New(ctx, site.Config{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	page := get(t, ts.URL+"/2024/05/01/files/")
	for _, stored := range []string{"photo.png", "photo-300x200.png", "same.png", "lies.jpg", "paper.pdf", "shot.jpg"} {
		if strings.Contains(page, "/wp-content/uploads/2024/05/"+stored) && strings.Contains(page, o.srv.URL+"/wp-content/uploads/2024/05/"+stored) {
			t.Errorf("the page still links %s at the dead host", stored)
		}
	}
	srcs := regexp.MustCompile(`(?:src|href)="(/[^"]+\.(?:png|jpg|pdf|mp3))"`).FindAllStringSubmatch(page, -1)
	if len(srcs) < 5 {
		t.Fatalf("the page links %d stored files at parc, want at least 5:\n%s", len(srcs), page)
	}
	for _, m := range srcs {
		resp, err := http.Get(ts.URL + m[1])
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "image/") && !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/pdf") && !strings.HasPrefix(resp.Header.Get("Content-Type"), "audio/") || len(body) == 0 {
			t.Errorf("%s: %d %s, %d bytes", m[1], resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
		}
		if resp.Header.Get("ETag") == "" || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: ETag %q, Cache-Control %q", m[1], resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"))
		}
	}
	if !strings.Contains(page, o.srv.URL+"/wp-content/uploads/2024/05/gone.png") {
		t.Error("a file never stored lost its original URL")
	}
}

func get(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d", u, resp.StatusCode)
	}
	return string(b)
}

// TestExportsUseStoredMedia: a WXR export names each stored attachment at
// a parc serve of the archive when asked to, and a static export holds
// the stored files at the paths its pages link.
func TestExportsUseStoredMedia(t *testing.T) {
	o := newOrigin(t)
	ctx := context.Background()
	store := importedArchive(t, blogExport(t, o.srv.URL))
	if _, err := media.Fetch(ctx, store, testOptions()); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := wxr.Write(ctx, store, &buf, export.Options{MediaBaseURL: "http://parc.example:8080/"}, nil); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"photo.png", "featured.jpg"} {
		want := "<wp:attachment_url><![CDATA[http://parc.example:8080/wp-content/uploads/2024/05/" + file + "]]></wp:attachment_url>"
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the export does not name %s at parc:\n%s", file, buf.String())
		}
	}

	dir := filepath.Join(t.TempDir(), "out")
	if _, err := static.Write(ctx, store, dir, sitegen.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"photo.png", "lies.jpg", "paper.pdf"} {
		got, err := os.ReadFile(filepath.Join(dir, "wp-content/uploads/2024/05", file))
		if err != nil || !bytes.Equal(got, o.files["/wp-content/uploads/2024/05/"+file]) {
			t.Errorf("the static export holds %s: %d bytes, %v", file, len(got), err)
		}
	}

	// Hugo and Jekyll copy the files the posts link where their sites
	// publish them at the same paths, and the posts link them there.
	for _, gen := range []struct {
		name   string
		write  func(dir string) error
		static string
		post   string
	}{
		{"hugo", func(dir string) error { _, err := hugo.Write(ctx, store, dir, sitegen.Options{}, nil); return err }, "static", "content/posts"},
		{"jekyll", func(dir string) error { _, err := jekyll.Write(ctx, store, dir, sitegen.Options{}, nil); return err }, "", "_posts"},
	} {
		dir := filepath.Join(t.TempDir(), gen.name)
		if err := gen.write(dir); err != nil {
			t.Fatalf("%s: %v", gen.name, err)
		}
		for _, file := range []string{"photo.png", "lies.jpg", "paper.pdf"} {
			got, err := os.ReadFile(filepath.Join(dir, gen.static, "wp-content/uploads/2024/05", file))
			if err != nil || !bytes.Equal(got, o.files["/wp-content/uploads/2024/05/"+file]) {
				t.Errorf("%s: the export holds %s: %d bytes, %v", gen.name, file, len(got), err)
			}
		}
		var body []byte
		filepath.Walk(filepath.Join(dir, gen.post), func(p string, info os.FileInfo, err error) error {
			if err == nil && strings.HasSuffix(p, ".md") {
				b, _ := os.ReadFile(p)
				body = append(body, b...)
			}
			return nil
		})
		if !bytes.Contains(body, []byte("(/wp-content/uploads/2024/05/paper.pdf)")) || bytes.Contains(body, []byte(o.srv.URL+"/wp-content/uploads/2024/05/paper.pdf")) {
			t.Errorf("%s: the post does not link the copied paper:\n%s", gen.name, body)
		}
	}
}

// TestSlowBodyFails: a file whose body trickles past the fetch timeout is
// failed, not stored half, and the next fetch tries it again.
func TestSlowBodyFails(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("GIF89a"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	export := filepath.Join(t.TempDir(), "slow.xml")
	os.WriteFile(export, []byte(fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>S</title><link>%[1]s</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>P</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><content:encoded><![CDATA[<img src="%[1]s/wp-content/uploads/slow.gif">]]></content:encoded></item></channel></rss>`, srv.URL)), 0o644)
	store := importedArchive(t, export)
	opts := testOptions()
	opts.Fetch.Timeout, opts.Fetch.MaxRetries = 200*time.Millisecond, -1
	res, err := media.Fetch(ctx, store, opts)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := store.Media(ctx, "")
	if res.Failed != 1 || len(files) != 1 || files[0].Status != archive.MediaFailed || files[0].SHA256 != "" {
		t.Errorf("result %+v, files %+v; want the slow file failed and nothing stored", res, files)
	}
}

// importedArchive is a new archive holding the exports, imported for real.
func importedArchive(t *testing.T, exports ...string) *archive.Store {
	t.Helper()
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := importer.Import(context.Background(), store, exports, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	return store
}
