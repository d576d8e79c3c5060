package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/desk"
	"kovit/internal/landscape"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestLandscapeDesk: an editor's desk warns of a version whose support ends within 90
// days and of a row not confirmed for 12 months, not of a stopped one nor another
// municipality's; a coordinator's lists the proposals to decide.
func TestLandscapeDesk(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		now := s.Now()
		volis := seededSolution(t, s, "VOLIS")
		volis.Versions = []landscape.Version{{Number: "2.0", EndOfSupport: now.AddDate(0, 2, 0).Format(time.DateOnly)}, {Number: "3.0"}}
		volis, err := s.UpdateSolution(ctx, volis)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []landscape.Row{
			{MunicipalityEHAK: "0171", SolutionID: volis.ID, SoftwareVersion: "2.0"},
			{MunicipalityEHAK: "0171", SolutionID: seededSolution(t, s, "EHR").ID, Status: landscape.Stopped},
			{MunicipalityEHAK: "0793", SolutionID: volis.ID, SoftwareVersion: "2.0"},
		} {
			if _, err := s.CreateRow(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.CreateSolution(ctx, landscape.Solution{Name: "Uus", Kind: landscape.KindOwn, State: landscape.Proposed, ProposedBy: "0171"}); err != nil {
			t.Fatal(err)
		}
		provide := landscape.DeskProvider(s)
		kinds := func(v desk.Viewer, at time.Time) map[desk.Kind]int {
			found, err := provide(ctx, v, at)
			if err != nil {
				t.Fatal(err)
			}
			out := map[desk.Kind]int{}
			for _, i := range found.Items {
				out[i.Kind]++
			}
			return out
		}
		if got := kinds(desk.Viewer{Municipality: "0171"}, now); got[landscape.DeskEndOfSupport] != 1 || got[landscape.DeskStale] != 0 || got[landscape.DeskProposal] != 0 {
			t.Errorf("editor's desk now: %v", got)
		}
		if got := kinds(desk.Viewer{Municipality: "0171"}, now.AddDate(1, 1, 0)); got[landscape.DeskStale] != 1 || got[landscape.DeskEndOfSupport] != 1 {
			t.Errorf("editor's desk in 13 months: %v", got)
		}
		if got := kinds(desk.Viewer{Municipality: "0171"}, now.AddDate(0, -2, 0)); got[landscape.DeskEndOfSupport] != 0 {
			t.Errorf("editor's desk 4 months before the end of support: %v", got)
		}
		if got := kinds(desk.Viewer{Queues: true}, now); got[landscape.DeskProposal] != 1 || got[landscape.DeskEndOfSupport] != 0 {
			t.Errorf("coordinator's desk: %v", got)
		}
	})
}
