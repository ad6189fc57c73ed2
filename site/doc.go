// Package site serves an archive as a read-only website that a reader would
// take for a well-kept blog: every post and page at its original permalink,
// comment threads as WordPress showed them, archives by date, term and
// author, search, feeds and a sitemap.
//
// Every URL form the original WordPress answered (?p=N, ?page_id=N,
// ?cat=N, /slug/, /feed/, /comment-page-N/ and so on) gets a 301 to the
// archived page, so old links keep working.
//
// Only what a visitor of the original blog could see is served: the site's
// data comes from archive.Store.SiteEntries, which leaves out drafts,
// private, future and trashed posts; comments other than approved ones are
// dropped before threading; commenters' emails and IPs, passwords and meta
// are never put into a template.
//
// Rendered responses are cached in memory (raw and gzipped) per archive
// generation, the number of finished imports: when an import into a
// served archive finishes, Watch notices, rebuilds the routing snapshot and
// the cache starts afresh.
package site
