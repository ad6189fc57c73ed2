package wayback

import (
	"strings"
	"testing"
	"time"

	"github.com/parc-archive/parc/internal/webarchive"
)

// FuzzCDX: whatever a CDX server answers, parsing it ends without panic,
// and every capture it gives comes from a row of the answer.
func FuzzCDX(f *testing.F) {
	f.Add([]byte(`[["timestamp","original"],["20140101000000","http://blog.example/a"],[],["key"]]`))
	f.Add([]byte(`[["original","timestamp","x"],["http://blog.example/a"],[]]`))
	f.Add([]byte(`[[]]`))
	f.Add([]byte(`[["timestamp","original"],`))
	f.Fuzz(func(t *testing.T, data []byte) {
		page, err := parseCDX(data)
		if err != nil {
			return
		}
		for _, row := range page.Rows {
			if !strings.Contains(string(data), row.Original) {
				t.Fatalf("row %+v is not in the answer", row)
			}
		}
	})
}

// FuzzReplay: a replay URL parses back into the capture it names.
func FuzzReplay(f *testing.F) {
	f.Add("20140101000000", "http://blog.example/a/?p=1")
	f.Fuzz(func(t *testing.T, ts, original string) {
		root := "https://web.archive.example"
		gotTS, date, gotOriginal, ok := parseReplay(root, webarchive.ReplayURL(root, ts, webarchive.Original, original))
		if !ok {
			return
		}
		if _, err := time.Parse("20060102150405", ts); err != nil || strings.Contains(ts, "id_/") {
			return
		}
		if gotTS != ts || gotOriginal != original || date.Format("20060102150405") != ts {
			t.Fatalf("(%q, %q) came back as (%q, %v, %q)", ts, original, gotTS, date, gotOriginal)
		}
	})
}
