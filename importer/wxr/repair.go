package wxr

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// repairKind names one kind of repair or defaulting that is counted rather
// than reported one by one, so a damaged million-line file gives a handful
// of warnings, not a million.
type repairKind int

const (
	repairIllegalChar repairKind = iota
	repairInvalidUTF8
	repairBareAmpersand
	repairBareLessThan
	repairCDATAEnd
	repairDoctype
	repairUnescapedMarkup
	repairNoType
	repairNoStatus
	repairBadDate
	repairBadNumber
	repairBadID
	repairOversized
	repairRepeatedID
	repairCount
)

var repairMessages = [repairCount]string{
	repairIllegalChar:     "replaced %d characters illegal in XML with U+FFFD",
	repairInvalidUTF8:     "replaced %d invalid UTF-8 bytes with U+FFFD",
	repairBareAmpersand:   "escaped %d bare '&' characters (kept as text)",
	repairBareLessThan:    "escaped %d bare '<' characters (kept as text)",
	repairCDATAEnd:        "kept %d unescaped ']]>' inside CDATA as text",
	repairDoctype:         "removed %d DOCTYPE declarations (custom entities are not expanded)",
	repairUnescapedMarkup: "kept %d unescaped elements inside text fields as markup text",
	repairNoType:          "%d items have no wp:post_type: read as \"post\"",
	repairNoStatus:        "%d items have no wp:status: kept as drafts, as WordPress would",
	repairBadDate:         "%d dates could not be parsed: left unknown",
	repairBadNumber:       "%d numbers could not be parsed (not a number, or beyond 2^63): read as 0; an item's id read so is derived from its guid or link",
	repairBadID:           "%d items have a negative wp:post_id: each gets an id derived from its guid or link, as items with none do",
	repairOversized:       "cut texts longer than 32 MiB at that length (%d cuts)",
	repairRepeatedID:      "%d items repeat the id of an earlier item of their type: each is kept as an item of its own (WordPress would keep only the first)",
}

// tally counts repairs per kind and remembers the first line of each.
type tally struct {
	count [repairCount]int
	first [repairCount]int
}

func (t *tally) add(kind repairKind, line int) {
	if t.count[kind] == 0 {
		t.first[kind] = line
	}
	t.count[kind]++
}

// summaries renders one warning per kind of repair made so far, with
// what details names of it.
func (t *tally) summaries(file string, details map[repairKind]string) []string {
	var out []string
	for kind, n := range t.count {
		if n == 0 {
			continue
		}
		msg := fmt.Sprintf(repairMessages[kind], n)
		if d := details[repairKind(kind)]; d != "" {
			msg += "; " + d
		}
		out = append(out, fmt.Sprintf("wxr %s: %s (first at line %d)", file, msg, t.first[kind]))
	}
	return out
}

// scanState is where the repair filter stands in the XML grammar.
type scanState int

const (
	inText scanState = iota
	inTag
	inCDATA
	inComment
	inProcInst
	inDoctype
)

// maxRun bounds one run of text, CDATA, a comment or a tag's inside, so
// that one enormous field (a decompression bomb of a single word) cannot
// take the decoder's memory with it: what goes past it is cut, and counted.
const maxRun = 32 << 20

const (
	// maxLookahead bounds how far the filter peeks to classify '&', '<'
	// and "]]>"; the scan window is far larger, so a decision is only ever
	// deferred at a window's end, never refused.
	maxLookahead = 256
	scanWindow   = 32 << 10
)

// repairReader sits between the file and encoding/xml. It rewrites the
// bytes the strict decoder would stop at, so that one bad character does
// not cost the rest of the export:
//
//   - characters illegal in XML 1.0 and invalid UTF-8 bytes become U+FFFD
//     (replaced, not dropped, so that a reader can see where they were);
//   - a bare '&' that starts no known entity becomes "&amp;", a bare '<'
//     that starts no markup becomes "&lt;" (outside CDATA only);
//   - an unescaped "]]>" inside CDATA that is not followed by markup is
//     kept as text, which is how WordPress's regex parser reads such files;
//   - a DOCTYPE and its internal subset are removed (no custom entities,
//     no entity bombs);
//   - CR bytes are written as character references, outside and inside
//     CDATA, because the decoder would otherwise turn CR LF into LF and
//     PHP-serialized meta counts the CR bytes.
//
// It never adds or removes a newline, so the decoder's line numbers are the
// original file's.
type repairReader struct {
	src     *bufio.Reader
	out     []byte
	pending []byte
	state   scanState
	quote   byte // the open quote inside a tag, or 0
	bracket int  // '[' depth inside a DOCTYPE
	line    int
	srcErr  error
	tally   *tally
	run     int  // bytes written in the current state
	cut     bool // the current run was cut at maxRun
}

