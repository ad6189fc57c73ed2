package locale

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// dates is how a language writes dates: WordPress's default date, time
// and month formats of the language, in PHP's date() letters, and its
// month and weekday names.
type dates struct {
	date, time, month string
	months            [12]string // as a date writes them ("2. Januar")
	monthsAlone       [12]string // as a month's title writes them, when it differs ("Январь")
	monthsShort       [12]string
	weekdays          [7]string // from Sunday
	weekdayInitials   [7]string // when not the first letter of the name
}

// format writes t by layout, in the letters of PHP's date() that
// WordPress's date formats use: j d (day), n m F (month), Y (year), G H g
// (hour), i (minute), a A (am/pm), and \ before a letter that is meant
// as itself.
func (d dates) format(layout string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(layout); i++ {
		c := layout[i]
		switch c {
		case '\\':
			if i+1 < len(layout) {
				i++
				b.WriteByte(layout[i])
			}
		case 'j':
			b.WriteString(strconv.Itoa(t.Day()))
		case 'd':
			b.WriteString(twoDigits(t.Day()))
		case 'n':
			b.WriteString(strconv.Itoa(int(t.Month())))
		case 'm':
			b.WriteString(twoDigits(int(t.Month())))
		case 'F':
			b.WriteString(d.months[t.Month()-1])
		case 'f': // the month's name standing alone, for a month's title
			name := d.monthsAlone[t.Month()-1]
			if name == "" {
				name = d.months[t.Month()-1]
			}
			b.WriteString(name)
		case 'Y':
			b.WriteString(strconv.Itoa(t.Year()))
		case 'G':
			b.WriteString(strconv.Itoa(t.Hour()))
		case 'H':
			b.WriteString(twoDigits(t.Hour()))
		case 'g':
			b.WriteString(strconv.Itoa((t.Hour()+11)%12 + 1))
		case 'i':
			b.WriteString(twoDigits(t.Minute()))
		case 'a':
			if t.Hour() < 12 {
				b.WriteString("am")
			} else {
				b.WriteString("pm")
			}
		case 'A':
			if t.Hour() < 12 {
				b.WriteString("AM")
			} else {
				b.WriteString("PM")
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// MonthNamed is the month a word names in any of parc's languages, in
// full, short or as a month's title writes it, ignoring case and a
// trailing period ("Jun", "März", "dez.", "января"): how a page that
// shows its dates in words is read back.
func MonthNamed(word string) (time.Month, bool) {
	m, ok := monthsByName()[monthKey(word)]
	return m, ok
}

func monthKey(name string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
}

// monthsByName maps every month name of every language, as monthKey
// writes it, to its month; built once, on first use, as pages are read
// word by word. Where two languages share a name they name one month.
var monthsByName = sync.OnceValue(func() map[string]time.Month {
	m := map[string]time.Month{}
	for _, l := range languages {
		for _, names := range [][12]string{l.dates.months, l.dates.monthsAlone, l.dates.monthsShort} {
			for i, name := range names {
				if key := monthKey(name); key != "" {
					if _, taken := m[key]; !taken {
						m[key] = time.Month(i + 1)
					}
				}
			}
		}
	}
	return m
})
