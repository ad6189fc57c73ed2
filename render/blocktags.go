package render

import "strings"

// Hand-written forms of wpautop's hottest regular expressions: Go's regexp
// engine is linear but slow on them, and they dominate HTML's cost.

// blockNames are wpautop's block-level elements (allBlocks).
var blockNames = strings.Fields(`table thead tfoot caption col colgroup tbody tr td th
	div dl dd dt ul ol li pre form map area blockquote address math style p
	h1 h2 h3 h4 h5 h6 hr fieldset legend section article aside hgroup header
	footer nav figure figcaption details menu summary`)

// blockSet holds blockNames; blockPrefixes lists them by first byte.
var (
	blockSet      = map[string]bool{}
	blockPrefixes [256][]string
)

func init() {
	for _, n := range blockNames {
		blockSet[n] = true
		blockPrefixes[n[0]] = append(blockPrefixes[n[0]], n)
	}
}

func isBlockName(name string) bool {
	return name != "" && blockPrefixes[name[0]] != nil && blockSet[name]
}

// hasBlockPrefix reports whether s starts with a block name.
func hasBlockPrefix(s string) bool {
	if s == "" {
		return false
	}
	for _, n := range blockPrefixes[s[0]] {
		if strings.HasPrefix(s, n) {
			return true
		}
	}
	return false
}

// tagName returns the run of ASCII letters and digits at the start of s.
func tagName(s string) string {
	n := 0
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= '0' && s[n] <= '9') {
		n++
	}
	return s[:n]
}

// spaceAroundBlocks puts a blank line before every opening block tag and
// after every closing one: `(<allBlocks[\s/>])` and `(</allBlocks>)`, where
// \s also takes the vertical tab, as PCRE's does.
func spaceAroundBlocks(text string) string {
	sp := splicer{src: text}
	for pos := 0; ; {
		k := strings.IndexByte(text[pos:], '<')
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 1
		if strings.HasPrefix(text[pos:], "/") {
			name := tagName(text[pos+1:])
			end := pos + 1 + len(name)
			if end < len(text) && text[end] == '>' && isBlockName(name) {
				sp.cut(end+1, end+1)
				sp.b.WriteString("\n\n")
				pos = end + 1
			}
			continue
		}
		name := tagName(text[pos:])
		end := pos + len(name)
		if end < len(text) && (isSpace(text[end]) || text[end] == '/' || text[end] == '>' || text[end] == '\v') && isBlockName(name) {
			sp.cut(start, start)
			sp.b.WriteString("\n\n")
		}
	}
	return sp.String()
}

// blockTagEnd reports whether s[i:] starts with `</?allBlocks[^>]*>` (a
// block name as a prefix, as the regular expression allows) and where
// that tag ends.
func blockTagEnd(s string, i int) (int, bool) {
	if i >= len(s) || s[i] != '<' {
		return 0, false
	}
	p := i + 1
	if p < len(s) && s[p] == '/' {
		p++
	}
	if !hasBlockPrefix(s[p:]) {
		return 0, false
	}
	end := strings.IndexByte(s[p:], '>')
	if end < 0 {
		return 0, false
	}
	return p + end + 1, true
}

func skipSpaces(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// unwrapBlockTags keeps a block tag and drops before and after around it,
// with any whitespace between: `before\s*(</?allBlocks[^>]*>)\s*after`.
// An empty before or after matches nothing and takes no whitespace.
func unwrapBlockTags(text, before, after string) string {
	anchor := before
	if anchor == "" {
		anchor = "<"
	}
	if !strings.Contains(text, anchor) || after != "" && !strings.Contains(text, after) {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	written := 0
	for pos := 0; ; {
		k := strings.Index(text[pos:], anchor)
		if k < 0 {
			break
		}
		start := pos + k
		pos = start + 1
		tagStart := start
		if before != "" {
			tagStart = skipSpaces(text, start+len(before))
		}
		tagEnd, ok := blockTagEnd(text, tagStart)
		if !ok {
			continue
		}
		end := tagEnd
		if after != "" {
			e := skipSpaces(text, tagEnd)
			if !strings.HasPrefix(text[e:], after) {
				continue
			}
			end = e + len(after)
		}
		b.WriteString(text[written:start])
		b.WriteString(text[tagStart:tagEnd])
		written, pos = end, end
	}
	if written == 0 {
		return text
	}
	b.WriteString(text[written:])
	return b.String()
}
