// Package fetch is parc's one polite HTTP client, shared by the crawler and
// the REST importer so that both behave the same towards a live blog: a
// User-Agent naming parc, at most a few requests at a time with a delay
// between requests to the same host, retries with exponential backoff and
// jitter on 429, 5xx and network errors (honouring Retry-After), a bounded
// redirect chain, a cap on body size, conditional requests, and robots.txt.
//
// A Client works for one site, the one the user named (scope.go): it
// follows redirects only within that site, sends credentials only to its
// origin, and connects to loopback, private and link-local addresses only
// when the site itself is at one.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// Defaults for the zero values of Options.
const (
	DefaultUserAgent   = "parc (+https://github.com/parc-archive/parc)"
	DefaultConcurrency = 2
	DefaultDelay       = 500 * time.Millisecond
	DefaultMaxRetries  = 4
	DefaultMaxBody     = 20 << 20
	DefaultTimeout     = 60 * time.Second
	DefaultBackoff     = time.Second
	// MaxRetryAfter caps how long a server's Retry-After can make us wait:
	// a blog asking for an hour is better retried on the next run.
	MaxRetryAfter = 2 * time.Minute
	maxRedirects  = 10
)

// Options tune a Client. Zero values take the defaults above.
type Options struct {
	UserAgent   string        // e.g. "parc/0.1.0 (+https://github.com/parc-archive/parc)"
	Concurrency int           // requests in flight at once
	Delay       time.Duration // between the starts of two requests to the same host; negative means none
	MaxRetries  int           // retries after the first attempt; negative means none
	MaxBody     int64         // a body longer than this is cut and Response.Truncated set
	Timeout     time.Duration // per attempt, body included
	// Backoff is the wait before the first retry, doubled for each next one
	// (with jitter), unless the server's Retry-After says otherwise.
	Backoff time.Duration
	// User and Password are sent as HTTP basic auth (WordPress application
	// passwords), only to the site's origin. They are never logged or put
	// in an error.
	User, Password string
	// Site is the URL of the site the user named; empty means the first
	// URL the client fetches. Requests stay on its host (and www twin).
	Site string
	// AlsoHosts are further host names redirects may lead to, such as the
	// CDN a blog serves its media from.
	AlsoHosts  []string
	HTTPClient *http.Client // transport to use; tests pass httptest's

	// lookup resolves host names for the guarded dialer; tests replace it.
	lookup func(ctx context.Context, host string) ([]netip.Addr, error)
}

// Validators are a stored response's validators, sent back as
// If-None-Match and If-Modified-Since so that an unchanged page costs a 304.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is one completed fetch.
type Response struct {
	URL         string // the final URL, after redirects
	Status      int
	Header      http.Header
	Body        []byte
	FetchedAt   time.Time
	NotModified bool // a 304 to a conditional request: Body is empty, keep the stored one
	Truncated   bool // the body was longer than Options.MaxBody and was cut there
}

// ValidatorsOf returns the validators a response header carries.
func ValidatorsOf(h http.Header) *Validators {
	v := &Validators{ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified")}
	if v.ETag == "" && v.LastModified == "" {
		return nil
	}
	return v
}

// StatusError is the error for a final response that is not a success:
// any 4xx, or a 429 or 5xx that outlasted the retries. Response holds
// what the server sent, body included.
type StatusError struct {
	Response *Response
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("fetch %s: HTTP %d %s", e.Response.URL, e.Response.Status, http.StatusText(e.Response.Status))
}

// ErrRedirectLoop is wrapped by the error for a redirect chain that comes
// back to a URL it already visited or is longer than ten hops.
var ErrRedirectLoop = errors.New("redirect loop")

// Client fetches pages politely. It is safe for concurrent use.
type Client struct {
	opts   Options
	client *http.Client
	slots  chan struct{} // one token per request in flight
	scope  scoped

	mu     sync.Mutex
	nextAt map[string]time.Time // per host: when the next request may start
}

// New returns a Client with opts, defaults filled in.
func New(opts Options) *Client {
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	switch {
	case opts.Delay == 0:
		opts.Delay = DefaultDelay
	case opts.Delay < 0:
		opts.Delay = 0
	}
	switch {
	case opts.MaxRetries == 0:
		opts.MaxRetries = DefaultMaxRetries
	case opts.MaxRetries < 0:
		opts.MaxRetries = 0
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Backoff <= 0 {
		opts.Backoff = DefaultBackoff
	}
	c := &Client{
		opts:   opts,
		slots:  make(chan struct{}, opts.Concurrency),
		nextAt: map[string]time.Time{},
	}
	if opts.Site != "" {
		c.scope.once.Do(func() { c.scope.s, c.scope.err = newScope(opts.Site, opts.AlsoHosts) })
	}
	var client http.Client
	if opts.HTTPClient != nil {
		client = *opts.HTTPClient // a copy: our redirect policy must not leak into the caller's client
	} else {
		lookup := opts.lookup
		if lookup == nil {
			lookup = lookupHost
		}
		client.Transport = guardedTransport(&guardedDialer{site: func() *scope { return c.scope.s }, lookup: lookup})
	}
	client.CheckRedirect = c.checkRedirect
	c.client = &client
	return c
}

// siteScope is the client's scope, fixed on the first request when
// Options.Site did not name the site.
func (c *Client) siteScope(first *url.URL) (*scope, error) {
	c.scope.once.Do(func() { c.scope.s, c.scope.err = newScope(first.String(), c.opts.AlsoHosts) })
	return c.scope.s, c.scope.err
}

// UserAgent is the User-Agent the client sends.
func (c *Client) UserAgent() string { return c.opts.UserAgent }

// checkRedirect follows a redirect only within the site, never in a loop,
// and keeps the credentials only for the site's origin.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: more than %d redirects from %s", ErrRedirectLoop, maxRedirects, via[0].URL)
	}
	for _, prev := range via {
		if prev.URL.String() == req.URL.String() {
			return fmt.Errorf("%w: %s redirects back to %s", ErrRedirectLoop, via[0].URL, req.URL)
		}
	}
	s := c.scope.s
	if !s.onSite(req.URL) {
		return &OffSiteError{From: via[0].URL.String(), To: req.URL.String()}
	}
	if originOf(req.URL) != s.origin {
		req.Header.Del("Authorization")
	}
	return nil
}

