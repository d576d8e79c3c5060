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
// and never sends the whole tree at once.
const (
	treeWhole = 1000
	treePage  = 500
)

// pageTreeRows keeps of rows (the tree in reading order) the page's activities and the
// goals and directions above them; whole is true when the tree needs no paging.
func pageTreeRows(r *http.Request, rows []treeRow) (page []treeRow, pager Pager, err error) {
	q := r.URL.Query()
	var problems kovit.Problems
	pg := readPage(q, treePage, &problems)
	if err := problems.Err(); err != nil {
		return nil, Pager{}, err
	}
	activities := 0
	for _, row := range rows {
		if row.N.Kind == plan.Activity {
			activities++
		}
	}
	if activities <= treeWhole && !q.Has("limit") && !q.Has("offset") {
		return rows, Pager{}, nil
	}
	// above is the branch rows over the current row, each with whether it is on the page.
	type branch struct {
		row   treeRow
		shown bool
	}
	var above []branch
	i := 0
	page = make([]treeRow, 0, min(pg.Limit, activities)+16)
	for _, row := range rows {
		for len(above) > 0 && above[len(above)-1].row.Depth >= row.Depth {
			above = above[:len(above)-1]
		}
		if row.N.Kind != plan.Activity {
			above = append(above, branch{row: row})
			continue
		}
		if i >= pg.Offset+pg.Limit {
			break
		}
		if i >= pg.Offset {
			for j := range above {
				if !above[j].shown {
					page, above[j].shown = append(page, above[j].row), true
				}
			}
			page = append(page, row)
		}
		i++
	}
	return page, newPager(r.URL.Path, q, activities, pg.Limit, pg.Offset), nil
}
