// Package wxr writes a site of the archive as a WXR 1.2 file, the
// WordPress eXtended RSS that WordPress's Tools > Export writes and its
// importer reads, so that the archive can move into a new WordPress.
//
// It streams: the site's authors and terms, then one item at a time with
// its meta and comments, so memory stays flat whatever the archive's
// size. Content goes out as the archive has it: raw (as WordPress stores
// it) byte for byte where the archive has it, else the rendered HTML the
// site served, marked with a parc:form="rendered" attribute that
// WordPress ignores and parc's own reader uses to take it back as
// rendered. Without Options.Private only what the site shows the public
// goes out (see export.Exported and export.Withhold).
package wxr

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
	"github.com/parc-archive/parc/media"
)

// Version is the WXR version written, the one WordPress writes.
const Version = "1.2"

// FormNamespace is the namespace of parc's own attributes, which
// WordPress ignores and importer/wxr reads: parc:form="rendered" marks
// content written in its rendered form, parc:assigned="1" a post ID
// parc derived for an item no source named the ID of (WordPress's importer
// needs one to key the item by; parc reads it back as none, and derives
// the same again from the guid).
const FormNamespace = "https://github.com/parc-archive/parc/wxr/"

// Source is the archive as an export reads it.
type Source interface {
	export.SiteLister
	Authors(ctx context.Context, site string) ([]archive.Author, error)
	SiteTerms(ctx context.Context, site string) ([]archive.Term, error)
	ForEachSitePost(ctx context.Context, site string, fn func(*archive.StoredPost) error) error
	ServableMedia(ctx context.Context, urls []string) (map[string]archive.MediaFile, error)
}

// Generator names the program in the file's leading comment, as WordPress
// names itself there; the channel's generator element keeps the site's own.
const Generator = "parc"

// Write writes the site opts.Site names as WXR to w; with no site named,
// the archive must hold exactly one. progress, when not nil, is called
// after each item with the counts so far.
func Write(ctx context.Context, src Source, w io.Writer, opts export.Options, progress func(export.Counts)) (export.Counts, error) {
	var counts export.Counts
	site, err := export.OneSite(ctx, src, opts.Site, "a WXR file")
	if err != nil {
		return counts, err
	}
	cw := &export.CountingWriter{W: w}
	ew := &exporter{x: xmlWriter{w: bufio.NewWriterSize(cw, 64<<10)}, opts: opts, counts: &counts}
	counts.Sites = 1
	authors, err := src.Authors(ctx, site.URL)
	if err != nil {
		return counts, fmt.Errorf("export: authors of %s: %w", site.URL, err)
	}
	terms, err := src.SiteTerms(ctx, site.URL)
	if err != nil {
		return counts, fmt.Errorf("export: %w", err)
	}
	ew.header(site)
	for _, a := range authors {
		ew.author(a)
	}
	for _, t := range parentsFirst(terms) {
		ew.term(t)
	}
	ew.x.raw("\t")
	ew.x.plain("generator", cmp.Or(site.Generator, Generator))
	ew.x.raw("\n")
	err = src.ForEachSitePost(ctx, site.URL, func(p *archive.StoredPost) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !opts.Private {
			if !export.Exported(&p.Post) {
				return nil
			}
			export.Withhold(&p.Post)
			p.Password = ""
		}
		if opts.MediaBaseURL != "" && p.AttachmentURL != "" {
			if err := servedFrom(ctx, src, &p.Post, site.URL, opts.MediaBaseURL); err != nil {
				return err
			}
		}
		ew.item(&p.Post, p.IDDerived)
		if cw.Err != nil {
			return cw.Err
		}
		if progress != nil {
			counts.Bytes = cw.N
			progress(counts)
		}
		return nil
	})
	if err != nil {
		return counts, fmt.Errorf("export: %w", err)
	}
	ew.x.raw("</channel>\n</rss>\n")
	if err := ew.x.w.Flush(); err != nil {
		return counts, fmt.Errorf("export: %w", err)
	}
	counts.Bytes = cw.N
	return counts, nil
}

// servedFrom points an attachment whose file the archive stores at a parc
// serve of the archive at base, where the file is served.
func servedFrom(ctx context.Context, src Source, p *archive.Post, siteURL, base string) error {
	stored, err := src.ServableMedia(ctx, []string{p.AttachmentURL})
	if err != nil {
		return err
	}
	if f, ok := stored[p.AttachmentURL]; ok {
		path, _ := media.ServedPath(siteURL, p.AttachmentURL, f.SHA256)
		p.AttachmentURL = strings.TrimRight(base, "/") + path
	}
	return nil
}
