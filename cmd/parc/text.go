package main

import (
	"fmt"
	"strings"
)

// plural counts n things: "1 post", "2 posts".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// counted lists counts of things, each as plural says: "1 post, 2 pages".
// Each count goes with the singular and plural of its noun.
func counted(counts ...countOf) string {
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = plural(c.n, c.one, c.many)
	}
	return strings.Join(parts, ", ")
}

type countOf struct {
	n         int
	one, many string
}

func postCount(n int) countOf    { return countOf{n, "post", "posts"} }
func pageCount(n int) countOf    { return countOf{n, "page", "pages"} }
func commentCount(n int) countOf { return countOf{n, "comment", "comments"} }
func authorCount(n int) countOf  { return countOf{n, "author", "authors"} }
func termCount(n int) countOf    { return countOf{n, "term", "terms"} }
