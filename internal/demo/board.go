package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// BoardStore is what Board needs: the modules a board is shown besides the matrix.
type BoardStore interface {
	ListConsolidated(ctx context.Context, f need.ConsolidatedFilter) ([]need.Consolidated, error)
	CreateMeasure(ctx context.Context, m need.Measure) (need.Measure, error)
	MapToMeasure(ctx context.Context, consolidatedID int64, measureID *int64, version int) (need.Consolidated, error)
	CreateProject(ctx context.Context, p need.Project) (need.Project, error)
	StrategyTree(ctx context.Context, id int64) (plan.Tree, error)
	PostProgressUpdate(ctx context.Context, u plan.ProgressUpdate) (plan.ProgressUpdate, error)
	OpenReport(ctx context.Context, r plan.Report) (plan.Report, error)
	CompleteReport(ctx context.Context, id int64, version int) (plan.Report, error)
}

// BoardOptions say what Board builds on.
type BoardOptions struct {
	StrategyID int64 // the plan Plan wrote, or 0 for none
	Seed       uint64
	Now        time.Time // default now; nothing is dated after it
	// Updates caps the activities that get progress updates (default 150).
	Updates int
}

// Board fills what Plan and Needs leave empty, so that every module has something to
// show: support measures with the consolidated needs mapped to them, projects carrying
// consolidated needs out (linked to the plan's activities), progress updates on the
// activities under way, and the last two half-years' reports, completed and frozen.
func Board(ctx context.Context, s BoardStore, o BoardOptions) error {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Updates == 0 {
		o.Updates = 150
	}
	today := time.Date(o.Now.Year(), o.Now.Month(), o.Now.Day(), 0, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x51ed2701a1b2c3d4))
	var activities []plan.Node
	if o.StrategyID != 0 {
		tree, err := s.StrategyTree(ctx, o.StrategyID)
		if err != nil {
			return err
		}
		for _, n := range tree.Nodes {
			if n.Kind == plan.Activity {
				activities = append(activities, n)
			}
		}
		if err := progressUpdates(ctx, s, rng, activities, today, o.Updates); err != nil {
			return err
		}
		if err := halfYearReports(ctx, s, o.StrategyID, today); err != nil {
			return err
		}
	}
	measures, err := measures(ctx, s, today)
	if err != nil {
		return err
	}
	return fund(ctx, s, measures, activities)
}

// progressUpdates posts one to three updates on activities under way, delayed or done,
// dated between their start and today, in the words their status calls for.
func progressUpdates(ctx context.Context, s BoardStore, rng *rand.Rand, acts []plan.Node, today time.Time, limit int) error {
	posted := 0
	for _, a := range acts {
		notes := progressNotes[a.Status]
		if len(notes) == 0 || a.Start == nil || !a.Start.Before(today) || posted >= limit {
			continue
		}
		end := today
		if a.End != nil && a.End.Before(end) {
			end = *a.End
		}
		span := max(int(end.Sub(*a.Start).Hours()/24), 1)
		for k := range 1 + rng.IntN(3) {
			day := a.Start.AddDate(0, 0, span*(k+1)/4)
			if _, err := s.PostProgressUpdate(ctx, plan.ProgressUpdate{ActivityID: a.ID, Body: pick(rng, notes), Date: day}); err != nil {
				return fmt.Errorf("demo: progress update on %d: %w", a.ID, err)
			}
		}
		posted++
	}
	return nil
}

// halfYearReports opens and completes the reports of the last two finished half-years.
func halfYearReports(ctx context.Context, s BoardStore, strategyID int64, today time.Time) error {
	y, half := today.Year()-1, 2 // the last half-year that has ended
	if today.Month() > time.June {
		y, half = today.Year(), 1
	}
	var periods [][2]time.Time
	var titles [][2]string
	for range 2 {
		start := time.Date(y, time.Month(1+6*(half-1)), 1, 0, 0, 0, 0, time.UTC)
		periods = append([][2]time.Time{{start, start.AddDate(0, 6, -1)}}, periods...)
		roman := map[int]string{1: "I", 2: "II"}[half]
		titles = append([][2]string{{fmt.Sprintf("%d. aasta %s poolaasta aruanne", y, roman),
			fmt.Sprintf("Report for the %s half of %d", map[int]string{1: "first", 2: "second"}[half], y)}}, titles...)
		if half == 1 {
			y, half = y-1, 2
		} else {
			half = 1
		}
	}
	for i, p := range periods {
		r, err := s.OpenReport(ctx, plan.Report{StrategyID: strategyID, TitleEt: titles[i][0], TitleEn: titles[i][1],
			PeriodStart: p[0], PeriodEnd: p[1]})
		if err != nil {
			return err
		}
		if _, err := s.CompleteReport(ctx, r.ID, r.Version); err != nil {
			return err
		}
	}
	return nil
}

