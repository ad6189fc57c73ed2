// Package search keeps a full-text index of an archive's public posts,
// pages and approved comments, and answers queries on it.
//
// The index is a bleve (scorch) index in a directory inside the archive,
// named by a pointer file that is replaced atomically, so a rebuild swaps a
// complete new index in and a crash at any moment leaves a usable one. The
// index remembers the last import it took in; Sync catches up with the
// store from there, in capped batches, and is idempotent, so work a kill
// interrupted is simply done again. Only one process holds an index at a
// time: a second one is told which process has it (ErrLocked). A
// long-running reader follows the archive with Follow, which waits out
// another holder and syncs on a ticker.
//
// The archive is read through Source (HitSource for reading hits back),
// which *archive.Store satisfies. What is indexed of a post or comment is
// the text readers are shown (render.ShownText), so a hit's snippet comes
// from the same words as the page it links to.
//
// The index keeps the words, not the text: positions for phrase queries
// and keyword fields for filters, facets and sorting, and no stored
// fields. A page of hits is read back from the archive. It is split into
// shards by post, one per core, searched side by side.
//
// Nothing private is ever indexed: drafts, pending, private, scheduled,
// trashed and password-protected posts, comments that are not approved,
// and emails, IPs, passwords and meta stay out.
package search
