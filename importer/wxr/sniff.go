package wxr

import "bytes"

// Sniff reports whether head, the first bytes of a file (any length, maybe
// cut mid-token), looks like a WordPress export: an RSS document whose root
// declares a wordpress.org/export namespace or that holds a wxr_version
// element. It looks at content only, never at a file name.
func Sniff(head []byte) bool {
	rest := skipProlog(head)
	if !hasPrefix(rest, "<rss") || len(rest) > 4 && !isSpace(rest[4]) && rest[4] != '>' {
		return false
	}
	return bytes.Contains(rest, []byte("://wordpress.org/export/")) ||
		bytes.Contains(rest, []byte("wxr_version>"))
}

// skipProlog skips a byte order mark, whitespace, the XML declaration,
// comments, processing instructions and a DOCTYPE before the root element.
func skipProlog(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		var end string
		switch {
		case hasPrefix(b, "<?"):
			end = "?>"
		case hasPrefix(b, "<!--"):
			end = "-->"
		case hasPrefixFold(b, "<!DOCTYPE"):
			end = ">"
		default:
			return b
		}
		i := bytes.Index(b, []byte(end))
		if i < 0 {
			return nil
		}
		b = b[i+len(end):]
	}
}
