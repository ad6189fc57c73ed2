package render

import "strings"

// Texturize turns the typewriter punctuation of an HTML fragment into the
// typographic characters WordPress shows (its wptexturize): curly quotes
// and apostrophes, primes after digits, en and em dashes, ellipses, the
// trademark sign and the multiplication sign between numbers; and it
// writes a bare "&" as "&#038;". The result is HTML using WordPress's own
// numeric entities (&#8217; and so on), the bytes WordPress printed.
//
// As in WordPress, text inside pre, code, kbd, style, script and tt
// elements and inside the [code] and [sourcecode] shortcodes keeps its
// characters, and so do HTML comments, tags (whose bare "&" are still
// written as entities) and the tags of the shortcodes parc renders.
func Texturize(fragment string) string {
	if fragment == "" {
		return fragment
	}
	sp := splicer{src: fragment}
	var tags, shortcodes []string // open elements and shortcodes that stop texturizing
	replace := func(start, end int, with string) {
		if with != fragment[start:end] {
			sp.cut(start, end)
			sp.b.WriteString(with)
		}
	}
	for pos := 0; pos < len(fragment); {
		start, end, kind := nextTexturizeDelimiter(fragment, pos)
		if text := fragment[pos:start]; len(tags) == 0 && len(shortcodes) == 0 && strings.Trim(text, " \t\n\r\x00\v") != "" {
			replace(pos, start, texturizeText(text))
		}
		switch delimiter := fragment[start:end]; kind {
		case delimiterTag:
			replace(start, end, escapeBareAmpersands(delimiter))
			pushPopNoTexturize(delimiter, &tags, isNoTexturizeElement)
		case delimiterShortcode:
			if !strings.HasPrefix(delimiter, "[[") && !strings.HasSuffix(delimiter, "]]") {
				pushPopNoTexturize(delimiter, &shortcodes, isNoTexturizeShortcode)
			}
		}
		pos = end
	}
	return sp.String()
}

type texturizeDelimiter int

const (
	delimiterNone texturizeDelimiter = iota
	delimiterComment
	delimiterTag
	delimiterShortcode
)

// nextTexturizeDelimiter finds the first HTML comment, tag or shortcode
// tag at or after pos, as wptexturize splits its input: a comment runs to
// "-->" or the end, a tag to ">" or the end, and a shortcode tag is one
// of a texturize-known shortcode, with tags allowed inside and no other
// brackets. Without one it returns the end of s.
func nextTexturizeDelimiter(s string, pos int) (start, end int, kind texturizeDelimiter) {
	for i := pos; i < len(s); {
		k := strings.IndexAny(s[i:], "<[")
		if k < 0 {
			break
		}
		i += k
		if s[i] == '<' {
			if strings.HasPrefix(s[i+1:], "!--") {
				if e := strings.Index(s[i+2:], "-->"); e >= 0 {
					return i, i + 2 + e + 3, delimiterComment
				}
				return i, len(s), delimiterComment
			}
			if e := strings.IndexByte(s[i:], '>'); e >= 0 {
				return i, i + e + 1, delimiterTag
			}
			return i, len(s), delimiterTag
		}
		if e := texturizeShortcodeEnd(s[i:]); e > 0 {
			return i, i + e, delimiterShortcode
		}
		i++
	}
	return len(s), len(s), delimiterNone
}

// texturizeShortcodeEnd is the length of the shortcode tag s starts with,
// or 0: "[", "/" or "[" perhaps, a known name followed by a space, "]" or
// "/", then text without brackets or "<", or whole tags, up to "]" or
// "]]".
func texturizeShortcodeEnd(s string) int {
	p := 1
	if p < len(s) && (s[p] == '/' || s[p] == '[') {
		p++
	}
	n := 0
	for n < len(s)-p && isNameByte(s[p+n]) {
		n++
	}
	if p+n >= len(s) || !isTexturizeShortcode(s[p:p+n]) {
		return 0
	}
	p += n
	if c := s[p]; c != ']' && c != '/' && !isSpace(c) && c != '\v' {
		return 0
	}
	for p < len(s) {
		c := s[p]
		if c == '[' || c == ']' || c == '>' {
			break
		}
		if c == '<' {
			e := strings.IndexAny(s[p+1:], "[]>")
			if e < 0 || s[p+1+e] != '>' {
				break
			}
			p += e + 2
			continue
		}
		p++
	}
	if p >= len(s) || s[p] != ']' {
		return 0
	}
	p++
	if p < len(s) && s[p] == ']' {
		p++
	}
	return p
}