// Get fetches rawURL, retrying what is worth retrying. With v it makes a
// conditional request, and a 304 comes back as a Response with NotModified
// set. A final status of 400 or more is a *StatusError.
func (c *Client) Get(ctx context.Context, rawURL string, v *Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fetch %s: not an http(s) URL", rawURL)
	}
	site, err := c.siteScope(u)
	if err != nil {
		return nil, err
	}
	if !site.onSite(u) {
		return nil, &OffSiteError{To: rawURL}
	}
	for attempt := 0; ; attempt++ {
		resp, err := c.attempt(ctx, u, v)
		wait, retry := c.retryable(resp, err, attempt)
		retry = retry && ctx.Err() == nil
		if !retry || attempt >= c.opts.MaxRetries {
			if err == nil && resp.Status >= 400 {
				err = &StatusError{Response: resp}
			}
			if err != nil {
				return resp, err
			}
			return resp, nil
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
		}
	}
}

// retryable says whether a failed attempt is worth another, and after how long.
func (c *Client) retryable(resp *Response, err error, attempt int) (time.Duration, bool) {
	backoff := c.opts.Backoff << attempt
	backoff += rand.N(backoff/2 + 1) // jitter, so that parallel retries spread out
	if err != nil {
		// A network error or a body cut short may pass; a redirect loop,
		// a redirect off the site or a refused address will not.
		return backoff, !permanent(err)
	}
	if resp.Status != http.StatusTooManyRequests && resp.Status < 500 {
		return 0, false
	}
	if after, ok := retryAfter(resp.Header.Get("Retry-After"), resp.FetchedAt); ok {
		return after, true
	}
	return backoff, true
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(value string, now time.Time) (time.Duration, bool) {
	if value == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.Atoi(value); err == nil {
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(value); err == nil {
		d = t.Sub(now)
	} else {
		return 0, false
	}
	return min(max(d, 0), MaxRetryAfter), true
}

// attempt makes one request, politely: it waits for a free slot and for
// the host's delay to pass.
func (c *Client) attempt(ctx context.Context, u *url.URL, v *Validators) (*Response, error) {
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("fetch %s: %w", u, ctx.Err())
	}
	defer func() { <-c.slots }()
	if err := sleep(ctx, c.reserve(u.Host)); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}

	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	if c.opts.User != "" && originOf(u) == c.scope.s.origin {
		req.SetBasicAuth(c.opts.User, c.opts.Password)
	}
	if v != nil {
		if v.ETag != "" {
			req.Header.Set("If-None-Match", v.ETag)
		}
		if v.LastModified != "" {
			req.Header.Set("If-Modified-Since", v.LastModified)
		}
	}
	httpResp, err := c.client.Do(req)
	if err != nil {
		var offSite *OffSiteError
		if errors.As(err, &offSite) {
			return nil, offSite // it names both URLs
		}
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // the URL is named here
		}
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	defer httpResp.Body.Close()
	resp := &Response{
		URL:         httpResp.Request.URL.String(),
		Status:      httpResp.StatusCode,
		Header:      httpResp.Header,
		FetchedAt:   time.Now().UTC(),
		NotModified: httpResp.StatusCode == http.StatusNotModified,
	}
	body, err := io.ReadAll(io.LimitReader(httpResp.Body, c.opts.MaxBody+1))
	if int64(len(body)) > c.opts.MaxBody {
		body, resp.Truncated, err = body[:c.opts.MaxBody], true, nil
	}
	if err != nil {
		return nil, fmt.Errorf("fetch %s: reading body: %w", resp.URL, err)
	}
	resp.Body = body
	return resp, nil
}

// reserve books the host's next request slot and returns how long to
// wait for it.
func (c *Client) reserve(host string) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	start := c.nextAt[host]
	if start.Before(now) {
		start = now
	}
	c.nextAt[host] = start.Add(c.opts.Delay)
	return start.Sub(now)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
