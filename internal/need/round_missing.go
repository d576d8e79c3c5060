package need

import (
	"context"

	"kovit/internal/municipality"
)

// MissingCount is len(DashboardOf(r, ms, needs).Missing): how many of ms have submitted
// nothing in round r. The desk asks it for every open round on each coordinator's visit;
// it neither sorts the municipalities nor makes their rows, which on a large country
// (10,800 municipalities) cost the desk some 20 ms a round.
func MissingCount(r Round, ms []municipality.Municipality, needs []Need) int {
	in := make(map[string]bool, len(ms))
	for _, m := range ms {
		in[m.EHAK] = false
	}
	submitted := 0
	for _, n := range needs {
		if n.RoundID == nil || *n.RoundID != r.ID || n.State == Draft {
			continue
		}
		if done, ok := in[n.MunicipalityEHAK]; ok && !done {
			in[n.MunicipalityEHAK] = true
			submitted++
		}
	}
	return len(in) - submitted
}

// MissingCounter is a store that counts a round's missing municipalities without
// building its dashboard.
type MissingCounter interface {
	// MissingCount is len(Dashboard(roundID).Missing).
	MissingCount(ctx context.Context, roundID int64) (int, error)
}
