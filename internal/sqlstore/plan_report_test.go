package sqlstore_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestProgressUpdates(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		s.Now = func() time.Time { return clock }
		st := newStrategy(t, s, ctx)
		goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"})
		act := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Tegevus",
			Status: plan.InProgress})

		if _, err := s.PostProgressUpdate(ctx, plan.ProgressUpdate{ActivityID: act.ID, Body: "  "}); !kovit.FieldsOf(err).Has("body") || !kovit.FieldsOf(err).Has("date") {
			t.Errorf("empty update: %v", err)
		}
		if _, err := s.PostProgressUpdate(ctx, plan.ProgressUpdate{ActivityID: goal.ID, Body: "x", Date: *planDay("2026-02-01")}); !kovit.FieldsOf(err).Has("activity_id") {
			t.Errorf("update on a goal: %v", err)
		}

		// Four months on, a contact person reports: the activity is fresh again.
		clock = clock.AddDate(0, 4, 0)
		stale := plan.NeedsAttention(tree(t, s, st.ID), clock)
		if len(stale) != 1 || stale[0].Kind != plan.StaleActivity {
			t.Fatalf("before the update: %+v", stale)
		}
		person, err := s.CreateUser(context.Background(), auth.NewUser{Email: "kontakt@kovit.test", Name: "Kontakt Isik", Role: auth.RoleReader}, "", false)
		if err != nil {
			t.Fatal(err)
		}
		contact := auth.WithUser(context.Background(), &person)
		first, err := s.PostProgressUpdate(contact, plan.ProgressUpdate{ActivityID: act.ID, Body: "Hange on välja kuulutatud.", Date: *planDay("2026-06-15")})
		if err != nil || first.Version != 1 || first.AuthorID == nil || *first.AuthorID != person.ID || first.AuthorName != "Kontakt Isik" || !first.CreatedAt.Equal(clock) {
			t.Fatalf("post %+v %v", first, err)
		}
		if got := plan.NeedsAttention(tree(t, s, st.ID), clock.AddDate(0, 0, 1)); len(got) != 0 {
			t.Errorf("after the update the activity still needs attention: %+v", got)
		}
		if n, _ := s.Node(ctx, act.ID); n.Version != act.Version {
			t.Errorf("posting changed the activity's version: %d → %d", act.Version, n.Version)
		}
		// An older day posted later sorts below.
		if _, err := s.PostProgressUpdate(ctx, plan.ProgressUpdate{ActivityID: act.ID, Body: "Lähteülesanne valmis.", Date: *planDay("2026-04-01")}); err != nil {
			t.Fatal(err)
		}
		list, err := s.ProgressUpdates(ctx, act.ID)
		if err != nil || len(list) != 2 || list[0].ID != first.ID {
			t.Fatalf("timeline %+v %v", list, err)
		}

		first.Body = "Hange on välja kuulutatud, pakkumised 1. juuliks."
		edited, err := s.EditProgressUpdate(contact, first)
		if err != nil || edited.Version != 2 || edited.Body != first.Body || *edited.AuthorID != person.ID {
			t.Fatalf("edit %+v %v", edited, err)
		}
		if _, err := s.EditProgressUpdate(contact, first); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale edit: %v", err)
		}
		if err := s.DeleteProgressUpdate(ctx, first.ID, 1); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale delete: %v", err)
		}
		if err := s.DeleteProgressUpdate(ctx, first.ID, 2); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ProgressUpdate(ctx, first.ID); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("deleted update: %v", err)
		}
		if got := actions(events(t, s, "progress_update", strconv.FormatInt(first.ID, 10))); !cmp.Equal(got, []string{"delete", "update", "create"}) {
			t.Errorf("audit %v", got)
		}
	})
}

