package fetch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// maxRobotsBytes is how much of a robots.txt is read, as Google does.
const maxRobotsBytes = 500 << 10

// Robots is the part of a site's robots.txt that applies to one
// User-Agent (RFC 9309), plus the sitemaps it lists.
type Robots struct {
	rules      []robotsRule
	Sitemaps   []string      // absolute URLs from Sitemap: lines
	CrawlDelay time.Duration // from Crawl-delay:, 0 when absent
}

type robotsRule struct {
	allow   bool
	pattern string // a path pattern: * matches any run of characters, a final $ anchors the end
}

// Robots fetches and parses the robots.txt of siteURL's host. A robots.txt
// that is missing (any 4xx) allows everything; one the server fails to
// serve (5xx, network errors) is an error, since crawling blind could
// trespass on what the owner forbade.
func (c *Client) Robots(ctx context.Context, siteURL string) (*Robots, error) {
	u, err := url.Parse(siteURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("robots.txt for %s: not a URL", siteURL)
	}
	robotsURL := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}).String()
	resp, err := c.Get(ctx, robotsURL, nil)
	var statusErr *StatusError
	if errors.As(err, &statusErr) && statusErr.Response.Status < 500 {
		return &Robots{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("robots.txt: %w", err)
	}
	return ParseRobots(resp.Body, c.opts.UserAgent), nil
}

// ParseRobots reads a robots.txt body and keeps the group that applies to
// userAgent: the group naming its product token (the part before the
// first "/", case-insensitive), else the "*" group. Lines it does not
// understand are ignored, as the RFC asks.
func ParseRobots(body []byte, userAgent string) *Robots {
	if len(body) > maxRobotsBytes {
		body = body[:maxRobotsBytes]
	}
	product := strings.ToLower(strings.TrimSpace(strings.SplitN(userAgent, "/", 2)[0]))
	if i := strings.IndexAny(product, " \t("); i >= 0 {
		product = product[:i]
	}

	robots := &Robots{}
	var ours, star []robotsRule
	var oursDelay, starDelay time.Duration
	foundOurs := false
	// A group is a run of user-agent lines followed by rules.
	var groupAgents []string
	inRules := false
	scanner := bufio.NewScanner(bytes.NewReader(body))
	scanner.Buffer(make([]byte, 0, 4096), maxRobotsBytes)
	for scanner.Scan() {
		line := scanner.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if inRules {
				groupAgents, inRules = nil, false
			}
			groupAgents = append(groupAgents, strings.ToLower(value))
		case "allow", "disallow", "crawl-delay":
			inRules = true
			for _, agent := range groupAgents {
				isOurs := product != "" && agent == product
				if !isOurs && agent != "*" {
					continue
				}
				if isOurs {
					foundOurs = true
				}
				if key == "crawl-delay" {
					var secs float64
					if _, err := fmt.Sscanf(value, "%g", &secs); err == nil && secs > 0 && secs < 3600 {
						if isOurs {
							oursDelay = time.Duration(secs * float64(time.Second))
						} else {
							starDelay = time.Duration(secs * float64(time.Second))
						}
					}
					continue
				}
				if value == "" {
					continue // "Disallow:" with nothing forbids nothing
				}
				rule := robotsRule{allow: key == "allow", pattern: value}
				if isOurs {
					ours = append(ours, rule)
				} else {
					star = append(star, rule)
				}
			}
		case "sitemap":
			if u, err := url.Parse(value); err == nil && u.IsAbs() {
				robots.Sitemaps = append(robots.Sitemaps, value)
			}
		}
	}
	if foundOurs {
		robots.rules, robots.CrawlDelay = ours, oursDelay
	} else {
		robots.rules, robots.CrawlDelay = star, starDelay
	}
	return robots
}

// Allowed reports whether robots.txt lets us fetch rawURL: the longest
// matching rule decides, and Allow wins a tie.
func (r *Robots) Allowed(rawURL string) bool {
	if r == nil || len(r.rules) == 0 {
		return true
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if path == "/robots.txt" {
		return true
	}
	best, allowed := -1, true
	for _, rule := range r.rules {
		if !matchRobots(rule.pattern, path) {
			continue
		}
		if n := len(rule.pattern); n > best || (n == best && rule.allow) {
			best, allowed = n, rule.allow
		}
	}
	return allowed
}

// matchRobots matches path against a robots.txt pattern: a prefix match,
// where * matches any run of characters and a final $ anchors the end. It
// backtracks only to the last star, so it runs in O(len(pattern)·len(path)).
func matchRobots(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	p, s := 0, 0
	starP, starS := -1, 0
	for {
		if p == len(pattern) && (!anchored || s == len(path)) {
			return true
		}
		switch {
		case p < len(pattern) && pattern[p] == '*':
			starP, starS = p, s
			p++
		case p < len(pattern) && s < len(path) && pattern[p] == path[s]:
			p++
			s++
		case starP >= 0 && starS < len(path):
			starS++
			p, s = starP+1, starS
		default:
			return false
		}
	}
}
