package need

import (
	"fmt"
	"slices"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

func money(euros int64) *kovit.Money { m := kovit.Money(euros * 100); return &m }
func id(v int64) *int64              { return &v }

// fields returns the fields err names, or nil for no error.
func fields(err error) []string {
	var out []string
	for _, f := range kovit.FieldsOf(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestNeedValidate(t *testing.T) {
	good := Need{MunicipalityEHAK: "0793", Title: "Uus veebileht", Category: CatEService}
	good.Normalize()
	tests := []struct {
		name string
		edit func(*Need)
		want []string
	}{
		{"good", func(*Need) {}, nil},
		{"no title", func(n *Need) { n.Title = " " }, []string{"title"}},
		{"bad category", func(n *Need) { n.Category = "wish" }, []string{"category"}},
		{"negative cost", func(n *Need) { n.Cost = money(-1) }, []string{"cost"}},
		{"bad urgency", func(n *Need) { n.Urgency = "yesterday" }, []string{"urgency"}},
		{"bad email", func(n *Need) { n.ContactEmail = "mari" }, []string{"contact_email"}},
		{"no municipality", func(n *Need) { n.MunicipalityEHAK = "" }, []string{"municipality_ehak"}},
	}
	for _, tt := range tests {
		n := good
		tt.edit(&n)
		if got := fields(n.Validate()); !slices.Equal(got, tt.want) {
			t.Errorf("%s: fields %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNormalizeDropsRepeatedCodes(t *testing.T) {
	n := Need{ServiceCodes: []string{" SOC-001", "SOC-001", "", "EDU-002"}}
	n.Normalize()
	if !slices.Equal(n.ServiceCodes, []string{"SOC-001", "EDU-002"}) || n.State != Draft || n.Urgency != UrgencyMedium {
		t.Errorf("normalized: %+v", n)
	}
}

func TestTransitionCheck(t *testing.T) {
	tests := []struct {
		name  string
		from  State
		t     Transition
		who   Actor
		wantF []string
	}{
		{"submit draft", Draft, Transition{To: Submitted, Version: 1}, ByMunicipality, nil},
		{"resubmit returned", Returned, Transition{To: Submitted, Version: 1}, ByMunicipality, nil},
		{"review", Submitted, Transition{To: UnderReview, Version: 1}, ByCoordinator, nil},
		{"reject with reason", UnderReview, Transition{To: Rejected, Reason: "Pole IT", Version: 1}, ByCoordinator, nil},
		{"reject without reason", UnderReview, Transition{To: Rejected, Reason: "  ", Version: 1}, ByCoordinator, []string{"reason"}},
		{"return without reason", Submitted, Transition{To: Returned, Version: 1}, ByCoordinator, []string{"reason"}},
		{"duplicate without other", Submitted, Transition{To: Duplicate, Version: 1}, ByCoordinator, []string{"duplicate_of"}},
		{"duplicate of itself", Submitted, Transition{To: Duplicate, DuplicateOf: id(7), Version: 1}, ByCoordinator, []string{"duplicate_of"}},
		{"duplicate of another", Submitted, Transition{To: Duplicate, DuplicateOf: id(8), Version: 1}, ByCoordinator, nil},
		{"accept without consolidated", UnderReview, Transition{To: Accepted, Version: 1}, ByCoordinator, []string{"consolidated_id"}},
		{"accept into one", UnderReview, Transition{To: Accepted, ConsolidatedID: id(1), Version: 1}, ByCoordinator, nil},
		{"draft straight to funded", Draft, Transition{To: Funded, Version: 1}, "", []string{"to"}},
		{"unknown state", Draft, Transition{To: "lost", Version: 1}, "", []string{"to"}},
		{"done is final", Done, Transition{To: Draft, Version: 1}, "", []string{"to"}},
		{"no version", Draft, Transition{To: Submitted}, ByMunicipality, []string{"version"}},
	}
	for _, tt := range tests {
		who, err := tt.t.Check(Need{ID: 7, State: tt.from})
		if who != tt.who || !slices.Equal(fields(err), tt.wantF) {
			t.Errorf("%s: who %q fields %v, want %q %v", tt.name, who, fields(err), tt.who, tt.wantF)
		}
	}
}

func TestSummarize(t *testing.T) {
	needs := []Need{
		{ID: 3, MunicipalityEHAK: "0793", Cost: money(100), Urgency: UrgencyHigh},
		{ID: 1, MunicipalityEHAK: "0784", Cost: money(300), Urgency: UrgencyLow},
		{ID: 2, MunicipalityEHAK: "0793", Urgency: UrgencyCritical},
		{ID: 4, MunicipalityEHAK: "0296", Cost: money(200), Urgency: UrgencyMedium},
		{ID: 5, MunicipalityEHAK: "0296", Cost: money(1000), Urgency: UrgencyMedium},
	}
	f := Summarize(needs, map[string]int{"0793": 95000, "0784": 440000, "0296": 2000}, []string{"0793", "0784"})
	if !slices.Equal(f.Cohort, []string{"0296", "0784", "0793"}) || f.Population != 537000 {
		t.Errorf("cohort %v population %d", f.Cohort, f.Population)
	}
	if f.CostTotal != kovit.Money(160000) || f.CostMedian != kovit.Money(25000) {
		t.Errorf("cost total %v median %v, want 1600.00 and 250.00", f.CostTotal, f.CostMedian)
	}
	if f.Urgency != (3.0+1+4+2+2)/5 || !slices.Equal(f.NeedIDs, []int64{1, 2, 3, 4, 5}) || !slices.Equal(f.Endorsements, []string{"0784", "0793"}) {
		t.Errorf("figures %+v", f)
	}
	if e := Summarize(nil, nil, nil); e.CostMedian != 0 || e.Cohort == nil {
		t.Errorf("empty figures %+v", e)
	}
}

func TestRank(t *testing.T) {
	a := Consolidated{ID: 1, StrategyFit: 5, Figures: Figures{Cohort: []string{"a", "b", "c", "d"}, Population: 1000, CostTotal: 100000, Urgency: 2}}
	b := Consolidated{ID: 2, StrategyFit: 1, Figures: Figures{Cohort: []string{"a", "b"}, Population: 4000, CostTotal: 100000, Urgency: 4}}
	c := Consolidated{ID: 3, Figures: Figures{Cohort: []string{"a"}, Population: 500}} // no cost known
	got := Rank([]Consolidated{c, b, a}, Weights{Municipalities: 1, Population: 1, StrategyFit: 1, Urgency: 1, CostEfficiency: 1})
	order := []int64{got[0].Consolidated.ID, got[1].Consolidated.ID, got[2].Consolidated.ID}
	// a: 1 + .25 + 1 + .5 + .25 = 3.0; b: .5 + 1 + .2 + 1 + 1 = 3.7; c: .25 + .125 = .375.
	if !slices.Equal(order, []int64{2, 1, 3}) {
		t.Fatalf("order %v, want [2 1 3]", order)
	}
	if d := got[0].Score - 3.7/5; d > 1e-9 || d < -1e-9 {
		t.Errorf("score of b %.4f, want %.4f", got[0].Score, 3.7/5)
	}
	if got[0].Rank != 1 || len(got[0].Breakdown) != len(Criteria) || got[2].Breakdown[4].Normalized != 0 {
		t.Errorf("breakdown %+v", got)
	}
	// Only strategy fit counts: a first.
	got = Rank([]Consolidated{c, b, a}, Weights{StrategyFit: 2})
	if got[0].Consolidated.ID != 1 || got[0].Score != 1 {
		t.Errorf("strategy only: %+v", got[0])
	}
}

func TestWeightsValidate(t *testing.T) {
	if err := DefaultWeights().Validate(); err != nil {
		t.Error(err)
	}
	if got := fields(Weights{Population: -1}.Validate()); !slices.Equal(got, []string{"population", "municipalities"}) {
		t.Errorf("fields %v", got)
	}
}

func TestBudgetOf(t *testing.T) {
	ms := map[string]municipality.Municipality{
		"0784": {EHAK: "0784", Name: "Tallinn", Type: municipality.City, Population: 440000},
		"0296": {EHAK: "0296", Name: "Keila", Type: municipality.City, Population: 10000},
		"0198": {EHAK: "0198", Name: "Haljala vald", Type: municipality.Rural, Population: 4000},
	}
	m := Measure{ID: 9, Budget: 1_000_000, MaxGrant: 300_000, CoFinancing: 25,
		Eligibility: Eligibility{Types: []municipality.Type{municipality.City}, MaxPopulation: 100000}}
	b := BudgetOf(m, []Need{
		{MunicipalityEHAK: "0296", Cost: money(2000)},
		{MunicipalityEHAK: "0296", Cost: money(2000)}, // 4000 €: grant 3000 €, capped at 3000 €
		{MunicipalityEHAK: "0784", Cost: money(1000)}, // too large
		{MunicipalityEHAK: "0198", Cost: money(800)},  // rural
	}, ms)
	want := []BudgetLine{
		{"0198", "Haljala vald", false, []string{"need.ineligible.type"}, 80000, 0, 80000},
		{"0296", "Keila", true, []string{}, 400000, 300000, 100000},
		{"0784", "Tallinn", false, []string{"need.ineligible.too_large"}, 100000, 0, 100000},
	}
	for i, l := range b.Lines {
		if l.MunicipalityEHAK != want[i].MunicipalityEHAK || l.Grant != want[i].Grant || l.CoFinancing != want[i].CoFinancing ||
			l.Eligible != want[i].Eligible || !slices.Equal(l.Reasons, want[i].Reasons) {
			t.Errorf("line %d: %+v, want %+v", i, l, want[i])
		}
	}
	if b.Cost != 580000 || b.Grants != 300000 || b.Remaining != 700000 {
		t.Errorf("totals %+v", b)
	}
}

func TestMeasureValidate(t *testing.T) {
	good := Measure{Name: "Kohalike omavalitsuste digipööre", StartYear: 2021, EndYear: 2027, Budget: 100, CoFinancing: 15,
		OpensOn: "2026-01-01", ClosesOn: "2026-06-30"}
	good.Normalize()
	tests := []struct {
		name string
		edit func(*Measure)
		want []string
	}{
		{"good", func(*Measure) {}, nil},
		{"period backwards", func(m *Measure) { m.EndYear = 2020 }, []string{"end_year"}},
		{"co-financing over 100", func(m *Measure) { m.CoFinancing = 101 }, []string{"co_financing"}},
		{"closes before opens", func(m *Measure) { m.ClosesOn = "2025-12-31" }, []string{"closes_on"}},
		{"bad date", func(m *Measure) { m.OpensOn = "1.1.2026" }, []string{"opens_on"}},
		{"bad type", func(m *Measure) { m.Eligibility.Types = []municipality.Type{"küla"} }, []string{"eligibility.types"}},
		{"population bounds", func(m *Measure) { m.Eligibility.MinPopulation, m.Eligibility.MaxPopulation = 5000, 100 }, []string{"eligibility.max_population"}},
		{"bad status", func(m *Measure) { m.Status = "maybe" }, []string{"status"}},
	}
	for _, tt := range tests {
		m := good
		tt.edit(&m)
		if got := fields(m.Validate()); !slices.Equal(got, tt.want) {
			t.Errorf("%s: fields %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDashboardOf(t *testing.T) {
	ms := []municipality.Municipality{{EHAK: "0784", Name: "Tallinn"}, {EHAK: "0296", Name: "Keila"}, {EHAK: "0793", Name: "Tartu"}}
	r := Round{ID: 2}
	d := DashboardOf(r, ms, []Need{
		{MunicipalityEHAK: "0784", RoundID: id(2), State: Submitted},
		{MunicipalityEHAK: "0784", RoundID: id(2), State: Draft},
		{MunicipalityEHAK: "0296", RoundID: id(2), State: Draft},
		{MunicipalityEHAK: "0793", RoundID: id(1), State: Submitted}, // another round
		{MunicipalityEHAK: "0793", State: Submitted},                 // no round
	})
	if !slices.Equal(d.Missing, []string{"0296", "0793"}) || d.Rows[1].Name != "Tallinn" || d.Rows[1].Submitted != 1 || *d.Rows[1].Drafts != 1 {
		t.Errorf("dashboard %+v", d)
	}
}

func TestTransitionLinks(t *testing.T) {
	in := Need{ID: 1, ConsolidatedID: id(5)}
	tests := []struct {
		t         Transition
		dup, cons *int64
	}{
		{Transition{To: Duplicate, DuplicateOf: id(2)}, id(2), nil},
		{Transition{To: Accepted, ConsolidatedID: id(6)}, nil, id(6)},
		{Transition{To: Accepted}, nil, id(5)},
		{Transition{To: Funded}, nil, id(5)},
		{Transition{To: UnderReview}, nil, nil},
		{Transition{To: Rejected}, nil, nil},
	}
	for _, tt := range tests {
		dup, cons := tt.t.Links(in)
		if fmt.Sprint(deref(dup), deref(cons)) != fmt.Sprint(deref(tt.dup), deref(tt.cons)) {
			t.Errorf("%s: %v %v, want %v %v", tt.t.To, deref(dup), deref(cons), deref(tt.dup), deref(tt.cons))
		}
	}
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}
