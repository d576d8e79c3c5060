package training

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/kovit"
)

func TestExpiry(t *testing.T) {
	for _, c := range []struct {
		completed string
		months    int
		want      string
	}{
		{"2026-01-15", 24, "2028-01-15"},
		{"2025-08-31", 6, "2026-02-28"},
		{"2023-08-31", 6, "2024-02-29"},
		{"2026-01-15", 0, ""},
		{"15.01.2026", 12, ""},
	} {
		if got := Expiry(c.completed, c.months); got != c.want {
			t.Errorf("Expiry(%s, %d) = %q, want %q", c.completed, c.months, got, c.want)
		}
	}
}

func TestValidate(t *testing.T) {
	trainings := []Training{{ID: 1, Title: "Küberhügieen", Kind: Course, ValidMonths: 24}}
	if err := (Training{Title: "", Kind: "party", ValidMonths: 200, HeldOn: "2026-13-01"}).Validate(); err == nil {
		t.Fatal("a training without title, kind, validity and date passed")
	} else {
		for _, f := range []string{"title", "kind", "valid_months", "held_on"} {
			if !hasField(err, f) {
				t.Errorf("no problem named %s in %v", f, err)
			}
		}
	}
	r := Record{Person: "Mari Maasikas", Role: "boss", TrainingID: 9, CompletedOn: "2026-12-07"}
	err := r.Validate(trainings, "2026-12-06")
	for _, f := range []string{"role", "training_id", "completed_on"} {
		if !hasField(err, f) {
			t.Errorf("no problem named %s in %v", f, err)
		}
	}
	ok := Record{Person: "Mari Maasikas", Role: Employee, TrainingID: 1, CompletedOn: "2026-12-06"}
	if err := ok.Validate(trainings, "2026-12-06"); err != nil {
		t.Errorf("a good record: %v", err)
	}
	if err := (Requirement{Role: Employee, TrainingID: 2}).Validate(trainings); !hasField(err, "training_id") {
		t.Errorf("a requirement of an unknown training: %v", err)
	}
}

func rec(ehak, who string, role Role, training int64, completed string, months int) Record {
	r := Record{MunicipalityEHAK: ehak, Person: who, Role: role, TrainingID: training, CompletedOn: completed}
	r.Normalize(Training{ValidMonths: months})
	return r
}

func TestGapsExpiringCoverage(t *testing.T) {
	reqs := []Requirement{{Role: Employee, TrainingID: 1}, {Role: SecurityCoordinator, TrainingID: 1}, {Role: SecurityCoordinator, TrainingID: 2}}
	records := []Record{
		rec("0580", "Mari", Employee, 1, "2025-01-10", 24),           // valid until 2027-01-10: expiring within 60 days
		rec("0580", "Jaan", Employee, 1, "2023-01-10", 24),           // expired 2025-01-10
		rec("0580", "Jaan", Employee, 1, "2026-06-01", 24),           // renewed: no gap, the old one not expiring
		rec("0580", "Tiit", SecurityCoordinator, 2, "2026-01-01", 0), // lacks training 1
		rec("0726", "Kati", Employee, 1, "2024-01-01", 24),           // expired 2026-01-01
		rec("0726", "Kati", Employee, 3, "2026-01-01", 24),           // not required
	}
	day := "2026-12-06"
	want := []Gap{
		{MunicipalityEHAK: "0580", Person: "Tiit", Role: SecurityCoordinator, TrainingID: 1},
		{MunicipalityEHAK: "0726", Person: "Kati", Role: Employee, TrainingID: 1, Expired: "2026-01-01"},
	}
	if diff := cmp.Diff(want, Gaps(records, reqs, day)); diff != "" {
		t.Errorf("Gaps (-want +got):\n%s", diff)
	}
	exp := Expiring(records, day, ExpiryWindow)
	if len(exp) != 1 || exp[0].Person != "Mari" || exp[0].ExpiresOn != "2027-01-10" {
		t.Errorf("Expiring = %+v, want Mari's certificate expiring 2027-01-10", exp)
	}
	if got := Expiring(records, day, 30); len(got) != 0 {
		t.Errorf("Expiring within 30 days = %+v, want none", got)
	}
	c := CoverageOf(records, reqs, day)
	if c.People != 4 || c.Covered != 2 || c.Share() != 0.5 {
		t.Errorf("CoverageOf = %+v (share %v), want 2 of 4", c, c.Share())
	}
	if (Coverage{}).Share() != 0 {
		t.Error("nobody to cover has a share")
	}
}

func hasField(err error, f string) bool { return kovit.FieldsOf(err).Has(f) }

func TestGapsSheet(t *testing.T) {
	gaps := []Gap{{MunicipalityEHAK: "0784", Person: "Tiit", Role: SecurityCoordinator, TrainingID: 1, Expired: "2026-01-01"}}
	counted := []CountGap{{MunicipalityEHAK: "0784", Role: SecurityCoordinator, TrainingID: 1, People: 5, Valid: 2, Missing: 3},
		{MunicipalityEHAK: "0784", Role: SecurityCoordinator, TrainingID: 2, People: 5, Valid: 5}}
	got := GapsSheet(gaps, counted, map[string]string{"0784": "Tallinn"}, map[int64]string{1: "Küberhügieen"}, "en")
	want := [][]any{{"Tallinn", "Tiit", "security coordinator", "Küberhügieen", "expired", "2026-01-01"},
		{"Tallinn", "3 without names", "security coordinator", "Küberhügieen", "missing", ""}}
	if diff := cmp.Diff(want, got.Rows); diff != "" || got.Header[0] != "Municipality" {
		t.Errorf("GapsSheet (-want +got):\n%s %v", diff, got.Header)
	}
	if et := GapsSheet(gaps, counted, nil, nil, "et"); et.Rows[1][1] != "3 nimeta" || et.Rows[0][0] != "0784" || et.Rows[0][2] != "infoturbe koordinaator" || et.Header[0] != "KOV" {
		t.Errorf("Estonian sheet %v", et)
	}
}
