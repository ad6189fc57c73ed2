package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
)

// scope is the site a Client works for: the site the user named. Requests
// stay on it and credentials go only to its origin.
type scope struct {
	origin string // scheme://host:port, lower case
	host   string // its host name without port and without "www."
	// private allows connections to loopback and private addresses: the
	// site itself is at one.
	private bool
	also    map[string]bool // further host names redirects may lead to
}

func newScope(siteURL string, also []string) (*scope, error) {
	u, err := url.Parse(siteURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fetch: the site %q is not an http(s) URL", siteURL)
	}
	s := &scope{origin: originOf(u), host: bareHost(u.Hostname()), also: map[string]bool{}}
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil {
		s.private = !public(ip)
	} else {
		s.private = u.Hostname() == "localhost" || strings.HasSuffix(u.Hostname(), ".localhost")
	}
	for _, h := range also {
		s.also[strings.ToLower(h)] = true
	}
	return s, nil
}

// originOf is a URL's scheme, host and port, with the default port made
// explicit, so that http://a and http://a:80 are one origin.
func originOf(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(net.JoinHostPort(u.Hostname(), port))
}

func bareHost(host string) string { return strings.TrimPrefix(strings.ToLower(host), "www.") }

// SameHost reports whether two hosts (with their ports, if any) are one
// site's: equal but for case and a leading "www.", the rule by which a
// request stays with the site the user named.
func SameHost(a, b string) bool { return bareHost(a) == bareHost(b) }

// onSite reports whether a request may go to u: the site's host or its
// www twin, or one of the further hosts, over http(s).
func (s *scope) onSite(u *url.URL) bool {
	if u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	host := strings.ToLower(u.Hostname())
	return bareHost(host) == s.host || s.also[host]
}

// public reports whether ip is an address on the public internet: not
// loopback, private, link-local (cloud metadata services live there),
// shared (CGNAT), multicast or unspecified.
func public(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsGlobalUnicast() && !ip.IsPrivate() && !sharedAddressSpace.Contains(ip)
}

var sharedAddressSpace = netip.MustParsePrefix("100.64.0.0/10")

// OffSiteError is the error for a URL off the site, asked for or
// redirected to: it is recorded, never requested.
type OffSiteError struct {
	From string // the URL that redirected; "" when To was asked for
	To   string
}

func (e *OffSiteError) Error() string {
	if e.From == "" {
		return fmt.Sprintf("fetch %s: not on the site parc was asked to read: not requested", e.To)
	}
	return fmt.Sprintf("fetch %s: redirected off the site to %s: not followed", e.From, e.To)
}

// AddressError is the error for a connection refused because the address
// is not on the public internet and the site is not there either.
type AddressError struct {
	Host string
	IP   netip.Addr
}

func (e *AddressError) Error() string {
	return fmt.Sprintf("fetch: %s is at %s, a loopback, private or link-local address: not connecting", e.Host, e.IP)
}

// permanent reports whether a failed attempt would fail the same way again.
func permanent(err error) bool {
	var offSite *OffSiteError
	var address *AddressError
	var certificate *tls.CertificateVerificationError
	return errors.Is(err, ErrRedirectLoop) || errors.As(err, &offSite) || errors.As(err, &address) || errors.As(err, &certificate)
}

// guardedDialer connects only to public addresses, but for the site's own
// host and for a site that is itself at a private address. It resolves the
// name itself and dials the address it checked, so a second DNS answer
// cannot get around the check.
type guardedDialer struct {
	dialer net.Dialer
	site   func() *scope
	lookup func(ctx context.Context, host string) ([]netip.Addr, error)
}

func (d *guardedDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else if ips, err = d.lookup(ctx, host); err != nil {
		return nil, err
	}
	s := d.site()
	trusted := s == nil || s.private || bareHost(host) == s.host
	var lastErr error
	for _, ip := range ips {
		if !trusted && !public(ip) {
			lastErr = &AddressError{Host: host, IP: ip}
			continue
		}
		conn, err := d.dialer.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	if lastErr == nil {
		lastErr = fmt.Errorf("fetch: no address for %s", host)
	}
	return nil, lastErr
}

func lookupHost(ctx context.Context, host string) ([]netip.Addr, error) {
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// scoped holds a Client's scope, fixed by Options.Site or else by the
// first URL the Client fetches.
type scoped struct {
	once sync.Once
	s    *scope
	err  error
}

// guardedTransport is the default transport with the guarded dialer.
func guardedTransport(d *guardedDialer) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = d.DialContext
	return t
}
