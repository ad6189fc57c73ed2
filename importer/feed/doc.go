// Package feed reads RSS (0.9x, 1.0/RDF, 2.0) and Atom feeds, WordPress's
// own above all, into archive records. It parses only: fetching, following
// paged feeds and per-post comment feeds belong to the caller, which finds
// what it needs in Feed (NextPage, IsCommentFeed) and in each post's
// "parc:comment_feed" meta.
//
// What a WordPress feed can and cannot tell:
//
//   - Posts come with their rendered content (content:encoded or Atom
//     content) in ContentRendered and the excerpt in ExcerptRendered. Feeds
//     list published posts only, so Status is "publish" and Type "post".
//   - Post IDs are known only when the guid is WordPress's default
//     "?p=N" (or "?page_id=N"); migrated posts keep foreign guids, and their
//     ID stays 0.
//   - Authors are display names (dc:creator, Atom author name): feeds never
//     show logins, so the display name stands in for Author.Login.
//   - WordPress puts categories and tags alike into RSS <category> and Atom
//     <category>: they cannot be told apart, so every term is recorded with
//     taxonomy "category" and a slug derived from its name as WordPress
//     derives new slugs (the real slug may differ).
//   - Only the GMT date is known (DateGMT, ModifiedGMT); the site's local
//     time is not in the feed.
//
// Comment feeds (/comments/feed/ and a post's /feed/) list comments, each
// linked as POSTLINK#comment-N. Parse turns them into post stubs: a Post
// with Type left empty that carries only what identifies its post (Link,
// GUID and, when the guid shows it, ID) plus the comments. The archive
// matches such stubs to stored posts by ID or link. RSS comment feeds do
// not carry a comment's parent, so Parent is 0 there; Atom comment feeds
// do (thr:in-reply-to) and Parent is set from them. Feeds list approved
// comments only and do not tell comments from pingbacks: Approved is "1"
// and Type is left empty. Comments of password-protected posts appear in
// the site-wide comment feeds with the password form in place of their
// text; they are skipped with a warning.
//
// Hostile input: invalid UTF-8 and control characters are repaired with a
// warning; a feed cut short or broken part-way keeps the complete items
// before the break, with a warning; HTML, JSON and unknown documents are
// refused with an error naming the source.
package feed
