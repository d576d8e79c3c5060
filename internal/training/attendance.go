package training

import (
	"strconv"
	"strings"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// Attendance sheets are the lists municipalities keep of who attended what: a row per
// person and training. AttendanceColumns head both the import and its template, so the
// municipality's own export of records imports back.
var (
	ColPerson    = tabular.Column{Et: "Isik", En: "Person"}
	ColRole      = tabular.Column{Et: "Roll", En: "Role"}
	ColTraining  = tabular.Column{Et: "Koolitus", En: "Training"}
	ColCompleted = tabular.Column{Et: "Läbimise kuupäev", En: "Completed on"}
	ColExpires   = tabular.Column{Et: "Kehtib kuni", En: "Expires on"}

	AttendanceColumns = []tabular.Column{ColPerson, ColRole, ColTraining, ColCompleted, ColExpires}
	attendanceNeeded  = []tabular.Column{ColPerson, ColRole, ColTraining, ColCompleted}
)

// MaxAttendanceRows bounds one attendance import: a municipality's whole staff, several
// trainings each, fits; tabular.Read's own bounds hold the file's bytes, columns and cells.
const MaxAttendanceRows = 5000

// fieldColumn is the sheet column a Record field's problem is reported under.
var fieldColumn = map[string]tabular.Column{"person": ColPerson, "role": ColRole, "training_id": ColTraining, "completed_on": ColCompleted}

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

// ReadAttendance reads an attendance sheet into municipality ehak's records: every row
// must name a person, a role, a training of the list and a completion day no later than
// today. It checks every row and returns every problem by row and column (a
// *tabular.ImportError), or the records to save, all of them; the expiry column is
// ignored, as expiry is computed from the training.
func ReadAttendance(header []string, rows [][]string, ehak string, trainings []Training, today string) ([]Record, error) {
	var errs tabular.ImportError
	at := tabular.MatchHeader(header, AttendanceColumns, attendanceNeeded, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if len(rows) > MaxAttendanceRows {
		return nil, &tabular.RowError{Key: "training.error.attendance_rows", Args: map[string]int{"Limit": MaxAttendanceRows}}
	}
	find := trainingFinder(trainings)
	var out []Record
	for i, rec := range rows {
		if tabular.Blank(rec) {
			continue
		}
		row := i + 2
		cell := tabular.Cells(at, rec)
		r := Record{MunicipalityEHAK: ehak, Person: cell(ColPerson)}
		var known kovit.Problems
		if role, ok := roleWord(cell(ColRole)); ok {
			r.Role = role
		} else {
			known.Add("role", "training.error.role")
		}
		t, ok := find(cell(ColTraining))
		if ok {
			r.TrainingID = t.ID
		} else {
			known.Add("training_id", "training.error.training")
		}
		if d, ok := tabular.ParseDate(cell(ColCompleted)); ok && d != nil {
			r.CompletedOn = d.Format("2006-01-02")
		} else {
			known.Add("completed_on", "training.error.date")
		}
		r.Normalize(t)
		for _, f := range known {
			errs.Add(row, fieldColumn[f.Field].Et, f.Key)
		}
		for _, f := range kovit.FieldsOf(r.Validate(trainings, today)) {
			if !known.Has(f.Field) { // a cell not read has its problem already
				errs.Add(row, fieldColumn[f.Field].Et, f.Key)
			}
		}
		out = append(out, r)
	}
	if len(out) == 0 && len(errs.Rows) == 0 {
		errs.Add(0, "", "training.error.attendance_empty")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// AttendanceSheet is a municipality's records as the import reads them back.
func AttendanceSheet(records []Record, titles map[int64]string, lang string) tabular.Table {
	t := tabular.Table{Sheet: "koolitused", Header: tabular.Headers(AttendanceColumns, lang)}
	for _, r := range records {
		t.Rows = append(t.Rows, []any{r.Person, pick(roleNames[r.Role], lang), titles[r.TrainingID], r.CompletedOn, r.ExpiresOn})
	}
	return t
}
