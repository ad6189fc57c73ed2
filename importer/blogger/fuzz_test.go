package blogger

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// FuzzBlogger checks that no input makes the reader panic or loop, and
// that errors name the source.
func FuzzBlogger(f *testing.F) {
	data, err := os.ReadFile("testdata/takeout-2018.xml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`<feed><entry><id>a.post-1</id><type>COMMENT</type><parent>a.post-1</parent></entry><entry><id>a.post-2</id><category scheme="http://schemas.google.com/g/2005#kind" term="k#comment"/><link rel="related" href="x/1"/><in-reply-to ref="a.post-2"/></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		Sniff(data)
		r := NewReader(bytes.NewReader(data), "fuzz")
		for i := 0; ; i++ {
			_, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if !strings.Contains(err.Error(), "fuzz") {
					t.Fatalf("error %q does not name the source", err)
				}
				return
			}
			if i > len(data)+10 {
				t.Fatal("more records than bytes")
			}
		}
	})
}
