package archive

import "database/sql"

// migrations[i] brings the schema from version i to i+1. The schema
// version lives in SQLite's user_version. Append, never edit: archives in
// the field were built by the earlier entries.
var migrations = []string{
	// 1: the data model and provenance.
	`
CREATE TABLE sites (
	id INTEGER PRIMARY KEY,
	url TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL DEFAULT '',
	link TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL DEFAULT '',
	base_site_url TEXT NOT NULL DEFAULT '',
	base_blog_url TEXT NOT NULL DEFAULT '',
	wxr_version TEXT NOT NULL DEFAULT '',
	generator TEXT NOT NULL DEFAULT ''
);
CREATE TABLE imports (
	id INTEGER PRIMARY KEY,
	source TEXT NOT NULL,
	format TEXT NOT NULL,
	sha256 TEXT NOT NULL DEFAULT '',
	started TEXT NOT NULL,
	finished TEXT,
	counts TEXT NOT NULL DEFAULT '{}',
	warnings TEXT NOT NULL DEFAULT '[]',
	error TEXT NOT NULL DEFAULT ''
);
CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES sites(id),
	login TEXT NOT NULL,
	wp_id INTEGER NOT NULL DEFAULT 0,
	email TEXT NOT NULL DEFAULT '',
	display_name TEXT NOT NULL DEFAULT '',
	first_name TEXT NOT NULL DEFAULT '',
	last_name TEXT NOT NULL DEFAULT '',
	rank INTEGER NOT NULL DEFAULT 0,
	UNIQUE (site_id, login)
);
CREATE TABLE terms (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES sites(id),
	taxonomy TEXT NOT NULL,
	slug TEXT NOT NULL,
	wp_id INTEGER NOT NULL DEFAULT 0,
	name TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	parent_slug TEXT NOT NULL DEFAULT '',
	meta TEXT NOT NULL DEFAULT '[]',
	rank INTEGER NOT NULL DEFAULT 0,
	UNIQUE (site_id, taxonomy, slug)
);
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	site_id INTEGER NOT NULL REFERENCES sites(id),
	type TEXT NOT NULL,
	wp_id INTEGER,
	occurrence INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL DEFAULT '',
	parent INTEGER NOT NULL DEFAULT 0,
	menu_order INTEGER NOT NULL DEFAULT 0,
	title TEXT NOT NULL DEFAULT '',
	slug TEXT NOT NULL DEFAULT '',
	guid TEXT NOT NULL DEFAULT '',
	link TEXT NOT NULL DEFAULT '',
	date TEXT NOT NULL DEFAULT '',
	date_gmt TEXT NOT NULL DEFAULT '',
	modified TEXT NOT NULL DEFAULT '',
	modified_gmt TEXT NOT NULL DEFAULT '',
	author_login TEXT NOT NULL DEFAULT '',
	content_raw TEXT NOT NULL DEFAULT '',
	content_rendered TEXT NOT NULL DEFAULT '',
	excerpt_raw TEXT NOT NULL DEFAULT '',
	excerpt_rendered TEXT NOT NULL DEFAULT '',
	comment_status TEXT NOT NULL DEFAULT '',
	ping_status TEXT NOT NULL DEFAULT '',
	password TEXT NOT NULL DEFAULT '',
	sticky INTEGER NOT NULL DEFAULT 0,
	attachment_url TEXT NOT NULL DEFAULT '',
	rank INTEGER NOT NULL DEFAULT 0,
	UNIQUE (site_id, type, wp_id, occurrence)
);
CREATE INDEX posts_wp_id ON posts (site_id, wp_id);
CREATE INDEX posts_link ON posts (site_id, link);
CREATE INDEX posts_guid ON posts (site_id, guid);
CREATE INDEX posts_slug ON posts (slug);
CREATE INDEX posts_date ON posts (site_id, type, date_gmt);
CREATE TABLE post_terms (
	post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	taxonomy TEXT NOT NULL,
	slug TEXT NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (post_id, seq)
);
CREATE INDEX post_terms_term ON post_terms (taxonomy, slug);
CREATE TABLE post_meta (
	post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	key TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (post_id, seq)
);
CREATE TABLE comments (
	id INTEGER PRIMARY KEY,
	post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	wp_id INTEGER NOT NULL,
	parent INTEGER NOT NULL DEFAULT 0,
	author TEXT NOT NULL DEFAULT '',
	author_email TEXT NOT NULL DEFAULT '',
	author_url TEXT NOT NULL DEFAULT '',
	author_ip TEXT NOT NULL DEFAULT '',
	date TEXT NOT NULL DEFAULT '',
	date_gmt TEXT NOT NULL DEFAULT '',
	content_raw TEXT NOT NULL DEFAULT '',
	content_rendered TEXT NOT NULL DEFAULT '',
	approved TEXT NOT NULL DEFAULT '',
	type TEXT NOT NULL DEFAULT '',
	user_id INTEGER NOT NULL DEFAULT 0,
	meta TEXT NOT NULL DEFAULT '[]',
	rank INTEGER NOT NULL DEFAULT 0,
	UNIQUE (post_id, wp_id)
);
CREATE TABLE provenance (
	import_id INTEGER NOT NULL REFERENCES imports(id),
	kind TEXT NOT NULL,
	record_id INTEGER NOT NULL,
	action TEXT NOT NULL
);
CREATE INDEX provenance_record ON provenance (kind, record_id);
CREATE INDEX provenance_import ON provenance (import_id);
`,
	// 2: pages as fetched from a live site, and the frontier of resumable
	// crawls and API walks.
	`
CREATE TABLE fetched (
	url TEXT PRIMARY KEY,
	site TEXT NOT NULL,
	status INTEGER NOT NULL,
	header TEXT NOT NULL DEFAULT '{}',
	fetched_at TEXT NOT NULL,
	body BLOB NOT NULL
);
CREATE INDEX fetched_site ON fetched (site);
CREATE TABLE frontier (
	job TEXT NOT NULL,
	url TEXT NOT NULL,
	seq INTEGER NOT NULL,
	state TEXT NOT NULL DEFAULT 'queued',
	tries INTEGER NOT NULL DEFAULT 0,
	error TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (job, url)
);
CREATE INDEX frontier_next ON frontier (job, state, seq);
`,
	// 3: the authority of the source that last stated a site's title and
	// description, so that a lesser one only fills gaps (sites already
	// archived take the rank of the best source that touched them); the
	// end of each frontier found at once.
	`
ALTER TABLE sites ADD COLUMN rank INTEGER NOT NULL DEFAULT 0;
CREATE INDEX frontier_seq ON frontier (job, seq);
UPDATE sites SET rank = COALESCE((SELECT MAX(CASE i.format
		WHEN 'wxr' THEN 3 WHEN 'blogger' THEN 3 WHEN 'rest' THEN 2 ELSE 1 END)
	FROM provenance p JOIN imports i ON i.id = p.import_id
	WHERE p.kind = 'site' AND p.record_id = sites.id), 0);
`,
	// 4: the media files a blog uses, by every URL its pages name them,
	// each stored once by its SHA-256 in the archive's media folder.
	`
CREATE TABLE media (
	url TEXT PRIMARY KEY,
	site TEXT NOT NULL,
	original TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'pending',
	sha256 TEXT NOT NULL DEFAULT '',
	bytes INTEGER NOT NULL DEFAULT 0,
	type TEXT NOT NULL DEFAULT '',
	error TEXT NOT NULL DEFAULT '',
	tries INTEGER NOT NULL DEFAULT 0,
	fetched_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX media_site_status ON media (site, status);
CREATE INDEX media_sha ON media (sha256);
CREATE TABLE media_uses (
	url TEXT NOT NULL REFERENCES media(url) ON DELETE CASCADE,
	post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	PRIMARY KEY (url, post_id)
);
`,
	// 5: the ID parc derives from a post's guid or link when no source
	// names its WordPress ID (feeds, pages of themes that print none), so
	// that every post has one a user can type; a WordPress ID, when a
	// source gives it, still wins (wp_id). Existing posts get theirs in Go
	// (deriveMissingIDs), after this.
	`
ALTER TABLE posts ADD COLUMN derived_id INTEGER;
CREATE INDEX posts_derived_id ON posts (site_id, derived_id);
`,
	// 6: an author's posts, found from the author: a change to the author
	// (a display name a later source gives) changes what their posts show
	// and what the search index holds of them (ChangedSince).
	`
CREATE INDEX posts_author ON posts (site_id, author_login);
`,
}

// migrationSteps are what a migration does beyond its SQL, in the same
// transaction: keyed by the version the migration brings the schema to.
var migrationSteps = map[int]func(*sql.Tx) error{
	5: deriveMissingIDs,
}
