package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/search"
	"github.com/parc-archive/parc/site"
)

// Server timeouts: generous for a slow reader, short enough that idle or
// stalled connections cannot pile up.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 120 * time.Second
	// shutdownGrace lets requests in flight finish on Ctrl-C, within the
	// two seconds in which parc obeys an interrupt.
	shutdownGrace = 1500 * time.Millisecond
	// refreshInterval is how soon a finished import shows on the site.
	refreshInterval = 2 * time.Second
)

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "serve the archive as a read-only website that keeps the blog's old links working",
		Description: `Every post and page answers at its original permalink path, with its comment
thread; the old WordPress URL forms (?p=N, ?page_id=N, /feed/, ...) redirect
to them. Drafts, private posts, unapproved comments, emails and IPs are never
served. An import into the archive while it is served shows up within a few
seconds. Stop with Ctrl-C.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "listen on `HOST:PORT`"},
			&cli.StringFlag{Name: "site", Usage: "serve only the site at `URL` (default: every site; several get a front page)"},
			&cli.StringFlag{Name: "base-url", Usage: "absolute `URL` of the site for feeds and the sitemap, when behind a proxy"},
			&cli.StringFlag{Name: "theme", Usage: "`DIR` whose templates/ and static/ files replace the default theme's"},
		},
		Action: func(c *cli.Context) error {
			store, site, err := openSiteStore(c)
			if err != nil {
				return err
			}
			defer store.Close()
			opts := serveOptions{addr: c.String("addr"), site: site, baseURL: c.String("base-url"), theme: c.String("theme")}
			return runServe(c.Context, store, opts, c.App.Writer, c.App.ErrWriter)
		},
	}
}

type serveOptions struct {
	addr, site, baseURL, theme string
}

// runServe serves until ctx ends (SIGINT or SIGTERM), then lets requests
// in flight finish.
func runServe(ctx context.Context, store *archive.Store, opts serveOptions, stdout, stderr io.Writer) error {
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	cfg := site.Config{Store: store, Site: opts.site, BaseURL: opts.baseURL, Logger: logger}
	if opts.theme != "" {
		if info, err := os.Stat(opts.theme); err != nil || !info.IsDir() {
			return usagef("--theme %s is not a directory", opts.theme)
		}
		cfg.Theme = os.DirFS(opts.theme)
	}
	// Search follows imports into the archive as the site does; when the
	// index cannot be opened at all the site serves without search.
	follower, err := search.Follow(ctx, store, store.Dir(), logger)
	if err != nil {
		logger.Warn("serve: search is unavailable", "err", err)
	} else {
		defer follower.Close()
		cfg.Searcher = siteSearcher{follower}
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()
	cfg.Listen = ln.Addr().String()
	srv, err := site.New(ctx, cfg)
	if err != nil {
		return err
	}
	handler := srv.Handler()
	if follower != nil && !store.ReadOnly() {
		token, unannounce, err := announceLocalSearch(store.Dir(), ln.Addr())
		if err != nil {
			return err
		}
		defer unannounce()
		handler = withLocalSearch(handler, localSearchHandler(follower, token))
	}
	watchCtx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	go srv.Watch(watchCtx, refreshInterval)
	httpServer := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "Serving the archive %s at http://%s/ (Ctrl-C stops)\n", store.Dir(), ln.Addr())
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shutting down: %w", err)
	}
	fmt.Fprintln(stdout, "Stopped.")
	return nil
}
