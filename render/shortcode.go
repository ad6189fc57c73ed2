package render

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// shortcode is one parsed [name attrs]content[/name].
type shortcode struct {
	name    string
	attrs   map[string]string // named attributes, names lower-cased
	args    []string          // positional attributes
	content string
	closed  bool // had a closing tag, so content is meaningful
}

// parseShortcode reads the shortcode at the start of s (which begins
// with "["), following get_shortcode_regex: the name must be known and not
// run on into a longer word, attributes cannot hold "]", content runs to
// the first matching [/name], and [[name]] is an escape. It returns the
// match length; ok is false if s does not start with a known shortcode.
//
// closed lists the names whose closing tag occurs in the text at all, so
// that an unclosed shortcode does not search the rest of the text again.
// Attributes are parsed only if parseAttrs is set.
func parseShortcode(s string, known func(string) bool, closed map[string]bool, parseAttrs bool) (sc shortcode, escaped bool, n int, ok bool) {
	p := 1
	if strings.HasPrefix(s[p:], "[") {
		escaped = true
		p++
	}
	nameStart := p
	for p < len(s) && isNameByte(s[p]) {
		p++
	}
	name := s[nameStart:p]
	if name == "" || !known(name) {
		return sc, false, 0, false
	}
	if p < len(s) && (isWordByte(s[p]) || s[p] == '-') {
		return sc, false, 0, false
	}
	attrStart := p
	for p < len(s) && s[p] != ']' {
		if s[p] == '/' && p+1 < len(s) && s[p+1] == ']' {
			break
		}
		p++
	}
	if p >= len(s) {
		return sc, false, 0, false
	}
	sc.name = name
	attrText := s[attrStart:p]
	if s[p] == '/' {
		p += 2
	} else {
		p++
		if closed[name] {
			if end := indexClosingTag(s[p:], name); end >= 0 {
				// Content cannot hold "[" of any other [/name]-like text in
				// WordPress's regex, but it can hold other shortcodes.
				sc.content = s[p : p+end]
				sc.closed = true
				p += end + len(name) + 3
			}
		}
	}
	if escaped {
		if p < len(s) && s[p] == ']' {
			p++
		} else {
			// "[[name]" is a literal "[" followed by the shortcode.
			return sc, false, 0, false
		}
	}
	if parseAttrs {
		sc.attrs, sc.args = parseShortcodeAttrs(attrText)
	}
	return sc, escaped, p, true
}

// indexClosingTag is strings.Index(s, "[/"+name+"]") without building the
// tag.
func indexClosingTag(s, name string) int {
	for i := 0; ; {
		k := strings.Index(s[i:], "[/")
		if k < 0 {
			return -1
		}
		i += k
		rest := s[i+2:]
		if len(rest) > len(name) && rest[len(name)] == ']' && rest[:len(name)] == name {
			return i
		}
		i += 2
	}
}

// spaceReplacer turns the spaces shortcode_parse_atts knows into ASCII.
var spaceReplacer = strings.NewReplacer("\u00a0", " ", "\u200b", " ")

