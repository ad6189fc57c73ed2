// Package xmlclean repairs what makes Go's XML decoder give up on a whole
// document for one bad byte, and finds a document's root element, for the
// feed and Blogger importers.
package xmlclean

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// xmlDeclEncoding finds the encoding an XML declaration names.
var xmlDeclEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']`)

// declaresUTF8 reports whether the document is UTF-8 by its declaration
// (no declared encoding means UTF-8 in XML).
func declaresUTF8(data []byte) bool {
	m := xmlDeclEncoding.FindSubmatch(TrimBOM(data))
	if m == nil {
		return true
	}
	enc := strings.ToLower(string(m[1]))
	return enc == "utf-8" || enc == "utf8"
}

// TrimBOM drops a UTF-8 byte order mark.
func TrimBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
}

// Sanitize replaces bytes XML forbids (invalid UTF-8 in a UTF-8 document,
// C0 control characters other than tab, newline and carriage return) so
// that one bad byte does not cost the rest of the feed. It reports how many
// bytes it replaced or dropped.
func Sanitize(data []byte) ([]byte, int) {
	checkUTF8 := declaresUTF8(data)
	bad := 0
	for i := 0; i < len(data); {
		c := data[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				bad++
			}
			i++
			continue
		}
		if !checkUTF8 {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			bad++
		}
		i += size
	}
	if bad == 0 {
		return data, 0
	}
	out := make([]byte, 0, len(data)+2*bad)
	for i := 0; i < len(data); {
		c := data[i]
		if c < 0x80 {
			if c >= 0x20 || c == '\t' || c == '\n' || c == '\r' {
				out = append(out, c)
			}
			i++
			continue
		}
		if !checkUTF8 {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = utf8.AppendRune(out, utf8.RuneError)
		case r == 0xFFFE || r == 0xFFFF:
		default:
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	return out, bad
}

// Root returns the name of the document's first element, its
// namespace resolved, and whether the head holds one at all.
func Root(head []byte) (xml.Name, bool) {
	d := xml.NewDecoder(bytes.NewReader(head))
	d.Strict = false
	d.CharsetReader = PassCharset
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.Name{}, false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name, true
		}
	}
}

// PassCharset lets the root be found in documents in any encoding: element
// names are ASCII in every encoding a feed uses in practice.
func PassCharset(_ string, r io.Reader) (io.Reader, error) { return r, nil }
