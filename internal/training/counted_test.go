package training

import (
	"reflect"
	"testing"
)

func TestCountedCompletions(t *testing.T) {
	const hyg, isms = 1, 2
	reqs := []Requirement{{Role: Employee, TrainingID: hyg}, {Role: SecurityCoordinator, TrainingID: hyg}, {Role: SecurityCoordinator, TrainingID: isms}}
	counts := []Count{
		{ID: 1, MunicipalityEHAK: "0784", Role: Employee, TrainingID: hyg, CompletedOn: "2024-01-10", ExpiresOn: "2026-01-10", People: 5},
		{ID: 2, MunicipalityEHAK: "0784", Role: Employee, TrainingID: hyg, CompletedOn: "2026-03-01", ExpiresOn: "2028-03-01", People: 10},
		{ID: 3, MunicipalityEHAK: "0784", Role: SecurityCoordinator, TrainingID: hyg, CompletedOn: "2026-03-01", ExpiresOn: "2028-03-01", People: 3},
		{ID: 4, MunicipalityEHAK: "0784", Role: SecurityCoordinator, TrainingID: isms, CompletedOn: "2026-04-01", People: 2},
	}
	named := []Record{{MunicipalityEHAK: "0784", Person: "1", Role: Employee, TrainingID: hyg, CompletedOn: "2026-05-01", ExpiresOn: "2028-05-01"}}
	all := WithCounted(named, counts)
	if len(all) != 1+5+10+3+2 {
		t.Fatalf("expanded to %d", len(all))
	}
	// The named "1" is not counted person 1; coordinators: three people, two hold both.
	got := CountsOf(all, reqs, "2026-12-06")
	want := []RoleCount{{Role: Employee, People: 16, Covered: 11, Share: 11.0 / 16}, {Role: SecurityCoordinator, People: 3, Covered: 2, Share: 2.0 / 3}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counts: %+v", got)
	}
	if c := CoverageOf(all, reqs, "2026-12-06"); c.People != 19 || c.Covered != 13 {
		t.Errorf("coverage: %+v", c)
	}
	if g := Gaps(all, reqs, "2026-12-06"); len(g) != 0 {
		t.Errorf("counted people named in the gaps: %+v", g)
	}
	if e := Expiring(all, "2025-12-01", ExpiryWindow); len(e) != 0 {
		t.Errorf("counted people named among the expiring: %+v", e)
	}
	gaps := CountGaps(counts, reqs, "2026-12-06")
	wantGaps := []CountGap{{MunicipalityEHAK: "0784", Role: Employee, TrainingID: hyg, People: 15, Valid: 10, Missing: 5},
		{MunicipalityEHAK: "0784", Role: SecurityCoordinator, TrainingID: isms, People: 3, Valid: 2, Missing: 1}}
	if !reflect.DeepEqual(gaps, wantGaps) {
		t.Errorf("count gaps: %+v", gaps)
	}
	// Before the later cohort: five employees, all valid.
	if g := CountGaps(counts, reqs, "2025-06-01"); len(g) != 0 {
		t.Errorf("count gaps in 2025: %+v", g)
	}
}

func TestCountValidate(t *testing.T) {
	ts := []Training{{ID: 1}}
	ok := Count{Role: Employee, TrainingID: 1, CompletedOn: "2026-01-01", People: 4}
	if err := ok.Validate(ts, "2026-12-06"); err != nil {
		t.Errorf("valid: %v", err)
	}
	for _, c := range []struct {
		field string
		edit  func(*Count)
	}{
		{"people", func(c *Count) { c.People = 0 }},
		{"people", func(c *Count) { c.People = MaxCountPeople + 1 }},
		{"completed_on", func(c *Count) { c.CompletedOn = "2026-13-01" }},
		{"completed_on", func(c *Count) { c.CompletedOn = "2027-01-01" }},
		{"role", func(c *Count) { c.Role = "x" }},
		{"training_id", func(c *Count) { c.TrainingID = 2 }},
	} {
		in := ok
		c.edit(&in)
		if err := in.Validate(ts, "2026-12-06"); err == nil || !hasField(err, c.field) {
			t.Errorf("%s: %v", c.field, err)
		}
	}
}
