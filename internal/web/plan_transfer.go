package web

import (
	"net/http"
	"strconv"

	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/tabular"
)

// planExport sends a strategy's tree as CSV or XLSX in the format planImport reads back.
// Whoever may read the tree may export it: drafts only signed-in users.
func (ui *UI) planExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	s, err := ui.readableStrategy(ctx, id)
	if err != nil {
		return err
	}
	t, err := ui.Plans.StrategyTree(ctx, s.ID)
	if err != nil {
		return err
	}
	orgs, err := ui.Plans.ListOrganisations(ctx)
	if err != nil {
		return err
	}
	name := "tegevuskava-" + strconv.FormatInt(s.ID, 10)
	return tabular.WriteHTTP(w, r, name, tabular.Table{Sheet: "tegevuskava", Header: plan.Header(lang(r)), Rows: plan.ExportRows(t, orgs)})
}

type planImportPage struct {
	planPage
	S        plan.Strategy
	Columns  []plan.Column
	Problems []importProblem
	// Done: the file was imported, with Result's counts.
	Done   bool
	Result plan.ImportResult
}

func (ui *UI) planImportForm(w http.ResponseWriter, r *http.Request) error {
	s, err := ui.importableStrategy(r)
	if err != nil {
		return err
	}
	ui.renderPlanImport(w, r, http.StatusOK, planImportPage{S: s})
	return nil
}

// importableStrategy is the strategy of the path if the user may change it.
func (ui *UI) importableStrategy(r *http.Request) (plan.Strategy, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return plan.Strategy{}, err
	}
	if err := ui.mayEditStrategyID(r.Context(), id, false); err != nil {
		return plan.Strategy{}, err
	}
	return ui.Plans.Strategy(r.Context(), id)
}

func (ui *UI) renderPlanImport(w http.ResponseWriter, r *http.Request, status int, p planImportPage) {
	p.planPage = planPage{ui.page(r, "plantransfer.import.title")}
	p.naming(p.PlainText(p.S.TitleEt, p.S.TitleEn))
	p.Nav, p.Columns = "plan", plan.Columns
	ui.render(w, r, status, "plan/import", p)
}

// planImport checks every row of an uploaded file and applies them all in one go, or none
// and lists every problem by row and column.
func (ui *UI) planImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	s, err := ui.importableStrategy(r)
	if err != nil {
		return err
	}
	fail := func(status int, problems ...importProblem) error {
		ui.renderPlanImport(w, r, status, planImportPage{S: s, Problems: problems})
		return nil
	}
	head, rows, err := readUpload(w, r)
	if status, problem, ok := ui.uploadProblem(r, err); ok {
		return fail(status, problem)
	} else if err != nil {
		return err
	}
	t, err := ui.Plans.StrategyTree(ctx, s.ID)
	if err != nil {
		return err
	}
	orgs, err := ui.Plans.ListOrganisations(ctx)
	if err != nil {
		return err
	}
	read, err := plan.ReadImport(head, rows, plan.ImportReference{Strategy: t.Strategy, Nodes: t.Nodes, Organisations: orgs})
	if err == nil {
		var res plan.ImportResult
		if res, err = ui.Plans.ImportPlan(ctx, s.ID, read); err == nil {
			ui.renderPlanImport(w, r, http.StatusOK, planImportPage{S: s, Done: true, Result: res})
			return nil
		}
	}
	problems, ok := ui.importProblems(r, err)
	if !ok {
		return err
	}
	return fail(kovit.StatusCode(err), problems...)
}
