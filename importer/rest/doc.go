// Package rest imports a live WordPress site through its REST API
// (/wp-json/): posts, pages, media metadata, custom post types, comments
// with their parents, categories, tags and users, every page of each.
//
// What a public (unauthenticated) API hides: drafts, private and scheduled
// posts; the content and comments of password-protected posts (their
// comments still count in X-WP-Total); comments held for moderation and
// spam; pingbacks and trackbacks (/wp/v2/comments serves only type=comment
// without the edit_posts capability); users who have published nothing;
// raw (unrendered) content, logins and e-mail addresses. An application
// password (Options.User, Options.Password) lifts all of these but spam.
package rest
