package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/tabular"
)

// The survey import runs in three steps without keeping anything on the server: upload
// (the file is read into a table carried in the form), mapping (a field for each column,
// guessed from the headers) with a preview, and apply, which stores every need or none.

// needImportPage is every step of the import.
type needImportPage struct {
	needPage
	Step    string // "upload", "map" or "done"
	Table   string // the uploaded table as JSON, carried between steps
	Header  []string
	Sample  [][]string // the first rows, to help choose the mapping
	Mapping []string
	Fields  []string
	Preview []need.Need
	Errors  []importProblem
	Rounds  []need.Round
	RoundID int64
}

// surveyTable is the uploaded file between steps.
type surveyTable struct {
	Header []string   `json:"header"`
	Rows   [][]string `json:"rows"`
}

// mayImportNeeds lets in editors (rows of their own municipality only) and coordinators.
func mayImportNeeds(u *auth.User) error {
	if u == nil {
		return kovit.Unauthorized()
	}
	return auth.CanEditNeed(u, u.MunicipalityEHAK, true)
}

func (ui *UI) needImportForm(w http.ResponseWriter, r *http.Request) error {
	if err := mayImportNeeds(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return ui.renderNeedImport(w, r, http.StatusOK, needImportPage{Step: "upload"})
}

func (ui *UI) renderNeedImport(w http.ResponseWriter, r *http.Request, status int, p needImportPage) error {
	np, err := ui.needPage(r, "needui.import.title")
	if err != nil {
		return err
	}
	p.needPage, p.Fields = np, need.SurveyFields
	rounds, err := ui.Needs.ListRounds(r.Context())
	if err != nil {
		return err
	}
	for _, rd := range rounds {
		if rd.Open {
			p.Rounds = append(p.Rounds, rd)
		}
	}
	ui.render(w, r, status, "need/import", p)
	return nil
}

// needImport runs the step the form asks for: a file upload reads the table and guesses
// the mapping; "preview" checks every row; "apply" stores them all.
func (ui *UI) needImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := mayImportNeeds(u); err != nil {
		return err
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		return ui.needImportUpload(w, r)
	}
	var t surveyTable
	if err := json.Unmarshal([]byte(r.PostFormValue("table")), &t); err != nil || len(t.Header) == 0 {
		return ui.renderNeedImport(w, r, http.StatusUnprocessableEntity, needImportPage{Step: "upload",
			Errors: []importProblem{{Message: ui.text(r, "transfer.import.no_file")}}})
	}
	p := needImportPage{Step: "map", Table: r.PostFormValue("table"), Header: t.Header, Sample: firstRows(t.Rows)}
	for i := range t.Header {
		p.Mapping = append(p.Mapping, r.PostFormValue("map_"+strconv.Itoa(i)))
	}
	var problems kovit.Problems
	roundID := formID(r, "round_id", &problems)
	if roundID != nil {
		p.RoundID = *roundID
	}
	ref, err := ui.surveyRef(r, u, roundID)
	if err != nil {
		return err
	}
	needs, rowErrs := need.ReadSurvey(t.Header, t.Rows, p.Mapping, ref)
	l := ui.Catalog.Printer(lang(r))
	for _, e := range rowErrs {
		p.Errors = append(p.Errors, importProblem{Row: e.Row, Column: e.Column, Message: l.T(e.Key)})
	}
	if len(p.Errors) > 0 {
		status := http.StatusUnprocessableEntity
		for _, e := range rowErrs {
			if e.Key == "needui.import.not_yours" {
				status = http.StatusForbidden
			}
		}
		return ui.renderNeedImport(w, r, status, p)
	}
	if r.PostFormValue("step") != "apply" {
		p.Preview = needs
		return ui.renderNeedImport(w, r, http.StatusOK, p)
	}
	if _, err := ui.Needs.ImportNeeds(ctx, needs); err != nil {
		if kovit.ErrorCode(err) != kovit.EInvalid {
			return err
		}
		for _, f := range kovit.FieldsOf(err) {
			p.Errors = append(p.Errors, importProblem{Column: f.Field, Message: l.T(f.Key)})
		}
		if len(p.Errors) == 0 {
			p.Errors = append(p.Errors, importProblem{Message: l.T(kovit.AsError(err).Key)})
		}
		return ui.renderNeedImport(w, r, http.StatusUnprocessableEntity, p)
	}
	return ui.redirect(w, r, "/needs", "needui.import.done")
}

func (ui *UI) needImportUpload(w http.ResponseWriter, r *http.Request) error {
	fail := func(status int, key string, row int) error {
		return ui.renderNeedImport(w, r, status, needImportPage{Step: "upload", Errors: []importProblem{{Row: row, Message: ui.text(r, key)}}})
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxImport)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return fail(http.StatusRequestEntityTooLarge, "transfer.import.too_large", 0)
		}
		return fail(http.StatusBadRequest, "transfer.import.no_file", 0)
	}
	defer r.MultipartForm.RemoveAll()
	file, header, err := r.FormFile("file")
	if err != nil {
		return fail(http.StatusUnprocessableEntity, "transfer.import.no_file", 0)
	}
	defer file.Close()
	head, rows, err := tabular.Read(file, header.Filename)
	var re *tabular.ReadError
	if errors.As(err, &re) {
		return fail(http.StatusUnprocessableEntity, re.Key, re.Row)
	} else if err != nil {
		return err
	}
	table, err := json.Marshal(surveyTable{Header: head, Rows: rows})
	if err != nil {
		return err
	}
	p := needImportPage{Step: "map", Table: string(table), Header: head, Sample: firstRows(rows), Mapping: need.GuessMapping(head)}
	if id, err := strconv.ParseInt(r.FormValue("round_id"), 10, 64); err == nil {
		p.RoundID = id
	}
	return ui.renderNeedImport(w, r, http.StatusOK, p)
}

func firstRows(rows [][]string) [][]string { return rows[:min(len(rows), 3)] }

// surveyRef is what rows are read against: municipalities by name or code, category and
// urgency by their key or their name in either language.
func (ui *UI) surveyRef(r *http.Request, u *auth.User, roundID *int64) (need.SurveyRef, error) {
	ms, err := ui.allMunicipalities(r.Context())
	if err != nil {
		return need.SurveyRef{}, err
	}
	ref := need.SurveyRef{Municipalities: map[string]string{}, Categories: map[string]need.Category{}, Urgencies: map[string]need.Urgency{},
		May: func(ehak string) error { return auth.CanEditMunicipality(u, ehak) }, RoundID: roundID}
	for _, m := range ms {
		ref.Municipalities[strings.ToLower(m.Name)], ref.Municipalities[m.EHAK] = m.EHAK, m.EHAK
	}
	for _, lang := range i18n.Languages {
		l := ui.Catalog.Printer(lang)
		for _, c := range need.Categories {
			ref.Categories[string(c)], ref.Categories[strings.ToLower(l.T("need.category."+string(c)))] = c, c
		}
		for _, x := range need.Urgencies {
			ref.Urgencies[string(x)], ref.Urgencies[strings.ToLower(l.T("need.urgency."+string(x)))] = x, x
		}
	}
	if u.Role == auth.RoleEditor {
		ref.Own = u.MunicipalityEHAK
	}
	return ref, nil
}

// Examples are the first rows' cells of column i.
func (p needImportPage) Examples(i int) []string {
	var out []string
	for _, row := range p.Sample {
		if i < len(row) && row[i] != "" {
			out = append(out, row[i])
		}
	}
	return out
}
