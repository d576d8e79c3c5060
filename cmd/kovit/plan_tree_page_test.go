package main

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/demo"
)

// A tree bigger than one page (here 1,200 activities) pages its activities, 500 a page,
// each under the goals and directions above it; the last page has the rest and no next
// link; a bad limit is refused naming it. A tree of 1,000 activities or fewer stays whole.
func TestPlanTreePages(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		id, err := demo.Plan(coordinator(), a.store, demo.PlanShape{Goals: 2, Directions: 3, Activities: 200, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		tree := a.URL + "/plan/" + strconv.FormatInt(id, 10)
		public := a.client(t)
		count := func(page, kind string) int { return strings.Count(page, " kind-"+kind+`">`) }
		for _, c := range []struct {
			query                        string
			activities, goals, dirs      int
			next, prev                   bool
			firstCode, lastCode, notCode string
		}{
			{"", 500, 1, 3, true, false, "1.1.1", "1.3.100", "1.3.101"},
			{"?offset=500", 500, 2, 3, true, true, "1.3.101", "2.2.200", "2.3.1"},
			{"?offset=1000", 200, 1, 1, false, true, "2.3.1", "2.3.200", "2.2.200"},
			{"?limit=100&offset=150", 100, 1, 2, true, true, "1.1.151", "1.2.50", "1.2.51"},
		} {
			status, page := get(t, public, tree+c.query)
			if status != http.StatusOK {
				t.Fatalf("%s: %d", c.query, status)
			}
			if n, g, d := count(page, "activity"), count(page, "goal"), count(page, "direction"); n != c.activities || g != c.goals || d != c.dirs {
				t.Errorf("%s: %d activities, %d goals, %d directions; want %d, %d, %d", c.query, n, g, d, c.activities, c.goals, c.dirs)
			}
			if strings.Contains(page, `rel="next"`) != c.next || strings.Contains(page, `rel="prev"`) != c.prev {
				t.Errorf("%s: next %t, prev %t; want %t, %t", c.query, strings.Contains(page, `rel="next"`), strings.Contains(page, `rel="prev"`), c.next, c.prev)
			}
			for code, want := range map[string]bool{c.firstCode: true, c.lastCode: true, c.notCode: false} {
				if got := strings.Contains(page, "<td>"+code+"</td>"); got != want {
					t.Errorf("%s: activity %s shown %t, want %t", c.query, code, got, want)
				}
			}
		}
		if status, page := get(t, public, tree+"?limit=0"); status != http.StatusUnprocessableEntity || !strings.Contains(page, "limit") {
			t.Errorf("limit=0: %d", status)
		}

		small, err := demo.Plan(coordinator(), a.store, demo.PlanShape{Goals: 2, Directions: 2, Activities: 250, Seed: 8})
		if err != nil {
			t.Fatal(err)
		}
		status, page := get(t, public, a.URL+"/plan/"+strconv.FormatInt(small, 10))
		if status != http.StatusOK || count(page, "activity") != 1000 || strings.Contains(page, `class="pager"`) {
			t.Errorf("a tree of 1,000 activities: %d, %d activity rows, pager %t; want it whole", status, count(page, "activity"), strings.Contains(page, `class="pager"`))
		}
	})
}
