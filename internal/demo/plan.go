package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// PlanStore is what the action-plan generator needs.
type PlanStore interface {
	ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error)
	CreateStrategy(ctx context.Context, s plan.Strategy) (plan.Strategy, error)
	CreateNode(ctx context.Context, n plan.Node) (plan.Node, error)
	AddParticipant(ctx context.Context, p plan.Participant) (plan.Participant, error)
	CreateIndicator(ctx context.Context, i plan.Indicator) (plan.Indicator, error)
	AddMeasurement(ctx context.Context, m plan.Measurement) (plan.Measurement, error)
}

// PlanShape sizes a synthetic action plan.
type PlanShape struct {
	Goals, Directions, Activities int // directions per goal, activities per direction
	// Joint is how many activities, spread evenly, every municipality takes part in.
	Joint int
	// Values adds indicators: one broken down by municipality with Values reports from
	// each, and five national ones with 4.2 × Values values each (with 79 municipalities
	// and Values 50: 3,950 + 1,050 = 5,000 values).
	Values int
	Seed   uint64
}

// BenchmarkPlan is the action-plan issue's benchmark: 1,000 activities in four levels, 20
// joint activities with all 79 municipalities and 5,000 indicator values.
var BenchmarkPlan = PlanShape{Goals: 5, Directions: 4, Activities: 50, Joint: 20, Values: 50, Seed: 1}

// Plan writes an adopted synthetic strategy of shape and returns its id. Statuses,
// completion and the municipalities' parts are drawn from the seed; titles say what they are.
func Plan(ctx context.Context, s PlanStore, shape PlanShape) (int64, error) {
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return 0, err
	}
	rng := rand.New(rand.NewPCG(shape.Seed, shape.Seed^0x9e3779b97f4a7c15))
	st, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "Sünteetiline tegevuskava", TitleEn: "Synthetic action plan",
		StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
	if err != nil {
		return 0, err
	}
	statuses := []string{plan.NotStarted, plan.InProgress, plan.InProgress, plan.Delayed, plan.Done}
	node := func(parent *int64, kind plan.Kind, code string) (plan.Node, error) {
		n := plan.Node{StrategyID: st.ID, ParentID: parent, Kind: kind, Code: code, TitleEt: "Näidis " + code,
			TitleEn: "Sample " + code, InternalNote: "sünteetiline"}
		if kind == plan.Activity {
			n.Status, n.Completion = statuses[rng.IntN(len(statuses))], rng.IntN(101)
		}
		return s.CreateNode(ctx, n)
	}
	total := shape.Goals * shape.Directions * shape.Activities
	every := max(total/max(shape.Joint, 1), 1)
	count := 0
	for g := 1; g <= shape.Goals; g++ {
		goal, err := node(nil, plan.Goal, fmt.Sprint(g))
		if err != nil {
			return 0, err
		}
		for d := 1; d <= shape.Directions; d++ {
			dir, err := node(&goal.ID, plan.Direction, fmt.Sprintf("%d.%d", g, d))
			if err != nil {
				return 0, err
			}
			for a := 1; a <= shape.Activities; a++ {
				act, err := node(&dir.ID, plan.Activity, fmt.Sprintf("%d.%d.%d", g, d, a))
				if err != nil {
					return 0, err
				}
				if count%every == 0 && count/every < shape.Joint {
					for _, m := range ms {
						p := plan.Participant{ActivityID: act.ID, MunicipalityEHAK: m.EHAK, Status: statuses[rng.IntN(len(statuses))]}
						if _, err := s.AddParticipant(ctx, p); err != nil {
							return 0, err
						}
					}
				}
				count++
			}
		}
	}
	if shape.Values > 0 {
		if err := indicatorValues(ctx, s, st.ID, ms, shape.Values); err != nil {
			return 0, err
		}
	}
	return st.ID, nil
}

func indicatorValues(ctx context.Context, s PlanStore, id int64, ms []municipality.Municipality, n int) error {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mean, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: id, NameEt: "Näidisnäitaja omavalitsustes", Better: plan.HigherIsBetter, Breakdown: plan.Mean})
	if err != nil {
		return err
	}
	for week := range n {
		for i, m := range ms {
			if _, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: mean.ID, MunicipalityEHAK: m.EHAK, Value: float64(i + week),
				Date: start.AddDate(0, 0, 7*week)}); err != nil {
				return err
			}
		}
	}
	for k := range 5 {
		ind, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: id, NameEt: fmt.Sprint("Näidisnäitaja ", k+1), Better: plan.LowerIsBetter,
			Targets: []plan.Point{{Value: 1, Date: start.AddDate(4, 0, 0)}}})
		if err != nil {
			return err
		}
		for day := range 42 * n / 10 {
			if _, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: ind.ID, Value: float64(day), Date: start.AddDate(0, 0, day)}); err != nil {
				return err
			}
		}
	}
	return nil
}
