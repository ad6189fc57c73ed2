package wayback_test

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"

	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/fetch"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/internal/corpustruth"
	"github.com/parc-archive/parc/internal/sharedtest"
)

const (
	corpusSite = "http://127.0.0.1:8088"
)

// snapshot is one capture the test archive holds.
type snapshot struct {
	timestamp, original, mimetype string
	status                        int
	body                          []byte
}

// waybackServer stands in for the Wayback Machine over the corpus's WARC
// records: it speaks the CDX API (JSON output, the filters parc sends,
// limit and resume keys) and replays captures with id_.
type waybackServer struct {
	t     testing.TB
	srv   *httptest.Server
	snaps []snapshot // sorted by original, then timestamp

	mu       sync.Mutex
	replays  map[string]int // replay path -> requests
	cdxCalls int
	// onReplay, when set, is called before each replay is served; it may
	// answer instead (returning true).
	onReplay func(w http.ResponseWriter, n int) bool
}

func newWaybackServer(t testing.TB) *waybackServer {
	dir := sharedtest.File(t, "corpus/wordpress-6.1.9/warc")
	ws := &waybackServer{t: t, replays: map[string]int{}}
	indexes, _ := filepath.Glob(filepath.Join(dir, "*.cdx"))
	for _, index := range indexes {
		ws.snaps = append(ws.snaps, readSnapshots(t, index)...)
	}
	slices.SortStableFunc(ws.snaps, func(a, b snapshot) int {
		return strings.Compare(a.original+" "+a.timestamp, b.original+" "+b.timestamp)
	})
	// No ServeMux: it would clean the "//" of the URL in a replay path.
	ws.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/cdx/search/cdx":
			ws.cdx(w, r)
		case strings.HasPrefix(r.URL.Path, "/web/"):
			ws.replay(w, r)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ws.srv.Close)
	return ws
}

// readSnapshots reads the captures Wget's CDX index lists (fields: URL,
// timestamp, original URL, MIME type, status, digest, redirect, meta,
// offset, file, record id), each record's body from its WARC file.
func readSnapshots(t testing.TB, index string) []snapshot {
	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	var snaps []snapshot
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		f := strings.Fields(line)
		offset, _ := strconv.ParseInt(f[8], 10, 64)
		status, _ := strconv.Atoi(f[4])
		snaps = append(snaps, snapshot{timestamp: f[1], original: f[2], mimetype: f[3], status: status,
			body: recordBody(t, filepath.Join(filepath.Dir(index), f[9]), offset)})
	}
	return snaps
}

