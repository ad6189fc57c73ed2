package archive

import (
	"fmt"
	"sort"
)

// Node is a comment in its thread.
type Node struct {
	Comment *Comment
	Replies []*Node
}

// Thread arranges a post's comments into trees by their parents, each level
// in date order. Parents are kept as the source gave them, so repairs
// happen here: a comment whose parent is missing becomes top-level, and a
// cycle of parents is broken at its earliest comment. Each repair is
// reported as a problem.
func Thread(comments []Comment) (roots []*Node, problems []string) {
	nodes := make(map[int64]*Node, len(comments))
	order := make([]*Node, 0, len(comments))
	for i := range comments {
		n := &Node{Comment: &comments[i]}
		if _, dup := nodes[comments[i].ID]; !dup {
			nodes[comments[i].ID] = n
		}
		order = append(order, n)
	}
	sort.SliceStable(order, func(i, j int) bool { return commentBefore(order[i].Comment, order[j].Comment) })

	parentOf := func(n *Node) *Node {
		p := n.Comment.Parent
		if p == 0 || p == n.Comment.ID {
			return nil
		}
		return nodes[p]
	}
	// Break cycles: walk each chain once, colouring nodes as we go.
	const (
		unseen = iota
		onPath
		done
	)
	state := make(map[*Node]int, len(order))
	cut := make(map[*Node]bool)
	for _, start := range order {
		var path []*Node
		n := start
		for n != nil && state[n] == unseen {
			state[n] = onPath
			path = append(path, n)
			n = parentOf(n)
		}
		if n != nil && state[n] == onPath {
			// n starts a cycle; cut it at its earliest member.
			var cycle []*Node
			for i := len(path) - 1; i >= 0; i-- {
				cycle = append(cycle, path[i])
				if path[i] == n {
					break
				}
			}
			earliest := cycle[0]
			for _, c := range cycle[1:] {
				if commentBefore(c.Comment, earliest.Comment) {
					earliest = c
				}
			}
			cut[earliest] = true
			problems = append(problems, fmt.Sprintf("comment %d: replies form a cycle; made top-level", earliest.Comment.ID))
		}
		for _, p := range path {
			state[p] = done
		}
	}
	for _, n := range order {
		c := n.Comment
		parent := parentOf(n)
		switch {
		case cut[n]:
			roots = append(roots, n)
		case parent == nil:
			if c.Parent != 0 && c.Parent != c.ID {
				problems = append(problems, fmt.Sprintf("comment %d: parent %d is missing; made top-level", c.ID, c.Parent))
			}
			roots = append(roots, n)
		default:
			parent.Replies = append(parent.Replies, n)
		}
	}
	return roots, problems
}

func commentBefore(a, b *Comment) bool {
	ta, tb := a.DateGMT, b.DateGMT
	if ta.IsZero() || tb.IsZero() {
		ta, tb = a.Date, b.Date
	}
	if !ta.Equal(tb) {
		return ta.Before(tb)
	}
	return a.ID < b.ID
}

// Depth is the number of levels in a thread.
func Depth(roots []*Node) int {
	max := 0
	for _, n := range roots {
		if d := 1 + Depth(n.Replies); d > max {
			max = d
		}
	}
	return max
}
