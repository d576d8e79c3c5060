package landscape

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
	"kovit/internal/tabular/tabulartest"
)

func fields(err error) []string {
	var out []string
	for _, f := range kovit.FieldsOf(err) {
		out = append(out, f.Field)
	}
	slices.Sort(out)
	return out
}

func TestSolutionValidate(t *testing.T) {
	ok := Solution{Name: "Amphora", Kind: KindCommercial}
	for _, c := range []struct {
		name string
		edit func(*Solution)
		want []string
	}{
		{"valid", func(*Solution) {}, nil},
		{"no name", func(s *Solution) { s.Name = " " }, []string{"name"}},
		{"unknown kind", func(s *Solution) { s.Kind = "free" }, []string{"kind"}},
		{"bad link", func(s *Solution) { s.Links = []string{"amphora.ee"} }, []string{"links"}},
		{"version twice", func(s *Solution) { s.Versions = []Version{{Number: "1"}, {Number: "1"}} }, []string{"versions[1].number"}},
		{"bad date", func(s *Solution) { s.Versions = []Version{{Number: "1", EndOfSupport: "31.02.2026"}} }, []string{"versions[0].end_of_support"}},
		{"support ends before release", func(s *Solution) {
			s.Versions = []Version{{Number: "1", Released: "2026-01-01", EndOfSupport: "2025-01-01"}}
		}, []string{"versions[0].end_of_support"}},
		{"unknown version status", func(s *Solution) { s.Versions = []Version{{Number: "1", Status: "gone"}} }, []string{"versions[0].status"}},
	} {
		s := ok
		c.edit(&s)
		s.Normalize()
		if got := fields(s.Validate()); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestRowValidateAndCosts(t *testing.T) {
	cost := kovit.Money(100)
	neg := kovit.Money(-1)
	for _, c := range []struct {
		name string
		row  Row
		want []string
	}{
		{"valid", Row{MunicipalityEHAK: "0793", SolutionID: 1, YearlyCost: &cost}, nil},
		{"no municipality or solution", Row{}, []string{"municipality_ehak", "solution_id"}},
		{"negative cost", Row{MunicipalityEHAK: "0793", SolutionID: 1, OneOffCost: &neg}, []string{"one_off_cost"}},
		{"integrated with itself", Row{MunicipalityEHAK: "0793", SolutionID: 1, Integrations: []Integration{{SolutionID: 1}}}, []string{"integrations[0].solution_id"}},
		{"bad verdict and date", Row{MunicipalityEHAK: "0793", SolutionID: 1, Verdict: "keep", ReviewOn: "2026-13-01"}, []string{"review_on", "verdict"}},
	} {
		r := c.row
		r.Normalize()
		if got := fields(r.Validate()); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	r := Row{ContractType: "hooldus", ContractEnd: "2027-01-01", YearlyCost: &cost, OneOffCost: &cost}.WithoutCosts()
	if r.ContractType != "" || r.ContractEnd != "" || r.YearlyCost != nil || r.OneOffCost != nil {
		t.Errorf("WithoutCosts kept %+v", r)
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if (Row{ConfirmedAt: now.AddDate(0, -11, 0)}).Stale(now) || !(Row{ConfirmedAt: now.AddDate(-1, 0, -1)}).Stale(now) {
		t.Error("stale after 12 months")
	}
}

func TestCompareVersions(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"9.2", "10.1", -1}, {"13.4", "13.4.1", -1}, {"15.3", "15.3", 0}, {"2.0-b", "2.0-a", 1}, {"3", "2.9", 1}} {
		if got := CompareVersions(c.a, c.b); got != c.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// TestReadLandscape: an export imports back unchanged, and a bad sheet names its row and
// column.
func TestReadLandscape(t *testing.T) {
	sols := map[string]Solution{"VOLIS": {ID: 1, Name: "VOLIS", Versions: []Version{{Number: "3.1"}}}, "STAR": {ID: 2, Name: "STAR"}}
	find := func(n string) (Solution, bool) { s, ok := sols[n]; return s, ok }
	cost := kovit.Money(123450)
	rows := []Row{{ID: 7, MunicipalityEHAK: "0793", SolutionID: 1, SoftwareVersion: "3.1", Status: Production, YearlyCost: &cost,
		ContractEnd: "2027-06-30", Verdict: Invest, Version: 3, Integrations: []Integration{}}}
	for _, lang := range []string{"et", "en"} {
		sheet := LandscapeSheet(rows, map[int64]string{1: "VOLIS"}, true, lang)
		var buf bytes.Buffer
		if err := tabular.WriteCSV(&buf, sheet); err != nil {
			t.Fatal(err)
		}
		header, recs, err := tabular.Read(&buf, "m.csv")
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReadLandscape(header, recs, "0793", find)
		if err != nil || len(got) != 1 || got[0].ID != 7 || got[0].Version != 3 || *got[0].YearlyCost != cost ||
			got[0].ContractEnd != "2027-06-30" || got[0].Verdict != Invest {
			t.Fatalf("%s: %+v %v", lang, got, err)
		}
	}
	header := []string{"Lahendus", "Olek", "Tarkvara versioon", "Aastakulu (EUR)"}
	_, err := ReadLandscape(header, [][]string{{"VOLIS", "production", "9.9", ""}, {"Nobody", "production", "", "abc"}}, "0793", find)
	ie, ok := err.(*tabular.ImportError)
	if !ok {
		t.Fatalf("%v", err)
	}
	want := []tabular.RowError{{Row: 2, Column: "Tarkvara versioon", Key: "landscape.error.unknown_version"},
		{Row: 3, Column: "Lahendus", Key: "landscape.error.solution"}, {Row: 3, Column: "Aastakulu (EUR)", Key: "landscape.error.money"}}
	if !slices.EqualFunc(ie.Rows, want, func(a, b tabular.RowError) bool { return a.Row == b.Row && a.Column == b.Column && a.Key == b.Key }) {
		t.Errorf("problems %+v, want %+v", ie.Rows, want)
	}
	if sheet := LandscapeSheet(rows, nil, false, "et"); slices.Contains(sheet.Header, "Aastakulu (EUR)") {
		t.Errorf("costs exported without the right: %v", sheet.Header)
	}
}

// FuzzReadLandscape: whatever a file holds, reading it answers rows or problems, never a
// panic, and every row it answers is valid.
func FuzzReadLandscape(f *testing.F) {
	for _, s := range tabulartest.Seeds(tabular.MaxRows, tabular.MaxColumns, tabular.MaxCellChars, tabular.MaxUnzippedBytes>>20) {
		f.Add(s)
	}
	f.Add([]byte("Lahendus;Olek;Aastakulu (EUR);ID;Kirje versioon\nVOLIS;production;1 000,5;1;2\nSTAR;stopped;-3;x;\n"))
	find := func(n string) (Solution, bool) { return Solution{ID: 1, Name: "VOLIS"}, n == "VOLIS" }
	f.Fuzz(func(t *testing.T, file []byte) {
		header, recs, err := tabular.Read(bytes.NewReader(file), "x.csv")
		if err != nil {
			return
		}
		rows, err := ReadLandscape(header, recs, "0793", find)
		if err != nil {
			return
		}
		for _, r := range rows {
			if err := r.Validate(); err != nil {
				t.Fatalf("an accepted row is invalid: %+v %v", r, err)
			}
		}
	})
}

func TestAdvisoryAffects(t *testing.T) {
	s := Solution{ID: 1, Versions: []Version{{Number: "2.0", EndOfSupport: "2026-06-30"}, {Number: "2.5", EndOfSupport: "2027-06-30"}, {Number: "10.1"}}}
	row := func(v string, st Status) Row { return Row{SolutionID: 1, SoftwareVersion: v, Status: st} }
	for _, c := range []struct {
		name string
		q    AdvisoryQuery
		r    Row
		want bool
	}{
		{"any version", AdvisoryQuery{SolutionID: 1}, row("", Production), true},
		{"stopped", AdvisoryQuery{SolutionID: 1}, row("2.0", Stopped), false},
		{"planned", AdvisoryQuery{SolutionID: 1}, row("2.0", Planned), false},
		{"another solution", AdvisoryQuery{SolutionID: 2}, row("2.0", Production), false},
		{"in range", AdvisoryQuery{SolutionID: 1, FromVersion: "2.0", ToVersion: "2.5"}, row("2.5", Retiring), true},
		{"above range, numerically", AdvisoryQuery{SolutionID: 1, ToVersion: "9"}, row("10.1", Production), false},
		{"unknown version in a range", AdvisoryQuery{SolutionID: 1, FromVersion: "1"}, row("", Production), false},
		{"support ends by", AdvisoryQuery{SolutionID: 1, SupportEndsBy: "2026-12-31"}, row("2.0", Piloting), true},
		{"support ends later", AdvisoryQuery{SolutionID: 1, SupportEndsBy: "2026-12-31"}, row("2.5", Production), false},
		{"no end of support", AdvisoryQuery{SolutionID: 1, SupportEndsBy: "2026-12-31"}, row("10.1", Production), false},
	} {
		if got := c.q.Affects(c.r, s); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if got := fields(AdvisoryQuery{SolutionID: 1, FromVersion: "3", ToVersion: "2.9"}.Validate()); !slices.Equal(got, []string{"to_version"}) {
		t.Errorf("reversed range: %v", got)
	}
}

func TestCostsByBandAndSpread(t *testing.T) {
	money := func(e int64) *kovit.Money { m := kovit.Money(e * 100); return &m }
	pop := map[string]int{"a": 1000, "b": 2000, "c": 3000, "d": 4000, "big": 90000}
	rows := []Row{
		{MunicipalityEHAK: "a", SolutionID: 1, Status: Production, YearlyCost: money(100)},
		{MunicipalityEHAK: "b", SolutionID: 1, Status: Production, YearlyCost: money(300)},
		{MunicipalityEHAK: "c", SolutionID: 1, Status: Piloting, YearlyCost: money(200)},
		{MunicipalityEHAK: "d", SolutionID: 1, Status: Stopped, YearlyCost: money(9000)},
		{MunicipalityEHAK: "big", SolutionID: 1, Status: Production, YearlyCost: money(5000)},
		{MunicipalityEHAK: "a", SolutionID: 2, Status: Production, YearlyCost: money(7)},
	}
	costs := CostsByBand(1, rows, pop)
	if costs[0].Band != "lt5000" || !costs[0].Shown || costs[0].Count != 3 || costs[0].Average != 20000 || costs[0].Median != 20000 {
		t.Errorf("small band: %+v", costs[0])
	}
	if last := costs[len(costs)-1]; last.Shown || last.Count != 1 || last.Average != 0 {
		t.Errorf("one municipality's cost is shown: %+v", last)
	}
	at := func(y int) time.Time { return time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC) }
	hist := []Row{
		{MunicipalityEHAK: "a", SolutionID: 1, History: []Change{{Status: Piloting, At: at(2023)}, {Status: Production, At: at(2024)}, {Status: Stopped, At: at(2025)}}},
		{MunicipalityEHAK: "b", SolutionID: 1, History: []Change{{Status: Production, At: at(2024)}}},
		{MunicipalityEHAK: "c", SolutionID: 1, History: []Change{{Status: Production, At: at(2026)}}},
		{MunicipalityEHAK: "d", SolutionID: 1, History: []Change{{Status: Planned, At: at(2026)}}},
	}
	if got := Spread(1, hist); !slices.Equal(got, []YearCount{{2024, 2}, {2026, 3}}) {
		t.Errorf("spread: %v", got)
	}
}
