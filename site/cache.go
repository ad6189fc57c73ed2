package site

import "sync"

// pageCache keeps rendered responses of one archive generation. It is
// bounded by entries and bytes; when full it starts afresh, which is
// cheap next to tracking recency and good enough for a site whose hot set
// is small.
type pageCache struct {
	mu         sync.RWMutex
	generation int64
	entries    map[string]*response
	bytes      int
	maxBytes   int
	maxEntries int
}

func newPageCache(maxBytes, maxEntries int) *pageCache {
	return &pageCache{entries: map[string]*response{}, maxBytes: maxBytes, maxEntries: maxEntries}
}

func (c *pageCache) get(generation int64, key string) *response {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.generation != generation {
		return nil
	}
	return c.entries[key]
}

func (c *pageCache) put(generation int64, key string, resp *response) {
	size := len(key) + len(resp.body) + len(resp.gzipped) + len(resp.location)
	if size > c.maxBytes/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.generation != generation || c.bytes+size > c.maxBytes || len(c.entries) >= c.maxEntries {
		if generation < c.generation {
			return // a late render of an older archive state
		}
		c.generation, c.entries, c.bytes = generation, map[string]*response{}, 0
	}
	if old := c.entries[key]; old != nil {
		c.bytes -= len(key) + len(old.body) + len(old.gzipped) + len(old.location)
	}
	c.entries[key] = resp
	c.bytes += size
}
