package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"kovit/internal/kovit"
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
	// Now is the day the plan is seen from (default today): what is done lies before it,
	// what has not started after it, and no value is dated after it.
	Now time.Time
}

// BenchmarkPlan is the action-plan issue's benchmark: 1,000 activities in four levels, 20
// joint activities with all 79 municipalities and 5,000 indicator values.
var BenchmarkPlan = PlanShape{Goals: 5, Directions: 4, Activities: 50, Joint: 20, Values: 50, Seed: 1}

// goals are the plan's goals and their directions, with the kinds of subject their
// activities are about.
var goals = []struct {
	Et, En     string
	Directions [][2]string
	Kinds      []string
}{
	{"Elanikukesksed e-teenused", "Citizen-centred e-services", [][2]string{{"Teenuste taotlemine ühest kohast", "One place to apply"},
		{"Ligipääsetavad veebilehed", "Accessible websites"}, {"Mobiilsed teenused", "Mobile services"}, {"Teenuste disain elaniku vaates", "Service design"}},
		[]string{"service"}},
	{"Turvaline ja toimepidev IT-taristu", "Secure and resilient IT infrastructure", [][2]string{{"Küberturvalisus ja E-ITS", "Cyber security and E-ITS"},
		{"Varundus ja taasteplaanid", "Backups and recovery plans"}, {"Tööjaamad ja võrgud", "Workstations and networks"}, {"Pilveteenuste kasutus", "Use of cloud services"}},
		[]string{"infra", "system"}},
	{"Koosvõimelised andmed ja süsteemid", "Interoperable data and systems", [][2]string{{"Liidestused riigi registritega", "Links with state registers"},
		{"Dokumendihaldus ja arhiiv", "Records and archives"}, {"Avaandmed", "Open data"}, {"Andmepõhine juhtimine", "Data-driven management"}},
		[]string{"system"}},
	{"Digipädevad ametnikud", "Digitally skilled staff", [][2]string{{"Digioskuste koolitus", "Digital skills training"},
		{"Infoturbe teadlikkus", "Security awareness"}, {"IT-juhtide võrgustik", "IT managers' network"}, {"Andmekaitse", "Data protection"}},
		[]string{"skill"}},
	{"Ühised lahendused ja koostöö", "Shared solutions and cooperation", [][2]string{{"Ühishanked", "Joint procurement"},
		{"Jagatud IT-spetsialistid", "Shared IT specialists"}, {"Ühised tarkvaralitsentsid", "Shared software licences"}, {"Teadmiste jagamine", "Sharing knowledge"}},
		[]string{"system", "infra", "service"}},
}

// Plan writes an adopted synthetic strategy of shape and returns its id. Titles and
// descriptions are composed from municipal IT vocabulary (words.go); statuses, completion,
// dates and the municipalities' parts are drawn from the seed and agree with each other.
func Plan(ctx context.Context, s PlanStore, shape PlanShape) (int64, error) {
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return 0, err
	}
	now := shape.Now
	if now.IsZero() {
		now = time.Now()
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(shape.Seed, shape.Seed^0x9e3779b97f4a7c15))
	st, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: fmt.Sprintf("Omavalitsuste IKT tegevuskava %d–%d", today.Year()-2, today.Year()+3),
		TitleEn:       fmt.Sprintf("Local government ICT action plan %d–%d", today.Year()-2, today.Year()+3),
		DescriptionEt: "Omavalitsuste ühine kava e-teenuste, IT-taristu ja digioskuste arendamiseks.",
		StartYear:     today.Year() - 2, EndYear: today.Year() + 3, Status: plan.Adopted}.WithDefaults())
	if err != nil {
		return 0, err
	}
	counties := countyNames(ms)
	seen := map[string]int{}
	total := shape.Goals * shape.Directions * shape.Activities
	every := max(total/max(shape.Joint, 1), 1)
	count := 0
	for g := range shape.Goals {
		gw := goals[g%len(goals)]
		goal, err := s.CreateNode(ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: fmt.Sprint(g + 1),
			TitleEt: numbered(gw.Et, g/len(goals)), TitleEn: numbered(gw.En, g/len(goals))})
		if err != nil {
			return 0, err
		}
		for d := range shape.Directions {
			dw := gw.Directions[d%len(gw.Directions)]
			dir, err := s.CreateNode(ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Direction,
				Code: fmt.Sprintf("%d.%d", g+1, d+1), TitleEt: numbered(dw[0], d/len(gw.Directions)), TitleEn: numbered(dw[1], d/len(gw.Directions))})
			if err != nil {
				return 0, err
			}
			for a := range shape.Activities {
				n := activity(rng, today, gw.Kinds, counties, seen)
				n.StrategyID, n.ParentID, n.Code = st.ID, &dir.ID, fmt.Sprintf("%d.%d.%d", g+1, d+1, a+1)
				act, err := s.CreateNode(ctx, n)
				if err != nil {
					return 0, err
				}
				if count%every == 0 && count/every < shape.Joint {
					for _, m := range ms {
						if _, err := s.AddParticipant(ctx, participant(rng, act, m.EHAK)); err != nil {
							return 0, err
						}
					}
				}
				count++
			}
		}
	}
	if shape.Values > 0 {
		if err := indicatorValues(ctx, s, st, ms, shape.Values, today); err != nil {
			return 0, err
		}
	}
	return st.ID, nil
}