// measures writes three support measures a municipality's IT might be funded from: one
// open for applications now, one in preparation, one proposed by the association.
func measures(ctx context.Context, s BoardStore, today time.Time) ([]need.Measure, error) {
	eur := func(n int) kovit.Money { return kovit.Money(n * 100) }
	day := func(months int) string { return today.AddDate(0, months, 0).Format(time.DateOnly) }
	list := []need.Measure{
		{Name: "Kohaliku omavalitsuse digipöörde toetus", Funder: "Euroopa Regionaalarengu Fond Rahandusministeeriumi kaudu",
			Description: "Toetatakse e-teenuste arendamist, ühiste infosüsteemide kasutuselevõttu ja dokumendihalduse kaasajastamist.",
			StartYear:   today.Year() - 1, EndYear: today.Year() + 2, Budget: eur(6_000_000), MaxGrant: eur(200_000), CoFinancing: 15,
			OpensOn: day(-2), ClosesOn: day(3), Status: need.MeasureOpen, Published: true,
			Eligibility: need.Eligibility{Categories: []need.Category{need.CatEService, need.CatSharedSystem, need.CatRecords}}},
		{Name: "Küberturvalisuse tõhustamise meede", Funder: "Riigi Infosüsteemi Amet",
			Description: "Toetatakse E-ITS-i rakendamist, varundust ja tööjaamade turvalisuse tõstmist.",
			StartYear:   today.Year(), EndYear: today.Year() + 1, Budget: eur(1_500_000), MaxGrant: eur(50_000), CoFinancing: 10,
			Status: need.MeasurePreparation, Published: true,
			Eligibility: need.Eligibility{Categories: []need.Category{need.CatSecurity, need.CatInfrastructure}}},
		{Name: "Ametnike digioskuste arendamise programm", Funder: "Riigikantselei",
			Description: "Ettepanek ühiseks koolitusprogrammiks, mida omavalitsused saavad kasutada tasuta.",
			StartYear:   today.Year() + 1, EndYear: today.Year() + 3, Budget: eur(400_000), Status: need.MeasureProposed,
			Eligibility: need.Eligibility{Categories: []need.Category{need.CatTraining, need.CatOther}}},
	}
	for i, m := range list {
		var err error
		if list[i], err = s.CreateMeasure(ctx, m); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// fund maps every other consolidated need to the measure that funds its category and
// starts a project for every third one mapped, linked to an activity of the plan on the
// same subject where there is one, its state following the activity's.
func fund(ctx context.Context, s BoardStore, ms []need.Measure, acts []plan.Node) error {
	cs, err := s.ListConsolidated(ctx, need.ConsolidatedFilter{})
	if err != nil {
		return err
	}
	mapped := 0
	for i, c := range cs {
		if i%2 == 1 {
			continue
		}
		var measure *int64
		for _, m := range ms {
			if m.Eligibility.Funds(c.Category) {
				measure = &m.ID
				break
			}
		}
		if measure == nil {
			continue
		}
		if c, err = s.MapToMeasure(ctx, c.ID, measure, c.Version); err != nil {
			return err
		}
		mapped++
		if mapped%3 != 1 {
			continue
		}
		p := need.Project{ConsolidatedID: c.ID, Name: c.Title + ": I etapp", Status: need.ProjectPlanned}
		if len(acts) > 0 {
			a := acts[(mapped*7)%len(acts)]
			subject, _, _ := strings.Cut(c.Title, " ühine arendus")
			for _, o := range acts {
				if strings.HasPrefix(o.TitleEt, subject+" ") {
					a = o
					break
				}
			}
			p.ActivityID = &a.ID
			switch a.Status {
			case plan.Done:
				p.Status = need.ProjectDone
			case plan.InProgress, plan.Delayed:
				p.Status = need.ProjectInProgress
			}
		}
		if _, err := s.CreateProject(ctx, p); err != nil {
			return err
		}
	}
	return nil
}
