package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parc-archive/parc/archive"
)

// oneOf checks the value of an enumerated flag: one parc does not know is
// a usage error that lists those it does.
func oneOf(flag, value string, valid []string) error {
	if slices.Contains(valid, value) {
		return nil
	}
	return usagef("--%s %q is not one of: %s", flag, value, strings.Join(valid, ", "))
}

// postStatuses are the values of --status, WordPress's post statuses.
var postStatuses = []string{"any", "publish", "draft", "pending", "private", "future", "trash", "inherit", "auto-draft"}

// openSiteStore opens the archive for reading and returns with it the
// archive's URL of the site --site names, given as its URL with or
// without scheme or trailing slash; "" when --site is not set. A site the
// archive does not hold is an error listing those it does.
func openSiteStore(c *cli.Context) (*archive.Store, string, error) {
	store, err := openExistingStore(c)
	if err != nil {
		return nil, "", err
	}
	site, err := resolveSite(c.Context, store, c.String("site"))
	if err != nil {
		store.Close()
		return nil, "", err
	}
	return store, site, nil
}

func resolveSite(ctx context.Context, store *archive.Store, given string) (string, error) {
	if given == "" {
		return "", nil
	}
	sites, err := store.Sites(ctx)
	if err != nil {
		return "", err
	}
	var urls []string
	for _, s := range sites {
		urls = append(urls, s.URL)
	}
	for _, candidate := range archive.SiteURLsFor(given) {
		if i := slices.Index(urls, candidate); i >= 0 {
			return urls[i], nil
		}
	}
	if len(urls) == 0 {
		return "", fmt.Errorf("--site %s: the archive holds no sites yet (parc import FILE)", given)
	}
	return "", fmt.Errorf("--site %s: no such site in the archive; its sites: %s", given, strings.Join(urls, ", "))
}
