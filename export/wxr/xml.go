package wxr

import (
	"bufio"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// xmlWriter writes the pieces of a WXR file the way WordPress's exporter
// does, and keeps every character a string holds that XML can carry:
//
//   - CDATA sections split around "]]>" (as "]]]]><![CDATA[>"), which every
//     XML parser joins back;
//   - CR inside CDATA as it is, as WordPress writes it: parc's reader keeps
//     it (a CDATA section cannot hold the reference &#13;, and ending the
//     section around one would read, to parsers that recover unescaped
//     "]]>" as WordPress's regex parser and parc's do, as text); outside
//     CDATA as &#13;;
//   - characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE,
//     U+FFFF, invalid UTF-8) as U+FFFD, each counted in lost so that the
//     export can name the item.
type xmlWriter struct {
	w    *bufio.Writer
	lost int // characters replaced since the caller last reset it
}

// allowedASCII marks the ASCII bytes XML 1.0 allows.
var allowedASCII = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = true
	}
	t['\t'], t['\n'], t['\r'] = true, true, true
	return t
}()

func allowedRune(r rune) bool {
	return r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func (x *xmlWriter) raw(s string) { x.w.WriteString(s) }

// textEscapes are the references text() writes for ASCII bytes; in
// attribute values too, whitespace other than spaces is referenced, so
// attribute normalization cannot turn it into spaces.
var textEscapes = [utf8.RuneSelf]string{'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&quot;", '\r': "&#13;", '\n': "&#10;", '\t': "&#9;"}

// cdata writes s as CDATA.
func (x *xmlWriter) cdata(s string) {
	x.raw("<![CDATA[")
	x.escaped(s, nil)
	x.raw("]]>")
}

// text writes s as escaped character data, fit for attribute values.
func (x *xmlWriter) text(s string) { x.escaped(s, &textEscapes) }

// escaped writes s with the characters XML cannot carry replaced, and the
// ASCII bytes escapes names written as it says; with no escapes, s is
// inside CDATA, where only "]]>" needs splitting.
func (x *xmlWriter) escaped(s string, escapes *[utf8.RuneSelf]string) {
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		size := 1
		var with string
		switch {
		case b >= utf8.RuneSelf:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size > 1 {
				if allowedRune(r) {
					i += size
					continue
				}
			}
			with = "\uFFFD"
			x.lost++
		case escapes != nil && escapes[b] != "":
			with = escapes[b]
		case !allowedASCII[b]:
			with = "\uFFFD"
			x.lost++
		case escapes == nil && b == ']' && strings.HasPrefix(s[i:], "]]>"):
			with, size = "]]]]><![CDATA[>", 3
		default:
			i++
			continue
		}
		x.raw(s[start:i])
		x.raw(with)
		i += size
		start = i
	}
	x.raw(s[start:])
}

// element writes <name>CDATA</name>.
func (x *xmlWriter) element(name, value string) {
	x.raw("<" + name + ">")
	x.cdata(value)
	x.raw("</" + name + ">")
}

// plain writes <name>escaped text</name>, for URLs and the channel's
// fields, which WordPress writes without CDATA.
func (x *xmlWriter) plain(name, value string) {
	x.raw("<" + name + ">")
	x.text(value)
	x.raw("</" + name + ">")
}

// number writes <name>n</name>: WordPress's parsers read ids as integers.
func (x *xmlWriter) number(name string, n int64) {
	x.raw("<" + name + ">" + strconv.FormatInt(n, 10) + "</" + name + ">")
}

// dateLayout is MySQL's DATETIME, the form every WXR date takes.
const dateLayout = "2006-01-02 15:04:05"

// date writes a WordPress date; an unknown one is "0000-00-00 00:00:00",
// as WordPress writes a draft's GMT date.
func (x *xmlWriter) date(name string, t time.Time) {
	s := "0000-00-00 00:00:00"
	if !t.IsZero() {
		s = t.Format(dateLayout)
	}
	x.element(name, s)
}
