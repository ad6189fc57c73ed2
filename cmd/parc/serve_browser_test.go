package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/internal/sharedtest"
)

// TestBrowserReadsTheServedArchive drives headless Chromium through
// `parc serve` on the Theme Unit Test archive as a reader would: home,
// a post, the 10-level comment thread, a search with its hit
// highlighted, an old ?p=N link; it saves a screenshot.
func TestBrowserReadsTheServedArchive(t *testing.T) {
	chromium := findChromium(t)
	export := sharedtest.File(t, "peers/theme-unit-test/themeunittestdata.wordpress.xml")
	store, err := archive.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := importer.Import(context.Background(), store, []string{export}, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	base := startServe(t, store, serveOptions{addr: "127.0.0.1:0", site: "https://wpthemetestdata.wordpress.com"})

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	browserCtx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	// The first run starts the browser and must not carry the timeout.
	do(t, browserCtx, "start chromium", chromedp.Navigate("about:blank"))
	ctx, cancelTimeout := context.WithTimeout(browserCtx, 90*time.Second)
	defer cancelTimeout()

	do(t, ctx, "open home",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(".site-title")))
	firstTitle := valueOf(t, ctx, "read the first post link", chromedp.Text(chromedp.CSS(".card h2 a")))
	do(t, ctx, "follow the first post link",
		chromedp.Click(chromedp.CSS(".card h2 a")),
		chromedp.WaitVisible(chromedp.CSS("h1.entry-title")))
	postTitle := valueOf(t, ctx, "read the post title", chromedp.Text(chromedp.CSS("h1.entry-title")))
	if strings.TrimSpace(postTitle) != strings.TrimSpace(firstTitle) {
		t.Errorf("followed %q but landed on %q", firstTitle, postTitle)
	}

	do(t, ctx, "follow the old link ?p=1148",
		chromedp.Navigate(base+"/?p=1148"),
		chromedp.WaitVisible(chromedp.CSS("#comments")))
	if url := valueOf(t, ctx, "read the location", chromedp.Location()); !strings.HasSuffix(url, "/2012/01/03/template-comments/") {
		t.Errorf("?p=1148 landed at %s, not on Template: Comments", url)
	}
	depth := valueOf(t, ctx, "measure the thread", chromedp.Evaluate[int](`Math.max(0, ...Array.from(document.querySelectorAll('.comment')).map(c => {
		let d = 0; for (let e = c; e; e = e.parentElement) if (e.matches('ol.children')) d++; return d + 1 }))`))
	if depth < 10 {
		t.Errorf("the deepest comment is nested %d levels, want 10", depth)
	}

	do(t, ctx, "search for a word",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "lorem"),
		chromedp.Submit(chromedp.ID("q")),
		chromedp.WaitVisible(chromedp.CSS(".hit mark")))
	if marked := valueOf(t, ctx, "read the highlight", chromedp.Text(chromedp.CSS(".hit mark"))); !strings.EqualFold(marked, "lorem") {
		t.Errorf("highlighted %q, want lorem", marked)
	}

	do(t, ctx, "open the comment thread",
		chromedp.Navigate(base+"/2012/01/03/template-comments/"),
		chromedp.WaitVisible(chromedp.CSS("#comments")))
	shot := valueOf(t, ctx, "take a screenshot", chromedp.FullScreenshot(100))
	dir := os.Getenv("PARC_ARTIFACTS")
	if dir == "" {
		dir = os.TempDir()
	}
	path := filepath.Join(dir, "parc-serve-template-comments.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot saved at %s", path)
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func valueOf[T any](t *testing.T, ctx context.Context, what string, action chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// findChromium finds Debian's chromium, skipping when it is absent unless
// PARC_REQUIRE_BROWSER=1 (CI sets it after installing chromium).
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("PARC_REQUIRE_BROWSER") == "1" {
		t.Fatal("chromium is not installed and PARC_REQUIRE_BROWSER=1 (apt-get install chromium)")
	}
	t.Skip("chromium is not installed; skipping the browser test (apt-get install chromium to run it)")
	return ""
}

// startServe runs the serve command's runServe until the test ends and
// returns the URL it prints.
func startServe(t *testing.T, store *archive.Store, opts serveOptions) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdoutR, stdoutW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, store, opts, stdoutW, io.Discard)
		stdoutW.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	lines := bufio.NewScanner(stdoutR)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing: %v", <-done)
	}
	go io.Copy(io.Discard, stdoutR)
	m := regexp.MustCompile(`http://[^/ ]+`).FindString(lines.Text())
	if m == "" {
		t.Fatalf("serve printed no URL: %q", lines.Text())
	}
	return m
}
