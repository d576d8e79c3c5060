package desk

import (
	"reflect"
	"strings"
	"sync"

	"kovit/internal/eservice"
)

// tallies keep the waiting count's tally of the matrix: the count shows on every signed-in
// page, and walking the whole matrix each time was a large part of a coordinator's
// request. The kept matrix is never changed, only replaced (eservice.Store.Grid), so the
// tally holds while the same matrix and the same services are served.
type tallies struct {
	mu   sync.Mutex
	grid uintptr // the matrix tallied, by identity
	keys string  // the service codes tallied
	last *tally
}

// tally is what waits in one matrix.
type tally struct {
	returned     map[string]int // returned cells per municipality
	selfReported int            // cells awaiting verification, every municipality's
}

// of is grid's tally over services, counted once per matrix.
func (ts *tallies) of(grid eservice.Grid, services []eservice.Service) *tally {
	var b strings.Builder
	for _, s := range services {
		b.WriteString(s.Code)
		b.WriteByte(0)
	}
	id, keys := reflect.ValueOf(grid).Pointer(), b.String()
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.last != nil && ts.grid == id && ts.keys == keys {
		return ts.last
	}
	t := &tally{returned: map[string]int{}}
	for ehak, row := range grid {
		for _, s := range services {
			c, ok := row[s.Code]
			switch {
			case !ok || c.Version == 0:
			case c.Verification == eservice.Returned:
				t.returned[ehak]++
			case c.Verification == eservice.SelfReported:
				t.selfReported++
			}
		}
	}
	ts.grid, ts.keys, ts.last = id, keys, t
	return t
}
