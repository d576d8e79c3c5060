package training

import (
	"slices"
	"strings"
	"testing"

	"kovit/internal/municipality"
	"kovit/internal/security"
	"kovit/internal/tabular"
)

var sheetTrainings = []Training{{ID: 1, Title: "Küberhügieeni e-kursus", Kind: ELearning, ValidMonths: 24}, {ID: 2, Title: "Infoturbe juhtimine", Kind: Course}}

func TestReadAttendance(t *testing.T) {
	header := []string{"Isik", "Roll", "Koolitus", "Läbimise kuupäev", "Märkus"}
	good := [][]string{
		{"Mari Maasikas", "töötaja", "küberhügieeni e-kursus", "15.01.2026", "x"},
		nil,
		{"Tiit Turva", "Security coordinator", "2", "2026-02-01"},
	}
	read, err := ReadAttendance(header, good, "0784", sheetTrainings, "2026-12-06")
	if err != nil {
		t.Fatal(err)
	}
	got := read.Records
	if len(got) != 2 || got[0].Role != Employee || got[0].TrainingID != 1 || got[0].CompletedOn != "2026-01-15" || got[0].ExpiresOn != "2028-01-15" ||
		got[1].Role != SecurityCoordinator || got[1].TrainingID != 2 || got[1].ExpiresOn != "" || got[1].MunicipalityEHAK != "0784" {
		t.Errorf("read %+v", got)
	}
	bad := [][]string{
		{"Mari Maasikas", "ülemus", "Küberhügieeni e-kursus", "15.01.2026"},
		{"", "töötaja", "Tundmatu", "31.02.2026"},
		{"Jaan", "töötaja", "1", "01.01.2027"},
	}
	_, err = ReadAttendance(header, bad, "0784", sheetTrainings, "2026-12-06")
	want := []tabular.RowError{{Row: 2, Column: "Roll", Key: "training.error.role"}, {Row: 3, Column: "Koolitus", Key: "training.error.training"},
		{Row: 3, Column: "Läbimise kuupäev", Key: "training.error.date"}, {Row: 3, Column: "Isik", Key: "error.required"},
		{Row: 4, Column: "Läbimise kuupäev", Key: "training.error.future"}}
	ie, ok := err.(*tabular.ImportError)
	if !ok || !slices.EqualFunc(ie.Rows, want, func(a, b tabular.RowError) bool { return a.Row == b.Row && a.Column == b.Column && a.Key == b.Key }) {
		t.Errorf("bad rows: %v, want %v", err, want)
	}
	if _, err := ReadAttendance([]string{"Person", "Training"}, good, "0784", sheetTrainings, "2026-12-06"); err == nil ||
		!strings.Contains(err.Error(), "missing_column") {
		t.Errorf("no role or date column: %v", err)
	}
	if _, err := ReadAttendance(header, [][]string{nil}, "0784", sheetTrainings, "2026-12-06"); err == nil {
		t.Error("a sheet without rows was read")
	}
	many := make([][]string, MaxAttendanceRows+1)
	if _, err := ReadAttendance(header, many, "0784", sheetTrainings, "2026-12-06"); err == nil || !strings.Contains(err.Error(), "attendance_rows") {
		t.Errorf("a sheet past the bound: %v", err)
	}
}

func TestAttendanceSheetReadsBack(t *testing.T) {
	records := []Record{rec("0784", "Mari Maasikas", ITLead, 1, "2026-01-15", 24)}
	for _, lang := range []string{"et", "en"} {
		sheet := AttendanceSheet(records, nil, map[int64]string{1: "Küberhügieeni e-kursus"}, lang)
		rows := make([][]string, len(sheet.Rows))
		for i, r := range sheet.Rows {
			for _, c := range r {
				rows[i] = append(rows[i], c.(string))
			}
		}
		read, err := ReadAttendance(sheet.Header, rows, "0784", sheetTrainings, "2026-12-06")
		got := read.Records
		if err != nil || len(got) != 1 || got[0].Person != "Mari Maasikas" || got[0].Role != ITLead || got[0].ExpiresOn != "2028-01-15" {
			t.Errorf("%s sheet read back as %+v, %v", lang, got, err)
		}
	}
}

