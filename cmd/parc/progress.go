package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/parc-archive/parc/importer"
)

// progress draws an import's progress bar on a terminal and nothing on a
// pipe, so that scripts see only the summary.
type progress struct {
	w       io.Writer
	on      bool
	bar     *progressbar.ProgressBar
	source  string
	started time.Time
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, on: isTerminal(w)}
}

// isTerminal reports whether w is a terminal that can redraw a line and
// show bold: not a pipe or file, not TERM=dumb.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) && os.Getenv("TERM") != "dumb"
}

// update draws one source's progress: a bar over its bytes when its size
// is known, else a spinner with what it is doing (crawls, the REST API,
// paged feeds: nobody knows how many pages a site has until the end).
func (p *progress) update(s importer.Progress) {
	if !p.on {
		return
	}
	if s.Done {
		p.finish()
		return
	}
	if s.Size <= 0 {
		status := s.Status
		if status == "" {
			status = s.Source
		}
		if s.Items > 0 {
			status = fmt.Sprintf("%s: %d items stored", status, s.Items)
		}
		p.spin(status)
		return
	}
	if p.bar == nil || p.source != s.Source {
		p.finish()
		p.source, p.started = s.Source, time.Now()
		p.bar = progressbar.NewOptions64(s.Size,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetWidth(30),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
		)
	}
	rate := float64(s.Items) / max(time.Since(p.started).Seconds(), 1e-3)
	p.bar.Describe(fmt.Sprintf("%d items (%.0f/s)", s.Items, rate))
	p.bar.Set64(s.BytesRead)
}

// spin draws a spinner with a status line.
func (p *progress) spin(status string) {
	if !p.on {
		return
	}
	if p.bar == nil || p.source != "" {
		p.finish()
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Describe(status)
	p.bar.Add(1)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
	p.source = ""
}
