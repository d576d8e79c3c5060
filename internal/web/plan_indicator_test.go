package web

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

func sampleIndicator() plan.Indicator {
	one := int64(1)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	return plan.Indicator{ID: 7, StrategyID: 1, NodeID: &one, NameEt: "Andmekaitsespetsialistiga omavalitsused", Unit: "%",
		Better: plan.HigherIsBetter, Baseline: &plan.Point{Value: 40, Date: day("2025-01-01")}, Breakdown: plan.Share,
		Targets: []plan.Point{{Value: 60, Date: day("2026-12-31")}, {Value: 90, Date: day("2030-12-31")}}, Version: 3,
		FromMatrix: &plan.MatrixSource{ServiceCode: "SOC-001", Level: 3}}
}

func sampleIndicatorRows(t plan.Tree) []indicatorRow {
	ind := sampleIndicator()
	latest := plan.Point{Value: 45.5, Date: ind.Baseline.Date.AddDate(1, 0, 0)}
	return []indicatorRow{{I: ind, Node: &t.Nodes[0], Latest: &latest, Next: &ind.Targets[0]}, {I: plan.Indicator{ID: 8, NameEn: "Only English"}}}
}

func sampleIndicatorPage(pp planPage, t plan.Tree, problems kovit.Problems) planIndicatorPage {
	ind := sampleIndicator()
	ind.FromMatrix = nil // so the value form shows
	ms := []plan.Measurement{
		{ID: 1, IndicatorID: 7, MunicipalityEHAK: "0793", Value: 1, Date: ind.Baseline.Date.AddDate(0, 6, 0), Source: "Küsitlus", Note: "märkus", Version: 1},
		{ID: 2, IndicatorID: 7, MunicipalityEHAK: "0784", Value: 0, Date: ind.Baseline.Date.AddDate(1, 0, 0), Version: 1},
	}
	names := map[string]string{"0793": "Tartu linn", "0784": "Tallinn"}
	p := planIndicatorPage{planPage: pp, S: t.Strategy, I: ind, Node: &t.Nodes[0], Names: names, Values: ms,
		Municipalities: []municipality.Municipality{sampleTartu(), {EHAK: "0784", Name: "Tallinn"}}, Nodes: t.Nodes[:1],
		CanEdit: true, Edit: inputOf(ind), Form: form{Problems: problems, Message: "conflict"}, ValueForm: form{Problems: problems},
		NewValue: measurementInput{Value: "1,5", Date: "31.12.2026", Municipality: "0793"}}
	series := ind.Series(ms, 79)
	p.National = &series[len(series)-1]
	p.Chart, p.Points = p.indicatorChart(series), chartRows(ind, series)
	p.ByMunicipality = latestByMunicipality(ms, names)
	p.Pager = newPager("/plan/indicators/7", nil, 120, valuesPerPage, 50)
	return p
}

func TestChartRows(t *testing.T) {
	ind := sampleIndicator()
	ind.Targets = append(ind.Targets, plan.Point{Value: 50, Date: ind.Baseline.Date.AddDate(1, 0, 0)})
	series := []plan.Point{{Value: 45, Date: ind.Baseline.Date.AddDate(1, 0, 0)}}
	type row struct {
		Date             string
		Value, Target    float64
		Baseline, HasTgt bool
	}
	var got []row
	for _, r := range chartRows(ind, series) {
		x := row{Date: r.Date.Format(time.DateOnly), Baseline: r.Baseline, HasTgt: r.Target != nil}
		if r.Value != nil {
			x.Value = *r.Value
		}
		if r.Target != nil {
			x.Target = *r.Target
		}
		got = append(got, x)
	}
	want := []row{
		{Date: "2025-01-01", Value: 40, Baseline: true},
		{Date: "2026-01-01", Value: 45, Target: 50, HasTgt: true}, // a target on a measured date shares its row
		{Date: "2026-12-31", Target: 60, HasTgt: true},
		{Date: "2030-12-31", Target: 90, HasTgt: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestNextTargetAndAncestors(t *testing.T) {
	ind := sampleIndicator()
	for today, want := range map[string]float64{"2026-06-01": 60, "2026-12-31": 60, "2027-01-01": 90, "2031-01-01": 0} {
		d, _ := time.Parse(time.DateOnly, today)
		got := nextTarget(ind, d.Add(15*time.Hour))
		if (got == nil) != (want == 0) || got != nil && got.Value != want {
			t.Errorf("%s: next target %v, want %v", today, got, want)
		}
	}
	tr := sampleTree()
	other := int64(99)
	tr.Indicators = []plan.Indicator{ind, {ID: 8, NodeID: &other}, {ID: 9}}
	if got := ancestorIndicators(tr, tr.Nodes[1]); len(got) != 1 || got[0].ID != 7 {
		t.Errorf("indicators above the activity: %+v", got)
	}
}
