package wayback

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/importer/internal/siteurl"
	"github.com/parc-archive/parc/internal/webarchive"
)

// wantedTypes are the MIME types of captures worth fetching: pages, feeds
// and REST API answers, as a CDX filter (a regular expression).
const wantedTypes = `(text/html|application/xhtml\+xml|application/rss\+xml|application/atom\+xml|text/xml|application/xml|application/json)`

// cdxRow is one capture the CDX server lists.
type cdxRow struct {
	Timestamp, Original string
}

// cdxPage is one answer of the CDX server: its captures, and the key that
// asks for the next page ("" on the last).
type cdxPage struct {
	Rows      []cdxRow
	ResumeKey string
}

// parseCDX reads a CDX server's JSON answer: a header row naming the
// fields, a row per capture, and with showResumeKey an empty row then the
// resume key.
func parseCDX(data []byte) (cdxPage, error) {
	var rows [][]string
	if err := json.Unmarshal(data, &rows); err != nil {
		return cdxPage{}, fmt.Errorf("not a CDX JSON answer: %w", err)
	}
	var page cdxPage
	if len(rows) == 0 {
		return page, nil
	}
	column := map[string]int{}
	for i, name := range rows[0] {
		column[name] = i
	}
	ts, okTS := column["timestamp"]
	orig, okOrig := column["original"]
	if !okTS || !okOrig {
		return cdxPage{}, errors.New("the CDX answer names no timestamp and original fields")
	}
	for i := 1; i < len(rows); i++ {
		row := rows[i]
		if len(row) == 0 {
			if i+1 < len(rows) && len(rows[i+1]) > 0 {
				page.ResumeKey = rows[i+1][0]
			}
			break
		}
		if ts >= len(row) || orig >= len(row) {
			continue
		}
		page.Rows = append(page.Rows, cdxRow{Timestamp: row[ts], Original: row[orig]})
	}
	return page, nil
}

// cdxURL asks for one page of the site's captures of pages, feeds and API
// answers served 200 OK, identical successive captures of a URL collapsed.
func (r *Reader) cdxURL(resumeKey string) string {
	q := url.Values{}
	q.Set("url", r.site.Host+strings.TrimRight(r.site.Path, "/")+"/*")
	q.Set("output", "json")
	q.Set("fl", "timestamp,original,mimetype,statuscode,digest")
	q.Add("filter", "statuscode:200")
	q.Add("filter", "mimetype:"+wantedTypes)
	q.Set("collapse", "digest")
	q.Set("limit", fmt.Sprint(r.opts.PageSize))
	q.Set("showResumeKey", "true")
	if r.opts.From != "" {
		q.Set("from", r.opts.From)
	}
	if r.opts.To != "" {
		q.Set("to", r.opts.To)
	}
	if resumeKey != "" {
		q.Set("resumeKey", resumeKey)
	}
	return r.archive + "/cdx/search/cdx?" + q.Encode()
}

// list asks the CDX server for the site's captures, page after page, and
// lists those not known yet to be fetched. Captures of other hosts than
// the site's are passed over: the archive's word does not make them the
// blog's.
func (r *Reader) list(ctx context.Context) error {
	seen := map[string]bool{}
	key := ""
	listed := 0
	for {
		r.report("listing the captures of %s (%d so far)", r.site.Host, listed)
		cdx := r.cdxURL(key)
		resp, err := r.client.Get(ctx, cdx, nil)
		if err != nil {
			return fmt.Errorf("wayback: listing the captures of %s: %w", r.site, err)
		}
		if resp.Truncated {
			return fmt.Errorf("wayback %s: the CDX answer is larger than %d MiB and was cut; a server that pages its answers is needed", cdx, len(resp.Body)>>20)
		}
		page, err := parseCDX(resp.Body)
		if err != nil {
			return fmt.Errorf("wayback %s: %w", cdx, err)
		}
		var replays []string
		for _, row := range page.Rows {
			if !ValidTimestamp(row.Timestamp) || len(row.Timestamp) != 14 || !r.onSite(row.Original) {
				continue
			}
			replays = append(replays, webarchive.ReplayURL(r.archive, row.Timestamp, webarchive.Original, row.Original))
		}
		listed += len(replays)
		err = r.todo.Enqueue(context.WithoutCancel(ctx), replays...)
		var full *archive.FullError
		if errors.As(err, &full) {
			r.Warn(fmt.Sprintf("wayback %s: %v", r.site, err))
			return nil
		}
		if err != nil {
			return err
		}
		if page.ResumeKey == "" {
			return nil
		}
		if seen[page.ResumeKey] {
			return fmt.Errorf("wayback %s: the CDX server gives the same resume key again (%q): its paging loops", cdx, page.ResumeKey)
		}
		seen[page.ResumeKey] = true
		key = page.ResumeKey
	}
}

// onSite reports whether a captured URL is on the site's host or its www twin.
func (r *Reader) onSite(original string) bool {
	return siteurl.OnHost(original, r.site.Host)
}
