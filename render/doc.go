// Package render turns WordPress post content into the HTML and plain text
// that parc shows, indexes and exports, and sanitizes HTML for display.
//
// HTML reproduces the parts of WordPress's the_content pipeline that change
// structure, in WordPress's order:
//
//   - do_blocks: Gutenberg block comments are removed and their inner HTML
//     kept; dynamic blocks (server-rendered, such as latest-posts, query
//     loops or the calendar), whose output was never stored, are built
//     from the archive through SiteData, in the blog's language, and
//     render as nothing without it;
//   - autoembed: a bare URL of a known oEmbed provider on its own line
//     becomes a link (no remote embed is fetched);
//   - wptexturize (Texturize): curly quotes, apostrophes, primes, dashes,
//     ellipses and × with WordPress's own rules and exceptions; titles,
//     names and comments get it too (ShownTitle, ShownComment);
//   - wpautop and shortcode_unautop, skipped for block content as WordPress
//     does (has_blocks);
//   - do_shortcode for [caption], [wp_caption], [gallery], [embed], [audio],
//     [video] and [playlist]; other shortcodes stay as typed, which is what
//     WordPress shows once the plugin that provided them is gone;
//   - convert_smilies, producing emoji characters, never images.
//
// Not reproduced: capital_P_dangit,
// wp_filter_content_tags (srcset, lazy loading), prepend_attachment,
// oEmbed HTML, plugin and theme filters, and what the dynamic blocks
// would need that parc does not have or serve: RSS items, a login, the
// comment form's fields (the form keeps its words, shown closed) and
// people's own avatar pictures (avatars show the site's one).
// The <!--more-->, <!--noteaser--> and <!--nextpage--> markers are dropped
// by HTML; Teaser, Single and Pages apply them as WordPress's views do.
//
// Shown is the one rule for which of the two forms the archive may keep
// content in (raw and rendered) readers see; the site, parc show, the
// search index and exports all go through it. ShownPages and ShownTeaser
// are its views for a post's pages and for listings, ShownText its plain
// text.
//
// Comments have a pipeline of their own, WordPress's comment_text:
// CommentHTML links bare addresses (make_clickable), texturizes, converts
// smilies and adds paragraphs, and runs no shortcodes or blocks.
// ShownComment and ShownCommentText are Shown's rule for comments.
//
// Text gives plain text for the search index and terminal display.
// Sanitizer makes HTML safe to serve.
package render
