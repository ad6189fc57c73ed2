<?php
// Runs WordPress's own wptexturize on each string of a JSON array read
// from standard input and prints the results as a JSON array. The only
// argument is the path of WordPress's wp-includes/formatting.php.
//
// The shortcodes registered are those parc renders, as WordPress
// registers them, plus [code] and [sourcecode] as a syntax highlighter
// registers them: kept untexturized.

function apply_filters( $hook, $value ) {
	if ( 'no_texturize_shortcodes' === $hook ) {
		$value[] = 'sourcecode';
	}
	return $value;
}

function _x( $text, $context ) {
	return $text;
}

$shortcode_tags = array();
foreach ( array( 'caption', 'wp_caption', 'gallery', 'embed', 'audio', 'video', 'playlist', 'code', 'sourcecode' ) as $name ) {
	$shortcode_tags[ $name ] = '__return_empty_string';
}

require $argv[1];

$in = json_decode( stream_get_contents( STDIN ), true );
if ( ! is_array( $in ) ) {
	fwrite( STDERR, "input is not a JSON array of strings\n" );
	exit( 1 );
}
$out = array();
foreach ( $in as $text ) {
	$out[] = wptexturize( $text );
}
echo json_encode( $out, JSON_INVALID_UTF8_SUBSTITUTE );