func tree(t *testing.T, s *sqlstore.Store, id int64) plan.Tree {
	t.Helper()
	tr, err := s.StrategyTree(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestReportFreezes(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		lead, err := s.CreateOrganisation(ctx, plan.Organisation{Kind: plan.Association, NameEt: "Eesti Linnade ja Valdade Liit"})
		if err != nil {
			t.Fatal(err)
		}
		goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"})
		act := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Ühine",
			LeadOrgID: &lead.ID, InternalNote: "sisemine"})
		other := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1.2", TitleEt: "Teine",
			Status: plan.InProgress, Completion: 30})
		for _, ehak := range []string{"0793", "0784"} {
			if _, err := s.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: ehak, Status: plan.InProgress, Completion: 50}); err != nil {
				t.Fatal(err)
			}
		}
		ind, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Osakaal", Unit: "%", Better: plan.HigherIsBetter, Breakdown: plan.Mean})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range []plan.Measurement{
			{IndicatorID: ind.ID, MunicipalityEHAK: "0793", Value: 40, Date: *planDay("2026-05-01")},
			{IndicatorID: ind.ID, MunicipalityEHAK: "0784", Value: 60, Date: *planDay("2026-05-01")},
		} {
			if _, err := s.AddMeasurement(ctx, m); err != nil {
				t.Fatal(err)
			}
		}

		if _, err := s.OpenReport(ctx, plan.Report{StrategyID: st.ID, TitleEt: "", PeriodStart: *planDay("2026-12-31"), PeriodEnd: *planDay("2026-01-01")}); !kovit.FieldsOf(err).Has("title_et") || !kovit.FieldsOf(err).Has("period_end") {
			t.Errorf("bad report: %v", err)
		}
		if _, err := s.OpenReport(ctx, plan.Report{StrategyID: 999999, TitleEt: "x", PeriodStart: *planDay("2026-01-01"), PeriodEnd: *planDay("2026-12-31")}); !kovit.FieldsOf(err).Has("strategy_id") {
			t.Errorf("report of no strategy: %v", err)
		}
		r, err := s.OpenReport(ctx, plan.Report{StrategyID: st.ID, TitleEt: "2026. aasta aruanne", TitleEn: "Report for 2026",
			PeriodStart: *planDay("2026-01-01"), PeriodEnd: *planDay("2026-12-31")})
		if err != nil || r.Status != plan.ReportOpen || r.Frozen != nil || r.CreatedBy != "Kati Koordinaator" {
			t.Fatalf("open %+v %v", r, err)
		}
		done, err := s.CompleteReport(ctx, r.ID, r.Version)
		if err != nil || done.Status != plan.ReportComplete || done.Version != 2 || done.CompletedAt == nil || done.Frozen == nil {
			t.Fatalf("complete %+v %v", done, err)
		}
		frozen := *done.Frozen
		if n := frozen.Nodes[1]; n.ID != act.ID || n.LeadOrgEt != lead.NameEt || n.Progress == nil || *n.Progress != 0.5 || n.InternalNote != "sisemine" {
			t.Errorf("frozen activity %+v", n)
		}
		if i := frozen.Indicators[0]; i.Latest == nil || i.Latest.Value != 50 || len(i.Municipalities) != 2 || i.Municipalities[0].MunicipalityName == "" {
			t.Errorf("frozen indicator %+v", i)
		}
		if _, err := s.CompleteReport(ctx, r.ID, done.Version); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("completing twice: %v", err)
		}
		if err := s.DeleteReport(ctx, r.ID, done.Version); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("deleting a complete report: %v", err)
		}

		// The plan moves on: the frozen report does not.
		act.Status = plan.Done
		if _, err := s.UpdateNode(ctx, act); err != nil {
			t.Fatal(err)
		}
		lead.NameEt = "ELVL"
		if _, err := s.UpdateOrganisation(ctx, lead); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteNode(ctx, other.ID, other.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: ind.ID, MunicipalityEHAK: "0784", Value: 80, Date: *planDay("2026-11-01")}); err != nil {
			t.Fatal(err)
		}
		again, err := s.Report(ctx, r.ID)
		if err != nil || again.Frozen == nil {
			t.Fatalf("read back %+v %v", again, err)
		}
		if diff := cmp.Diff(frozen, *again.Frozen); diff != "" {
			t.Errorf("the frozen state changed (-at completion +now):\n%s", diff)
		}

		// A new report, open, shows the live state; compared with the frozen one it finds
		// every change.
		next, err := s.OpenReport(ctx, plan.Report{StrategyID: st.ID, TitleEt: "Vahearuanne", PeriodStart: *planDay("2026-01-01"), PeriodEnd: *planDay("2026-12-31")})
		if err != nil {
			t.Fatal(err)
		}
		live, err := s.LiveSnapshot(ctx, st.ID, next.PeriodEnd)
		if err != nil {
			t.Fatal(err)
		}
		c := plan.Compare(frozen, live)
		if len(c.StatusChanges) != 1 || c.StatusChanges[0].Node.ID != act.ID || c.StatusChanges[0].To != plan.Done {
			t.Errorf("status changes %+v", c.StatusChanges)
		}
		if len(c.Closed) != 1 || len(c.Removed) != 1 || c.Removed[0].ID != other.ID {
			t.Errorf("closed %+v removed %+v", c.Closed, c.Removed)
		}
		if len(c.IndicatorChanges) != 1 || c.IndicatorChanges[0].To.Value != 60 {
			t.Errorf("indicator changes %+v", c.IndicatorChanges)
		}
		list, total, err := s.ListReports(ctx, plan.ReportFilter{StrategyID: st.ID})
		if err != nil || total != 2 || len(list) != 2 || list[0].Frozen != nil {
			t.Fatalf("list %d %+v %v", total, list, err)
		}
		if err := s.DeleteReport(ctx, next.ID, next.Version); err != nil {
			t.Fatal(err)
		}
		if got := actions(events(t, s, "report", strconv.FormatInt(r.ID, 10))); !cmp.Equal(got, []string{"update", "create"}) {
			t.Errorf("audit %v", got)
		}
		if got := actions(events(t, s, "report", strconv.FormatInt(next.ID, 10))); !cmp.Equal(got, []string{"delete", "create"}) {
			t.Errorf("audit of the deleted %v", got)
		}
		// The public lists only reports of public strategies.
		draft, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "Mustand", StartYear: 2026, EndYear: 2030, Status: plan.Draft})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.OpenReport(ctx, plan.Report{StrategyID: draft.ID, TitleEt: "x", PeriodStart: *planDay("2026-01-01"), PeriodEnd: *planDay("2026-12-31")}); err != nil {
			t.Fatal(err)
		}
		if _, total, _ := s.ListReports(ctx, plan.ReportFilter{PublicOnly: true}); total != 1 {
			t.Errorf("public reports %d, want 1", total)
		}
	})
}