// isNameByte is the set of characters parc accepts in shortcode names;
// WordPress allows more, but registered names are plain words.
func isNameByte(c byte) bool {
	return isWordByte(c) || c == '-'
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// parseShortcodeAttrs parses name="value", name='value', name=value and
// positional values, as shortcode_parse_atts does.
func parseShortcodeAttrs(text string) (map[string]string, []string) {
	if strings.Contains(text, "\u00a0") || strings.Contains(text, "\u200b") {
		text = spaceReplacer.Replace(text)
	}
	attrs := map[string]string{}
	var args []string
	i := 0
	for {
		for i < len(text) && isSpace(text[i]) {
			i++
		}
		if i >= len(text) {
			return attrs, args
		}
		nameEnd := i
		for nameEnd < len(text) && isNameByte(text[nameEnd]) {
			nameEnd++
		}
		eq := nameEnd
		for eq < len(text) && isSpace(text[eq]) {
			eq++
		}
		if nameEnd > i && eq < len(text) && text[eq] == '=' {
			name := strings.ToLower(text[i:nameEnd])
			v := eq + 1
			for v < len(text) && isSpace(text[v]) {
				v++
			}
			value, next := readAttrValue(text, v)
			attrs[name] = value
			i = next
			continue
		}
		value, next := readAttrValue(text, i)
		args = append(args, value)
		i = next
	}
}

// readAttrValue reads a quoted or bare value starting at i and returns it
// with the index after it.
func readAttrValue(text string, i int) (string, int) {
	if i >= len(text) {
		return "", i
	}
	if q := text[i]; q == '"' || q == '\'' {
		if end := strings.IndexByte(text[i+1:], q); end >= 0 {
			return text[i+1 : i+1+end], i + 2 + end
		}
	}
	end := i
	for end < len(text) && !isSpace(text[end]) {
		end++
	}
	if end == i {
		// A lone "=" or similar: step over one character so parsing
		// always advances.
		_, size := utf8.DecodeRuneInString(text[i:])
		return text[i : i+size], i + size
	}
	return text[i:end], end
}

// Shortcode is a shortcode as WordPress parses it, for readers of
// shortcodes outside this package.
type Shortcode struct {
	Name  string
	Attrs map[string]string // named attributes, names lower-cased
	Args  []string          // positional attributes
}

// EachShortcode calls fn for every shortcode of text named in names, as
// do_shortcode finds them ([[name]] is an escape, not a shortcode), and
// for those inside their content.
func EachShortcode(text string, names []string, fn func(Shortcode)) {
	known := func(name string) bool { return slices.Contains(names, name) }
	replaceShortcodes(text, known, func(sc shortcode) string {
		fn(Shortcode{Name: sc.name, Attrs: sc.attrs, Args: sc.args})
		if sc.closed {
			EachShortcode(sc.content, names, fn)
		}
		return ""
	})
}

// replaceShortcodes calls render for every known shortcode in text and
// leaves everything else, escapes included, as it is ([[name]] becomes
// [name]).
func replaceShortcodes(text string, known func(string) bool, render func(shortcode) string) string {
	if !strings.Contains(text, "[") {
		return text
	}
	closed := closingTagNames(text)
	return rewriteAt(text, "[", func(s string, i int) (string, int) {
		rest := s[i:]
		sc, escaped, n, ok := parseShortcode(rest, known, closed, true)
		switch {
		case !ok:
			return "", 0
		case escaped:
			return rest[1 : n-1], n
		}
		return render(sc), n
	})
}

// unautopShortcodes removes the <p> wpautop put around a known shortcode
// standing alone in its paragraph, as shortcode_unautop does.
func unautopShortcodes(text string, known func(string) bool) string {
	if !strings.Contains(text, "<p>[") && !strings.Contains(text, "<p> ") {
		return text
	}
	closed := closingTagNames(text)
	return rewriteAt(text, "<p>", func(s string, i int) (string, int) {
		rest := s[i:]
		inner := trimLeftSpaces(rest[3:])
		if !strings.HasPrefix(inner, "[") {
			return "", 0
		}
		_, escaped, n, ok := parseShortcode(inner, known, closed, false)
		if !ok || escaped {
			return "", 0
		}
		after := trimLeftSpaces(inner[n:])
		if !strings.HasPrefix(after, "</p>") {
			return "", 0
		}
		return inner[:n], len(rest) - len(after) + len("</p>")
	})
}

// trimLeftSpaces drops whitespace as wp_spaces_regexp defines it:
// ASCII spaces, no-break spaces and &nbsp;.
func trimLeftSpaces(s string) string {
	for {
		switch {
		case s != "" && isSpace(s[0]):
			s = s[1:]
		case strings.HasPrefix(s, "\u00a0"):
			s = s[2:]
		case strings.HasPrefix(s, "&nbsp;"):
			s = s[6:]
		default:
			return s
		}
	}
}

// closingTagNames returns the names of all [/name] tags in text.
func closingTagNames(text string) map[string]bool {
	names := map[string]bool{}
	for rest := text; ; {
		i := strings.Index(rest, "[/")
		if i < 0 {
			return names
		}
		rest = rest[i+2:]
		n := 0
		for n < len(rest) && isNameByte(rest[n]) {
			n++
		}
		if n < len(rest) && rest[n] == ']' {
			names[rest[:n]] = true
		}
	}
}
