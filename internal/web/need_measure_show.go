package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/tabular"
)

// measurePage is one support measure: its terms, the budget view (mapped cost against the
// budget, each municipality's grant and co-financing) and the trace of every consolidated
// need, municipality and need behind it. The proposal page shows the same for the ministry.
type measurePage struct {
	needPage
	M      need.Measure
	Budget need.Budget
	Trace  need.MeasureTrace
	Ranked []need.Ranked // the mapped consolidated needs, by priority
	measureForm
}

// Path is the measure's page.
func (p measurePage) Path() string { return "/measures/" + strconv.FormatInt(p.M.ID, 10) }

// Over reports whether the grants asked for exceed the budget.
func (p measurePage) Over() bool { return p.Budget.Remaining < 0 }

// Cohort is the number of municipalities behind the measure.
func (p measurePage) Cohort() int { return len(p.Budget.Lines) }

// Population is the combined population of the mapped consolidated needs' cohorts.
func (p measurePage) Population() int {
	n := 0
	for _, c := range p.Trace.Consolidated {
		n += c.Figures.Population
	}
	return n
}

func (ui *UI) loadMeasure(r *http.Request) (measurePage, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	id, err := pathID(r, "id")
	if err != nil {
		return measurePage{}, err
	}
	m, err := ui.Needs.Measure(ctx, id)
	if err != nil {
		return measurePage{}, err
	}
	if auth.CanReadPublished(u, m.Published) != nil {
		return measurePage{}, kovit.NotFound()
	}
	np, err := ui.needPage(r, "")
	if err != nil {
		return measurePage{}, err
	}
	np.Nav, np.Title = "measures", m.Name
	p := measurePage{needPage: np, M: m, measureForm: newMeasureForm(m, np.L.Lang)}
	scope := auth.ListScope(u)
	// The budget counts unpublished consolidated needs too: it is for signed-in users.
	if !scope.PublishedOnly() {
		if p.Budget, err = ui.Needs.Budget(ctx, id); err != nil {
			return p, err
		}
	}
	if p.Trace, err = ui.Needs.MeasureTrace(ctx, id); err != nil {
		return p, err
	}
	// Only the needs the user may read: none for the public, an editor's own
	// municipality's, as on a consolidated need's page.
	p.Trace = p.Trace.ReadableBy(p.mayRead())
	if scope.PublishedOnly() {
		var shown []need.Consolidated
		for _, c := range p.Trace.Consolidated {
			if c.Published {
				shown = append(shown, c)
			}
		}
		p.Trace.Consolidated = shown
	}
	if p.Ranked, err = ui.Needs.Priorities(ctx, need.ConsolidatedFilter{MeasureID: id, PublishedOnly: scope.PublishedOnly()}); err != nil {
		return p, err
	}
	return p, nil
}

func (ui *UI) measureShow(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadMeasure(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "need/measure", p)
	return nil
}

// measureUpdate saves a measure's terms; the budget view follows at once.
func (ui *UI) measureUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := ui.Needs.Measure(ctx, id); err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	p, err := ui.loadMeasure(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	f := readMeasure(r, p.M, &problems)
	status, problems, err := trySave(problems, func() error { _, err := ui.Needs.UpdateMeasure(ctx, f.Edit); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path(), "flash.saved")
	}
	f.Form.refused(p.L, status, problems, &f.Edit.Version, p.M.Version)
	p.measureForm = f
	ui.render(w, r, status, "need/measure", p)
	return nil
}

// measureProposal is the measure as the association proposes it to the ministry, as a
// printable page; measureProposalExport writes it as a workbook.
func (ui *UI) measureProposal(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadInternal(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	p, err := ui.loadMeasure(r)
	if err != nil {
		return err
	}
	p.Title = p.L.T("needui.proposal.title", "Name", p.M.Name)
	ui.render(w, r, http.StatusOK, "need/proposal", p)
	return nil
}

// measureProposalExport writes the proposal as the API's proposal.xlsx does: a workbook
// of its summary, the ranked consolidated needs and each municipality's part.
func (ui *UI) measureProposalExport(w http.ResponseWriter, r *http.Request) error {
	// Signed-in users read every measure, published or not.
	if err := auth.CanReadInternal(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	proposal, err := ui.Needs.Proposal(r.Context(), id)
	if err != nil {
		return err
	}
	return tabular.WriteWorkbookHTTP(w, "meetme-ettepanek-"+strconv.FormatInt(id, 10), need.ProposalSheets(proposal, ui.Catalog.Printer("et").T)...)
}

// CoFinancingTotal is what the municipalities pay themselves together.
func (p measurePage) CoFinancingTotal() kovit.Money { return p.Budget.Cost - p.Budget.Grants }

// InConsolidated reports whether need n belongs to consolidated need id.
func (p measurePage) InConsolidated(n need.Need, id int64) bool {
	return n.ConsolidatedID != nil && *n.ConsolidatedID == id
}

// View is the page's form for the measure-fields partial.
func (p measurePage) View() measureView { return p.MeasureView(p.measureForm) }
