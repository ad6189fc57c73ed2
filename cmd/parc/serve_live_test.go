package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer"
	"github.com/parc-archive/parc/internal/poll"
	"github.com/parc-archive/parc/search"
)

// secondPostWXR is a later export of the sample blog's site holding one
// new post, whose body carries a word found nowhere else.
const secondPostWXR = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Lighthouse Notes</title>
	<link>https://lighthouse.example.org</link>
	<description>Films, walks and the sea</description>
	<language>en-GB</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://lighthouse.example.org</wp:base_site_url>
	<wp:base_blog_url>https://lighthouse.example.org</wp:base_blog_url>
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[mara]]></wp:author_login><wp:author_display_name><![CDATA[Mara Quill]]></wp:author_display_name></wp:author>
	<item>
		<title><![CDATA[Fog Signals After Dark]]></title>
		<link>https://lighthouse.example.org/2024/02/05/fog-signals-after-dark/</link>
		<pubDate>Mon, 05 Feb 2024 18:00:00 +0000</pubDate>
		<dc:creator><![CDATA[mara]]></dc:creator>
		<guid isPermaLink="false">https://lighthouse.example.org/?p=900</guid>
		<description></description>
		<content:encoded><![CDATA[The keeper sounded the zephyrquill horn twice before the ferry turned.]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>900</wp:post_id>
		<wp:post_date><![CDATA[2024-02-05 10:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2024-02-05 18:00:00]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[closed]]></wp:comment_status>
		<wp:ping_status><![CDATA[closed]]></wp:ping_status>
		<wp:post_name><![CDATA[fog-signals-after-dark]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
	</item>
</channel>
</rss>
`

// TestImportWhileServingShowsUp runs `parc serve` and `parc import` as two
// real processes on one archive: the import finishes promptly while the
// server holds the search index, the new post then shows on the home
// page, at its permalink and in search without a restart, and the server
// still stops cleanly on SIGTERM.
func TestImportWhileServingShowsUp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds parc and runs it as separate processes")
	}
	bin := buildParc(t)
	dir := filepath.Join(t.TempDir(), "archive")
	parc := func(ctx context.Context, args ...string) *exec.Cmd {
		return exec.CommandContext(ctx, bin, append([]string{"--archive", dir}, args...)...)
	}
	if out, err := parc(context.Background(), "import", "../../testdata/sample-blog.xml").CombinedOutput(); err != nil {
		t.Fatalf("first import: %v\n%s", err, out)
	}
	searches := [][]string{
		{"search", "lighthouse"},
		{"search", "--json", "--facets", "--sort", "-date", "keeper OR rental"},
	}
	var alone []string
	for _, args := range searches {
		out, err := parc(context.Background(), args...).Output()
		if err != nil {
			t.Fatalf("%s: %v", args, err)
		}
		alone = append(alone, string(out))
	}

	addr := freeAddr(t)
	server := parc(context.Background(), "serve", "--addr", addr)
	stdout, err := server.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	server.Stderr = &stderr
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	var printed strings.Builder
	go func() {
		io.Copy(&printed, bufio.NewReader(stdout))
		exited <- server.Wait()
	}()
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			server.Process.Kill()
			<-exited
		}
	})
	base := "http://" + addr
	client := &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (int, string) {
		resp, err := client.Get(base + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	poll.Until(t, 15*time.Second, "the server to answer", func() bool {
		code, _ := get("/")
		return code == http.StatusOK
	})
	if code, body := get("/2024/02/05/fog-signals-after-dark/"); code != http.StatusNotFound {
		t.Fatalf("the new post is served before it was imported (%d): %.200s", code, body)
	}

	// parc search works while the server holds the index, and prints the same.
	for i, args := range searches {
		var errOut strings.Builder
		cmd := parc(context.Background(), args...)
		cmd.Stderr = &errOut
		out, err := cmd.Output()
		if err != nil || string(out) != alone[i] {
			t.Errorf("%s while serving: %v %s\nprinted:\n%s\nwant what it printed alone:\n%s", args, err, errOut.String(), out, alone[i])
		}
	}
	if out, err := parc(context.Background(), "search", "foo:(").CombinedOutput(); cmdExit(err) != 2 || !strings.Contains(string(out), "not a field") {
		t.Errorf("a bad query while serving: %v %s, want exit status 2 saying why", err, out)
	}

	export := filepath.Join(t.TempDir(), "later.xml")
	if err := os.WriteFile(export, []byte(secondPostWXR), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	started := time.Now()
	out, err := parc(ctx, "import", export).CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("the import hung while the server ran (killed after %s):\n%s", time.Since(started).Round(time.Millisecond), out)
	}
	if err != nil {
		t.Fatalf("import while serving: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "record added") {
		t.Errorf("the import did not report adding the post:\n%s", out)
	}
	if !strings.Contains(string(out), "will index this import") || strings.Contains(string(out), "parc:") {
		t.Errorf("the import did not say plainly that the running server will index it:\n%s", out)
	}

	t.Logf("the import took %s:\n%s", time.Since(started).Round(time.Millisecond), out)
	imported := time.Now()
	poll.Until(t, 15*time.Second, "the new post on the home page", func() bool {
		_, body := get("/")
		return strings.Contains(body, "Fog Signals After Dark")
	})
	poll.Until(t, 15*time.Second, "the new post at its permalink", func() bool {
		code, body := get("/2024/02/05/fog-signals-after-dark/")
		return code == http.StatusOK && strings.Contains(body, "zephyrquill")
	})
	poll.Until(t, 15*time.Second, "the new post in search", func() bool {
		code, body := get("/search/?q=zephyrquill")
		return code == http.StatusOK && strings.Contains(body, "/2024/02/05/fog-signals-after-dark/")
	})
	t.Logf("the new post was served and searchable %s after the import", time.Since(imported).Round(time.Millisecond))
	if code, _ := get("/?p=900"); code != http.StatusMovedPermanently {
		t.Errorf("?p=900 answered %d, want a 301 to the new post", code)
	}

	if err := server.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		stopped = true
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM\nstderr:\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve did not stop within 15s of SIGTERM\nstderr:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, localServerFile)); !os.IsNotExist(err) {
		t.Errorf("the stopped server left %s behind (%v)", localServerFile, err)
	}
	if !strings.Contains(printed.String(), "Stopped.") {
		t.Errorf("serve did not say it stopped: %q", printed.String())
	}
	if s := stderr.String(); strings.Contains(s, "level=WARN") || strings.Contains(s, "level=ERROR") {
		t.Errorf("serve logged trouble:\n%s", s)
	}
}

// cmdExit is the exit status of a command that ran, from its error.
func cmdExit(err error) int {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// freeAddr is a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServeSearchWaitsForAHeldIndex starts the server while another
// holder (an import still indexing) has the search index: the site
// serves at once, search says it is unavailable for now, and once the
// holder lets go search works without a restart.
func TestServeSearchWaitsForAHeldIndex(t *testing.T) {
	dir := t.TempDir()
	store, err := archive.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := importer.Import(context.Background(), store, []string{"../../testdata/sample-blog.xml"}, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	holder, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	released := false
	defer func() {
		if !released {
			holder.Close()
		}
	}()
	base := startServe(t, store, serveOptions{addr: "127.0.0.1:0"})
	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, _ := get("/"); code != http.StatusOK {
		t.Fatalf("home answered %d while the index was held", code)
	}
	if code, body := get("/search/?q=lighthouse"); code != http.StatusServiceUnavailable {
		t.Fatalf("search answered %d while the index was held, want 503: %.300s", code, body)
	}
	holder.Close()
	released = true
	poll.Until(t, 15*time.Second, "search once the index was let go", func() bool {
		code, body := get("/search/?q=lighthouse")
		return code == http.StatusOK && strings.Contains(body, "/2023/03/18/the-quiet-lighthouse-review/")
	})
}
