package web

import (
	"net/http"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// A tree of up to treeWhole activities (the Estonian plan's size and then some) is one
// page, read and printed whole. A bigger one, as a country's plan of ten thousand
// activities, pages: treePage activities a page (limit and offset, as every list), each
// under the goals and directions above it, so a page costs what a plan of that size does
// and never sends the whole tree at once. Only the page's rows are made.
const (
	treeWhole = 1000
	treePage  = 500
)

// pagedTreeRows lists the tree in reading order as f picks it, paged when it is too big
// for one page; the pager's Total is 0 when it is not.
func pagedTreeRows(r *http.Request, t plan.Tree, progress map[int64]float64, f plan.ActivityFilter) ([]treeRow, Pager, error) {
	q := r.URL.Query()
	var problems kovit.Problems
	pg := readPage(q, treePage, &problems)
	if err := problems.Err(); err != nil {
		return nil, Pager{}, err
	}
	picked := 0
	t.Walk(f, func(n plan.Node, _ int, p bool) {
		if n.Kind == plan.Activity && p {
			picked++
		}
	})
	if picked <= treeWhole && !q.Has("limit") && !q.Has("offset") {
		return treeRows(t, progress, f), Pager{}, nil
	}
	return treeWindow(t, progress, f, pg.Offset, pg.Limit), newPager(r.URL.Path, q, picked, pg.Limit, pg.Offset), nil
}

// treeWindow is treeRows with only the picked activities from offset, limit of them, and
// the goals and directions above those.
func treeWindow(t plan.Tree, progress map[int64]float64, f plan.ActivityFilter, offset, limit int) []treeRow {
	parts := plan.Turnouts(t)
	row := func(n plan.Node, depth int) treeRow {
		r := treeRow{N: n, Depth: depth, Parts: parts[n.ID].Taking, Done: parts[n.ID].Done}
		if v, ok := progress[n.ID]; ok {
			r.Progress = &v
		}
		return r
	}
	// above is the branch rows over the current node, each with whether it is shown.
	type branch struct {
		row   treeRow
		shown bool
	}
	var above []branch
	out := make([]treeRow, 0, limit+16)
	i := 0
	t.Walk(f, func(n plan.Node, depth int, picked bool) {
		if i >= offset+limit || n.Kind == plan.Activity && !picked {
			return
		}
		for len(above) > 0 && above[len(above)-1].row.Depth >= depth {
			above = above[:len(above)-1]
		}
		if n.Kind != plan.Activity {
			above = append(above, branch{row: row(n, depth)})
			return
		}
		if i >= offset {
			for j := range above {
				if !above[j].shown {
					out, above[j].shown = append(out, above[j].row), true
				}
			}
			out = append(out, row(n, depth))
		}
		i++
	})
	return out
}

// branchRows lists the goals and directions in reading order, for the branch filter and
// the parent choice.
func branchRows(t plan.Tree, progress map[int64]float64) []treeRow {
	var out []treeRow
	t.Walk(plan.ActivityFilter{}, func(n plan.Node, depth int, _ bool) {
		if n.Kind != plan.Activity {
			r := treeRow{N: n, Depth: depth}
			if v, ok := progress[n.ID]; ok {
				r.Progress = &v
			}
			out = append(out, r)
		}
	})
	return out
}
