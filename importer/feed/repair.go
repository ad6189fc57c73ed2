package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/parc-archive/parc/importer/internal/xmlclean"
)

// itemEnds are the closing tags after which a feed can be cut and closed.
var itemEnds = [][]byte{[]byte("</item>"), []byte("</entry>"), []byte("</rss:item>"), []byte("</atom:entry>")}

// cutAfterLastItem keeps data up to the last complete item or entry that
// ends before offset, then closes the elements still open there, so that a
// feed cut short (or broken part-way) still yields what came before.
// It returns false when there is no complete item to keep.
func cutAfterLastItem(data []byte, offset int) ([]byte, bool) {
	if offset > len(data) {
		offset = len(data)
	}
	end := -1
	for _, tag := range itemEnds {
		if i := bytes.LastIndex(data[:offset], tag); i >= 0 && i+len(tag) > end {
			end = i + len(tag)
		}
	}
	if end < 0 {
		return nil, false
	}
	kept := data[:end]
	open, err := openElements(kept)
	if err != nil {
		return nil, false
	}
	repaired := make([]byte, 0, len(kept)+64)
	repaired = append(repaired, kept...)
	for i := len(open) - 1; i >= 0; i-- {
		repaired = append(repaired, "</"+open[i]+">"...)
	}
	return repaired, true
}

// openElements lists the raw (prefixed) names of the elements open at the
// end of data, outermost first.
func openElements(data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = xmlclean.PassCharset
	var stack []string
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return stack, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, rawName(t.Name))
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// errorOffset estimates where in data a parse error happened: XML syntax
// errors name a line; anything else (an unexpected end) means the end.
func errorOffset(data []byte, err error) int {
	var syntax *xml.SyntaxError
	if !errors.As(err, &syntax) || syntax.Line <= 0 {
		return len(data)
	}
	line := 1
	for i, c := range data {
		if c == '\n' {
			line++
			if line > syntax.Line {
				return i
			}
		}
	}
	return len(data)
}

// describeNonFeed names what a document that is not a feed looks like, for
// the error message.
func describeNonFeed(data []byte) string {
	trimmed := bytes.TrimLeft(xmlclean.TrimBOM(data), " \t\r\n")
	lower := bytes.ToLower(trimmed[:min(len(trimmed), 512)])
	switch {
	case len(trimmed) == 0:
		return "empty document"
	case trimmed[0] == '{' || trimmed[0] == '[':
		return "JSON, not an RSS or Atom feed (JSON Feed is not supported)"
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.Contains(lower, []byte("<html")):
		return "an HTML page, not a feed"
	}
	if root, ok := xmlclean.Root(data); ok {
		if strings.EqualFold(root.Local, "html") {
			return "an HTML page, not a feed"
		}
		return fmt.Sprintf("unknown dialect: root element <%s> is not rss, rdf:RDF or feed", root.Local)
	}
	return "not XML"
}