// isTexturizeShortcode lists the shortcodes texturizing steps around:
// those parc renders, as WordPress registers them, and the code
// shortcodes of syntax highlighters, the only kind a blog's export holds
// that WordPress kept untexturized.
func isTexturizeShortcode(name string) bool {
	return isHandledShortcode(name) || isNoTexturizeShortcode(name)
}

func isNoTexturizeShortcode(name string) bool {
	return name == "code" || name == "sourcecode"
}

func isNoTexturizeElement(name string) bool {
	switch name {
	case "pre", "code", "kbd", "style", "script", "tt":
		return true
	}
	return false
}

// pushPopNoTexturize keeps the stack of open elements (or shortcodes)
// inside which nothing is texturized, reading the name of the tag as
// WordPress does: up to the first space, or all but the last character.
func pushPopNoTexturize(tag string, stack *[]string, disabled func(string) bool) {
	offset := 1
	if len(tag) < 2 || tag[1] == '/' {
		if len(*stack) == 0 {
			return
		}
		offset = 2
	}
	end := len(tag) - 1
	if space := strings.IndexByte(tag, ' '); space >= 0 {
		end = space
	}
	if end <= offset {
		return
	}
	name := tag[offset:end]
	if !disabled(name) {
		return
	}
	if offset == 1 {
		*stack = append(*stack, name)
	} else if (*stack)[len(*stack)-1] == name {
		*stack = (*stack)[:len(*stack)-1]
	}
}

// What wptexturize writes; the flags mark quotes while later rules still
// need to tell them apart. A text run holds no "<", so they cannot clash.
const (
	entOpenDouble  = "&#8220;"
	entCloseDouble = "&#8221;"
	entOpenSingle  = "&#8216;"
	entCloseSingle = "&#8217;"
	entApostrophe  = entCloseSingle
	entPrime       = "&#8242;"
	entDoublePrime = "&#8243;"
	entEnDash      = "&#8211;"
	entEmDash      = "&#8212;"
	entEllipsis    = "&#8230;"
	entTimes       = "&#215;"

	flagApostrophe = "<!--apos-->"
	flagOpenSingle = "<!--osq-->"
	flagOpenDouble = "<!--oq-->"
	flagQuote      = "<!--wp-prime-or-quote-->"
)

// staticReplacements are replaced in order, each in the result of those
// before; the clipped words take an apostrophe, not an opening quote.
var staticReplacements = [][2]string{
	{"...", entEllipsis}, {"``", entOpenDouble}, {"''", entCloseDouble}, {" (tm)", " &#8482;"},
	{"'tain't", entApostrophe + "tain" + entApostrophe + "t"}, {"'twere", entApostrophe + "twere"},
	{"'twas", entApostrophe + "twas"}, {"'tis", entApostrophe + "tis"}, {"'twill", entApostrophe + "twill"},
	{"'til", entApostrophe + "til"}, {"'bout", entApostrophe + "bout"}, {"'nuff", entApostrophe + "nuff"},
	{"'round", entApostrophe + "round"}, {"'cause", entApostrophe + "cause"}, {"'em", entApostrophe + "em"},
}

// texturizeText texturizes one run of text between tags.
func texturizeText(s string) string {
	for _, r := range staticReplacements {
		if strings.Contains(s, r[0]) {
			s = strings.ReplaceAll(s, r[0], r[1])
		}
	}
	if strings.IndexByte(s, '\'') >= 0 {
		for _, rule := range apostropheRules {
			s = rewriteAt(s, "'", rule)
		}
		s = primes(s, "'", entPrime, flagOpenSingle, entCloseSingle)
		s = strings.ReplaceAll(s, flagApostrophe, entApostrophe)
		s = strings.ReplaceAll(s, flagOpenSingle, entOpenSingle)
	}
	if strings.IndexByte(s, '"') >= 0 {
		for _, rule := range doubleQuoteRules {
			s = rewriteAt(s, `"`, rule)
		}
		s = primes(s, `"`, entDoublePrime, flagOpenDouble, entCloseDouble)
		s = strings.ReplaceAll(s, flagOpenDouble, entOpenDouble)
	}
	if strings.IndexByte(s, '-') >= 0 {
		s = texturizeDashes(s)
	}
	if hasDigitTimesDigit(s) {
		s = texturizeTimes(s)
	}
	return escapeBareAmpersands(s)
}

