// Package archive holds parc's data model (sites, authors, terms, posts and
// their comment threads) and the store that keeps it: one SQLite database in
// the archive directory. It imports none of parc's other packages; importers
// write into it, and search, the site and export read from it.
package archive
