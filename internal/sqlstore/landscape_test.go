package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func seededSolution(t *testing.T, s *sqlstore.Store, name string) landscape.Solution {
	t.Helper()
	list, _, err := s.ListSolutions(context.Background(), landscape.SolutionFilter{Query: name})
	if err != nil {
		t.Fatal(err)
	}
	for _, sol := range list {
		if sol.Name == name {
			return sol
		}
	}
	t.Fatalf("no seeded %s", name)
	return landscape.Solution{}
}

// TestSolutionCatalogue: the seed is loaded once; a proposal shows as proposed until it is
// accepted or merged, and a merge moves every row of the proposal to the solution it
// duplicates; versions are kept and checked.
func TestSolutionCatalogue(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		all, total, err := s.ListSolutions(ctx, landscape.SolutionFilter{})
		if err != nil || total < 12 || len(all) != total {
			t.Fatalf("seed: %d of %d, %v", len(all), total, err)
		}
		if err := s.LoadSolutions(ctx, nil); err != nil {
			t.Fatal(err)
		}
		amphora := seededSolution(t, s, "Amphora")
		amphora.Versions = []landscape.Version{{Number: "15.3", Status: landscape.VersionActive}, {Number: "13.4", Released: "2020-01-01", EndOfSupport: "2019-01-01"}}
		if _, err := s.UpdateSolution(ctx, amphora); !slices.Equal(fieldNames(err), []string{"versions[1].end_of_support"}) {
			t.Fatalf("support before release: %v", err)
		}
		amphora.Versions[1].EndOfSupport = "2026-06-30"
		amphora.Versions[1].Status = landscape.VersionEnded
		amphora, err = s.UpdateSolution(ctx, amphora)
		if err != nil || len(amphora.Versions) != 2 || amphora.Version != 2 {
			t.Fatalf("versions: %+v %v", amphora, err)
		}
		stale := amphora
		stale.Version = 1
		if _, err := s.UpdateSolution(ctx, stale); kovit.ErrorCode(err) != kovit.EConflict {
			t.Fatalf("stale save: %v", err)
		}

		prop, err := s.CreateSolution(ctx, landscape.Solution{Name: "Amfora DHS", Kind: landscape.KindCommercial, State: landscape.Proposed, ProposedBy: "0793"})
		if err != nil || prop.State != landscape.Proposed {
			t.Fatalf("proposal: %+v %v", prop, err)
		}
		row, err := s.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0793", SolutionID: prop.ID, Status: landscape.Production})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.MergeSolution(ctx, prop.ID, prop.ID, prop.Version); !slices.Equal(fieldNames(err), []string{"into"}) {
			t.Fatalf("merge into itself: %v", err)
		}
		merged, err := s.MergeSolution(ctx, prop.ID, amphora.ID, prop.Version)
		if err != nil || merged.State != landscape.Merged || merged.MergedInto == nil || *merged.MergedInto != amphora.ID {
			t.Fatalf("merge: %+v %v", merged, err)
		}
		if moved, err := s.Row(ctx, row.ID); err != nil || moved.SolutionID != amphora.ID {
			t.Fatalf("row after merge: %+v %v", moved, err)
		}
		if _, err := s.AcceptSolution(ctx, prop.ID, merged.Version); kovit.ErrorCode(err) != kovit.EConflict {
			t.Fatalf("accepting a merged proposal: %v", err)
		}
		list, _, err := s.ListSolutions(ctx, landscape.SolutionFilter{Query: "amfora"})
		if err != nil || len(list) != 0 {
			t.Fatalf("merged proposals leave the list: %v %v", list, err)
		}
		events, _, err := s.ListEvents(ctx, audit.Filter{Entity: audit.KindSolution, EntityID: itoa(prop.ID), Limit: 10})
		if err != nil || len(events) != 2 {
			t.Fatalf("history of the proposal: %d %v", len(events), err)
		}
	})
}

