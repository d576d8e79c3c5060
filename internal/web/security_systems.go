package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/security"
)

// The landscape's systems an assessment's module covers, shown both ways: on the module's
// page (chosen there) and on the landscape row's page, to those who may read the
// assessment (the choice is part of the embargoed answers).

// moduleSystem is one of the municipality's landscape rows offered on a module's page.
type moduleSystem struct {
	ID     int64
	Name   string
	Chosen bool
}

// loadModuleSystems offers the municipality's landscape rows on module page p.
func (ui *UI) loadModuleSystems(p *securityModulePage, r *http.Request) error {
	if ui.Landscape == nil {
		return nil
	}
	ctx := r.Context()
	rows, err := ui.allRows(ctx, p.EHAK)
	if err != nil || len(rows) == 0 {
		return err
	}
	names, _, err := ui.solutionNames(ctx)
	if err != nil {
		return err
	}
	chosen, err := ui.Security.ModuleSystems(ctx, p.V.Round.ID, p.EHAK, p.M.Module.Code)
	if err != nil {
		return err
	}
	on := map[int64]bool{}
	for _, id := range chosen {
		on[id] = true
	}
	for _, row := range rows {
		p.Systems = append(p.Systems, moduleSystem{ID: row.ID, Name: names[row.SolutionID], Chosen: on[row.ID]})
	}
	return nil
}

// securitySystemsSave replaces the systems the module covers with those ticked.
func (ui *UI) securitySystemsSave(w http.ResponseWriter, r *http.Request) error {
	ctx, ehak := r.Context(), r.PathValue("ehak")
	p, err := ui.answerableModule(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return kovit.Errorf(kovit.EInvalid, "error.invalid")
	}
	var ids []int64
	var problems kovit.Problems
	for _, v := range r.PostForm["system"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems.Add("systems", "security.error.system")
			break
		}
		ids = append(ids, id)
	}
	status, problems, err := trySave(problems, func() error {
		_, err := ui.Security.SetModuleSystems(ctx, p.V.Round.ID, ehak, p.M.Module.Code, ids)
		return err
	})
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Base()+"/modules/"+p.M.Module.Code+"#systems-h", "flash.saved")
	}
	p.Form.refused(p.L, status, problems, nil, 0)
	p.Refused = "systems"
	ui.render(w, r, status, "security/module", p)
	return nil
}

// rowModules are the assessments' modules that name landscape row id, of the rounds
// whose answers the user may read.
func (ui *UI) rowModules(r *http.Request, rowID int64, ehak string) ([]security.SystemModule, error) {
	if ui.Security == nil || !auth.Allowed(auth.CanReadAssessment(auth.UserFrom(r.Context()), ehak)) {
		return nil, nil
	}
	return ui.Security.SystemModules(r.Context(), rowID)
}