func recordBody(t testing.TB, path string, offset int64) []byte {
	r, err := gowarc.NewWarcFileReader(path, offset)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rec, err := r.Next()
	if err != nil {
		t.Fatalf("%s at %d: %v", path, offset, err)
	}
	defer rec.Close()
	payload, err := rec.WarcRecord.Block().(gowarc.PayloadBlock).PayloadBytes()
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(payload)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// cdx answers the CDX API: rows for url=HOST/*, statuscode and mimetype
// filters as regular-expression matches, limit and resumeKey paging.
func (ws *waybackServer) cdx(w http.ResponseWriter, r *http.Request) {
	ws.mu.Lock()
	ws.cdxCalls++
	ws.mu.Unlock()
	q := r.URL.Query()
	prefix := strings.TrimSuffix(q.Get("url"), "*")
	limit, _ := strconv.Atoi(q.Get("limit"))
	start, _ := strconv.Atoi(q.Get("resumeKey"))
	rows := [][]string{{"timestamp", "original", "mimetype", "statuscode", "digest"}}
	next := ""
	for i := start; i < len(ws.snaps); i++ {
		s := ws.snaps[i]
		if !strings.HasPrefix(strings.TrimPrefix(s.original, "http://"), prefix) || !matches(q["filter"], s) ||
			(q.Get("from") != "" && s.timestamp < q.Get("from")) || (q.Get("to") != "" && s.timestamp[:len(q.Get("to"))] > q.Get("to")) {
			continue
		}
		if limit > 0 && len(rows)-1 == limit {
			next = strconv.Itoa(i)
			break
		}
		rows = append(rows, []string{s.timestamp, s.original, s.mimetype, strconv.Itoa(s.status), "-"})
	}
	if next != "" && q.Get("showResumeKey") == "true" {
		rows = append(rows, []string{}, []string{next})
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(rows)
}

func matches(filters []string, s snapshot) bool {
	for _, f := range filters {
		field, pattern, _ := strings.Cut(f, ":")
		switch field {
		case "statuscode":
			if pattern != strconv.Itoa(s.status) {
				return false
			}
		case "mimetype":
			alternatives := strings.Split(strings.Trim(pattern, "()"), "|")
			if !slices.Contains(alternatives, strings.ReplaceAll(s.mimetype, "+", `\+`)) {
				return false
			}
		}
	}
	return true
}

// replay serves /web/TIMESTAMPid_/URL: the capture's original bytes.
func (ws *waybackServer) replay(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.RequestURI(), "/web/")
	ts, original, ok := strings.Cut(rest, "id_/")
	ws.mu.Lock()
	ws.replays[rest]++
	n := 0
	for _, c := range ws.replays {
		n += c
	}
	hook := ws.onReplay
	ws.mu.Unlock()
	if hook != nil && hook(w, n) {
		return
	}
	for _, s := range ws.snaps {
		if ok && s.timestamp == ts && s.original == original {
			w.Header().Set("Content-Type", s.mimetype+"; charset=UTF-8")
			w.Write(s.body)
			return
		}
	}
	http.NotFound(w, r)
}

func (ws *waybackServer) replayCount() (requests, distinct int) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	for _, n := range ws.replays {
		requests += n
	}
	return requests, len(ws.replays)
}

func (ws *waybackServer) options() importer.Options {
	return importer.Options{Mode: importer.ModeWayback, Wayback: importer.Wayback{URL: ws.srv.URL},
		Fetch: fetch.Options{UserAgent: "parc/test", HTTPClient: ws.srv.Client(), Delay: -1, Backoff: time.Millisecond, MaxRetries: 1}}
}