// TestLandscapeRows: one row per municipality and solution, the version is the
// solution's, a status change is kept in the history, and the import is all or nothing.
func TestLandscapeRows(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		volis := seededSolution(t, s, "VOLIS")
		volis.Versions = []landscape.Version{{Number: "2.0"}, {Number: "3.1"}}
		volis, err := s.UpdateSolution(ctx, volis)
		if err != nil {
			t.Fatal(err)
		}
		star := seededSolution(t, s, "STAR")
		cost := kovit.Money(120000)
		r, err := s.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0171", SolutionID: volis.ID, SoftwareVersion: "2.0",
			Status: landscape.Piloting, YearlyCost: &cost, Integrations: []landscape.Integration{{SolutionID: star.ID, Standard: "X-tee"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0171", SolutionID: volis.ID}); !slices.Equal(fieldNames(err), []string{"solution_id"}) {
			t.Fatalf("second row of a solution: %v", err)
		}
		if _, err := s.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0171", SolutionID: star.ID, SoftwareVersion: "9"}); err != nil {
			t.Fatalf("a version of a solution that lists none: %v", err)
		}
		bad := r
		bad.SoftwareVersion = "9.9"
		if _, err := s.UpdateRow(ctx, bad); !slices.Equal(fieldNames(err), []string{"software_version"}) {
			t.Fatalf("unknown version: %v", err)
		}
		r.Status = landscape.Production
		r.SoftwareVersion = "3.1"
		if r, err = s.UpdateRow(ctx, r); err != nil {
			t.Fatal(err)
		}
		if len(r.History) != 2 || r.History[0].Status != landscape.Piloting || r.History[1].Status != landscape.Production {
			t.Fatalf("history: %+v", r.History)
		}
		if r.YearlyCost == nil || *r.YearlyCost != cost || r.Integrations[0].Standard != "X-tee" {
			t.Fatalf("row: %+v", r)
		}
		rows, total, err := s.ListRows(ctx, landscape.RowFilter{MunicipalityEHAK: "0171"})
		if err != nil || total != 2 || len(rows) != 2 {
			t.Fatalf("rows: %d %d %v", len(rows), total, err)
		}
		usage, err := s.Usage(ctx)
		if err != nil || usage[volis.ID][landscape.Production] != 1 {
			t.Fatalf("usage: %v %v", usage, err)
		}

		// An import with one bad row saves none of its rows.
		ehr := seededSolution(t, s, "EHR")
		_, _, err = s.ImportRows(ctx, "0171", []landscape.Row{{SolutionID: ehr.ID}, {ID: r.ID, SolutionID: volis.ID, SoftwareVersion: "3.1", Version: 1}})
		if !slices.Equal(fieldNames(err), []string{"rows[1].version"}) {
			t.Fatalf("stale import row: %v", err)
		}
		if _, n, _ := s.ListRows(ctx, landscape.RowFilter{MunicipalityEHAK: "0171"}); n != 2 {
			t.Fatalf("a failed import saved rows: %d", n)
		}
		created, updated, err := s.ImportRows(ctx, "0171", []landscape.Row{{SolutionID: ehr.ID}, {ID: r.ID, SolutionID: volis.ID, SoftwareVersion: "3.1", Status: landscape.Retiring, Version: r.Version}})
		if err != nil || created != 1 || updated != 1 {
			t.Fatalf("import: %d %d %v", created, updated, err)
		}

		if _, err := s.LandscapeSignOff(ctx, "0171"); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Fatalf("no sign-off yet: %v", err)
		}
		so, err := s.SignOffLandscape(ctx, "0171")
		if err != nil || so.Rows != 3 {
			t.Fatalf("sign-off: %+v %v", so, err)
		}
		if got, err := s.LandscapeSignOff(ctx, "0171"); err != nil || got.Rows != 3 {
			t.Fatalf("last sign-off: %+v %v", got, err)
		}
	})
}