func newRepairReader(src io.Reader, t *tally) *repairReader {
	return &repairReader{src: bufio.NewReaderSize(src, 2*scanWindow), line: 1, tally: t}
}

// atEOF reports whether the whole source has been read.
func (f *repairReader) atEOF() bool { return f.srcErr == io.EOF && len(f.pending) == 0 }

func (f *repairReader) Read(p []byte) (int, error) {
	for len(f.pending) == 0 {
		if f.srcErr != nil {
			return 0, f.srcErr
		}
		f.fill()
	}
	n := copy(p, f.pending)
	f.pending = f.pending[n:]
	return n, nil
}

func (f *repairReader) fill() {
	window, err := f.src.Peek(scanWindow)
	final := err != nil
	if final && len(window) == 0 {
		f.srcErr = err
		return
	}
	f.out = f.out[:0]
	used := f.scan(window, final)
	if _, derr := f.src.Discard(used); derr != nil {
		f.srcErr = derr
	}
	if final && used == len(window) {
		f.srcErr = err
	}
	f.pending = f.out
}

// special marks, per state, the bytes the scan loop must look at; all
// others are copied in runs.
var special = func() (table [inDoctype + 1][256]bool) {
	for s := range table {
		for b := 0; b < 0x20; b++ {
			table[s][b] = b != '\t'
		}
		for b := 0x80; b < 0x100; b++ {
			table[s][b] = true
		}
	}
	for _, b := range []byte("<&>") {
		table[inText][b] = true
	}
	for _, b := range []byte(`"'<>&`) {
		table[inTag][b] = true
	}
	table[inTag]['\r'] = false
	table[inCDATA][']'] = true
	table[inComment]['-'] = true
	table[inProcInst]['?'] = true
	for _, b := range []byte("[]>") {
		table[inDoctype][b] = true
	}
	return table
}()

// scan repairs window into f.out and returns how many bytes it consumed.
// Unless final, it stops early where a decision needs bytes beyond the
// window.
func (f *repairReader) scan(w []byte, final bool) int {
	i := 0
	for i < len(w) {
		table := &special[f.state]
		start := i
		for i < len(w) && !table[w[i]] {
			i++
		}
		if f.state != inDoctype {
			f.out = append(f.out, f.capped(w[start:i])...)
		}
		if i == len(w) {
			break
		}
		if !final && len(w)-i < maxLookahead {
			return i
		}
		before, state := len(f.out), f.state
		i += f.special(w[i:])
		switch {
		case f.state != state:
			f.run, f.cut = 0, false
		case (state == inText || state == inCDATA) && w[i-1] != '\n':
			// A repaired character or an entity that leaves the state
			// as it was is text, and counts towards the run.
			if kept := f.capped(f.out[before:]); len(kept) < len(f.out)-before {
				f.out = f.out[:before]
			}
		}
	}
	return i
}

// capped is what of b the current run can still take: past maxRun the
// rest of a run is dropped, and the cut counted once.
func (f *repairReader) capped(b []byte) []byte {
	room := max(maxRun-f.run, 0)
	if len(b) > room {
		if !f.cut {
			f.cut = true
			f.tally.add(repairOversized, f.line)
		}
		b = b[:room]
	}
	f.run += len(b)
	return b
}

// special handles the interesting byte at rest[0] and returns how many
// bytes it consumed.
func (f *repairReader) special(rest []byte) int {
	b := rest[0]
	switch {
	case b == '\n':
		f.line++
		f.out = append(f.out, b)
		return 1
	case b == '\r':
		return f.carriageReturn()
	case b < 0x20:
		f.tally.add(repairIllegalChar, f.line)
		f.emitReplacement()
		return 1
	case b >= 0x80:
		return f.multiByte(rest)
	}
	switch f.state {
	case inText:
		return f.textByte(rest)
	case inTag:
		return f.tagByte(rest)
	case inCDATA:
		return f.cdataByte(rest)
	case inComment:
		return f.closeIf(rest, "-->")
	case inProcInst:
		return f.closeIf(rest, "?>")
	default:
		return f.doctypeByte(b)
	}
}

func (f *repairReader) emitReplacement() {
	if f.state != inDoctype {
		f.out = utf8.AppendRune(f.out, utf8.RuneError)
	}
}

func (f *repairReader) carriageReturn() int {
	switch f.state {
	case inText:
		f.out = append(f.out, "&#13;"...)
	case inCDATA:
		f.out = append(f.out, "]]>&#13;<![CDATA["...)
	case inDoctype:
	default:
		f.out = append(f.out, '\r')
	}
	return 1
}

