<?php
// Reads a WXR file the way WordPress's importer reads it first: whole, with
// libxml through SimpleXML, refusing a DOCTYPE, taking the wp and excerpt
// namespaces the document declares (the 1.1 URIs when it declares none),
// and prints what it found as JSON for parc's tests to compare with parc's
// own reading. Written for parc from the WXR format's documentation
// (shared/docs/wxr.md), not taken from the importer.
$path = $argv[1];
$dom = new DOMDocument();
$old = libxml_use_internal_errors(true);
if (!$dom->loadXML(file_get_contents($path), LIBXML_PARSEHUGE)) {
	$errors = array_map(fn($e) => trim($e->message) . " at line " . $e->line, libxml_get_errors());
	fwrite(STDERR, "libxml refuses the file: " . implode("; ", $errors) . "\n");
	exit(1);
}
libxml_use_internal_errors($old);
if ($dom->doctype) {
	fwrite(STDERR, "the file has a DOCTYPE, which WordPress's SimpleXML parser refuses\n");
	exit(1);
}
$xml = simplexml_import_dom($dom);
$ns = $xml->getDocNamespaces();
$wp = $ns['wp'] ?? 'http://wordpress.org/export/1.1/';
$excerpt = $ns['excerpt'] ?? 'http://wordpress.org/export/1.1/excerpt/';
$xml->registerXPathNamespace('wp', $wp);
$version = $xml->xpath('/rss/channel/wp:wxr_version');
if (!$version || !preg_match('/^\d+\.\d+$/', (string) $version[0])) {
	fwrite(STDERR, "no valid wp:wxr_version\n");
	exit(1);
}
$channel = $xml->channel;
$out = [
	'version' => (string) $version[0],
	'base_url' => (string) $channel->children($wp)->base_site_url,
	'base_blog_url' => (string) $channel->children($wp)->base_blog_url,
	'authors' => [],
	'terms' => 0,
	'items' => [],
];
foreach ($channel->children($wp)->author as $a) {
	$out['authors'][] = (string) $a->author_login;
}
$w = $channel->children($wp);
$out['terms'] = count($w->category) + count($w->tag) + count($w->term);
foreach ($channel->item as $item) {
	$i = $item->children($wp);
	$post = [
		'id' => (int) $i->post_id,
		'type' => (string) $i->post_type,
		'status' => (string) $i->status,
		'title' => (string) $item->title,
		'content' => (string) $item->children('http://purl.org/rss/1.0/modules/content/')->encoded,
		'excerpt' => (string) $item->children($excerpt)->encoded,
		'meta' => [],
		'comments' => [],
	];
	foreach ($i->postmeta as $m) {
		$post['meta'][] = [(string) $m->meta_key, (string) $m->meta_value];
	}
	foreach ($i->comment as $c) {
		$post['comments'][] = [
			'id' => (int) $c->comment_id,
			'parent' => (int) $c->comment_parent,
			'approved' => (string) $c->comment_approved,
			'content' => (string) $c->comment_content,
		];
	}
	$out['items'][] = $post;
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE);
