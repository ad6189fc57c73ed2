package wxr

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the Reader: it must never panic or
// hang, and every error must be a one-line *Error naming the file.
func FuzzReader(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	for _, path := range seeds {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	var small bytes.Buffer
	if err := Generate(&small, 2, 3); err != nil {
		f.Fatal(err)
	}
	f.Add(small.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), "fuzz.xml")
		for i := 0; ; i++ {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				var werr *Error
				if !errors.As(err, &werr) || !strings.HasPrefix(err.Error(), "wxr fuzz.xml:") || strings.Contains(err.Error(), "\n") {
					t.Fatalf("bad error %q", err)
				}
				break
			}
			if i > len(data)+10 {
				t.Fatal("more records than input bytes: not advancing")
			}
		}
		for _, w := range r.Warnings() {
			if !strings.HasPrefix(w, "wxr fuzz.xml") {
				t.Fatalf("warning %q does not name the file", w)
			}
		}
		Sniff(data)
	})
}
