package training

import (
	"fmt"
	"slices"
	"testing"

	"kovit/internal/tabular"
)

// TestReadAttendanceCounted: a row without a name but with a number of people is a
// counted completion, found by the People column's header in either language or an
// alias; named rows beside it stay records; a sheet of counts alone needs no person
// column.
func TestReadAttendanceCounted(t *testing.T) {
	for _, people := range []string{"Läbinuid", "People", "inimeste arv", "Count"} {
		header := []string{"Isik", "Roll", "Koolitus", "Läbimise kuupäev", people}
		got, err := ReadAttendance(header, [][]string{
			{"", "töötaja", "Küberhügieeni e-kursus", "15.01.2026", "12"},
			{"Mari Maasikas", "IT lead", "2", "2026-02-01", ""},
			{"Jaan Tamm", "töötaja", "1", "2026-02-01", "1"},
			{"", "Security coordinator", "Infoturbe juhtimine", "2026-03-01", "2,0"},
		}, "0784", sheetTrainings, "2026-12-06")
		if err != nil {
			t.Fatalf("%s: %v", people, err)
		}
		if len(got.Records) != 2 || got.Records[0].Person != "Mari Maasikas" || got.Records[1].Person != "Jaan Tamm" {
			t.Errorf("%s: records %+v", people, got.Records)
		}
		want := []Count{
			{MunicipalityEHAK: "0784", Role: Employee, TrainingID: 1, CompletedOn: "2026-01-15", ExpiresOn: "2028-01-15", People: 12},
			{MunicipalityEHAK: "0784", Role: SecurityCoordinator, TrainingID: 2, CompletedOn: "2026-03-01", People: 2},
		}
		if !slices.Equal(got.Counts, want) {
			t.Errorf("%s: counts %+v, want %+v", people, got.Counts, want)
		}
	}
	got, err := ReadAttendance([]string{"Roll", "Koolitus", "Läbimise kuupäev", "Aegub", "Läbinuid"},
		[][]string{{"töötaja", "1", "15.01.2026", "15.01.2028", "7"}}, "0784", sheetTrainings, "2026-12-06")
	if err != nil || len(got.Records) != 0 || len(got.Counts) != 1 || got.Counts[0].People != 7 {
		t.Errorf("the counted completions' own export: %+v, %v", got, err)
	}
}

// TestReadAttendanceCountedProblems: every bad cell of a counted row is named by row and
// column, named and counted rows are refused together, and a sheet with neither a person
// nor a people column misses the person column.
func TestReadAttendanceCountedProblems(t *testing.T) {
	header := []string{"Isik", "Roll", "Koolitus", "Läbimise kuupäev", "Läbinuid"}
	_, err := ReadAttendance(header, [][]string{
		{"Mari Maasikas", "töötaja", "1", "15.01.2026", ""},
		{"", "ülemus", "1", "15.01.2026", "kolm"},
		{"", "töötaja", "Tundmatu", "01.01.2027", "0"},
		{"", "töötaja", "1", "15.01.2026", "10001"},
		{"Jaan Tamm", "töötaja", "1", "15.01.2026", "3"},
		{"", "töötaja", "1", "15.01.2026", "2,5"},
		{"", "töötaja", "1", "01.01.2027", "4"},
	}, "0784", sheetTrainings, "2026-12-06")
	want := []tabular.RowError{
		{Row: 3, Column: "Roll", Key: "training.error.role"}, {Row: 3, Column: "Läbinuid", Key: "training.error.people"},
		{Row: 4, Column: "Koolitus", Key: "training.error.training"}, {Row: 4, Column: "Läbinuid", Key: "training.error.people"},
		{Row: 4, Column: "Läbimise kuupäev", Key: "training.error.future"},
		{Row: 5, Column: "Läbinuid", Key: "training.error.people"},
		{Row: 6, Column: "Läbinuid", Key: "training.error.people_named"},
		{Row: 7, Column: "Läbinuid", Key: "training.error.people"},
		{Row: 8, Column: "Läbimise kuupäev", Key: "training.error.future"},
	}
	ie, ok := err.(*tabular.ImportError)
	if !ok || !slices.EqualFunc(ie.Rows, want, func(a, b tabular.RowError) bool { return a.Row == b.Row && a.Column == b.Column && a.Key == b.Key }) {
		t.Errorf("bad rows: %v\nwant %v", err, want)
		if ok {
			t.Logf("got %+v", ie.Rows)
		}
	}
	_, err = ReadAttendance([]string{"Roll", "Koolitus"}, [][]string{{"töötaja", "1"}}, "0784", sheetTrainings, "2026-12-06")
	ie, ok = err.(*tabular.ImportError)
	if !ok || len(ie.Rows) != 2 || ie.Rows[0].Column != "Läbimise kuupäev" || ie.Rows[1].Column != "Isik" || ie.Rows[1].Key != "transfer.error.missing_column" {
		t.Errorf("no date, person or people column: %v", err)
	}
}

// TestAttendanceSheetWithCountsReadsBack: the template shows counted completions as rows
// without a name, and they read back as the same counts, in either language.
func TestAttendanceSheetWithCountsReadsBack(t *testing.T) {
	records := []Record{rec("0784", "Mari Maasikas", ITLead, 1, "2026-01-15", 24)}
	counts := []Count{{MunicipalityEHAK: "0784", Role: Employee, TrainingID: 2, CompletedOn: "2026-03-01", People: 12}}
	for _, lang := range []string{"et", "en"} {
		sheet := AttendanceSheet(records, counts, map[int64]string{1: "Küberhügieeni e-kursus", 2: "Infoturbe juhtimine"}, lang)
		rows := make([][]string, len(sheet.Rows))
		for i, r := range sheet.Rows {
			for _, c := range r {
				rows[i] = append(rows[i], fmt.Sprint(c))
			}
		}
		got, err := ReadAttendance(sheet.Header, rows, "0784", sheetTrainings, "2026-12-06")
		if err != nil || len(got.Records) != 1 || got.Records[0].Person != "Mari Maasikas" || !slices.Equal(got.Counts, counts) {
			t.Errorf("%s sheet read back as %+v, %v", lang, got, err)
		}
	}
}
