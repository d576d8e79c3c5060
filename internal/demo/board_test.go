package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"kovit/internal/demo"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestDemoCoherent generates a whole demo database, on both engines, and checks what a
// board would notice: it is marked synthetic; every module has something; its texts are
// composed from municipal IT words; an activity not started is at 0 % and one done at
// 100 %, its municipalities' parts too; each municipality's median today is the one its
// history ends with; and nothing is dated after today.
func TestDemoCoherent(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)
		s.Now = func() time.Time { return now }
		if err := demo.Generate(ctx, s, demo.Options{Months: 3, Seed: 3, Now: now}); err != nil {
			t.Fatal(err)
		}
		id, err := demo.Plan(ctx, s, demo.PlanShape{Goals: 2, Directions: 2, Activities: 12, Joint: 3, Values: 3, Seed: 3, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Needs(ctx, s, demo.NeedShape{Needs: 60, Submitted: 40, Groups: 6, PerGroup: 4, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		if err := demo.Board(ctx, s, demo.BoardOptions{StrategyID: id, Seed: 3, Now: now}); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Setting(ctx, demo.SyntheticSetting); v != "true" {
			t.Error("the demo database is not marked synthetic")
		}
		checkPlanCoherent(t, s, id, now)
		checkMediansCoherent(t, s, now)
		checkNeedsCoherent(t, s)
	})
}

func checkPlanCoherent(t *testing.T, s *sqlstore.Store, id int64, now time.Time) {
	ctx := context.Background()
	tree, err := s.StrategyTree(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	progress := plan.Rollup(tree)
	statuses, updates := map[string]int{}, 0
	for _, n := range tree.Nodes {
		if n.Kind != plan.Activity {
			continue
		}
		statuses[n.Status]++
		if !demo.Composed(n.TitleEt) || n.TitleEn == "" || !strings.HasSuffix(n.DescriptionEt, ".") {
			t.Errorf("activity %s reads %q / %q: %q", n.Code, n.TitleEt, n.TitleEn, n.DescriptionEt)
		}
		switch n.Status {
		case plan.NotStarted:
			if n.Completion != 0 || progress[n.ID] != 0 || n.Start == nil || !n.Start.After(now) {
				t.Errorf("activity %s not started: %d %%, progress %v, start %v", n.Code, n.Completion, progress[n.ID], n.Start)
			}
		case plan.Done:
			if n.Completion != 100 || progress[n.ID] != 1 || n.End == nil || n.End.After(now) {
				t.Errorf("activity %s done: %d %%, progress %v, end %v", n.Code, n.Completion, progress[n.ID], n.End)
			}
		}
		ups, err := s.ProgressUpdates(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range ups {
			updates++
			if u.Date.After(now) || (n.Start != nil && u.Date.Before(*n.Start)) {
				t.Errorf("activity %s has an update of %s", n.Code, u.Date.Format(time.DateOnly))
			}
		}
	}
	if statuses[plan.NotStarted] == 0 || statuses[plan.Done] == 0 || statuses[plan.InProgress] == 0 || updates == 0 {
		t.Errorf("statuses %v, %d progress updates", statuses, updates)
	}
	byID := map[int64]plan.Node{}
	for _, n := range tree.Nodes {
		byID[n.ID] = n
	}
	for _, p := range tree.Participants {
		a := byID[p.ActivityID]
		if (a.Status == plan.NotStarted && (p.Status != plan.NotStarted || p.Completion != 0)) ||
			(a.Status == plan.Done && (p.Status != plan.Done || p.Completion != 100)) ||
			(p.Status == plan.NotStarted && p.Completion != 0) {
			t.Errorf("%s's part of %s (%s) is %s at %d %%", p.MunicipalityEHAK, a.Code, a.Status, p.Status, p.Completion)
		}
	}
	targets := 0
	for _, ind := range tree.Indicators {
		targets += len(ind.Targets)
		if ind.NameEt == "" || ind.Unit == "" || strings.Contains(ind.NameEt, "Näidis") {
			t.Errorf("indicator %+v", ind)
		}
		ms, err := s.Measurements(ctx, ind.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Date.After(now) {
				t.Fatalf("indicator %q has a value of %s", ind.NameEt, m.Date.Format(time.DateOnly))
			}
		}
	}
	if targets < len(tree.Indicators) || len(tree.Indicators) == 0 {
		t.Errorf("%d targets on %d indicators", targets, len(tree.Indicators))
	}
	reports, _, err := s.ListReports(ctx, plan.ReportFilter{StrategyID: id, Limit: 10})
	if err != nil || len(reports) != 2 {
		t.Fatalf("reports %+v %v", reports, err)
	}
	for _, r := range reports {
		full, err := s.Report(ctx, r.ID)
		if err != nil || full.Status != plan.ReportComplete || full.Frozen == nil || full.PeriodEnd.After(now) {
			t.Errorf("report %q: %s, frozen %v, ends %s (%v)", r.TitleEt, full.Status, full.Frozen != nil, full.PeriodEnd.Format(time.DateOnly), err)
		}
	}
}

// checkMediansCoherent: each municipality's median level today, as its e-service page
// shows it, is the last value of its median history; no snapshot is of a month to come.
func checkMediansCoherent(t *testing.T, s *sqlstore.Store, now time.Time) {
	ctx := context.Background()
	cells, err := s.Cells(ctx, eservice.CellFilter{})
	if err != nil {
		t.Fatal(err)
	}
	services, err := s.ListServices(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	months, err := s.SnapshotMonths(ctx)
	if err != nil || len(months) != 3 || months[len(months)-1] >= now.Format("2006-01") {
		t.Fatalf("snapshot months %v %v", months, err)
	}
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	grid := eservice.NewGrid(cells)
	for _, m := range ms {
		snaps, err := s.MunicipalitySnapshots(ctx, m.EHAK)
		if err != nil {
			t.Fatal(err)
		}
		history := eservice.MedianHistory(months, snaps, services)
		if today := grid.MunicipalityStatsOf(m.EHAK, services).Median; len(history) == 0 || history[len(history)-1].Value != today {
			t.Errorf("%s: median %v today, history %v", m.Name, today, history)
		}
	}
	for _, c := range cells {
		if c.UpdatedAt.After(now) {
			t.Fatalf("cell %s/%s changed at %s", c.MunicipalityEHAK, c.ServiceCode, c.UpdatedAt)
		}
	}
}

func checkNeedsCoherent(t *testing.T, s *sqlstore.Store) {
	ctx := context.Background()
	needs, _, err := s.ListNeeds(ctx, need.Filter{Limit: need.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range needs {
		if !demo.Composed(n.Title) || strings.Contains(n.Description, "Näidis") || !strings.HasSuffix(n.Description, ".") {
			t.Errorf("need %d reads %q: %q", n.ID, n.Title, n.Description)
		}
	}
	measures, err := s.ListMeasures(ctx, need.MeasureFilter{})
	if err != nil || len(measures) != 3 {
		t.Fatalf("measures %+v %v", measures, err)
	}
	cs, err := s.ListConsolidated(ctx, need.ConsolidatedFilter{})
	if err != nil {
		t.Fatal(err)
	}
	mapped, projects := 0, 0
	for _, c := range cs {
		if !demo.Composed(c.Title) {
			t.Errorf("consolidated need %q", c.Title)
		}
		if c.MeasureID != nil {
			mapped++
		}
		ps, err := s.Projects(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			projects++
			if c.MeasureID == nil || p.ActivityID == nil {
				t.Errorf("project %q of %q: measure %v, activity %v", p.Name, c.Title, c.MeasureID, p.ActivityID)
			}
		}
	}
	if mapped == 0 || projects == 0 {
		t.Errorf("%d consolidated needs mapped to a measure, %d projects", mapped, projects)
	}
}