// activity draws one activity whose status, completion and dates agree: done work lies in
// the past at 100 %, work not started begins later at 0 %, delayed work is past its end.
func activity(rng *rand.Rand, today time.Time, kinds []string, counties []string, seen map[string]int) plan.Node {
	var pool []subject
	for _, s := range subjects {
		for _, k := range kinds {
			if s.Kind == k {
				pool = append(pool, s)
			}
		}
	}
	sub := pick(rng, pool)
	et, en := title(sub, pick(rng, actions[sub.Kind]))
	n := seen[et]
	seen[et]++
	if n > 0 { // the same work elsewhere: say where
		c := counties[(n-1)%len(counties)]
		et, en = et+" "+strings.Replace(c, "maakond", "maakonna", 1)+" omavalitsustes", en+" in "+c
		if n > len(counties) {
			et, en = numbered(et, (n-1)/len(counties)), numbered(en, (n-1)/len(counties))
		}
	}
	node := plan.Node{Kind: plan.Activity, TitleEt: et, TitleEn: en, DescriptionEt: description(rng, sub)}
	month := func(m int) *time.Time { d := today.AddDate(0, m, 0); return &d }
	switch r := rng.IntN(10); {
	case r < 2:
		node.Status, node.Completion, node.Start, node.End = plan.NotStarted, 0, month(1+rng.IntN(12)), month(13+rng.IntN(12))
	case r < 6:
		node.Status, node.Completion, node.Start, node.End = plan.InProgress, 10+rng.IntN(81), month(-1-rng.IntN(12)), month(3+rng.IntN(16))
	case r < 8:
		node.Status, node.Completion, node.Start, node.End = plan.Delayed, 5+rng.IntN(56), month(-6-rng.IntN(12)), month(-1-rng.IntN(3))
	default:
		node.Status, node.Completion, node.Start, node.End = plan.Done, 100, month(-18-rng.IntN(6)), month(-1-rng.IntN(6))
	}
	if rng.IntN(3) == 0 {
		planned := kovit.Money((5_000 + rng.IntN(195_000)) * 100)
		node.PlannedBudget = &planned
		if node.Status == plan.Done {
			actual := kovit.Money(float64(planned) * (0.8 + 0.4*rng.Float64()))
			node.ActualBudget = &actual
		}
	}
	return node
}

