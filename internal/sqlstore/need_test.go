package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

var _ need.Store = (*sqlstore.Store)(nil)

func euros(e int64) *kovit.Money { m := kovit.Money(e * 100); return &m }

// mustNeed stores a need and, unless state is draft, submits it.
func mustNeed(t *testing.T, s *sqlstore.Store, ctx context.Context, ehak, title string, cost *kovit.Money, submit bool) need.Need {
	t.Helper()
	n, err := s.CreateNeed(ctx, need.Need{MunicipalityEHAK: ehak, Title: title, Category: need.CatSharedSystem, Cost: cost})
	if err != nil {
		t.Fatal(err)
	}
	if submit {
		if n, err = s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version}); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

func fieldNames(err error) []string {
	var out []string
	for _, f := range kovit.FieldsOf(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestNeedCreateUpdate(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		n, err := s.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0793", Title: " Lasteaiajärjekord ", Category: need.CatEService,
			ServiceCodes: []string{"SOC-001"}, Cost: euros(12000), State: need.Funded})
		if err != nil {
			t.Fatal(err)
		}
		if n.State != need.Draft || n.Title != "Lasteaiajärjekord" || !slices.Equal(n.ServiceCodes, []string{"SOC-001"}) || *n.Cost != 1200000 {
			t.Errorf("created %+v", n)
		}
		_, err = s.CreateNeed(ctx, need.Need{MunicipalityEHAK: "9999", Title: "X", Category: need.CatOther, ServiceCodes: []string{"NOPE-1"}})
		if got := fieldNames(err); !slices.Equal(got, []string{"municipality_ehak", "service_codes"}) {
			t.Errorf("bad links: %v", err)
		}
		n.Title, n.ServiceCodes = "Lasteaia järjekord", nil
		up, err := s.UpdateNeed(ctx, n)
		if err != nil || up.Version != 2 || len(up.ServiceCodes) != 0 {
			t.Fatalf("update: %+v %v", up, err)
		}
		if _, err := s.UpdateNeed(ctx, n); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale update: %v, want conflict", err)
		}
		got, err := s.Need(ctx, n.ID)
		if err != nil || got.Title != "Lasteaia järjekord" {
			t.Errorf("read back %+v %v", got, err)
		}
		list, total, err := s.ListNeeds(ctx, need.Filter{MunicipalityEHAK: "0793", Query: "järjekorda"})
		if err != nil || total != 1 || list[0].ID != n.ID {
			t.Errorf("search: %v %d %v", list, total, err)
		}
		if _, total, _ := s.ListNeeds(ctx, need.Filter{MunicipalityEHAK: "0784"}); total != 0 {
			t.Errorf("another municipality's list has %d", total)
		}
		if evs := events(t, s, "need", itoa(n.ID)); !slices.Equal(actions(evs), []string{"update", "create"}) {
			t.Errorf("audit %v", actions(evs))
		}
	})
}

func TestNeedWorkflow(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		n := mustNeed(t, s, ctx, "0793", "Infoturbe koolitus", nil, true)
		other := mustNeed(t, s, ctx, "0784", "Küberturbe koolitus", nil, true)
		missing := int64(99999)
		if _, err := s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Rejected, Version: n.Version}); !slices.Equal(fieldNames(err), []string{"reason"}) {
			t.Errorf("reject without reason: %v", err)
		}
		if _, err := s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Duplicate, DuplicateOf: &missing, Version: n.Version}); !slices.Equal(fieldNames(err), []string{"duplicate_of"}) {
			t.Errorf("duplicate of nothing: %v", err)
		}
		if _, err := s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Returned, Reason: "x", Version: n.Version - 1}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale move: %v", err)
		}
		n, err := s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Duplicate, DuplicateOf: &other.ID, Reason: "Sama asi", Version: n.Version})
		if err != nil || n.State != need.Duplicate || *n.DuplicateOf != other.ID {
			t.Fatalf("duplicate: %+v %v", n, err)
		}
		n, err = s.TransitionNeed(ctx, n.ID, need.Transition{To: need.UnderReview, Version: n.Version})
		if err != nil || n.DuplicateOf != nil {
			t.Fatalf("back to review: %+v %v", n, err)
		}
		evs, err := s.NeedEvents(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		var path []need.State
		for _, e := range evs {
			path = append(path, e.To)
		}
		if !slices.Equal(path, []need.State{need.Draft, need.Submitted, need.Duplicate, need.UnderReview}) || evs[2].Reason != "Sama asi" || evs[2].ByName != "Kati Koordinaator" {
			t.Errorf("events %+v", evs)
		}
	})
}

