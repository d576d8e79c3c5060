package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/security"
	"kovit/internal/tabular"
	"kovit/internal/training"
)

// importTrainingRecords reads an attendance sheet (multipart field "file", CSV or XLSX)
// into the municipality's records, and its rows without a name but with a number of
// people into its counted completions, all or none. A refused sheet is a 422 whose errors
// name each problem as "row.column".
func (a *API) importTrainingRecords(w http.ResponseWriter, r *http.Request) error {
	ehak, err := a.trainingMunicipality(r, auth.CanEditTrainingRecords)
	if err != nil {
		return err
	}
	var p kovit.Problems
	header, rows, err := uploadTable(w, r)
	if err != nil {
		return err
	}
	trainings, err := a.trainings.Trainings(r.Context())
	if err != nil {
		return err
	}
	sheet, err := training.ReadAttendance(header, rows, ehak, trainings, training.Day(time.Now()))
	if ie := new(tabular.ImportError); errors.As(err, &ie) {
		for _, e := range ie.Rows {
			p.Add(strconv.Itoa(e.Row)+"."+e.Column, e.Key)
		}
		return p.Err()
	} else if err != nil {
		return err
	}
	out, err := a.trainings.ImportAttendance(r.Context(), ehak, sheet)
	if err != nil {
		return err
	}
	// The answer stays the named records saved, as before counted rows were read; the
	// counted ones are listed under training-counts.
	return a.writeJSON(w, r, http.StatusCreated, out.Records)
}

// TrainingCoverage is training counted without names on a day: the required roles
// covered per peer group (groups of at least MinGroupSize municipalities), and for
// signed-in users each municipality's people per role.
type TrainingCoverage struct {
	Day            string                        `json:"day"`
	MinGroupSize   int                           `json:"min_group_size"`
	Groups         []training.GroupCounts        `json:"groups"`
	Municipalities []training.MunicipalityCounts `json:"municipalities,omitempty"`
}

func (a *API) getTrainingCoverage(w http.ResponseWriter, r *http.Request) error {
	if err := newQuery(r).check(nil); err != nil {
		return err
	}
	ctx := r.Context()
	ms, err := a.allMunicipalities(r, municipality.Filter{})
	if err != nil {
		return err
	}
	day := training.Day(time.Now())
	groups, by, err := training.LoadCounts(ctx, a.trainings, day, ms)
	if err != nil {
		return err
	}
	out := TrainingCoverage{Day: day, MinGroupSize: security.MinGroup, Groups: groups}
	if auth.Allowed(auth.CanReadTrainingCounts(auth.UserFrom(ctx))) {
		out.Municipalities = by
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}

// getAssessmentHistory is the audit trail of a municipality's assessment, newest first,
// paged: for those who may read its answers (auth.CanReadAssessmentHistory).
func (a *API) getAssessmentHistory(w http.ResponseWriter, r *http.Request) error {
	id, ehak, err := a.assessmentPath(r, auth.CanReadAssessmentHistory)
	if err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	module := q.str("module")
	f := audit.Filter{Limit: pg.Limit, Offset: pg.Offset}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	if _, err := a.security.SecurityRound(r.Context(), id); err != nil {
		return err
	}
	items, total, err := a.security.SecurityAssessmentHistory(r.Context(), id, ehak, module, f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, page[audit.Event]{orEmpty(items), total, f.Limit, f.Offset})
}

// ModuleSystems are the landscape rows (ids) a module of an assessment covers.
type ModuleSystems struct {
	Systems []int64 `json:"systems"`
}

// putModuleSystems replaces the landscape systems a module covers.
func (a *API) putModuleSystems(w http.ResponseWriter, r *http.Request) error {
	return onAssessment(a, w, r, auth.CanAnswerAssessment, func(ctx context.Context, id int64, ehak string) (ModuleSystems, error) {
		var in ModuleSystems
		if err := decodeJSON(w, r, &in); err != nil {
			return in, err
		}
		out, err := a.security.SetModuleSystems(ctx, id, ehak, r.PathValue("code"), in.Systems)
		return ModuleSystems{Systems: out}, err
	})
}

// uploadTable reads the spreadsheet in the multipart field "file" of an import; a form
// without it is a problem naming the field.
func uploadTable(w http.ResponseWriter, r *http.Request) ([]string, [][]string, error) {
	header, rows, err := tabular.Upload(w, r, "file")
	if errors.Is(err, tabular.ErrNoFile) {
		var p kovit.Problems
		p.Add("file", "error.required")
		return nil, nil, p.Err()
	}
	return header, rows, err
}
