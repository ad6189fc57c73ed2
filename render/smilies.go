package render

import (
	"sort"
	"strings"
	"sync"
)

// smilies is WordPress's smilies_init table with every smiley as an
// emoji; WordPress itself serves images for :mrgreen: and :roll:.
// "8)" is left out, as WordPress does, because it breaks ordinary text.
var smilies = sync.OnceValue(func() []smiley {
	table := []smiley{
		{":mrgreen:", "😁"}, {":neutral:", "😐"}, {":twisted:", "😈"},
		{":arrow:", "➡"}, {":shock:", "😯"}, {":smile:", "🙂"},
		{":???:", "😕"}, {":cool:", "😎"}, {":evil:", "👿"},
		{":grin:", "😀"}, {":idea:", "💡"}, {":oops:", "😳"},
		{":razz:", "😛"}, {":roll:", "🙄"}, {":wink:", "😉"},
		{":cry:", "😥"}, {":eek:", "😮"}, {":lol:", "😆"},
		{":mad:", "😡"}, {":sad:", "🙁"}, {"8-)", "😎"},
		{"8-O", "😯"}, {":-(", "🙁"}, {":-)", "🙂"},
		{":-?", "😕"}, {":-D", "😀"}, {":-P", "😛"},
		{":-o", "😮"}, {":-x", "😡"}, {":-|", "😐"},
		{";-)", "😉"}, {"8O", "😯"}, {":(", "🙁"},
		{":)", "🙂"}, {":?", "😕"}, {":D", "😀"},
		{":P", "😛"}, {":o", "😮"}, {":x", "😡"},
		{":|", "😐"}, {";)", "😉"}, {":!:", "❗"},
		{":?:", "❓"},
	}
	// Longest first, so ":?:" wins over ":?".
	sort.SliceStable(table, func(i, j int) bool { return len(table[i].text) > len(table[j].text) })
	return table
})

type smiley struct{ text, emoji string }

// convertSmilies replaces smileys standing between spaces (or line ends)
// in text outside tags and outside code, pre, style, script and textarea,
// like convert_smilies.
func convertSmilies(text string) string {
	if !strings.ContainsAny(text, ":;8") {
		return text
	}
	table := smilies()
	sp := splicer{src: text}
	ignoring := ""
	for pos := 0; pos < len(text); {
		end := len(text)
		if i := strings.IndexByte(text[pos:], '<'); i >= 0 {
			end = pos + i
		}
		if ignoring == "" {
			replaceSmilies(&sp, table, pos, end)
		}
		if end == len(text) {
			break
		}
		tag := text[end : end+tagLength(text[end:])]
		if ignoring == "" {
			// Text in these elements keeps its smileys.
			ignoring = openedElement(tag, "code", "pre", "style", "script", "textarea")
		} else if isEndTag(tag, ignoring) {
			ignoring = ""
		}
		pos = end + len(tag)
	}
	return sp.String()
}

// openedElement returns which of names the tag opens, if any.
func openedElement(tag string, names ...string) string {
	for _, name := range names {
		if len(tag) > len(name)+1 && tag[0] == '<' && tag[1:len(name)+1] == name {
			switch tag[len(name)+1] {
			case '>', ' ', '\t', '\n', '\r', '\f', '/':
				return name
			}
		}
	}
	return ""
}

// isEndTag reports whether tag starts with "</name>".
func isEndTag(tag, name string) bool {
	return len(tag) >= len(name)+3 && tag[:2] == "</" && tag[2:len(name)+2] == name && tag[len(name)+2] == '>'
}

// replaceSmilies replaces the smileys of the text sp.src[start:end].
func replaceSmilies(sp *splicer, table []smiley, start, end int) {
	text := sp.src[start:end]
	for i := 0; i < len(text); i++ {
		if c := text[i]; (c == ':' || c == ';' || c == '8') && spaceEndsAt(text, i) {
			if s, ok := smileyAt(table, text, i); ok {
				sp.cut(start+i, start+i+len(s.text))
				sp.b.WriteString(s.emoji)
				i += len(s.text) - 1
			}
		}
	}
}

func smileyAt(table []smiley, text string, i int) (smiley, bool) {
	for _, s := range table {
		if strings.HasPrefix(text[i:], s.text) && spaceStartsAt(text, i+len(s.text)) {
			return s, true
		}
	}
	return smiley{}, false
}

// spaceEndsAt reports whether text[:i] is empty or ends in whitespace as
// wp_spaces_regexp defines it.
func spaceEndsAt(text string, i int) bool {
	before := text[:i]
	return before == "" || isSpace(before[len(before)-1]) ||
		strings.HasSuffix(before, "\u00a0") || strings.HasSuffix(before, "&nbsp;")
}

// spaceStartsAt reports whether text[i:] is empty or starts with
// whitespace.
func spaceStartsAt(text string, i int) bool {
	after := text[i:]
	return after == "" || isSpace(after[0]) ||
		strings.HasPrefix(after, "\u00a0") || strings.HasPrefix(after, "&nbsp;")
}
