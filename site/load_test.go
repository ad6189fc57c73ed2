package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// TestLoadAgainstStaticFiles runs wrk against a post page with 200
// comments and against a static file server holding the same bytes, in
// one run, and logs both; it asserts nothing about speed. It needs wrk and PARC_LOAD_TEST=1; it is not
// part of the normal test run. See README "Serving benchmarks".
func TestLoadAgainstStaticFiles(t *testing.T) {
	if os.Getenv("PARC_LOAD_TEST") != "1" {
		t.Skip("load test: set PARC_LOAD_TEST=1 (needs wrk)")
	}
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		t.Fatal("PARC_LOAD_TEST=1 but wrk is not installed (apt-get install wrk)")
	}
	store, path := generatedThread(t)
	_, site := startSite(t, Config{Store: store})
	page := get(t, site.URL+path)
	if page.status != http.StatusOK {
		t.Fatalf("GET %s = %d", path, page.status)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "post.html"), []byte(page.body), 0o644); err != nil {
		t.Fatal(err)
	}
	static := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer static.Close()
	duration := os.Getenv("PARC_LOAD_DURATION")
	if duration == "" {
		duration = "10s"
	}
	run := func(name, url string) (rps, p99ms float64) {
		out, err := exec.CommandContext(context.Background(), wrk, "-t2", "-c16", "-d"+duration, "--latency", url).CombinedOutput()
		if err != nil {
			t.Fatalf("wrk %s: %v\n%s", url, err, out)
		}
		rps = firstFloat(t, `Requests/sec:\s+([\d.]+)`, out)
		p99ms = latencyMillis(t, out)
		t.Logf("%s (%d bytes): %.0f requests/s, p99 %.2f ms", name, len(page.body), rps, p99ms)
		return rps, p99ms
	}
	siteRPS, siteP99 := run("parc serve", site.URL+path)
	staticRPS, staticP99 := run("static file server", static.URL+"/post.html")
	t.Logf("parc serve at %.2fx the static server's throughput; p99 %.2f ms vs %.2f ms", siteRPS/staticRPS, siteP99, staticP99)
	// Figures, not assertions: wall-clock numbers on a shared machine are
	// for a person to read against the targets (5,000 requests/s, p99
	// under 20 ms, within 2x of static).
}

func firstFloat(t *testing.T, pattern string, out []byte) float64 {
	t.Helper()
	m := regexp.MustCompile(pattern).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no %s in wrk output:\n%s", pattern, out)
	}
	f, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// latencyMillis reads wrk's 99% latency, which it prints in us, ms or s.
func latencyMillis(t *testing.T, out []byte) float64 {
	t.Helper()
	m := regexp.MustCompile(`99%\s+([\d.]+)(us|ms|s)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no 99%% latency in wrk output:\n%s", out)
	}
	v, _ := strconv.ParseFloat(string(m[1]), 64)
	switch string(m[2]) {
	case "us":
		return v / 1000
	case "s":
		return v * 1000
	}
	return v
}
