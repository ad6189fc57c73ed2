package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/fnv"
	"net/http"
	"strings"
	"time"
)

// response is a rendered answer, kept whole so it can be cached and
// served again with conditional requests and gzip.
type response struct {
	status      int
	contentType string
	body        []byte
	gzipped     []byte // nil when gzip would not pay
	etag        string
	modified    time.Time
	location    string // for redirects
	retryAfter  string // seconds, for a 503
	cacheable   bool
	maxAge      string // Cache-Control of a 200; pageMaxAge when empty
}

// minGzipSize is below where gzip saves less than a packet.
const minGzipSize = 512

func newResponse(status int, contentType string, body []byte, modified time.Time) *response {
	r := &response{status: status, contentType: contentType, body: body, modified: modified}
	h := fnv.New64a()
	h.Write(body)
	r.etag = fmt.Sprintf(`"%x"`, h.Sum64())
	if len(body) >= minGzipSize {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		r.gzipped = buf.Bytes()
	}
	return r
}

func redirect(location string) *response {
	return &response{status: http.StatusMovedPermanently, location: location, cacheable: true}
}

// pageMaxAge lets browsers reuse a page briefly; after that they
// revalidate with the ETag, which an import changes.
const pageMaxAge = "public, max-age=60"

func (resp *response) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if resp.location != "" {
		h.Set("Location", resp.location)
		h.Set("Cache-Control", pageMaxAge)
		w.WriteHeader(resp.status)
		return
	}
	h.Set("Content-Type", resp.contentType)
	h.Set("Vary", "Accept-Encoding")
	body, etag := resp.body, resp.etag
	if resp.gzipped != nil && acceptsGzip(r) {
		body = resp.gzipped
		etag = strings.TrimSuffix(etag, `"`) + `-gz"`
		h.Set("Content-Encoding", "gzip")
	}
	if resp.status == http.StatusOK {
		cacheControl := resp.maxAge
		if cacheControl == "" {
			cacheControl = pageMaxAge
		}
		h.Set("Cache-Control", cacheControl)
		h.Set("ETag", etag)
		if !resp.modified.IsZero() {
			h.Set("Last-Modified", resp.modified.UTC().Format(http.TimeFormat))
		}
		if notModified(r, etag, resp.modified) {
			h.Del("Content-Type")
			h.Del("Content-Encoding")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else {
		h.Set("Cache-Control", "no-store")
	}
	if resp.retryAfter != "" {
		h.Set("Retry-After", resp.retryAfter)
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(resp.status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") && !strings.Contains(strings.ReplaceAll(params, " ", ""), "q=0") {
			return true
		}
	}
	return false
}

// notModified applies If-None-Match, and If-Modified-Since only when no
// ETag was sent, as RFC 9110 orders them.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == etag || tag == "*" {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		if t, err := http.ParseTime(ims); err == nil {
			return !modified.Truncate(time.Second).After(t)
		}
	}
	return false
}
