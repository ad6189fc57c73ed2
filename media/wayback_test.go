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
