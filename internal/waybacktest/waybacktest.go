// Package waybacktest stands in for the Wayback Machine in tests: an
// HTTP server over the corpus's WARC captures (../shared/corpus/
// wordpress-6.1.9/warc, found through its CDX index) that speaks the CDX
// server API and replays captures with id_.
package waybacktest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/parc-archive/parc/internal/sharedtest"
)

// snapshot is one capture the test archive holds.
type snapshot struct {
	timestamp, original, mimetype string
	status                        int
	body                          []byte
}

// Server stands in for the Wayback Machine over the corpus's WARC
// records: it speaks the CDX API (JSON output, the filters parc sends,
// limit and resume keys) and replays captures with id_.
type Server struct {
	*httptest.Server
	snaps []snapshot // sorted by original, then timestamp

	mu       sync.Mutex
	replays  map[string]int // replay path -> requests
	cdxCalls int
	onReplay func(w http.ResponseWriter, r *http.Request, n int) bool
}

// OnReplay makes hook be called before each replay is served, n the
// replay requests so far; it may answer instead (returning true). nil
// replays the captures alone again. The server is already serving, so
// the hook is handed over under its lock.
func (ws *Server) OnReplay(hook func(w http.ResponseWriter, r *http.Request, n int) bool) {
	ws.mu.Lock()
	ws.onReplay = hook
	ws.mu.Unlock()
}

// New serves the corpus's captures until the test ends.
func New(t testing.TB) *Server {
	dir := sharedtest.File(t, "corpus/wordpress-6.1.9/warc")
	ws := &Server{replays: map[string]int{}}
	indexes, _ := filepath.Glob(filepath.Join(dir, "*.cdx"))
	for _, index := range indexes {
		ws.snaps = append(ws.snaps, readSnapshots(t, index)...)
	}
	slices.SortStableFunc(ws.snaps, func(a, b snapshot) int {
		return strings.Compare(a.original+" "+a.timestamp, b.original+" "+b.timestamp)
	})
	// No ServeMux: it would clean the "//" of the URL in a replay path.
	ws.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/cdx/search/cdx":
			ws.cdx(w, r)
		case strings.HasPrefix(r.URL.Path, "/web/"):
			ws.replay(w, r)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(ws.Server.Close)
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

// CDXCalls is how many CDX requests were made.
func (ws *Server) CDXCalls() int {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return ws.cdxCalls
}

// cdx answers the CDX API: rows for url=HOST/*, statuscode and mimetype
// filters as regular-expression matches, limit and resumeKey paging.
func (ws *Server) cdx(w http.ResponseWriter, r *http.Request) {
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
func (ws *Server) replay(w http.ResponseWriter, r *http.Request) {
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
	if hook != nil && hook(w, r, n) {
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

// ReplayCount is how many replays were asked for, and of how many captures.
func (ws *Server) ReplayCount() (requests, distinct int) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	for _, n := range ws.replays {
		requests += n
	}
	return requests, len(ws.replays)
}
