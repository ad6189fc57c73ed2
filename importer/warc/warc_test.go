package warc_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/importer/warc"
	"github.com/parc-archive/parc/internal/corpustruth"
)

const site = "https://blog.example"

// postPage is a WordPress single-post page of post 7 showing the comments
// ids names, and the given text.
func postPage(text string, ids ...int) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta name="generator" content="WordPress 6.4"><link rel="canonical" href="` + site + `/2024/01/01/deep/"></head>` +
		`<body class="single single-post postid-7"><article id="post-7" class="post-7 post"><h1 class="entry-title">Deep</h1><div class="entry-content"><p>` + text + `</p></div></article>` +
		`<div id="comments"><ol class="comment-list">`)
	for _, id := range ids {
		fmt.Fprintf(&b, `<li id="comment-%d" class="comment depth-1"><article class="comment-body"><b class="fn">Reader %d</b><time datetime="2024-01-02T03:04:05+01:00">x</time><div class="comment-content"><p>Comment %d</p></div></article></li>`, id, id, id)
	}
	b.WriteString(`</ol></div></body></html>`)
	return b.String()
}

// record is one WARC record; response builds the HTTP answer it holds.
func record(typ, uri, date, id string, fields []string, block string) string {
	head := []string{"WARC/1.1", "WARC-Type: " + typ, "WARC-Record-ID: <urn:uuid:" + id + ">", "WARC-Date: " + date, "WARC-Target-URI: " + uri}
	head = append(head, fields...)
	head = append(head, fmt.Sprintf("Content-Length: %d", len(block)))
	return strings.Join(head, "\r\n") + "\r\n\r\n" + block + "\r\n\r\n"
}

func response(status int, contentType, body string) string {
	return fmt.Sprintf("HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, contentType, len(body), body)
}

func httpRecord(uri, date, id string, status int, contentType, body string, fields ...string) string {
	return record("response", uri, date, id, append([]string{"Content-Type: application/http;msgtype=response"}, fields...), response(status, contentType, body))
}

func gzipMember(s string) []byte {
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	z.Write([]byte(s))
	z.Close()
	return b.Bytes()
}

func write(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func importFile(t *testing.T, path string) (importer.Result, error) {
	t.Helper()
	store := openStore(t)
	results, err := importer.Import(context.Background(), store, []string{path}, importer.Options{})
	if len(results) != 1 {
		t.Fatalf("import %s: %d results (%v), want 1", path, len(results), err)
	}
	return results[0], err
}

func hasWarning(res importer.Result, parts ...string) bool {
	return slices.ContainsFunc(res.Warnings, func(w string) bool {
		for _, p := range parts {
			if !strings.Contains(w, p) {
				return false
			}
		}
		return true
	})
}

var (
	postURL = site + "/2024/01/01/deep/"
	first   = httpRecord(postURL, "2014-05-01T10:00:00Z", "00000000-0000-0000-0000-000000000001", 200, "text/html; charset=UTF-8", postPage("Old text", 1, 2))
	second  = httpRecord(postURL, "2016-05-01T10:00:00Z", "00000000-0000-0000-0000-000000000002", 200, "text/html; charset=UTF-8", postPage("New text", 2, 3))
	missing = httpRecord(site+"/gone/", "2016-05-01T10:00:01Z", "00000000-0000-0000-0000-000000000003", 404, "text/html", "<html>gone</html>")
	image   = httpRecord(site+"/logo.png", "2016-05-01T10:00:02Z", "00000000-0000-0000-0000-000000000004", 200, "image/png", "\x89PNG")
)

// TestCapturesMerge: two captures of a post, in any order in the file, are
// one post whose thread is the union of both and whose text is the
// newest; a 404 and an image are counted and skipped.
func TestCapturesMerge(t *testing.T) {
	for name, data := range map[string][]byte{
		"plain":             []byte(second + missing + first + image),
		"gzip per record":   slices.Concat(gzipMember(second), gzipMember(missing), gzipMember(first), gzipMember(image)),
		"gzip whole stream": gzipMember(second + missing + first + image),
	} {
		t.Run(name, func(t *testing.T) {
			store := openStore(t)
			path := write(t, "capture.warc", data)
			results, err := importer.Import(context.Background(), store, []string{path}, importer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := results[0].Captures
			if s == nil || s.Read != 4 || s.Merged != 2 || s.NotOK != 1 || s.Other != 1 {
				t.Fatalf("captures %+v, want 4 read, 2 merged, 1 not OK, 1 other", s)
			}
			keys, err := store.FindPosts(context.Background(), "7", site)
			if err != nil || len(keys) != 1 {
				t.Fatalf("post 7: %v %v", keys, err)
			}
			p, err := store.Post(context.Background(), keys[0])
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.ContentRendered, "New text") {
				t.Errorf("content %q, want the 2016 capture's", p.ContentRendered)
			}
			if got := metaValue(p.Meta, warc.MetaCaptured); got != "2016-05-01T10:00:00Z" {
				t.Errorf("captured %q, want 2016-05-01T10:00:00Z", got)
			}
			if got := corpustruth.Thread(p); len(got) != 3 {
				t.Errorf("comments %v, want 1, 2 and 3", got)
			}
		})
	}
}

// TestRevisitResolved: a revisit record repeats an earlier capture's bytes
// at its own, later date; one whose original is absent is counted.
func TestRevisitResolved(t *testing.T) {
	revisit := record("revisit", postURL, "2018-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000009",
		[]string{"WARC-Refers-To: <urn:uuid:00000000-0000-0000-0000-000000000002>",
			"WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
			"Content-Type: application/http;msgtype=response"}, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
	orphan := record("revisit", site+"/other/", "2018-01-01T00:00:01Z", "00000000-0000-0000-0000-00000000000a",
		[]string{"WARC-Refers-To: <urn:uuid:00000000-0000-0000-0000-0000000000ff>"}, "")
	res, err := importFile(t, write(t, "r.warc", []byte(first+second+revisit+orphan)))
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Captures; s.Revisits != 1 || s.Unresolved != 1 || s.Merged != 3 {
		t.Fatalf("captures %+v, want 1 revisit resolved and merged, 1 unresolved", s)
	}
}

// TestDamagedFiles: a record cut short, a gzip member cut short and
// garbage after the records each end the file with a warning that names
// it and the place; the captures before are imported.
func TestDamagedFiles(t *testing.T) {
	cutRecord := []byte(first + second[:len(second)/2])
	secondGz := gzipMember(second)
	cutGzip := slices.Concat(gzipMember(first), secondGz[:len(secondGz)/2])
	for name, data := range map[string][]byte{
		"record cut short":      cutRecord,
		"gzip member cut short": cutGzip,
		"garbage after":         []byte(first + "this is not a WARC record at all\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			path := write(t, "damaged.warc", data)
			res, err := importFile(t, path)
			if err != nil {
				t.Fatalf("the captures before the damage should import: %v", err)
			}
			if res.Captures.Merged < 1 {
				t.Errorf("captures %+v: the first capture was lost", res.Captures)
			}
			if !hasWarning(res, path) {
				t.Errorf("no warning names %s: %q", path, res.Warnings)
			}
		})
	}
}

// TestWACZ: the WARC files a WACZ package stores are imported as one blog;
// one the zip compressed again is refused with a message saying what to do.
func TestWACZ(t *testing.T) {
	pack := func(method uint16) string {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		for name, content := range map[string]string{"datapackage.json": "{}", "archive/data.warc": first + second} {
			w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: method})
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(content))
		}
		z.Close()
		return write(t, "site.wacz", b.Bytes())
	}
	res, err := importFile(t, pack(zip.Store))
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != "wacz" || res.Captures.Merged != 2 {
		t.Errorf("format %q, captures %+v; want wacz with 2 merged", res.Format, res.Captures)
	}
	store := openStore(t)
	_, err = importer.Import(context.Background(), store, []string{pack(zip.Deflate)}, importer.Options{})
	if err == nil || !strings.Contains(err.Error(), "archive/data.warc") || !strings.Contains(err.Error(), "uncompressed") {
		t.Errorf("a deflated WARC in a WACZ: %v", err)
	}
}

// FuzzWARC: whatever the bytes, reading a WARC file ends, without panic,
// in records or a warning.
func FuzzWARC(f *testing.F) {
	f.Add([]byte(first + second))
	f.Add(gzipMember(first))
	f.Add([]byte(first[:100]))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.warc")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r := warc.Open(context.Background(), []warc.File{warc.PlainFile(path, int64(len(data)))}, warc.Options{})
		defer r.Close()
		for range 10000 {
			if _, err := r.Next(); err != nil {
				return
			}
		}
		t.Fatal("more than 10000 records from one small file")
	})
}
