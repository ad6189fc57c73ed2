package importer

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// FuzzFromUTF16: whatever follows a byte order mark comes out as valid
// UTF-8, and a declaration of UTF-16 then says UTF-8.
func FuzzFromUTF16(f *testing.F) {
	f.Add(`<?xml version="1.0" encoding="UTF-16"?><rss/>`, true)
	f.Add(`<?xml version='1.0' encoding='utf-16le' ?>`, false)
	f.Add("\x00\xd8 broken surrogate", true)
	f.Fuzz(func(t *testing.T, text string, little bool) {
		order := unicode.BigEndian
		if little {
			order = unicode.LittleEndian
		}
		encoded, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(strings.ToValidUTF8(text, "?")))
		if err != nil {
			return
		}
		out, err := io.ReadAll(fromUTF16(bufio.NewReader(bytes.NewReader(encoded))))
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(out) {
			t.Fatalf("not UTF-8: %q", out)
		}
		if declaredUTF16.Match(out) {
			t.Fatalf("the declaration still says UTF-16: %q", out)
		}
	})
}
