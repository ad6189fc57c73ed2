package wxr

import (
	"bufio"
	"fmt"
	"io"
)

// Generate writes a synthetic WXR 1.2 export to w, shaped like a real one:
// a site with two authors and three categories, then posts items with CDATA
// content (including an exporter-split "]]>"), post meta (one value
// PHP-serialized with CR LF inside), and commentsPerPost comments each,
// threaded as a binary tree with comment meta. It is deterministic, and
// exists for benchmarks of everything that reads exports.
func Generate(w io.Writer, posts, commentsPerPost int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprint(bw, `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Generated Blog</title>
	<link>https://example.org</link>
	<description>Benchmark data</description>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://example.org</wp:base_site_url>
	<wp:base_blog_url>https://example.org</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[admin]]></wp:author_login><wp:author_email><![CDATA[admin@example.org]]></wp:author_email><wp:author_display_name><![CDATA[Admin]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login><wp:author_email><![CDATA[editor@example.org]]></wp:author_email><wp:author_display_name><![CDATA[Editor]]></wp:author_display_name><wp:author_first_name><![CDATA[Ed]]></wp:author_first_name><wp:author_last_name><![CDATA[Itor]]></wp:author_last_name></wp:author>
	<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
	<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[local]]></wp:category_nicename><wp:category_parent><![CDATA[news]]></wp:category_parent><wp:cat_name><![CDATA[Local]]></wp:cat_name></wp:category>
	<wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug><![CDATA[go]]></wp:tag_slug><wp:tag_name><![CDATA[Go]]></wp:tag_name></wp:tag>
	<generator>https://wordpress.org/?v=6.8</generator>
`)
	commentID := 0
	for p := 1; p <= posts; p++ {
		fmt.Fprintf(bw, `	<item>
		<title><![CDATA[Post number %[1]d &amp; friends]]></title>
		<link>https://example.org/%[1]d/</link>
		<pubDate>Mon, 02 Jan 2006 15:04:05 +0000</pubDate>
		<dc:creator><![CDATA[admin]]></dc:creator>
		<guid isPermaLink="false">https://example.org/?p=%[1]d</guid>
		<description></description>
		<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Paragraph one of post %[1]d, with <a href="https://example.org/?a=1&b=2">a link</a> and a backslash \ here.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>
<!-- /wp:paragraph -->

<pre>if (a[b[0]]]]><![CDATA[> 1) { return; }</pre>]]></content:encoded>
		<excerpt:encoded><![CDATA[Excerpt of post %[1]d]]></excerpt:encoded>
		<wp:post_id>%[1]d</wp:post_id>
		<wp:post_date><![CDATA[2006-01-02 15:04:05]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2006-01-02 14:04:05]]></wp:post_date_gmt>
		<wp:post_modified><![CDATA[2007-01-02 15:04:05]]></wp:post_modified>
		<wp:post_modified_gmt><![CDATA[2007-01-02 14:04:05]]></wp:post_modified_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:ping_status><![CDATA[open]]></wp:ping_status>
		<wp:post_name><![CDATA[post-%[1]d]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<category domain="category" nicename="local"><![CDATA[Local]]></category>
		<category domain="post_tag" nicename="go"><![CDATA[Go]]></category>
		<wp:postmeta>
			<wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>
			<wp:meta_value><![CDATA[1]]></wp:meta_value>
		</wp:postmeta>
		<wp:postmeta>
			<wp:meta_key><![CDATA[settings]]></wp:meta_key>
			<wp:meta_value><![CDATA[a:1:{s:4:"text";s:12:"line1`+"\r\n"+`line2.";}]]></wp:meta_value>
		</wp:postmeta>
`, p)
		first := commentID + 1
		for c := 0; c < commentsPerPost; c++ {
			commentID++
			parent := 0
			if c > 0 {
				parent = first + (c-1)/2
			}
			fmt.Fprintf(bw, `		<wp:comment>
			<wp:comment_id>%d</wp:comment_id>
			<wp:comment_author><![CDATA[Reader %d]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[reader@example.com]]></wp:comment_author_email>
			<wp:comment_author_url>https://reader.example.com</wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[2006-01-03 10:00:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2006-01-03 09:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[A reply to the comment above, with <em>emphasis</em> & an ampersand.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>%d</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
			<wp:commentmeta>
				<wp:meta_key><![CDATA[akismet_result]]></wp:meta_key>
				<wp:meta_value><![CDATA[false]]></wp:meta_value>
			</wp:commentmeta>
		</wp:comment>
`, commentID, c, parent)
		}
		fmt.Fprint(bw, "\t</item>\n")
	}
	fmt.Fprint(bw, "</channel>\n</rss>\n")
	return bw.Flush()
}