func (f *repairReader) multiByte(rest []byte) int {
	r, size := utf8.DecodeRune(rest)
	switch {
	case r == utf8.RuneError && size == 1:
		f.tally.add(repairInvalidUTF8, f.line)
		f.emitReplacement()
	case r == 0xFFFE || r == 0xFFFF:
		f.tally.add(repairIllegalChar, f.line)
		f.emitReplacement()
	case f.state != inDoctype:
		f.out = append(f.out, rest[:size]...)
	}
	return size
}

func (f *repairReader) textByte(rest []byte) int {
	switch rest[0] {
	case '&':
		return f.ampersand(rest)
	case '>':
		// Legal in text except after "]]", where the decoder refuses it.
		f.out = append(f.out, "&gt;"...)
		return 1
	}
	// '<': which markup, if any, does it open?
	switch {
	case hasPrefix(rest, "<![CDATA["):
		f.state = inCDATA
		f.out = append(f.out, "<![CDATA["...)
		return len("<![CDATA[")
	case hasPrefix(rest, "<!--"):
		f.state = inComment
		f.out = append(f.out, "<!--"...)
		return len("<!--")
	case hasPrefixFold(rest, "<!DOCTYPE"):
		f.tally.add(repairDoctype, f.line)
		f.state = inDoctype
		f.bracket = 0
		return len("<!DOCTYPE")
	case hasPrefix(rest, "<?"):
		f.state = inProcInst
		f.out = append(f.out, "<?"...)
		return 2
	case len(rest) > 1 && (rest[1] == '/' || isNameStart(rest[1])):
		f.state = inTag
		f.quote = 0
		f.out = append(f.out, '<')
		return 1
	}
	f.tally.add(repairBareLessThan, f.line)
	f.out = append(f.out, "&lt;"...)
	return 1
}

func (f *repairReader) tagByte(rest []byte) int {
	b := rest[0]
	switch {
	case b == '"' || b == '\'':
		if f.quote == 0 {
			f.quote = b
		} else if f.quote == b {
			f.quote = 0
		}
	case b == '>' && f.quote == 0:
		f.state = inText
	case b == '&' && f.quote != 0:
		return f.ampersand(rest)
	case b == '<' && f.quote != 0:
		f.tally.add(repairBareLessThan, f.line)
		f.out = append(f.out, "&lt;"...)
		return 1
	}
	f.out = append(f.out, b)
	return 1
}

func (f *repairReader) cdataByte(rest []byte) int {
	if !hasPrefix(rest, "]]>") {
		f.out = append(f.out, ']')
		return 1
	}
	// A real end of CDATA is followed by markup (a closing tag, the next
	// CDATA piece) or the end of the file; anything else means "]]>" was
	// part of the text and the exporter failed to split it.
	j := 3
	for j < len(rest) && isSpace(rest[j]) {
		j++
	}
	if j == len(rest) || rest[j] == '<' {
		f.state = inText
		f.out = append(f.out, "]]>"...)
		return 3
	}
	f.tally.add(repairCDATAEnd, f.line)
	f.out = append(f.out, "]]]]><![CDATA[>"...)
	return 3
}

func (f *repairReader) closeIf(rest []byte, end string) int {
	if hasPrefix(rest, end) {
		f.state = inText
		f.out = append(f.out, end...)
		return len(end)
	}
	f.out = append(f.out, rest[0])
	return 1
}

func (f *repairReader) doctypeByte(b byte) int {
	switch {
	case b == '[':
		f.bracket++
	case b == ']' && f.bracket > 0:
		f.bracket--
	case b == '>' && f.bracket == 0:
		f.state = inText
	}
	return 1
}

// ampersand keeps a well-formed reference to a known entity or a legal
// character and escapes anything else.
func (f *repairReader) ampersand(rest []byte) int {
	end := 1
	for end < len(rest) && end < 40 && isEntityByte(rest[end]) {
		end++
	}
	if end < len(rest) && rest[end] == ';' && end > 1 {
		name := rest[1:end]
		if name[0] == '#' {
			if r, ok := parseCharRef(name[1:]); ok {
				if isXMLChar(r) {
					f.out = append(f.out, rest[:end+1]...)
				} else {
					f.tally.add(repairIllegalChar, f.line)
					f.emitReplacement()
				}
				return end + 1
			}
		} else if knownEntity(string(name)) {
			f.out = append(f.out, rest[:end+1]...)
			return end + 1
		}
	}
	f.tally.add(repairBareAmpersand, f.line)
	f.out = append(f.out, "&amp;"...)
	return 1
}

func parseCharRef(digits []byte) (rune, bool) {
	base := 10
	if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil {
		return 0, false
	}
	if n > utf8.MaxRune {
		return utf8.RuneError, true
	}
	return rune(n), true
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= utf8.MaxRune
}

func isEntityByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '#' || b == '.' || b == '-' || b == '_'
}

func isNameStart(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == ':' || b >= 0x80
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := b[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
