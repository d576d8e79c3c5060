package training

import (
	"math"
	"strconv"
	"strings"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// Attendance sheets are the lists municipalities keep of who attended what: a row per
// person and training, or, for a municipality that does not name its staff, a row per
// role and training with how many people completed it (People). AttendanceColumns head
// both the import and its template, so the municipality's own export of records imports
// back, and so does its export of counted completions (CountedSheet).
var (
	ColPerson    = tabular.Column{Et: "Isik", En: "Person"}
	ColRole      = tabular.Column{Et: "Roll", En: "Role"}
	ColTraining  = tabular.Column{Et: "Koolitus", En: "Training"}
	ColCompleted = tabular.Column{Et: "Läbimise kuupäev", En: "Completed on"}
	ColExpires   = tabular.Column{Et: "Kehtib kuni", En: "Expires on"}
	// ColPeople makes a row without a name a counted completion.
	ColPeople = tabular.Column{Et: "Läbinuid", En: "People", Also: "Inimesi|Inimeste arv|Isikute arv|Arv|Number of people|Count"}

	AttendanceColumns = []tabular.Column{ColPerson, ColRole, ColTraining, ColCompleted, ColExpires, ColPeople}
	attendanceLayout  = tabular.Layout{Columns: AttendanceColumns, Required: []tabular.Column{ColRole, ColTraining, ColCompleted},
		AnyOf: []tabular.Column{ColPerson, ColPeople}, MaxRows: MaxAttendanceRows, TooMany: "training.error.attendance_rows"}
)

// MaxAttendanceRows bounds one attendance import: a municipality's whole staff, several
// trainings each, fits; tabular.Read's own bounds hold the file's bytes, columns and cells.
const MaxAttendanceRows = 5000

// fieldColumn is the sheet column a Record's or Count's field's problem is reported under.
var fieldColumn = map[string]tabular.Column{"person": ColPerson, "role": ColRole, "training_id": ColTraining, "completed_on": ColCompleted,
	"people": ColPeople}

// Attendance is what an attendance sheet records: completions by name and by count.
type Attendance struct {
	Records []Record `json:"records"`
	Counts  []Count  `json:"counts"`
}

// roleWord finds a role as a sheet writes it: its code or its Estonian or English name.
func roleWord(s string) (Role, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for r, c := range roleNames {
		if s == string(r) || s == strings.ToLower(c.Et) || s == strings.ToLower(c.En) {
			return r, true
		}
	}
	return "", false
}

// trainingFinder finds a training by its title, in any case, or its id.
func trainingFinder(trainings []Training) func(string) (Training, bool) {
	byTitle := make(map[string]Training, len(trainings))
	byID := make(map[string]Training, len(trainings))
	for _, t := range trainings {
		byTitle[strings.ToLower(t.Title)] = t
		byID[strconv.FormatInt(t.ID, 10)] = t
	}
	return func(v string) (Training, bool) {
		v = strings.TrimSpace(v)
		if t, ok := byTitle[strings.ToLower(v)]; ok {
			return t, true
		}
		t, ok := byID[v]
		return t, ok
	}
}

// ReadAttendance reads an attendance sheet into municipality ehak's completions: every
// row must name a role, a training of the list and a completion day no later than today,
// and either a person (a Record) or, without a name, how many people (a Count). It checks
// every row and returns every problem by row and column (a *tabular.ImportError), or the
// completions to save, all of them; the expiry column is ignored, as expiry is computed
// from the training.
func ReadAttendance(header []string, rows [][]string, ehak string, trainings []Training, today string) (Attendance, error) {
	sheet, err := attendanceLayout.Open(header, rows)
	if err != nil {
		return Attendance{}, err
	}
	var errs tabular.ImportError
	find := trainingFinder(trainings)
	var out Attendance
	n := 0
	for row, cell := range sheet.Rows() {
		n++
		var known kovit.Problems
		role, ok := roleWord(cell(ColRole))
		if !ok {
			known.Add("role", "training.error.role")
		}
		t, ok := find(cell(ColTraining))
		if !ok {
			known.Add("training_id", "training.error.training")
		}
		var day string
		if d, ok := tabular.ParseDate(cell(ColCompleted)); ok && d != nil {
			day = d.Format("2006-01-02")
		} else {
			known.Add("completed_on", "training.error.date")
		}
		var invalid error
		if person, people := cell(ColPerson), cell(ColPeople); person == "" && people != "" {
			c := Count{MunicipalityEHAK: ehak, Role: role, TrainingID: t.ID, CompletedOn: day, People: countOf(people, &known)}
			c.Normalize(t)
			invalid = c.Validate(trainings, today)
			out.Counts = append(out.Counts, c)
		} else {
			if people != "" && people != "1" {
				known.Add("people", "training.error.people_named")
			}
			r := Record{MunicipalityEHAK: ehak, Person: person, Role: role, TrainingID: t.ID, CompletedOn: day}
			r.Normalize(t)
			invalid = r.Validate(trainings, today)
			out.Records = append(out.Records, r)
		}
		for _, f := range known {
			errs.Add(row, fieldColumn[f.Field].Et, f.Key)
		}
		for _, f := range kovit.FieldsOf(invalid) {
			if !known.Has(f.Field) { // a cell not read has its problem already
				errs.Add(row, fieldColumn[f.Field].Et, f.Key)
			}
		}
	}
	if n == 0 && len(errs.Rows) == 0 {
		errs.Add(0, "", "training.error.attendance_empty")
	}
	if err := errs.Err(); err != nil {
		return Attendance{}, err
	}
	return out, nil
}

// countOf reads a People cell as a spreadsheet writes a whole number ("12", "12,0");
// anything else, or a number past the bound, is the people problem.
func countOf(v string, known *kovit.Problems) int {
	f, err := tabular.ParseDecimal(v)
	if err != nil || f != math.Trunc(f) || f < 1 || f > MaxCountPeople {
		known.Add("people", "training.error.people")
		return 0
	}
	return int(f)
}

// AttendanceSheet is a municipality's named and counted completions as the import reads
// them back: the template shows both kinds of row.
func AttendanceSheet(records []Record, counts []Count, titles map[int64]string, lang string) tabular.Table {
	t := tabular.Table{Sheet: "koolitused", Header: tabular.Headers(AttendanceColumns, lang)}
	for _, r := range records {
		t.Rows = append(t.Rows, []any{r.Person, pick(roleNames[r.Role], lang), titles[r.TrainingID], r.CompletedOn, r.ExpiresOn, ""})
	}
	for _, c := range counts {
		t.Rows = append(t.Rows, []any{"", pick(roleNames[c.Role], lang), titles[c.TrainingID], c.CompletedOn, c.ExpiresOn, c.People})
	}
	return t
}
