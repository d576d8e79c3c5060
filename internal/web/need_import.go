package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
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

func (ui *UI) needImportForm(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanImport(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return ui.renderNeedImport(w, r, http.StatusOK, needImportPage{Step: "upload"})
}

func (ui *UI) renderNeedImport(w http.ResponseWriter, r *http.Request, status int, p needImportPage) error {
	np, err := ui.needPage(r, "needui.import.title")
	if err != nil {
		return err
	}
	p.needPage = np
	for _, f := range need.Fields {
		p.Fields = append(p.Fields, string(f))
	}
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
	if err := auth.CanImport(u); err != nil {
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
	// The table comes back from the browser: hold it to the bounds of the upload again.
	if err := tabular.Check(t.Header, t.Rows); err != nil {
		_, problem, _ := ui.uploadProblem(r, err)
		return ui.renderNeedImport(w, r, http.StatusUnprocessableEntity, needImportPage{Step: "upload", Errors: []importProblem{problem}})
	}
	p := needImportPage{Step: "map", Table: r.PostFormValue("table"), Header: t.Header, Sample: firstRows(t.Rows)}
	m := need.Mapping{}
	for i, h := range t.Header {
		f := r.PostFormValue("map_" + strconv.Itoa(i))
		p.Mapping = append(p.Mapping, f)
		if f != "" {
			m[h] = need.Field(f)
		}
	}
	var problems kovit.Problems
	roundID := formID(r, "round_id", &problems)
	if roundID != nil {
		p.RoundID = *roundID
	}
	l := ui.Catalog.Printer(lang(r))
	if err := m.Validate(t.Header); err != nil {
		for _, f := range kovit.FieldsOf(err) {
			p.Errors = append(p.Errors, importProblem{Column: strings.TrimPrefix(f.Field, "mapping."), Message: l.T(f.Key)})
		}
		return ui.renderNeedImport(w, r, http.StatusUnprocessableEntity, p)
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return err
	}
	names := need.MunicipalityNames(ms)
	may := func(ehak string) error { return auth.CanEditMunicipality(u, ehak) }
	needs, cellErrs := need.ParseSurvey(t.Header, t.Rows, m, names, may)
	status := http.StatusUnprocessableEntity
	for i := range needs {
		needs[i].RoundID = roundID
	}
	for _, e := range cellErrs {
		if e.Key == "need.error.other_municipality" {
			status = http.StatusForbidden
		}
		p.Errors = append(p.Errors, rowProblem(l, e))
	}
	if len(p.Errors) > 0 {
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
	fail := func(status int, problem importProblem) error {
		return ui.renderNeedImport(w, r, status, needImportPage{Step: "upload", Errors: []importProblem{problem}})
	}
	head, rows, err := readUpload(w, r)
	if status, problem, ok := ui.uploadProblem(r, err); ok {
		return fail(status, problem)
	} else if err != nil {
		return err
	}
	table, err := json.Marshal(surveyTable{Header: head, Rows: rows})
	if err != nil {
		return err
	}
	guess := need.GuessMapping(head)
	p := needImportPage{Step: "map", Table: string(table), Header: head, Sample: firstRows(rows)}
	for _, h := range head {
		p.Mapping = append(p.Mapping, string(guess[h]))
	}
	if id, err := strconv.ParseInt(r.FormValue("round_id"), 10, 64); err == nil {
		p.RoundID = id
	}
	return ui.renderNeedImport(w, r, http.StatusOK, p)
}

func firstRows(rows [][]string) [][]string { return rows[:min(len(rows), 3)] }

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
