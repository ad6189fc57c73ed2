package sitegen

import (
	"context"

	"github.com/parc-archive/parc/export"
)

// Generator writes one static site generator's site: its configuration
// and layouts, a file for each entry, the term and author pages.
type Generator interface {
	// Start writes what comes before the entries (configuration, layouts).
	Start() error
	// Entry writes one post or page.
	Entry(e *Entry) error
	// Finish writes what the entries make (term and author pages) and
	// counts the terms and authors.
	Finish(counts *export.Counts) error
	// Published is the folder the generator publishes as it is, where
	// media and redirect maps go ("static/" for Hugo, "" for Jekyll).
	Published() string
}

// Export writes the site opts names into dir (missing, empty, or a
// previous export by parc, which it replaces only when complete) with the
// generator newGenerator makes: each public post and page (every one with
// opts.Private), the stored media they link, and the redirect maps of the
// old links. progress, when not nil, is called after each entry.
func Export(ctx context.Context, src Source, dir, format string, opts Options, progress func(export.Counts),
	newGenerator func(tree *export.Tree, s *Site) Generator) (export.Counts, error) {
	var counts export.Counts
	s, err := Open(ctx, src, opts)
	if err != nil {
		return counts, err
	}
	counts.Sites = 1
	err = export.WriteDir(dir, format, func(tree *export.Tree) error {
		gen := newGenerator(tree, s)
		if err := gen.Start(); err != nil {
			return err
		}
		copied := map[string]bool{}
		err := s.Walk(ctx, src, opts.Private, func(e *Entry) error {
			if err := gen.Entry(e); err != nil {
				return err
			}
			if err := s.CopyMedia(src, tree, gen.Published(), e.Media, copied); err != nil {
				return err
			}
			counts.Items++
			counts.Comments += e.CommentCount
			if progress != nil {
				progress(counts)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := gen.Finish(&counts); err != nil {
			return err
		}
		err = Redirects(s.Links.OldLinks(), s.Links.Home()).Write(tree, gen.Published())
		counts.Bytes = tree.Bytes()
		return err
	})
	return counts, err
}
