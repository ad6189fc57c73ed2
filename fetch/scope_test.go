package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// TestRequestsStayOnTheSite: redirects are followed only within the site,
// and credentials go only to the origin the user named.
func TestRequestsStayOnTheSite(t *testing.T) {
	var otherRequests atomic.Int32
	var otherAuth atomic.Value
	otherAuth.Store("")
	// Another origin on the same host (another port) and another host
	// (localhost rather than 127.0.0.1), both listening.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherRequests.Add(1)
		otherAuth.Store(r.Header.Get("Authorization"))
		w.Write([]byte("elsewhere"))
	}))
	defer other.Close()
	otherPort := other.URL[strings.LastIndex(other.URL, ":")+1:]

	var siteRequests atomic.Int32
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		siteRequests.Add(1)
		switch r.URL.Path {
		case "/to-other-port":
			http.Redirect(w, r, other.URL+"/page", http.StatusFound)
		case "/to-other-host":
			http.Redirect(w, r, "http://localhost:"+otherPort+"/page", http.StatusFound)
		case "/to-file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		default:
			if _, _, ok := r.BasicAuth(); !ok {
				t.Errorf("%s reached the site without the credentials", r.URL)
			}
			w.Write([]byte("home"))
		}
	}))
	defer site.Close()
	c := New(Options{Site: site.URL, User: "mara", Password: "app pass", Delay: -1, MaxRetries: 3})
	ctx := context.Background()

	if _, err := c.Get(ctx, site.URL+"/", nil); err != nil {
		t.Fatal(err)
	}

	t.Run("same host, other origin: followed without the credentials", func(t *testing.T) {
		resp, err := c.Get(ctx, site.URL+"/to-other-port", nil)
		if err != nil || string(resp.Body) != "elsewhere" {
			t.Fatalf("%v, %v", resp, err)
		}
		if auth := otherAuth.Load().(string); auth != "" {
			t.Errorf("the other origin got Authorization %q", auth)
		}
	})

	for _, tt := range []struct{ path, target string }{
		{"/to-other-host", "http://localhost:" + otherPort + "/page"},
		{"/to-file", "file:///etc/passwd"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			otherRequests.Store(0)
			siteRequests.Store(0)
			_, err := c.Get(ctx, site.URL+tt.path, nil)
			var off *OffSiteError
			if !errors.As(err, &off) || off.To != tt.target {
				t.Fatalf("err = %v, want an OffSiteError naming %s", err, tt.target)
			}
			if n := otherRequests.Load(); n != 0 {
				t.Errorf("the other host got %d requests", n)
			}
			if n := siteRequests.Load(); n != 1 {
				t.Errorf("the site was asked %d times, want once: a redirect off the site is not retried", n)
			}
		})
	}

	t.Run("a URL off the site is not requested", func(t *testing.T) {
		otherRequests.Store(0)
		_, err := c.Get(ctx, "http://localhost:"+otherPort+"/page", nil)
		var off *OffSiteError
		if !errors.As(err, &off) || otherRequests.Load() != 0 {
			t.Errorf("err = %v after %d requests, want an OffSiteError and none", err, otherRequests.Load())
		}
	})
}

// TestPrivateAddresses: a host that resolves to a loopback, private or
// link-local address is not connected to, unless it is the site itself.
func TestPrivateAddresses(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Path == "/to-cdn" {
			http.Redirect(w, r, "http://cdn.example:"+r.URL.Port()+"/img.jpg", http.StatusFound)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	resolved := map[string]string{
		"blog.example":     "127.0.0.1",       // the site the user named, on this machine
		"www.blog.example": "127.0.0.1",       // its www twin
		"cdn.example":      "127.0.0.1",       // a media host on loopback
		"meta.example":     "169.254.169.254", // a cloud metadata service
	}
	lookup := func(_ context.Context, host string) ([]netip.Addr, error) {
		if ip, ok := resolved[host]; ok {
			return []netip.Addr{netip.MustParseAddr(ip)}, nil
		}
		return nil, fmt.Errorf("no such host %s", host)
	}
	c := New(Options{Site: "http://blog.example:" + port + "/", AlsoHosts: []string{"cdn.example", "meta.example"}, Delay: -1, lookup: lookup})
	ctx := context.Background()
	for _, host := range []string{"blog.example", "www.blog.example"} {
		if _, err := c.Get(ctx, "http://"+host+":"+port+"/", nil); err != nil {
			t.Errorf("the site at %s: %v", host, err)
		}
	}
	requests.Store(0)
	for _, target := range []string{"http://cdn.example:" + port + "/img.jpg", "http://meta.example:" + port + "/latest/meta-data/", "http://blog.example:" + port + "/to-cdn"} {
		_, err := c.Get(ctx, target, nil)
		var refused *AddressError
		if !errors.As(err, &refused) {
			t.Errorf("%s: err = %v, want an AddressError", target, err)
		}
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("%d requests reached the server, want only the site's own redirect", n)
	}

	// A site that is itself on a private address may reach others there.
	u, _ := url.Parse(srv.URL)
	local := New(Options{Site: srv.URL, AlsoHosts: []string{"cdn.example"}, Delay: -1, lookup: lookup})
	if _, err := local.Get(ctx, "http://cdn.example:"+u.Port()+"/img.jpg", nil); err != nil {
		t.Errorf("from a site on 127.0.0.1, cdn.example on 127.0.0.1: %v", err)
	}
}
