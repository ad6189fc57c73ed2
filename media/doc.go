// Package media rescues the files a blog uses: it finds every image,
// video, audio file and document its posts, pages, comments and
// attachments name (find.go), knows the resized and CDN forms WordPress
// serves them in (variants.go), and fetches each into the archive, once
// per distinct file, politely and only from the blog's own hosts and the
// CDNs it uses (fetch.go). The archive stores the bytes by their SHA-256;
// the site serves them at their old paths and exports copy them.
package media
