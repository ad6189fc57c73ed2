package search

import (
	"math"
	"testing"
)

func TestDocIDsRoundTrip(t *testing.T) {
	for _, c := range []struct{ post, comment int64 }{
		{1, 1}, {35, 36}, {123456, 0}, {math.MaxInt64, math.MinInt64}, {7, -42},
	} {
		if key, id, isComment := parseDocID(commentDocID(c.post, c.comment)); key != c.post || id != c.comment || !isComment {
			t.Errorf("comment %d/%d came back as %d/%d comment=%v", c.post, c.comment, key, id, isComment)
		}
		if key, _, isComment := parseDocID(postDocID(c.post)); key != c.post || isComment {
			t.Errorf("post %d came back as %d comment=%v", c.post, key, isComment)
		}
	}
}
