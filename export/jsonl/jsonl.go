package jsonl

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/export"
)

// Source is the archive as the JSON export reads it.
type Source interface {
	export.SiteLister
	archive.AuthorLister
	ForEachSitePost(ctx context.Context, site string, fn func(*archive.StoredPost) error) error
}

// exportedTypes are the types a JSON export holds: what a reader of the
// blog knows as its posts, pages and media.
var exportedTypes = map[string]bool{"post": true, "page": true, "attachment": true}

// Write writes every post, page and attachment of the sites opts names
// (all of them when it names none) to w, one Post per line, with its whole
// comment tree. Without opts.Private only what readers may see goes out,
// as export.Exported and export.Withhold say. progress, when not nil, is
// called after each line.
func Write(ctx context.Context, src Source, w io.Writer, opts export.Options, progress func(export.Counts)) (export.Counts, error) {
	var counts export.Counts
	sites, err := export.Sites(ctx, src, opts.Site)
	if err != nil {
		return counts, err
	}
	cw := &export.CountingWriter{W: w}
	bw := bufio.NewWriterSize(cw, 64<<10)
	enc := json.NewEncoder(bw)
	names := archive.NewAuthorNames(src)
	for _, site := range sites {
		counts.Sites++
		err := src.ForEachSitePost(ctx, site.URL, func(p *archive.StoredPost) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if !exportedTypes[p.Type] {
				return nil
			}
			if !opts.Private {
				if !export.Exported(&p.Post) {
					return nil
				}
				export.Withhold(&p.Post)
			}
			author, err := names.Name(ctx, p.Site, p.AuthorLogin)
			if err != nil {
				return err
			}
			if err := enc.Encode(PostOf(p, opts.Private, author)); err != nil {
				return err
			}
			counts.Items++
			counts.Comments += len(p.Comments)
			if progress != nil {
				counts.Bytes = cw.N
				progress(counts)
			}
			return cw.Err
		})
		if err != nil {
			return counts, fmt.Errorf("export: %s: %w", site.URL, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return counts, fmt.Errorf("export: %w", err)
	}
	counts.Bytes = cw.N
	return counts, nil
}
