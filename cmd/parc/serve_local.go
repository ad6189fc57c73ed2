package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/google/renameio/v2"
	"github.com/parc-archive/parc/search"
)

// A running parc serve holds the archive's search index, which one
// process at a time may open. So that parc search still works, the
// server answers searches from the same machine at localSearchPath, and
// says where in localServerFile in the archive: its address and a token
// that only those who may read the archive can see (the file is 0600).
// The endpoint bypasses the site's bounds on concurrent searches, so it
// answers only the token's bearer, from a loopback address.
const (
	localServerFile = "serve.local.json"
	localSearchPath = "/_parc/local/search"
)

// localServer is what localServerFile holds.
type localServer struct {
	PID   int    `json:"pid"`
	URL   string `json:"url"` // http://127.0.0.1:PORT, on a loopback address
	Token string `json:"token"`
}

// localSearchAnswer is the endpoint's answer: results, or why not.
type localSearchAnswer struct {
	Results  *search.Results `json:"results,omitempty"`
	BadQuery string          `json:"bad_query,omitempty"` // the reason a query was refused
	Error    string          `json:"error,omitempty"`
}

// announceLocalSearch writes localServerFile for a server listening on
// addr; the returned function removes it.
func announceLocalSearch(dir string, addr net.Addr) (token string, remove func(), err error) {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "", nil, fmt.Errorf("serve: not a TCP address: %s", addr)
	}
	host := tcp.IP
	if host.IsUnspecified() {
		host = net.IPv4(127, 0, 0, 1)
	}
	secret := make([]byte, 16)
	rand.Read(secret)
	token = hex.EncodeToString(secret)
	data, err := json.Marshal(localServer{PID: os.Getpid(), URL: "http://" + net.JoinHostPort(host.String(), fmt.Sprint(tcp.Port)), Token: token})
	if err != nil {
		return "", nil, err
	}
	path := filepath.Join(dir, localServerFile)
	// 0600: only those who may read the archive may see the token.
	if err := renameio.WriteFile(path, data, 0o600, renameio.WithTempDir(dir)); err != nil {
		return "", nil, fmt.Errorf("serve: %w", err)
	}
	return token, func() { os.Remove(path) }, nil
}

// localSearchHandler answers POSTed search.Requests with a
// localSearchAnswer, for the bearer of token on a loopback address.
func localSearchHandler(follower *search.Follower, token string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() || r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodPost {
			http.Error(w, "POST a search request", http.StatusMethodNotAllowed)
			return
		}
		var req search.Request
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&req); err != nil {
			http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
			return
		}
		var answer localSearchAnswer
		res, err := follower.Search(r.Context(), req)
		var badQuery *search.QueryError
		switch {
		case errors.As(err, &badQuery):
			answer.BadQuery = badQuery.Reason
		case err != nil:
			answer.Error = err.Error()
		default:
			answer.Results = res
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(answer)
	})
}

// withLocalSearch routes localSearchPath to local and every other path,
// untouched (a ServeMux would clean odd old paths), to site.
func withLocalSearch(site, local http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == localSearchPath {
			local.ServeHTTP(w, r)
			return
		}
		site.ServeHTTP(w, r)
	})
}

// errNoLocalServer means no parc serve of the archive answers searches.
var errNoLocalServer = errors.New("no local server")

// searchLocalServer runs req on the parc serve that holds the archive in
// dir; errNoLocalServer when none answers.
func searchLocalServer(ctx context.Context, dir string, req search.Request) (*search.Results, error) {
	data, err := os.ReadFile(filepath.Join(dir, localServerFile))
	if err != nil {
		return nil, errNoLocalServer
	}
	var srv localServer
	if err := json.Unmarshal(data, &srv); err != nil || srv.URL == "" {
		return nil, errNoLocalServer
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, req.Timeout+5*time.Second)
	defer cancel()
	httpReq, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+localSearchPath, bytes.NewReader(body))
	if err != nil {
		return nil, errNoLocalServer
	}
	httpReq.Header.Set("Authorization", "Bearer "+srv.Token)
	httpReq.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(httpReq)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("asking parc serve (process %d) to search: %w", srv.PID, err)
		}
		return nil, errNoLocalServer
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errNoLocalServer
	}
	var answer localSearchAnswer
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return nil, fmt.Errorf("asking parc serve (process %d) to search: %w", srv.PID, err)
	}
	switch {
	case answer.BadQuery != "":
		return nil, &search.QueryError{Reason: answer.BadQuery}
	case answer.Error != "":
		return nil, fmt.Errorf("parc serve (process %d): %s", srv.PID, answer.Error)
	case answer.Results == nil:
		return nil, fmt.Errorf("parc serve (process %d) answered no results", srv.PID)
	}
	return answer.Results, nil
}
