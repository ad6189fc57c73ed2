package html

import (
	"testing"
	"time"
)

func TestShownDate(t *testing.T) {
	post := time.Date(2019, 6, 19, 19, 38, 8, 0, time.UTC)
	tests := []struct {
		shown string
		want  time.Time
	}{
		{"Jun 20th at 2:41 am", time.Date(2019, 6, 20, 2, 41, 0, 0, time.UTC)},
		{"Jun 20th at 12:50 pm", time.Date(2019, 6, 20, 12, 50, 0, 0, time.UTC)},
		{"Jan 3rd at 12:05 am", time.Date(2020, 1, 3, 0, 5, 0, 0, time.UTC)}, // the year after the post
		{"stephangoeldi said, on August 3, 2019 at 3:12 pm", time.Date(2019, 8, 3, 15, 12, 0, 0, time.UTC)},
		{"29. Mai 2019 um 17:39", time.Date(2019, 5, 29, 17, 39, 0, 0, time.UTC)},
		{"13 décembre 2015 à 1h10", time.Date(2015, 12, 13, 1, 10, 0, 0, time.UTC)},
		{"13.05.2019 17:39", time.Date(2019, 5, 13, 17, 39, 0, 0, time.UTC)},
		{"2019-05-13 17:39", time.Date(2019, 5, 13, 17, 39, 0, 0, time.UTC)},
		{"5 января 2016 в 10:00", time.Date(2016, 1, 5, 10, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, ok := shownDate(tt.shown, post)
		if !ok || !got.Equal(tt.want) {
			t.Errorf("shownDate(%q) = %v, %v; want %v", tt.shown, got, ok, tt.want)
		}
	}
	for _, shown := range []string{"", "Reply", "Permalink", "31 June 2019", "Jun 20th at 2:41 am"} {
		after := post
		if shown == "Jun 20th at 2:41 am" {
			after = time.Time{} // no year and no post date to take it from
		}
		if got, ok := shownDate(shown, after); ok {
			t.Errorf("shownDate(%q) = %v, want none", shown, got)
		}
	}
}
