package security

import (
	"fmt"
	"math"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

func problems(err error) string {
	if err == nil {
		return ""
	}
	return fmt.Sprint(kovit.FieldsOf(err))
}

func TestAnswerRules(t *testing.T) {
	ok := func(a Answer) Answer { a.ModuleCode = "ISMS.1"; a.Applies = true; return a }
	for name, c := range map[string]struct {
		a     Answer
		field string // "" when valid
	}{
		"left out without a reason":   {Answer{ModuleCode: "ISMS.1"}, "excluded_reason"},
		"left out with a reason":      {Answer{ModuleCode: "ISMS.1", ExcludedReason: "Serverit pole"}, ""},
		"chosen, not answered":        {ok(Answer{Assignee: "Mari"}), ""},
		"measure without a status":    {ok(Answer{MeasureCode: "ISMS.1.M1"}), "status"},
		"measure of another module":   {ok(Answer{MeasureCode: "ORP.1.M1", Status: Implemented, Evidence: "x"}), "measure_code"},
		"unknown status":              {ok(Answer{Status: "done"}), "status"},
		"implemented without proof":   {ok(Answer{Status: Implemented}), "evidence"},
		"implemented with a note":     {ok(Answer{Status: Implemented, Evidence: "Kord kinnitatud 2025"}), ""},
		"implemented with a bad link": {ok(Answer{Status: Implemented, Evidence: "https://"}), "evidence"},
		"not applicable, no reason":   {ok(Answer{Status: NotApplicable}), "justification"},
		"not implemented, no reason":  {ok(Answer{Status: NotImplemented, Owner: "Mari", Due: "2027-01-01"}), "justification"},
		"partly without an owner":     {ok(Answer{Status: Partly, Due: "2027-01-01"}), "owner"},
		"partly without a due date":   {ok(Answer{Status: Partly, Owner: "Mari"}), "due"},
		"partly with a bad due date":  {ok(Answer{Status: Partly, Owner: "Mari", Due: "31.02.2027"}), "due"},
		"partly, complete":            {ok(Answer{Status: Partly, Owner: "Mari", Due: "2027-01-01"}), ""},
		"bad module code":             {Answer{ModuleCode: "isms 1", Applies: true}, "module_code"},
	} {
		a := c.a
		a.Normalize()
		err := a.Validate()
		if c.field == "" && err != nil || c.field != "" && !kovit.FieldsOf(err).Has(c.field) {
			t.Errorf("%s: %s, want a problem with %q", name, problems(err), c.field)
		}
	}
	// A module left out keeps no status; a finished status no owner.
	a := Answer{ModuleCode: "ISMS.1", ExcludedReason: "x", Status: Implemented, Owner: "Mari"}
	a.Normalize()
	if a.Status != "" || a.Owner != "" {
		t.Errorf("normalised: %+v", a)
	}
}

func TestRoundDatesAndPhases(t *testing.T) {
	r := Round{Title: "E-ITS 2026", Year: 2023, Deadline: "2026-03-31", CorrectionUntil: "2026-04-30", PublishOn: "2026-05-15"}
	if err := r.Validate([]int{2023}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		change func(*Round)
		field  string
	}{
		{func(r *Round) { r.Year = 2019 }, "year"},
		{func(r *Round) { r.CorrectionUntil = "2026-03-01" }, "correction_until"},
		{func(r *Round) { r.PublishOn = "2026-04-30" }, "publish_on"},
		{func(r *Round) { r.Deadline = "31.03.2026" }, "deadline"},
		{func(r *Round) { r.Title = "" }, "title"},
	} {
		bad := r
		c.change(&bad)
		if err := bad.Validate([]int{2023}); !kovit.FieldsOf(err).Has(c.field) {
			t.Errorf("want a problem with %s: %s", c.field, problems(err))
		}
	}
	for day, want := range map[string]Phase{"2026-03-31": Answering, "2026-04-01": Correcting, "2026-04-30": Correcting,
		"2026-05-01": Closed, "2026-05-15": Published} {
		if got := r.PhaseOn(day); got != want {
			t.Errorf("%s: %s, want %s", day, got, want)
		}
	}
	if r.Writable("2026-05-01") || !r.Writable("2026-04-30") {
		t.Error("writable outside the window or not within it")
	}
}

func TestFigures(t *testing.T) {
	modules := []Module{{Code: "ISMS", Header: true}, {Code: "ISMS.1"}, {Code: "ORP.3"}, {Code: "CON.3"}}
	// Module level: ISMS.1 implemented, ORP.3 left out, CON.3 unanswered.
	f := FiguresOf(modules, nil, []Answer{
		{ModuleCode: "ISMS.1", Applies: true, Status: Implemented},
		{ModuleCode: "ORP.3", ExcludedReason: "x"},
	})
	if f.Modules != 2 || f.Excluded != 1 || f.Basic != 2 || f.Implemented != 1 || f.Share != 0.5 {
		t.Errorf("module level: %+v", f)
	}
	measures := []Measure{{Code: "ISMS.1.M1", ModuleCode: "ISMS.1", Tier: Basic}, {Code: "ISMS.1.M2", ModuleCode: "ISMS.1", Tier: Basic},
		{Code: "ISMS.1.M3", ModuleCode: "ISMS.1", Tier: High}, {Code: "CON.3.M1", ModuleCode: "CON.3", Tier: Basic}}
	f = FiguresOf(modules, measures, []Answer{
		{ModuleCode: "ISMS.1", MeasureCode: "ISMS.1.M1", Applies: true, Status: Implemented, Prefilled: true},
		{ModuleCode: "ISMS.1", MeasureCode: "ISMS.1.M3", Applies: true, Status: Implemented},
		{ModuleCode: "CON.3", MeasureCode: "CON.3.M1", Applies: true, Status: NotApplicable},
	})
	// Basic of ISMS.1: 2 (one implemented); CON.3's only basic one is not applicable.
	if f.Basic != 2 || f.Implemented != 1 || f.Share != 0.5 || f.Prefilled != 1 {
		t.Errorf("measure level: %+v", f)
	}
}

func TestAggregatesHideSmallGroups(t *testing.T) {
	var ms []municipality.Municipality
	shares := map[string]float64{}
	for i := range 7 {
		county := "0037"
		if i >= 5 {
			county = "0079" // two in Tartu county: too few to publish
		}
		m := municipality.Municipality{EHAK: fmt.Sprintf("%04d", i), Type: municipality.Rural, Population: 3000, CountyEHAK: county}
		ms = append(ms, m)
		shares[m.EHAK] = float64(i) / 10
	}
	ms = append(ms, municipality.Municipality{EHAK: "9999", Type: municipality.City, Population: 3000, CountyEHAK: "0037"}) // no answers
	got := Aggregates(shares, ms)
	keys := map[string]Spread{}
	for _, s := range got {
		keys[s.Group+":"+s.Key] = s
	}
	if len(got) != 4 {
		t.Fatalf("groups %v", keys)
	}
	if c := keys["country:"]; c.Count != 7 || c.Min != 0 || c.Max != 0.6 || c.Median != 0.3 || math.Abs(c.Q1-0.15) > 1e-9 {
		t.Errorf("country: %+v", c)
	}
	if _, ok := keys["county:0079"]; ok {
		t.Error("a group of two is published")
	}
	if c := keys["county:0037"]; c.Count != 5 {
		t.Errorf("Harju: %+v", c)
	}
}

func TestCheckImport(t *testing.T) {
	modules := []Module{{Year: 2023, Code: "ISMS.1"}}
	good := Measure{Year: 2023, ID: "1", Code: "ISMS.1.M1", ModuleCode: "ISMS.1", Title: "x", Tier: Basic}
	if err := CheckImport(2023, modules, []Measure{good}); err != nil {
		t.Fatal(err)
	}
	other := good
	other.Code, other.ModuleCode = "ORP.1.M1", "ORP.1"
	for name, c := range map[string]struct {
		ms    []Measure
		field string
	}{
		"none":           {nil, "measures"},
		"twice":          {[]Measure{good, good}, "measures[1].code"},
		"unknown module": {[]Measure{other}, "measures[0].code"},
	} {
		if err := CheckImport(2023, modules, c.ms); !kovit.FieldsOf(err).Has(c.field) {
			t.Errorf("%s: %s", name, problems(err))
		}
	}
}

func TestMaturityLevelsAndBottleneck(t *testing.T) {
	criteria := DefaultMaturityCriteria()
	for i := range criteria {
		criteria[i].ID = int64(i + 1)
	}
	// governance.1 and .2 met, .3 not; staffing.2 met but not .1; budget all three.
	met := []int64{1, 2, 5, 7, 8, 9}
	got := map[string]AreaLevel{}
	for _, al := range MaturityOf(criteria, met) {
		got[al.Area] = al
	}
	if g := got["governance"]; g.Level != 2 || g.Max != 3 || len(g.Bottleneck) != 1 || g.Bottleneck[0].Code != "governance.3" {
		t.Errorf("governance %+v", g)
	}
	if s := got["staffing"]; s.Level != 0 || len(s.Bottleneck) != 1 || s.Bottleneck[0].Code != "staffing.1" {
		t.Errorf("staffing %+v", s)
	}
	if b := got["budget"]; b.Level != 3 || len(b.Bottleneck) != 0 {
		t.Errorf("budget %+v", b)
	}
	if len(got) != 7 {
		t.Errorf("%d areas", len(got))
	}
	if CheckMet(criteria, []int64{99}) == nil || CheckMet(criteria, met) != nil {
		t.Error("CheckMet")
	}
}
