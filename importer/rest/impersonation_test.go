package rest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// TestServerSpeaksOnlyForItself: a REST server at one address that claims
// to be a site the archive holds from an export cannot add to that site,
// retitle it or change its posts: what it serves is filed under the site
// at its own address.
func TestServerSpeaksOnlyForItself(t *testing.T) {
	const claimed = "https://lighthouse.example.org"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		switch r.URL.Path {
		case "/wp-json/":
			fmt.Fprintf(w, `{"name":"Hijacked","url":%q,"home":%q,"namespaces":["wp/v2"],"routes":{"/wp/v2/posts":{}}}`, claimed, claimed)
		case "/wp-json/wp/v2/posts":
			fmt.Fprintf(w, `[{"id":10,"type":"post","status":"publish","link":"%s/2023/03/18/the-quiet-lighthouse-2023-review/",
				"title":{"rendered":"Pwned"},"content":{"rendered":"<p>EVIL</p>"}},
				{"id":99,"type":"post","status":"publish","link":"%s/?p=99","title":{"rendered":"Planted"},"content":{"rendered":"<p>EVIL</p>"}}]`, claimed, claimed)
		default:
			w.Write([]byte(`[]`))
		}
	}))
	defer srv.Close()

	ctx := context.Background()
	store := openStore(t)
	sample := filepath.Join(sharedtest.RepoRoot(t), "testdata", "sample-blog.xml")
	if _, err := importer.Import(ctx, store, []string{sample}, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, store, claimed)
	if _, err := importSite(t, ctx, store, srv.URL); err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, store, claimed)
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the exported site changed:\n before %v\n after  %v", before, after)
	}
	planted := snapshot(t, store, srv.URL)
	if planted["site"] != "Hijacked" || planted["post 99"] != "Planted | <p>EVIL</p>" {
		t.Errorf("what the server serves, filed under %s: %v", srv.URL, planted)
	}
}

// snapshot is a site's title and its posts' titles and shown text.
func snapshot(t *testing.T, store *archive.Store, site string) map[string]string {
	t.Helper()
	out := map[string]string{}
	sites, err := store.Sites(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sites {
		if s.URL == archive.NormalizeSiteURL(site) {
			out["site"] = s.Title
		}
	}
	err = store.ForEachPost(context.Background(), func(p *archive.StoredPost) error {
		if p.Site == archive.NormalizeSiteURL(site) {
			out[fmt.Sprintf("%s %d", p.Type, p.ID)] = p.Title + " | " + p.ContentRaw + p.ContentRendered
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
