package site

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/parc-archive/parc/archive"
	"github.com/parc-archive/parc/render"
)

// TestBlockLists checks the lists the dynamic blocks show of the sample
// blog, in the orders WordPress gives them, asked for twice each: the
// second time they come from the lists kept on the snapshot.
func TestBlockLists(t *testing.T) {
	srv, err := New(context.Background(), Config{Store: importArchive(t, sampleBlog(t))})
	if err != nil {
		t.Fatal(err)
	}
	b := blockData{sd: srv.snapshot.Load().sites[0]}
	titles := func(posts []render.PostSummary) []string {
		var out []string
		for _, p := range posts {
			out = append(out, p.Text)
		}
		return out
	}
	const letters, review, walking = "Letters to the Keeper", "The Quiet Lighthouse (2023) Review", "Walking the Headland"
	for _, tc := range []struct {
		name string
		got  func() []string
		want []string
	}{
		{"newest first", func() []string { return titles(b.LatestPosts(render.PostQuery{N: 5})) }, []string{letters, review, walking}},
		{"oldest first", func() []string { return titles(b.LatestPosts(render.PostQuery{N: 5, Ascending: true})) }, []string{walking, review, letters}},
		{"by title, last first", func() []string { return titles(b.LatestPosts(render.PostQuery{N: 2, OrderBy: "title"})) }, []string{walking, review}},
		{"by title, A to Z", func() []string {
			return titles(b.LatestPosts(render.PostQuery{N: 2, OrderBy: "title", Ascending: true}))
		}, []string{letters, review}},
		{"sticky, then the newest others", func() []string { posts, _ := b.Query(1, 1); return titles(posts) }, []string{review, letters}},
		{"the next others", func() []string { posts, _ := b.Query(1, 2); return titles(posts) }, []string{walking}},
		{"past the last page", func() []string { posts, _ := b.Query(1, 3); return titles(posts) }, nil},
		{"loop pages", func() []string { _, pages := b.Query(1, 1); return []string{itoa(pages)} }, []string{"2"}},
		{"months", func() []string {
			var out []string
			for _, l := range b.Months() {
				out = append(out, l.Text+" "+l.URL+" "+itoa(l.Count))
			}
			return out
		}, []string{"April 2023 /2023/04/ 1", "March 2023 /2023/03/ 1", "November 2022 /2022/11/ 1"}},
		{"pages", func() []string {
			var out []string
			for _, l := range b.Pages() {
				out = append(out, l.Text)
			}
			return out
		}, []string{"About"}},
	} {
		for range 2 {
			if got := tc.got(); !slices.Equal(got, tc.want) {
				t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
			}
		}
	}
	for _, tc := range []struct {
		month                    time.Month
		days                     map[int]string
		previous, next           string
		previousMonth, nextMonth time.Month
	}{
		{time.March, map[int]string{18: "/2023/03/18/"}, "/2022/11/", "/2023/04/", time.November, time.April},
		{time.February, map[int]string{}, "/2022/11/", "/2023/03/", time.November, time.March},
		{time.May, map[int]string{}, "/2023/04/", "", time.April, 0},
	} {
		c := b.Calendar(2023, tc.month)
		if len(c.Days) != len(tc.days) || c.Days[18] != tc.days[18] || c.PreviousURL != tc.previous || c.NextURL != tc.next ||
			c.PreviousMonth != tc.previousMonth || c.NextMonth != tc.nextMonth {
			t.Errorf("calendar of %s 2023: got %+v", tc.month, c)
		}
	}
}

// TestPagesOrder checks the order of a page list: menu order first, then
// the titles as WordPress's database collation orders them, letter case
// aside ("a Blog page" before "Front Page").
func TestPagesOrder(t *testing.T) {
	pages := []*entry{
		{SiteEntry: archive.SiteEntry{MenuOrder: 0}, title: "Front Page"},
		{SiteEntry: archive.SiteEntry{MenuOrder: 1}, title: "About"},
		{SiteEntry: archive.SiteEntry{MenuOrder: 0}, title: "a Blog page"},
		{SiteEntry: archive.SiteEntry{MenuOrder: 0}, title: "Zebra"},
		{SiteEntry: archive.SiteEntry{MenuOrder: 0}, title: "zebra"},
	}
	sortPages(pages)
	var got []string
	for _, p := range pages {
		got = append(got, p.title)
	}
	if want := []string{"a Blog page", "Front Page", "Zebra", "zebra", "About"}; !slices.Equal(got, want) {
		t.Errorf("pages in the order %q, want %q", got, want)
	}
}