// A quoteRule looks at the quote at s[i] and returns what replaces
// s[i:i+n], or n == 0 when it does not apply there. Each is applied by
// rewriteAt at every quote of s, left to right, each match seeing the
// text as it was before this rule.
type quoteRule func(s string, i int) (with string, n int)

var apostropheRules = []quoteRule{
	// '99' and '99" at the end of a quotation: an abbreviated year.
	abbreviatedYear('\'', entCloseSingle),
	abbreviatedYear('"', entCloseDouble),
	// '99, '99s: an apostrophe, but not '999, '99% or '99.5.
	func(s string, i int) (string, int) {
		if !twoDigitsAt(s, i+1) {
			return "", 0
		}
		j := i + 3
		if atEnd(s, j) {
			return flagApostrophe, 1
		}
		if j < len(s) && (s[j] == '%' || isDigit(s[j]) || (s[j] == '.' || s[j] == ',') && j+1 < len(s) && isDigit(s[j+1])) {
			return "", 0
		}
		return flagApostrophe, 1
	},
	quotedNumber('\'', flagOpenSingle, entCloseSingle),
	// An opening quote at the start or after a space, bracket, quote or dash.
	func(s string, i int) (string, int) {
		if i == 0 || strings.IndexByte(`([{"-`, s[i-1]) >= 0 || strings.HasSuffix(s[:i], "&lt;") || spaceBefore(s, i) {
			return flagOpenSingle, 1
		}
		return "", 0
	},
	// An apostrophe inside a word.
	func(s string, i int) (string, int) {
		j := i + 1
		if spaceBefore(s, i) || atEnd(s, j) || spaceAt(s, j) ||
			strings.IndexByte(`.,:;!?"'(){}[]-`, s[j]) >= 0 ||
			strings.HasPrefix(s[j:], "&lt;") || strings.HasPrefix(s[j:], "&gt;") {
			return "", 0
		}
		return flagApostrophe, 1
	},
}

var doubleQuoteRules = []quoteRule{
	quotedNumber('"', flagOpenDouble, entCloseDouble),
	// An opening quote at the start or after a space, bracket or dash,
	// and not before a space.
	func(s string, i int) (string, int) {
		if (i == 0 || strings.IndexByte(`([{-`, s[i-1]) >= 0 || strings.HasSuffix(s[:i], "&lt;") || spaceBefore(s, i)) && !spaceAt(s, i+1) {
			return flagOpenDouble, 1
		}
		return "", 0
	},
}

// abbreviatedYear matches '99 followed by closer at the end of a
// quotation: an apostrophe, the year and the closing quote closeEnt.
func abbreviatedYear(closer byte, closeEnt string) quoteRule {
	return func(s string, i int) (string, int) {
		if twoDigitsAt(s, i+1) && i+3 < len(s) && s[i+3] == closer && closesQuotation(s, i+4) {
			return flagApostrophe + s[i+1:i+3] + closeEnt, 4
		}
		return "", 0
	}
}

// quotedNumber matches a number quoted in quote, '0.42' or "42", after a
// space or at the start: the quotation opened by openFlag and closed by
// closeEnt.
func quotedNumber(quote byte, openFlag, closeEnt string) quoteRule {
	return func(s string, i int) (string, int) {
		if (i == 0 || spaceBefore(s, i)) && i+1 < len(s) && isDigit(s[i+1]) {
			j := i + 2
			for j < len(s) && (isDigit(s[j]) || s[j] == '.' || s[j] == ',') {
				j++
			}
			if j < len(s) && s[j] == quote {
				return openFlag + s[i+1:j] + closeEnt, j + 1 - i
			}
		}
		return "", 0
	}
}