// FuzzReadAttendance: no sheet makes the reader panic; what it returns is valid records
// of the municipality, of known trainings, none completed after today.
func FuzzReadAttendance(f *testing.F) {
	f.Add("Isik;Roll;Koolitus;Läbimise kuupäev\nMari;töötaja;1;15.01.2026\nJaan;IT lead;Infoturbe juhtimine;2026-02-01")
	f.Add("Person;Role;Training;Completed on\n;;;\n=cmd;@x;+1;-2")
	f.Add("\ufeffIsik;Isik;Roll\n1;2;3")
	f.Add("Roll;Koolitus;Läbimise kuupäev;Läbinuid\ntöötaja;1;15.01.2026;12\nIT lead;2;2026-02-01;1e9\n;;;12,5")
	f.Add("Isik;Roll;Koolitus;Läbimise kuupäev;People\n;töötaja;1;15.01.2026;3\nMari;töötaja;1;15.01.2026;2")
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(s, "\n")
		header := strings.Split(lines[0], ";")
		var rows [][]string
		for _, l := range lines[1:] {
			rows = append(rows, strings.Split(l, ";"))
		}
		got, err := ReadAttendance(header, rows, "0784", sheetTrainings, "2026-12-06")
		if err != nil {
			return
		}
		for _, r := range got.Records {
			if r.MunicipalityEHAK != "0784" || r.Validate(sheetTrainings, "2026-12-06") != nil {
				t.Fatalf("read %+v from %q", r, s)
			}
		}
		for _, c := range got.Counts {
			if c.MunicipalityEHAK != "0784" || c.Validate(sheetTrainings, "2026-12-06") != nil {
				t.Fatalf("read %+v from %q", c, s)
			}
		}
	})
}

func TestCountsWithoutNames(t *testing.T) {
	reqs := []Requirement{{Role: Employee, TrainingID: 1}, {Role: SecurityCoordinator, TrainingID: 2}}
	day := "2026-12-06"
	var records []Record
	ms := []municipality.Municipality{}
	for i, ehak := range []string{"0141", "0171", "0184", "0191", "0198", "0784"} {
		county := "0037"
		if ehak == "0784" {
			county = "0039" // alone in its county: that group is not published
		}
		ms = append(ms, municipality.Municipality{EHAK: ehak, Type: municipality.Rural, CountyEHAK: county, Population: 5000})
		records = append(records, rec(ehak, "Mari", Employee, 1, "2026-01-10", 24), rec(ehak, "Jaan", Employee, 1, "2023-01-10", 24))
		if i%2 == 0 {
			records = append(records, rec(ehak, "Tiit", SecurityCoordinator, 2, "2026-01-10", 0))
		}
		records = append(records, rec(ehak, "Kadri", ITLead, 1, "2026-01-10", 24)) // no requirement for IT leads
	}
	got := CountsOf(records[:4], reqs, day)
	want := []RoleCount{{Role: Employee, People: 2, Covered: 1, Share: 0.5}, {Role: SecurityCoordinator, People: 1, Covered: 1, Share: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("CountsOf = %+v, want %+v", got, want)
	}
	by := CountsByMunicipality(records, reqs, day)
	if len(by) != 6 || by[0].MunicipalityEHAK != "0141" || len(by[1].Roles) != 1 {
		t.Errorf("CountsByMunicipality = %+v", by)
	}
	groups := GroupsOf(by, ms)
	var keys []string
	for _, g := range groups {
		keys = append(keys, g.Group+":"+g.Key)
	}
	if len(keys) != 4 || keys[0] != "country:" || keys[1] != "type:vald" || keys[3] != "county:0037" {
		t.Errorf("groups %v", keys)
	}
	for _, g := range groups {
		if g.Key == "0039" {
			t.Error("a county of one municipality is published")
		}
		if g.Group == "country" && (g.Municipalities != 6 || !slices.Equal(g.Roles, []RoleCount{{Role: Employee, People: 12, Covered: 6, Share: 0.5}, {Role: SecurityCoordinator, People: 3, Covered: 3, Share: 1}})) {
			t.Errorf("the country: %+v", g)
		}
	}
	if len(GroupsOf(by[:4], ms)) != 0 {
		t.Error("four municipalities make a published group")
	}
}

func TestAwarenessComputed(t *testing.T) {
	for _, c := range []struct {
		cov  Coverage
		want security.Status
	}{
		{Coverage{People: 4, Covered: 4}, security.Implemented},
		{Coverage{People: 4, Covered: 1}, security.Partly},
		{Coverage{People: 4}, security.NotImplemented},
		{Coverage{}, security.NotImplemented},
	} {
		if got := AwarenessStatus(c.cov); got != c.want {
			t.Errorf("AwarenessStatus(%+v) = %s, want %s", c.cov, got, c.want)
		}
	}
	typed := security.Answer{ModuleCode: AwarenessModule, Applies: true, Status: security.Implemented, Owner: "Mari", Due: "2027-01-01"}
	got := Awareness(typed, Coverage{Day: "2026-12-06", People: 4, Covered: 3}, "https://kovit.ee/municipalities/0784/training")
	if got.Status != security.Partly || got.Evidence != "https://kovit.ee/municipalities/0784/training" || got.Owner != "Mari" ||
		!strings.Contains(got.Justification, "3 isikut 4-st (75%)") {
		t.Errorf("Awareness = %+v", got)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("the computed answer does not validate: %v", err)
	}
	left := security.Answer{ModuleCode: AwarenessModule, Applies: false, ExcludedReason: "Ei kohaldu"}
	if got := Awareness(left, Coverage{People: 1, Covered: 1}, "x"); got != left {
		t.Errorf("a module left out got %+v", got)
	}
}
