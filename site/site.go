package site

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/internal/tick"
	"github.com/parc-archive/parc/locale"
	"github.com/parc-archive/parc/render"
)

// Archive is what the site reads of the archive: the snapshot of every
// site's posts, terms and authors, and a post's content and comments when
// a page shows them. *archive.Store is one.
type Archive interface {
	FinishedImports(ctx context.Context) (int64, error)
	LastImportFinished(ctx context.Context) (time.Time, error)
	Sites(ctx context.Context) ([]archive.Site, error)
	FirstSite(ctx context.Context) (string, error)
	SiteEntries(ctx context.Context, site string) ([]archive.SiteEntry, error)
	SiteTerms(ctx context.Context, site string) ([]archive.Term, error)
	Authors(ctx context.Context, site string) ([]archive.Author, error)
	Post(ctx context.Context, key int64) (*archive.StoredPost, error)
	Content(ctx context.Context, key int64) (archive.PostContent, error)
	RecentComments(ctx context.Context, site string, limit int) ([]archive.SiteComment, error)
	ServableMedia(ctx context.Context, urls []string) (map[string]archive.MediaFile, error)
	ServableMediaFile(ctx context.Context, sha string) (*archive.MediaFile, error)
	MediaPath(sha string) string
}

// Config is what a Server needs.
type Config struct {
	// Store is the archive served, an *archive.Store.
	Store Archive
	// Searcher answers the search page; nil shows search as unavailable.
	Searcher Searcher
	// SearchTimeout is how long a search may take; DefaultSearchTimeout
	// when zero.
	SearchTimeout time.Duration
	// MaxSearches is how many searches run at once, at most half of them
	// expensive (Searcher.Expensive); GOMAXPROCS when zero.
	MaxSearches int
	// Site picks one site of the archive (its URL); empty serves all, with
	// a front page listing them when there are several.
	Site string
	// BaseURL makes the absolute links of feeds, sitemap and robots.txt
	// (behind a proxy); empty takes them from each request's Host when it
	// names this server (see Listen), else from Listen.
	BaseURL string
	// Listen is the address the server listens on (host:port), for
	// absolute links when BaseURL is empty.
	Listen string
	// Theme is a directory whose templates/ and static/ files replace the
	// embedded ones of the same name; nil keeps the default theme.
	Theme fs.FS
	// Logger reports rebuild failures and recovered panics; nil discards.
	Logger *slog.Logger
}

// Server is the site: an http.Handler over a snapshot of the archive.
type Server struct {
	store    Archive
	searcher Searcher
	// searchTimeout and searchSlots bound the searches (see searchSlots).
	searchTimeout time.Duration
	searchSlots   searchSlots
	siteURL       string
	baseURL       string
	listen        string
	logger        *slog.Logger
	views         *views
	catalog       *locale.Catalog // the words of the sites' languages
	assets        *assets
	avatar        string // the address of the picture avatars show; "" when the theme drops it
	sanitizer     *render.Sanitizer
	cache         *pageCache
	snapshot      atomic.Pointer[snapshot]
	// hostRooted holds, by site URL, snapshots with that site at the root,
	// for requests whose Host names it (see snapshotFor); rooting builds
	// each once.
	hostRooted sync.Map
	rooting    singleflight.Group
}

// New parses the templates, loads the assets and reads the archive. A
// broken template or an unknown site fails here, not on some request.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("site: no archive store")
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	themed := themeFS(cfg.Theme)
	assets, err := loadAssets(themed)
	if err != nil {
		return nil, err
	}
	catalog := locale.NewCatalog()
	views, err := parseViews(themed, assets, catalog)
	if err != nil {
		return nil, err
	}
	baseURL, err := normalizeBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	s := &Server{
		store:         cfg.Store,
		searcher:      cfg.Searcher,
		searchTimeout: cmp.Or(cfg.SearchTimeout, DefaultSearchTimeout),
		searchSlots:   newSearchSlots(cfg.MaxSearches),
		siteURL:       cfg.Site,
		baseURL:       baseURL,
		listen:        cfg.Listen,
		logger:        logger,
		views:         views,
		catalog:       catalog,
		assets:        assets,
		avatar:        assets.urls[avatarAsset],
		sanitizer:     render.NewSanitizer(),
		cache:         newPageCache(64<<20, 4096),
	}
	if err := s.Refresh(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Refresh rebuilds the snapshot if an import finished since the last one.
func (s *Server) Refresh(ctx context.Context) error {
	generation, err := s.store.FinishedImports(ctx)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	if old := s.snapshot.Load(); old != nil && old.generation == generation {
		return nil
	}
	snap, err := buildSnapshot(ctx, s.store, s.catalog, s.siteURL, "", generation)
	if err != nil {
		return err
	}
	s.snapshot.Store(snap)
	return nil
}

// snapshotFor is the snapshot a request is answered from: the served one,
// or, when its Host header names the host of a site served under a
// prefix, one with that site at the root, so that one server can serve
// several rescued blogs under their own names. Such a snapshot is built
// on the first request for it after each import, once however many
// requests ask for it meanwhile. hostSite is the site the Host header
// names, nil when none (see siteOfHost).
func (s *Server) snapshotFor(r *http.Request) (snap *snapshot, hostSite *siteData) {
	snap = s.snapshot.Load()
	sd := snap.siteOfHost(r.Host)
	if sd == nil || sd == snap.root {
		return snap, sd
	}
	cached := func() (*snapshot, bool) {
		v, ok := s.hostRooted.Load(sd.URL)
		if ok && v.(*snapshot).generation == snap.generation {
			return v.(*snapshot), true
		}
		return nil, false
	}
	if rooted, ok := cached(); ok {
		return rooted, sd
	}
	v, err, _ := s.rooting.Do(strconv.FormatInt(snap.generation, 10)+" "+sd.URL, func() (any, error) {
		if rooted, ok := cached(); ok {
			return rooted, nil
		}
		// The requests waiting for this build share it: the one that
		// started it leaving must not end it.
		rooted, err := buildSnapshot(context.WithoutCancel(r.Context()), s.store, s.catalog, s.siteURL, sd.URL, snap.generation)
		if err != nil {
			return nil, err
		}
		s.hostRooted.Store(sd.URL, rooted)
		return rooted, nil
	})
	if err != nil {
		s.logger.Warn("site: serving a site at the root of its host", "site", sd.URL, "err", err)
		return snap, sd
	}
	return v.(*snapshot), sd
}

// Watch calls Refresh every interval until ctx ends, so that an import
// into the served archive shows up without a restart.
func (s *Server) Watch(ctx context.Context, interval time.Duration) {
	tick.Every(ctx, interval, func(ctx context.Context) {
		if err := s.Refresh(ctx); err != nil && ctx.Err() == nil {
			s.logger.Warn("site: refreshing from the archive failed; serving the previous state", "err", err)
		}
	})
}

// Handler is the site with its safety net: security headers, GET and HEAD
// only, limits on request size, and no stack trace ever reaching a reader.
func (s *Server) Handler() http.Handler {
	return s.guard(http.HandlerFunc(s.serve))
}