// primes decides, for each quotation opened by openFlag, which of the
// remaining quote characters close it and which are primes after digits
// (5'10"): one candidate followed by punctuation or a space closes the
// quotation; among several, those not after a digit close it, else the
// rightmost one before a full stop, else the rightmost.
func primes(s, quote, prime, openFlag, closeQuote string) string {
	sentences := strings.Split(s, openFlag)
	for k, sentence := range sentences {
		if !strings.Contains(sentence, quote) {
			continue
		}
		if k != 0 && !strings.Contains(sentence, closeQuote) {
			sentence, count := markClosingCandidates(sentence, quote)
			switch {
			case count > 1:
				marked := sentence
				sentence = replaceFlag(sentence, func(afterDigit bool) string {
					if afterDigit {
						return flagQuote
					}
					return closeQuote
				})
				if sentence == marked {
					at := strings.LastIndex(sentence, flagQuote+".")
					if at < 0 {
						at = strings.LastIndex(sentence, flagQuote)
					}
					sentence = sentence[:at] + closeQuote + sentence[at+len(flagQuote):]
				}
				sentence = primesAfterDigits(sentence, quote, prime)
				sentence = replaceFlag(sentence, func(afterDigit bool) string {
					if afterDigit {
						return prime
					}
					return closeQuote
				})
			case count == 1:
				sentence = strings.ReplaceAll(sentence, flagQuote, closeQuote)
				sentence = primesAfterDigits(sentence, quote, prime)
			default:
				sentence = primesAfterDigits(sentence, quote, prime)
			}
			sentences[k] = sentence
		} else {
			sentence = primesAfterDigits(sentence, quote, prime)
			sentences[k] = rewriteAt(sentence, quote, func(s string, i int) (string, int) {
				if closesQuotation(s, i+1) {
					return closeQuote, 1
				}
				return "", 0
			})
		}
		if quote == `"` {
			sentences[k] = strings.ReplaceAll(sentences[k], `"`, closeQuote)
		}
	}
	return strings.Join(sentences, openFlag)
}

// markClosingCandidates replaces every quote that could close a quotation
// with flagQuote and counts them.
func markClosingCandidates(s, quote string) (string, int) {
	count := 0
	s = rewriteAt(s, quote, func(s string, i int) (string, int) {
		if closesQuotation(s, i+1) {
			count++
			return flagQuote, 1
		}
		return "", 0
	})
	return s, count
}

// replaceFlag replaces each flagQuote with what with says for it, given
// whether a digit precedes it.
func replaceFlag(s string, with func(afterDigit bool) string) string {
	return rewriteAt(s, flagQuote, func(s string, i int) (string, int) {
		return with(i > 0 && isDigit(s[i-1])), len(flagQuote)
	})
}

// primesAfterDigits makes every quote after a digit a prime.
func primesAfterDigits(s, quote, prime string) string {
	return rewriteAt(s, quote, func(s string, i int) (string, int) {
		if i > 0 && isDigit(s[i-1]) {
			return prime, 1
		}
		return "", 0
	})
}

// texturizeDashes makes "---" an em dash, "--" standing between spaces an
// em dash and elsewhere an en dash (but not in "xn--", punycode), and "-"
// standing between spaces an en dash.
func texturizeDashes(s string) string {
	if strings.Contains(s, "---") {
		s = strings.ReplaceAll(s, "---", entEmDash)
	}
	standsAlone := func(s string, i, n int) bool {
		return (i == 0 || spaceBefore(s, i)) && (atEnd(s, i+n) || spaceAt(s, i+n))
	}
	s = rewriteAt(s, "-", func(s string, i int) (string, int) {
		if strings.HasPrefix(s[i:], "--") && standsAlone(s, i, 2) {
			return entEmDash, 2
		}
		return "", 0
	})
	s = rewriteAt(s, "-", func(s string, i int) (string, int) {
		if strings.HasPrefix(s[i:], "--") && !strings.HasSuffix(s[:i], "xn") {
			return entEnDash, 2
		}
		return "", 0
	})
	return rewriteAt(s, "-", func(s string, i int) (string, int) {
		if standsAlone(s, i, 1) {
			return entEnDash, 1
		}
		return "", 0
	})
}

