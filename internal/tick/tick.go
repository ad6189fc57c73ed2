// Package tick runs the periodic work of a long-running parc serve:
// refreshing the site's snapshot and syncing its search index.
package tick

import (
	"context"
	"time"
)

// Every calls fn every interval, never twice at once, until ctx ends. The
// first call comes after one interval: the caller has just done the work.
func Every(ctx context.Context, interval time.Duration, fn func(context.Context)) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			fn(ctx)
		}
	}
}