// participant is a municipality's part of a joint activity, agreeing with the activity:
// none has started one not started, all have finished one done.
func participant(rng *rand.Rand, act plan.Node, ehak string) plan.Participant {
	p := plan.Participant{ActivityID: act.ID, MunicipalityEHAK: ehak, Due: act.End}
	switch act.Status {
	case plan.NotStarted:
		p.Status = plan.NotStarted
	case plan.Done:
		p.Status, p.Completion = plan.Done, 100
	default:
		switch r := rng.IntN(10); {
		case r < 2:
			p.Status = plan.NotStarted
		case r < 6:
			p.Status, p.Completion = plan.InProgress, 10+rng.IntN(81)
		case r < 8:
			p.Status, p.Completion = plan.Delayed, 5+rng.IntN(56)
		default:
			p.Status, p.Completion = plan.Done, 100
		}
	}
	return p
}

// numbered marks the n-th repeat of a name: "Avaandmed (II)".
func numbered(s string, n int) string {
	if n == 0 {
		return s
	}
	return fmt.Sprintf("%s (%s)", s, strings.Repeat("I", n+1))
}

func countyNames(ms []municipality.Municipality) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range ms {
		if m.CountyName != "" && !seen[m.CountyName] {
			seen[m.CountyName] = true
			out = append(out, m.CountyName)
		}
	}
	if len(out) == 0 {
		out = []string{"Harju maakond"}
	}
	return out
}

// nationalIndicators are the plan's national indicators: all lower is better, falling from
// their first value towards the target.
var nationalIndicators = []struct {
	Et, En, Unit  string
	From, Towards float64
}{
	{"Keskmine taotluse menetlusaeg", "Average processing time of an application", "päeva", 21, 7},
	{"Paberil esitatud taotluste osakaal", "Share of applications on paper", "%", 45, 10},
	{"Aegunud tarkvaraga tööjaamade osakaal", "Share of workstations with outdated software", "%", 30, 5},
	{"Lahendamata IT-intsidentide arv", "Open IT incidents", "tk", 120, 40},
	{"Teenuste katkestuste kestus kuus", "Service outages per month", "tundi", 16, 4},
}

// indicatorValues writes the plan's indicators with targets at the plan's end and values
// up to today: the e-service share by municipality, Values reports a week apart from each,
// and five national ones, 4.2 × Values daily values each.
func indicatorValues(ctx context.Context, s PlanStore, st plan.Strategy, ms []municipality.Municipality, n int, today time.Time) error {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	end := time.Date(st.EndYear, 12, 31, 0, 0, 0, 0, time.UTC)
	first := today.AddDate(0, 0, -7*(n-1))
	mean, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Vähemalt 3. tasemel e-teenuste osakaal",
		NameEn: "Share of e-services at level 3 or above", Unit: "%", Better: plan.HigherIsBetter, Breakdown: plan.Mean,
		Targets: []plan.Point{{Value: 60, Date: time.Date(st.StartYear+3, 12, 31, 0, 0, 0, 0, time.UTC)}, {Value: 75, Date: end}}})
	if err != nil {
		return err
	}
	for i, m := range ms {
		base := 15 + 30*rng.Float64()
		for week := range n {
			v := math.Round(math.Min(base+float64(week)*0.4+float64(i%5), 100)*10) / 10
			if _, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: mean.ID, MunicipalityEHAK: m.EHAK, Value: v,
				Date: first.AddDate(0, 0, 7*week)}); err != nil {
				return err
			}
		}
	}
	days := 42 * n / 10
	for _, ni := range nationalIndicators {
		start := today.AddDate(0, 0, -(days - 1))
		ind, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: ni.Et, NameEn: ni.En, Unit: ni.Unit,
			Better: plan.LowerIsBetter, Baseline: &plan.Point{Value: ni.From, Date: start},
			Targets: []plan.Point{{Value: ni.Towards, Date: end}}})
		if err != nil {
			return err
		}
		for day := range days {
			// Halfway to the target by today, with day-to-day noise.
			v := ni.From - (ni.From-ni.Towards)*0.5*float64(day)/float64(max(days-1, 1)) + (rng.Float64()-0.5)*ni.From*0.1
			if _, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: ind.ID, Value: math.Round(math.Max(v, 0)*10) / 10,
				Date: start.AddDate(0, 0, day)}); err != nil {
				return err
			}
		}
	}
	return nil
}
