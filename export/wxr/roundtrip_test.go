package wxr_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/export/wxr"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/internal/sharedtest"
	"github.com/parc-archive/parc/internal/wpcorpus"
)

func openStore(t testing.TB) *archive.Store {
	t.Helper()
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// importSources brings sources into store through the one driver, as parc
// import does.
func importSources(t testing.TB, store *archive.Store, opts importer.Options, sources ...string) []importer.Result {
	t.Helper()
	results, err := importer.Import(context.Background(), store, sources, opts)
	if err != nil {
		t.Fatalf("import %v: %v", sources, err)
	}
	return results
}

// exportWXR writes the archive's site as WXR and checks that a strict XML
// parser reads every byte of it.
func exportWXR(t testing.TB, store *archive.Store, opts export.Options) ([]byte, export.Counts) {
	t.Helper()
	var buf bytes.Buffer
	counts, err := wxr.Write(context.Background(), store, &buf, opts, nil)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	if counts.Bytes != int64(buf.Len()) {
		t.Errorf("counted %d bytes, wrote %d", counts.Bytes, buf.Len())
	}
	strictParse(t, buf.Bytes())
	return buf.Bytes(), counts
}

// strictParse reads an export with encoding/xml in strict mode, as
// WordPress's SimpleXML and expat parsers read it: well-formed, every
// prefix declared, the WXR 1.2 namespaces by URI.
func strictParse(t testing.TB, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	version := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col := dec.InputPos()
			t.Fatalf("strict XML parse: line %d col %d: %v", line, col, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "wxr_version" {
			if se.Name.Space != "http://wordpress.org/export/1.2/" {
				t.Fatalf("wxr_version in namespace %q", se.Name.Space)
			}
			var v string
			if err := dec.DecodeElement(&v, &se); err != nil {
				t.Fatal(err)
			}
			version = v
		}
	}
	if version != "1.2" {
		t.Fatalf("wp:wxr_version %q, want 1.2", version)
	}
}

// importBytes imports an export into store as a file.
func importBytes(t testing.TB, store *archive.Store, data []byte) importer.Result {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	results := importSources(t, store, importer.Options{}, path)
	if len(results) != 1 || results[0].Format != "wxr" {
		t.Fatalf("the export imported as %d results, format %v", len(results), results)
	}
	return results[0]
}

// snapshot is what a user compares between two archives: every site's
// title, authors, terms, and every item with every field, meta, terms and
// comment (sorted by id), keyed by site, type, id and occurrence.
type snapshot struct {
	Sites   []string
	Authors []archive.Author
	Terms   []archive.Term
	Items   map[string]string
}

func takeSnapshot(t testing.TB, store *archive.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	var s snapshot
	sites, err := store.Sites(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, site := range sites {
		s.Sites = append(s.Sites, fmt.Sprintf("%s|%s|%s|%s", site.URL, site.Title, site.Description, site.Language))
		authors, err := store.Authors(ctx, site.URL)
		if err != nil {
			t.Fatal(err)
		}
		s.Authors = append(s.Authors, authors...)
		terms, err := store.SiteTerms(ctx, site.URL)
		if err != nil {
			t.Fatal(err)
		}
		s.Terms = append(s.Terms, terms...)
	}
	s.Items = map[string]string{}
	err = store.ForEachPost(ctx, func(p *archive.StoredPost) error {
		post := p.Post
		// Where the archive has raw content the export carries that
		// alone; a rendered copy beside it is not part of the round trip.
		if post.ContentRaw != "" {
			post.ContentRendered = ""
		}
		if post.ExcerptRaw != "" {
			post.ExcerptRendered = ""
		}
		post.Comments = slices.Clone(post.Comments)
		for i := range post.Comments {
			if post.Comments[i].ContentRaw != "" {
				post.Comments[i].ContentRendered = ""
			}
		}
		sort.SliceStable(post.Comments, func(i, j int) bool { return post.Comments[i].ID < post.Comments[j].ID })
		key := fmt.Sprintf("%s %s %d #%d", p.Site, p.Type, p.ID, p.Occurrence)
		if p.ID == 0 {
			key = fmt.Sprintf("%s %s %s", p.Site, p.Type, p.Link)
		}
		b, err := json.MarshalIndent(post, "", " ")
		if err != nil {
			return err
		}
		if _, dup := s.Items[key]; dup {
			t.Fatalf("two items answer to %s", key)
		}
		s.Items[key] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func compareSnapshots(t testing.TB, got, want snapshot) {
	t.Helper()
	if !slices.Equal(got.Sites, want.Sites) {
		t.Errorf("sites:\n got %q\nwant %q", got.Sites, want.Sites)
	}
	if fmt.Sprint(got.Authors) != fmt.Sprint(want.Authors) {
		t.Errorf("authors:\n got %+v\nwant %+v", got.Authors, want.Authors)
	}
	if g, w := fmt.Sprintf("%+v", got.Terms), fmt.Sprintf("%+v", want.Terms); g != w {
		t.Errorf("terms:\n got %s\nwant %s", g, w)
	}
	shown := 0
	for key, w := range want.Items {
		g, ok := got.Items[key]
		switch {
		case !ok:
			t.Errorf("%s: missing after the round trip", key)
		case g != w:
			t.Errorf("%s differs:\n got %s\nwant %s", key, g, w)
		default:
			continue
		}
		if shown++; shown > 5 {
			t.Fatal("too many differences")
		}
	}
	for key := range got.Items {
		if _, ok := want.Items[key]; !ok {
			t.Errorf("%s: appeared in the round trip", key)
		}
	}
}

// roundTrip exports store with everything it holds, checks the export
// imports into an empty archive as the same archive, and that importing it
// into store itself changes nothing.
func roundTrip(t *testing.T, store *archive.Store) []byte {
	t.Helper()
	want := takeSnapshot(t, store)
	if len(want.Items) == 0 && len(want.Terms) == 0 && len(want.Authors) == 0 {
		t.Fatal("the archive holds nothing to export")
	}
	t.Logf("%d items, %d terms, %d authors", len(want.Items), len(want.Terms), len(want.Authors))
	data, counts := exportWXR(t, store, export.Options{Private: true})
	compareWithLibxml(t, data)
	if counts.Items != len(want.Items) {
		t.Errorf("exported %d items, the archive holds %d", counts.Items, len(want.Items))
	}
	fresh := openStore(t)
	importBytes(t, fresh, data)
	compareSnapshots(t, takeSnapshot(t, fresh), want)

	mark, err := store.ChangeMark(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res := importBytes(t, store, data)
	changed, err := store.ChangedSince(context.Background(), mark)
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) > 0 {
		t.Errorf("importing the export into the archive it came from changed %d posts; import counts %+v", len(changed), res.Counts)
	}
	compareSnapshots(t, takeSnapshot(t, store), want)
	return data
}

func TestRoundTripSampleBlog(t *testing.T) {
	store := openStore(t)
	importSources(t, store, importer.Options{}, filepath.Join(sharedtest.RepoRoot(t), "testdata", "sample-blog.xml"))
	roundTrip(t, store)
}

func TestRoundTripThemeUnitTest(t *testing.T) {
	store := openStore(t)
	importSources(t, store, importer.Options{}, sharedtest.File(t, "peers/theme-unit-test/themeunittestdata.wordpress.xml"))
	roundTrip(t, store)
}

func TestRoundTripCorpusExport(t *testing.T) {
	store := openStore(t)
	importSources(t, store, importer.Options{}, filepath.Join(wpcorpus.Dir(t), "export", "wordpress-export.xml"))
	roundTrip(t, store)
}

// TestRoundTripImporterFixtures exports each of the official importer's
// fixtures that parc imports, the damaged ones included: whatever parc
// kept of them comes back the same.
func TestRoundTripImporterFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(sharedtest.File(t, "peers/wordpress-importer"), "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	tried := 0
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			store := openStore(t)
			if _, err := importer.Import(context.Background(), store, []string{file}, importer.Options{}); err != nil {
				t.Skipf("parc refuses it, as WordPress does: %v", err)
			}
			tried++
			roundTrip(t, store)
		})
	}
	if tried < 20 {
		t.Errorf("only %d fixtures round-tripped", tried)
	}
}

// TestRoundTripScrapedPages exports a blog known only from its saved
// pages: the rendered content is the content, and comes back as rendered.
func TestRoundTripScrapedPages(t *testing.T) {
	store := openStore(t)
	importSources(t, store, importer.Options{}, filepath.Join(wpcorpus.Dir(t), "html", "twentytwentyone"))
	data := roundTrip(t, store)
	if !bytes.Contains(data, []byte(`<content:encoded parc:form="rendered">`)) {
		t.Error("no content is marked as rendered")
	}
}

func TestRoundTripREST(t *testing.T) {
	srv := wpcorpus.NewServer(t, "rest")
	store := openStore(t)
	importSources(t, store, importer.Options{Mode: importer.ModeREST,
		Fetch: fetch.Options{Delay: -1, MaxRetries: 1, Backoff: time.Millisecond, Timeout: 10 * time.Second}}, srv.URL)
	roundTrip(t, store)
}

func TestSeveralSitesNeedSite(t *testing.T) {
	store := openStore(t)
	importSources(t, store, importer.Options{},
		filepath.Join(sharedtest.RepoRoot(t), "testdata", "sample-blog.xml"),
		sharedtest.File(t, "peers/wordpress-importer/small-export.xml"))
	_, err := wxr.Write(context.Background(), store, io.Discard, export.Options{}, nil)
	if !errors.Is(err, export.ErrSeveralSites) {
		t.Fatalf("export of two sites without --site: %v", err)
	}
	sites, _ := store.Sites(context.Background())
	data, counts := exportWXR(t, store, export.Options{Site: sites[0].URL, Private: true})
	if counts.Sites != 1 || !strings.Contains(string(data), "<wp:base_blog_url>"+sites[0].URL) {
		t.Errorf("export of %s: %+v", sites[0].URL, counts)
	}
}

// TestPublicExportHoldsOnlyWhatTheSiteShows reads a public export of the
// Theme Unit Test and the corpus back: published items only, no password,
// no protected content, approved comments without emails or IPs.
func TestPublicExportHoldsOnlyWhatTheSiteShows(t *testing.T) {
	for _, file := range []string{
		sharedtest.File(t, "peers/theme-unit-test/themeunittestdata.wordpress.xml"),
		filepath.Join(wpcorpus.Dir(t), "export", "wordpress-export.xml"),
	} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			store := openStore(t)
			importSources(t, store, importer.Options{}, file)
			data, _ := exportWXR(t, store, export.Options{})
			fresh := openStore(t)
			importBytes(t, fresh, data)
			items, comments := 0, 0
			err := fresh.ForEachPost(context.Background(), func(p *archive.StoredPost) error {
				items++
				if !export.Exported(&p.Post) || p.Password != "" {
					t.Errorf("%s %d %q: status %s, password %q", p.Type, p.ID, p.Title, p.Status, p.Password)
				}
				for _, c := range p.Comments {
					comments++
					if !c.Public() || c.AuthorEmail != "" || c.AuthorIP != "" {
						t.Errorf("%s %d comment %d: %s, %q, %q", p.Type, p.ID, c.ID, c.Approved, c.AuthorEmail, c.AuthorIP)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range takeSnapshot(t, fresh).Authors {
				if a.Email != "" {
					t.Errorf("author %s: email %q", a.Login, a.Email)
				}
			}
			if items == 0 || comments == 0 {
				t.Errorf("the public export holds %d items, %d comments", items, comments)
			}
		})
	}
}

// TestItemsWithoutIDs: items the archive knows no WordPress ID of (a feed
// that shows none) get IDs of their own in the export, above every ID the
// site has, since WordPress's importer keeps only the first item of an
// ID; parc reads them back as having none.
func TestItemsWithoutIDs(t *testing.T) {
	store := openStore(t)
	im, err := store.BeginImport(context.Background(), archive.Source{Path: "feed", Format: "rss", Authority: archive.AuthorityFeed})
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2021, 5, 6, 7, 8, 9, 0, time.UTC)
	recs := []archive.Record{{Site: &archive.Site{URL: "https://feed.example.org", Title: "Feed"}},
		{Post: &archive.Post{ID: 40, Type: "post", Status: "publish", Title: "has an ID", Link: "https://feed.example.org/a", Date: date}}}
	for _, link := range []string{"b", "c", "d"} {
		recs = append(recs, archive.Record{Post: &archive.Post{Type: "post", Status: "publish", Title: "no ID " + link,
			Link: "https://feed.example.org/" + link, Date: date, ContentRendered: "<p>" + link + "</p>"}})
	}
	for _, rec := range recs {
		if err := im.Put(rec); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := im.Finish("", nil); err != nil {
		t.Fatal(err)
	}
	listed, err := store.Posts(context.Background(), archive.PostFilter{})
	if err != nil {
		t.Fatal(err)
	}
	data := roundTrip(t, store)
	for _, p := range listed {
		want := `<wp:post_id parc:assigned="1">` + strconv.FormatInt(p.ID, 10) + `</wp:post_id>`
		if p.ID == 40 {
			want = `<wp:post_id>40</wp:post_id>`
		}
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("%q is not given the ID the archive shows: no %s in\n%s", p.Title, want, data)
		}
	}
}
