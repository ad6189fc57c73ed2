package html

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/parc-archive/parc/locale"
)

var (
	shownClock = regexp.MustCompile(`(?i)\b(\d{1,2})[:h](\d{2})(?:\s*([ap])\.?\s*m\b\.?)?`)
	shownISO   = regexp.MustCompile(`\b(\d{4})-(\d{1,2})-(\d{1,2})\b`)
	shownDMY   = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b`)
)

// shownDate reads a date a theme prints in words instead of a datetime
// attribute — "Jun 20th at 2:41 am", "August 3, 2019 at 3:12 pm", "29.
// Mai 2019 um 17:39", "13.05.2019 17:39" — in any of parc's languages.
// A date shown without its year (WordPress.com does that for the current
// year) takes the year of after, the post's date, or the next when that
// would put it before the post. The result is a wall-clock time.
func shownDate(s string, after time.Time) (time.Time, bool) {
	hour, minute := 0, 0
	if m := shownClock.FindStringSubmatchIndex(s); m != nil {
		hour, _ = strconv.Atoi(s[m[2]:m[3]])
		minute, _ = strconv.Atoi(s[m[4]:m[5]])
		if m[6] >= 0 {
			hour %= 12
			if strings.EqualFold(s[m[6]:m[7]], "p") {
				hour += 12
			}
		}
		s = s[:m[0]] + " " + s[m[1]:]
	}
	if hour > 23 || minute > 59 {
		return time.Time{}, false
	}
	year, day := 0, 0
	var month time.Month
	if m := shownISO.FindStringSubmatch(s); m != nil {
		year, _ = strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		month = time.Month(mo)
		day, _ = strconv.Atoi(m[3])
	} else if m := shownDMY.FindStringSubmatch(s); m != nil {
		day, _ = strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		month = time.Month(mo)
		year, _ = strconv.Atoi(m[3])
	} else {
		for _, word := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			digits := strings.TrimRightFunc(word, unicode.IsLetter) // 20th, 1er, 3º
			switch n, err := strconv.Atoi(digits); {
			case err == nil && len(digits) == 4 && year == 0:
				year = n
			case err == nil && len(digits) <= 2 && day == 0:
				day = n
			case err != nil && month == 0:
				if m, ok := locale.MonthNamed(word); ok {
					month = m
				}
			}
		}
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	if year == 0 {
		if after.IsZero() {
			return time.Time{}, false
		}
		year = after.Year()
		if time.Date(year, month, day, 23, 59, 59, 0, time.UTC).Before(after) {
			year++
		}
	}
	t := time.Date(year, month, day, hour, minute, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // 31 June
	}
	return t, true
}