func openStore(t testing.TB) *archive.Store {
	t.Helper()
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// TestWaybackImport imports the corpus site from the test archive, listed
// in pages of 10 captures: every published post the export holds is there with its
// approved comments, post 1814 with the later capture's comment, and a
// rerun asks for no capture again.
func TestWaybackImport(t *testing.T) {
	ws := newWaybackServer(t)
	store := openStore(t)
	opts := ws.options()
	opts.Wayback.PageSize = 10
	results, err := importer.Import(context.Background(), store, []string{"127.0.0.1:8088"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	s := results[0].Captures
	// 92 + 2 captures less robots.txt, which the CDX filter leaves out.
	if s == nil || s.Read != 93 || s.Merged < 90 {
		t.Fatalf("captures %+v, want the 93 pages and feeds of both WARC files", s)
	}
	checked := 0
	for _, want := range corpustruth.Corpus(t).Posts {
		if want.Type != "post" || want.Status != "publish" || want.Password != "" || len(corpustruth.Approved(want)) == 0 {
			continue
		}
		checked++
		wantComments := corpustruth.Approved(want)
		if want.ID == corpustruth.LaterPost {
			wantComments[corpustruth.LaterComment] = corpustruth.LaterParent
		}
		if got := corpustruth.Thread(corpustruth.StoredPost(t, store, corpusSite, want.ID)); !maps.Equal(got, wantComments) {
			t.Errorf("post %d: comments %v, want %v", want.ID, got, wantComments)
		}
	}
	if checked < 5 {
		t.Fatalf("only %d posts with comments checked", checked)
	}
	for _, m := range corpustruth.StoredPost(t, store, corpusSite, corpustruth.LaterPost).Meta {
		if m.Key == "parc:captured" && m.Value != corpustruth.LaterCaptured {
			t.Errorf("post %d captured at %s, want %s", corpustruth.LaterPost, m.Value, corpustruth.LaterCaptured)
		}
	}
	if ws.cdxCalls != 10 {
		t.Errorf("%d CDX requests, want 10 pages of at most 10 captures", ws.cdxCalls)
	}
	requests, distinct := ws.replayCount()
	if requests != distinct || distinct != 93 {
		t.Errorf("%d replay requests for %d captures, want each of the 93 asked once", requests, distinct)
	}
	again, err := importer.Import(context.Background(), store, []string{"127.0.0.1:8088"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := ws.replayCount(); after != requests {
		t.Errorf("the rerun asked for %d captures again", after-requests)
	}
	if c := again[0].Counts; c.Added != 0 || c.Updated != 0 {
		t.Errorf("the rerun changed %d records and added %d", c.Updated, c.Added)
	}
}

// TestWaybackResumes: an import interrupted after 20 captures keeps them;
// the rerun fetches only the others. A 429 with Retry-After is waited out.
func TestWaybackResumes(t *testing.T) {
	ws := newWaybackServer(t)
	store := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ws.onReplay = func(w http.ResponseWriter, n int) bool {
		switch {
		case n == 3:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		case n == 21:
			cancel()
		}
		return false
	}
	_, err := importer.Import(ctx, store, []string{corpusSite}, ws.options())
	if err == nil {
		t.Fatal("the interrupted import reported no error")
	}
	ws.onReplay = nil
	if _, err := importer.Import(context.Background(), store, []string{corpusSite}, ws.options()); err != nil {
		t.Fatal(err)
	}
	requests, distinct := ws.replayCount()
	// The capture answered 429 is asked again, as may be the one in
	// flight when the import was interrupted; no other.
	if distinct != 93 || requests > distinct+2 {
		t.Errorf("%d replay requests for %d captures: the rerun asked again for what the first run had", requests, distinct)
	}
	if _, ok := corpustruth.Thread(corpustruth.StoredPost(t, store, corpusSite, corpustruth.LaterPost))[corpustruth.LaterComment]; !ok {
		t.Errorf("post %d lacks the later capture's comment", corpustruth.LaterPost)
	}
}

// TestWaybackDates: --to limits the captures to those taken until then.
func TestWaybackDates(t *testing.T) {
	ws := newWaybackServer(t)
	opts := ws.options()
	opts.Wayback.To = "20261201141040" // before the later capture
	results, err := importer.Import(context.Background(), openStore(t), []string{corpusSite}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if s := results[0].Captures; s.Read != 91 {
		t.Errorf("captures %+v, want the 91 pages and feeds of the first WARC file", s)
	}
}

// TestCDXNeverEnds: a CDX answer that never ends is cut at the fetch size
// limit and the import fails, naming the CDX request.
func TestCDXNeverEnds(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`[["timestamp","original"],`))
		row := []byte(`["20140101000000","http://blog.example/a"],`)
		for r.Context().Err() == nil {
			if _, err := w.Write(row); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	opts := importer.Options{Mode: importer.ModeWayback, Wayback: importer.Wayback{URL: srv.URL},
		Fetch: fetch.Options{HTTPClient: srv.Client(), Delay: -1, MaxRetries: -1, MaxBody: 1 << 20}}
	_, err := importer.Import(context.Background(), openStore(t), []string{"blog.example"}, opts)
	if err == nil || !strings.Contains(err.Error(), "/cdx/search/cdx") || !strings.Contains(err.Error(), "cut") {
		t.Fatalf("err = %v, want the CDX answer named as cut", err)
	}
}

// TestCDXPagingLoops: a server that gives the same resume key again is
// an error, not an endless listing.
func TestCDXPagingLoops(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`[["timestamp","original"],["20140101000000","http://blog.example/a"],[],["again"]]`))
	}))
	defer srv.Close()
	opts := importer.Options{Mode: importer.ModeWayback, Wayback: importer.Wayback{URL: srv.URL},
		Fetch: fetch.Options{HTTPClient: srv.Client(), Delay: -1, MaxRetries: -1}}
	_, err := importer.Import(context.Background(), openStore(t), []string{"blog.example"}, opts)
	if err == nil || !strings.Contains(err.Error(), "loops") {
		t.Fatalf("err = %v, want the looping paging named", err)
	}
}
