package render

// The convert_smilies implementation that convertSmilies replaced, kept as
// the reference for the differential tests in autop_diff_test.go.

import "strings"

func refConvertSmilies(text string) string {
	if !strings.ContainsAny(text, ":;8") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	ignoring := ""
	forEachHTMLChunk(text, func(chunk string, isTag bool) {
		switch {
		case isTag:
			if ignoring == "" {
				// Text in these elements keeps its smileys.
				ignoring = openedElement(chunk, "code", "pre", "style", "script", "textarea")
			} else if strings.HasPrefix(chunk, "</"+ignoring+">") {
				ignoring = ""
			}
			b.WriteString(chunk)
		case ignoring != "":
			b.WriteString(chunk)
		default:
			refReplaceSmilies(&b, chunk)
		}
	})
	return b.String()
}

func refReplaceSmilies(b *strings.Builder, text string) {
	table := smilies()
	for i := 0; i < len(text); {
		if c := text[i]; (c == ':' || c == ';' || c == '8') && spaceEndsAt(text, i) {
			if s, ok := smileyAt(table, text, i); ok {
				b.WriteString(s.emoji)
				i += len(s.text)
				continue
			}
		}
		b.WriteByte(text[i])
		i++
	}
}