// hasDigitTimesDigit reports whether s holds a digit, "x" and a digit.
func hasDigitTimesDigit(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == 'x' && isDigit(s[i-1]) && isDigit(s[i+1]) {
			return true
		}
	}
	return false
}

// texturizeTimes makes the "x" between two numbers (1920x1080, 2.5x3) a
// multiplication sign, where the numbers stand as words of their own;
// a first number starting with 0 needs a second character, so 0x1F stays.
func texturizeTimes(s string) string {
	sp := splicer{src: s}
	isNumberByte := func(c byte) bool { return isDigit(c) || c == '.' || c == ',' }
	for p := 0; p < len(s); p++ {
		if !isDigit(s[p]) || p > 0 && isWordByte(s[p-1]) {
			continue
		}
		q := p + 1
		for q < len(s) && isNumberByte(s[q]) {
			q++
		}
		if s[p] == '0' && q == p+1 || q+1 >= len(s) || s[q] != 'x' || !isDigit(s[q+1]) {
			continue
		}
		end := q + 2
		for end < len(s) && isNumberByte(s[end]) {
			end++
		}
		for ; end > q+1; end-- {
			before := isWordByte(s[end-1])
			after := end < len(s) && isWordByte(s[end])
			if before != after {
				break
			}
		}
		if end == q+1 {
			continue
		}
		sp.cut(q, q+1)
		sp.b.WriteString(entTimes)
		p = end - 1
	}
	return sp.String()
}

// escapeBareAmpersands writes each "&" that does not start an entity
// (&name; of up to eight letters, &#123; or &#x1F;) as "&#038;".
func escapeBareAmpersands(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return rewriteAt(s, "&", func(s string, i int) (string, int) {
		if startsEntity(s[i+1:]) {
			return "", 0
		}
		return "&#038;", 1
	})
}

// startsEntity reports whether s (after an "&") is the rest of an entity.
func startsEntity(s string) bool {
	n := 0
	if strings.HasPrefix(s, "#") {
		s = s[1:]
		digit := isDigit
		if s != "" && (s[0] == 'x' || s[0] == 'X') {
			s = s[1:]
			digit = isHexDigit
		}
		for n < len(s) && digit(s[n]) {
			n++
		}
		return n > 0 && n < len(s) && s[n] == ';'
	}
	for n < len(s) && n <= 8 && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= '1' && s[n] <= '4') {
		n++
	}
	return n > 0 && n <= 8 && n < len(s) && s[n] == ';'
}

// closesQuotation reports whether the text at j can follow a closing
// quote: the end, punctuation, a closing bracket, a dash, "&gt;" or a
// space.
func closesQuotation(s string, j int) bool {
	return atEnd(s, j) || j < len(s) && strings.IndexByte(".,:;!?)}-]", s[j]) >= 0 ||
		strings.HasPrefix(s[j:], "&gt;") || spaceAt(s, j)
}

// atEnd is PCRE's \Z: the end, or before a final newline.
func atEnd(s string, j int) bool {
	return j >= len(s) || j == len(s)-1 && s[j] == '\n'
}

// spaceAt and spaceBefore match wp_spaces_regexp (ASCII space, tab, CR,
// LF, a no-break space or &nbsp;) at s[j:] and ending at s[:i].
func spaceAt(s string, j int) bool {
	if j >= len(s) {
		return false
	}
	switch s[j] {
	case ' ', '\t', '\n', '\r':
		return true
	}
	return strings.HasPrefix(s[j:], "\u00a0") || strings.HasPrefix(s[j:], "&nbsp;")
}

func spaceBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	switch s[i-1] {
	case ' ', '\t', '\n', '\r':
		return true
	}
	return strings.HasSuffix(s[:i], "\u00a0") || strings.HasSuffix(s[:i], "&nbsp;")
}

func twoDigitsAt(s string, i int) bool {
	return i+1 < len(s) && isDigit(s[i]) && isDigit(s[i+1])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHexDigit(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
