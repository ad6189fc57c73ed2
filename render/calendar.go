package render

import (
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/parc-archive/parc/locale"
)

// Calendar is what the calendar block needs of a month: the URL of the
// day archive of each day with posts, and the nearest months before and
// after it that have posts (URL empty where there is none; the calendar
// names them by the locale's short month names).
type Calendar struct {
	Days                     map[int]string
	PreviousURL, NextURL     string
	PreviousMonth, NextMonth time.Month
}

// calendar renders the calendar block as get_calendar does: a table of
// the month of today, weeks starting on Monday (WordPress's default),
// days with posts linking to their archives, and links to the months
// before and after that have posts.
func calendar(site SiteData) string {
	today := site.Today()
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	data := site.Calendar(first.Year(), first.Month())
	var b strings.Builder
	b.WriteString(`<div class="wp-block-calendar"><table id="wp-calendar" class="wp-calendar-table"><caption>`)
	l := site.Locale()
	b.WriteString(html.EscapeString(l.Month(first)))
	b.WriteString(`</caption><thead><tr>`)
	for i := range 7 {
		day := time.Weekday((i + 1) % 7)
		b.WriteString(`<th scope="col" title="` + html.EscapeString(l.Weekday(day)) + `">` + html.EscapeString(l.WeekdayInitial(day)) + `</th>`)
	}
	b.WriteString(`</tr></thead><tbody><tr>`)
	pad := (int(first.Weekday()) + 6) % 7 // days before the 1st in a week from Monday
	if pad > 0 {
		b.WriteString(`<td colspan="` + strconv.Itoa(pad) + `" class="pad">&nbsp;</td>`)
	}
	days := first.AddDate(0, 1, -1).Day()
	for day := 1; day <= days; day++ {
		if day > 1 && (pad+day-1)%7 == 0 {
			b.WriteString(`</tr><tr>`)
		}
		b.WriteString("<td")
		if day == today.Day() {
			b.WriteString(` id="today"`)
		}
		b.WriteString(">")
		if url := data.Days[day]; url != "" && safeURL(url) {
			label := l.Date(first.AddDate(0, 0, day-1))
			b.WriteString(`<a href="` + html.EscapeString(url) + `" aria-label="` + html.EscapeString(label) + `">` + strconv.Itoa(day) + `</a>`)
		} else {
			b.WriteString(strconv.Itoa(day))
		}
		b.WriteString("</td>")
	}
	if rest := 6 - (pad+days-1)%7; rest > 0 {
		b.WriteString(`<td class="pad" colspan="` + strconv.Itoa(rest) + `">&nbsp;</td>`)
	}
	b.WriteString(`</tr></tbody></table><nav aria-label="` + html.EscapeString(l.Say(locale.MonthsNav)) + `" class="wp-calendar-nav">`)
	b.WriteString(`<span class="wp-calendar-nav-prev">`)
	if data.PreviousURL != "" {
		b.WriteString(anchor(Link{Text: "« " + l.MonthAbbrev(data.PreviousMonth), URL: data.PreviousURL}))
	} else {
		b.WriteString("&nbsp;")
	}
	b.WriteString(`</span><span class="pad">&nbsp;</span><span class="wp-calendar-nav-next">`)
	if data.NextURL != "" {
		b.WriteString(anchor(Link{Text: l.MonthAbbrev(data.NextMonth) + " »", URL: data.NextURL}))
	} else {
		b.WriteString("&nbsp;")
	}
	b.WriteString(`</span></nav></div>`)
	return b.String()
}