func TestNeedImportIsAllOrNothing(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		_, err := s.ImportNeeds(ctx, []need.Need{
			{MunicipalityEHAK: "0793", Title: "Hea", Category: need.CatOther},
			{MunicipalityEHAK: "0793", Title: "Halb teenus", Category: need.CatOther, ServiceCodes: []string{"NOPE-1"}},
		})
		if !slices.Equal(fieldNames(err), []string{"1.service_codes"}) {
			t.Errorf("import error %v", err)
		}
		if _, total, _ := s.ListNeeds(ctx, need.Filter{}); total != 0 {
			t.Errorf("a failed import left %d needs", total)
		}
		got, err := s.ImportNeeds(ctx, []need.Need{{MunicipalityEHAK: "0793", Title: "Üks", Category: need.CatOther}, {MunicipalityEHAK: "0784", Title: "Kaks", Category: need.CatTraining}})
		if err != nil || len(got) != 2 {
			t.Fatalf("import: %v %v", got, err)
		}
	})
}

func TestNeedSuggestions(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		a := mustNeed(t, s, ctx, "0793", "Dokumendihaldussüsteemi uuendamine", euros(10000), true)
		b := mustNeed(t, s, ctx, "0784", "Dokumendihaldussüsteemide uuendamine pilves", euros(30000), true)
		c := mustNeed(t, s, ctx, "0296", "Dokumendihaldussüsteemi uuendamise hange", euros(20000), true)
		mustNeed(t, s, ctx, "0198", "Dokumendihaldussüsteemi uuendamine", nil, false) // a draft is not suggested
		got, err := s.Similar(ctx, a.ID, 10)
		if err != nil || len(got) != 2 || got[1].Score < 0.3 {
			t.Fatalf("similar to a: %+v %v", got, err)
		}
		if err := s.DismissSuggestion(ctx, a.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Similar(ctx, c.ID, 10); len(got) != 1 || got[0].Need.ID != b.ID {
			t.Errorf("after dismissing a–c, similar to c: %+v", got)
		}
		con, err := s.AcceptSuggestion(ctx, a.ID, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		f := con.Figures
		if !slices.Equal(f.Cohort, []string{"0784", "0793"}) || f.CostTotal != 4000000 || f.CostMedian != 2000000 || f.Population == 0 {
			t.Errorf("consolidated %+v", con)
		}
		// Accepting c with b joins b's consolidated need.
		con2, err := s.AcceptSuggestion(ctx, c.ID, b.ID)
		if err != nil || con2.ID != con.ID || len(con2.Figures.NeedIDs) != 3 {
			t.Fatalf("second accept: %+v %v", con2, err)
		}
		if n, _ := s.Need(ctx, a.ID); n.State != need.Accepted || *n.ConsolidatedID != con.ID {
			t.Errorf("a after accept: %+v", n)
		}
		if got, _ := s.Similar(ctx, a.ID, 10); len(got) != 0 {
			t.Errorf("needs of one consolidated need suggested to each other: %+v", got)
		}
		// A need whose text changes is suggested by its new text.
		d := mustNeed(t, s, ctx, "0296", "Veebilehe uuendamine", nil, true)
		d.Title = "Dokumendihaldussüsteemi uuendamine"
		if _, err := s.UpdateNeed(ctx, d); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Similar(ctx, a.ID, 10); len(got) != 1 || got[0].Need.ID != d.ID {
			t.Errorf("after editing d, similar to a: %+v", got)
		}
		if _, err := s.Endorse(ctx, con.ID, "0793"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Endorse(ctx, con.ID, "0793"); !slices.Equal(fieldNames(err), []string{"municipality_ehak"}) {
			t.Errorf("second endorsement: %v", err)
		}
		ranked, err := s.Priorities(ctx, need.ConsolidatedFilter{})
		if err != nil || len(ranked) != 1 || ranked[0].Score <= 0 || len(ranked[0].Breakdown) != 5 {
			t.Errorf("priorities %+v %v", ranked, err)
		}
	})
}

func TestMeasureBudgetAndTrace(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		a := mustNeed(t, s, ctx, "0793", "Veebilehe uuendamine", euros(10000), true)
		b := mustNeed(t, s, ctx, "0784", "Veebilehe uuendamine", euros(50000), true)
		con, err := s.CreateConsolidated(ctx, need.Consolidated{Title: "Veebilehed", Category: need.CatSharedSystem, StrategyFit: 4}, []int64{a.ID, b.ID})
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.CreateMeasure(ctx, need.Measure{Name: "Digipööre", StartYear: 2021, EndYear: 2027, Budget: 5000000, MaxGrant: 2000000,
			CoFinancing: 20, Eligibility: need.Eligibility{MaxPopulation: 200000, Categories: []need.Category{need.CatEService}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.MapToMeasure(ctx, con.ID, &m.ID, con.Version); !slices.Equal(fieldNames(err), []string{"consolidated_need_id"}) {
			t.Errorf("mapping to a measure of another category: %v", err)
		}
		m.Eligibility.Categories = append(m.Eligibility.Categories, need.CatSharedSystem)
		if m, err = s.UpdateMeasure(ctx, m); err != nil {
			t.Fatal(err)
		}
		if con, err = s.MapToMeasure(ctx, con.ID, &m.ID, con.Version); err != nil || *con.MeasureID != m.ID {
			t.Fatalf("map: %+v %v", con, err)
		}
		bud, err := s.Budget(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Tallinn is too large; Tartu's 10 000 € gets 8 000 €.
		if bud.Cost != 6000000 || bud.Grants != 800000 || len(bud.Lines) != 2 || bud.Lines[0].Eligible || !bud.Lines[1].Eligible {
			t.Errorf("budget %+v", bud)
		}
		mt, err := s.MeasureTrace(ctx, m.ID)
		if err != nil || !slices.Equal(mt.Municipalities, []string{"0784", "0793"}) || len(mt.Needs) != 2 {
			t.Errorf("measure trace %+v %v", mt, err)
		}
		st := newStrategy(t, s, ctx)
		goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"})
		act := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Veebid"})
		if _, err := s.CreateProject(ctx, need.Project{ConsolidatedID: con.ID, Name: "X", ActivityID: &goal.ID}); !slices.Equal(fieldNames(err), []string{"activity_id"}) {
			t.Errorf("project on a goal: %v", err)
		}
		p, err := s.CreateProject(ctx, need.Project{ConsolidatedID: con.ID, Name: "Ühine veebiplatvorm", ActivityID: &act.ID})
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := s.Need(ctx, a.ID); n.State != need.Funded {
			t.Errorf("need after project: %s", n.State)
		}
		p.Status = need.ProjectDone
		if _, err := s.UpdateProject(ctx, p); err != nil {
			t.Fatal(err)
		}
		tr, err := s.Trace(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if tr.Consolidated.ID != con.ID || tr.Measure.ID != m.ID || tr.Project.ID != p.ID || tr.Activity.ID != act.ID || !tr.Done || tr.Need.State != need.Done {
			t.Errorf("trace %+v", tr)
		}
	})
}

func TestRoundDashboard(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		if _, err := s.CreateRound(ctx, need.Round{Title: "IKT 2027"}); !slices.Equal(fieldNames(err), []string{"deadline"}) {
			t.Errorf("round without deadline: %v", err)
		}
		r, err := s.CreateRound(ctx, need.Round{Title: "IKT vajadused 2027", Deadline: "2026-12-31", Open: true})
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0793", RoundID: &r.ID, Title: "Uus", Category: need.CatOther})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: 1}); err != nil {
			t.Fatal(err)
		}
		d, err := s.Dashboard(ctx, r.ID)
		if err != nil || len(d.Rows) != 79 || len(d.Missing) != 78 || slices.Contains(d.Missing, "0793") {
			t.Errorf("dashboard: %d rows, %d missing, %v", len(d.Rows), len(d.Missing), err)
		}
		r.Open = false
		if r, err = s.UpdateRound(ctx, r); err != nil || r.Open || r.Version != 2 {
			t.Errorf("close round: %+v %v", r, err)
		}
		_, err = s.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0784", RoundID: &r.ID, Title: "Hilja", Category: need.CatOther})
		if !slices.Equal(fieldNames(err), []string{"round_id"}) {
			t.Errorf("need in a closed round: %v", err)
		}
	})
}
