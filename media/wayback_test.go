package media_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/media"
)

// TestFetchFromWebArchive: a file the origin no longer gives (a 404, an
// HTML page in its place) is asked of the web archive, in the capture
// closest to the date of the post that uses it; the archive is never
// asked for a file parc would not ask the origin for.
func TestFetchFromWebArchive(t *testing.T) {
	o := newOrigin(t)
	archived := encoded(t, "gif")
	var mu sync.Mutex
	asked := map[string]string{} // file URL -> timestamp asked
	wayback := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest := strings.TrimPrefix(r.URL.RequestURI(), "/web/")
		ts, file, ok := strings.Cut(rest, "im_/")
		if !ok {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		asked[file] = ts
		mu.Unlock()
		if strings.HasSuffix(file, "/gone.png") || strings.HasSuffix(file, "/soft404.png") {
			w.Write(archived)
			return
		}
		http.NotFound(w, r)
	}))
	defer wayback.Close()

	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	if _, err := importer.Import(ctx, store, []string{blogExport(t, o.srv.URL)}, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	opts := testOptions()
	opts.Archive = wayback.URL
	if _, err := media.Fetch(ctx, store, opts); err != nil {
		t.Fatal(err)
	}
	files, err := store.Media(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	up := o.srv.URL + "/wp-content/uploads/2024/05/"
	for _, f := range files {
		switch f.URL {
		case up + "gone.png", up + "soft404.png":
			if f.Status != archive.MediaStored {
				t.Errorf("%s: %s (%s), want stored from the web archive", f.URL, f.Status, f.Error)
				continue
			}
			if b, err := os.ReadFile(store.MediaPath(f.SHA256)); err != nil || !bytes.Equal(b, archived) {
				t.Errorf("%s: stored bytes are not the archive's (%v)", f.URL, err)
			}
			if ts := asked[f.URL]; ts != "20240501100000" {
				t.Errorf("%s asked of the archive at %q, want the post's date 20240501100000", f.URL, ts)
			}
		case up + "forbidden.png":
			if f.Status == archive.MediaStored || !strings.Contains(f.Error, "web archive") {
				t.Errorf("%s: %s %q, want not stored, naming the archive's answer too", f.URL, f.Status, f.Error)
			}
		}
	}
	for file := range asked {
		if !strings.HasPrefix(file, up) {
			t.Errorf("the archive was asked for %s, which is not on the blog's host", file)
		}
		if strings.HasSuffix(file, "/photo.png") {
			t.Errorf("the archive was asked for %s, which the origin gave", file)
		}
	}
}

// TestFetchOnlyFromWebArchive: for a site read from a web archive (parc
// import --wayback --media), every file is asked of the archive and the
// blog's own host is never contacted.
func TestFetchOnlyFromWebArchive(t *testing.T) {
	o := newOrigin(t)
	archived := encoded(t, "gif")
	wayback := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, file, ok := strings.Cut(strings.TrimPrefix(r.URL.RequestURI(), "/web/"), "im_/"); ok && strings.HasSuffix(file, "/photo.png") {
			w.Write(archived)
			return
		}
		http.NotFound(w, r)
	}))
	defer wayback.Close()
	store := importedArchive(t, blogExport(t, o.srv.URL))
	opts := testOptions()
	opts.Archive, opts.ArchiveOnly = wayback.URL, true
	if _, err := media.Fetch(context.Background(), store, opts); err != nil {
		t.Fatal(err)
	}
	o.mu.Lock()
	asked := len(o.asked)
	o.mu.Unlock()
	if asked != 0 {
		t.Errorf("the blog's own host was asked %d times: %v", asked, o.asked)
	}
	files, _ := store.Media(context.Background(), "")
	for _, f := range files {
		if strings.HasSuffix(f.URL, "/photo.png") && f.Status != archive.MediaStored {
			t.Errorf("%s: %s (%s), want stored from the archive", f.URL, f.Status, f.Error)
		}
	}
}
