package web

import (
	"net/http"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// planComparePage is what changed from an earlier report to a later one of a strategy.
type planComparePage struct {
	planPage
	S          plan.Strategy
	From, To   plan.Report
	FromStates plan.Statuses // status names as each report keeps them
	ToStates   plan.Statuses
	C          plan.Comparison
}

// Delta shows a progress change in percentage points with its sign, so a fall does not
// rely on colour to be seen.
func (p planComparePage) Delta(d float64) string {
	s := p.L.Num(d*100, 0)
	if d > 0 {
		s = "+" + s
	}
	return s + " " + p.L.T("report.compare.points")
}

// Point shows an indicator figure, or a dash for none.
func (p planComparePage) Point(pt *plan.Point) string {
	if pt == nil {
		return "–"
	}
	return p.L.Num(pt.Value, 1) + " (" + p.L.Date(pt.Date) + ")"
}

// planCompare compares two reports of one strategy, whichever order the address names
// them in: the one with the earlier period (then the older) is always "from".
func (ui *UI) planCompare(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a, err := pathID(r, "a")
	if err != nil {
		return err
	}
	b, err := pathID(r, "b")
	if err != nil {
		return err
	}
	from, s, err := ui.readableReport(ctx, a)
	if err != nil {
		return err
	}
	to, _, err := ui.readableReport(ctx, b)
	if err != nil {
		return err
	}
	if from.StrategyID != to.StrategyID {
		var p kovit.Problems
		p.Add("b", "plan.error.report_strategy")
		return p.Err()
	}
	if to.PeriodEnd.Before(from.PeriodEnd) || (to.PeriodEnd.Equal(from.PeriodEnd) && to.ID < from.ID) {
		from, to = to, from
	}
	fromState, err := reportState(ctx, ui.Plans, from)
	if err != nil {
		return err
	}
	toState, err := reportState(ctx, ui.Plans, to)
	if err != nil {
		return err
	}
	p := planComparePage{planPage: planPage{ui.page(r, "report.compare.title")}, S: s, From: from, To: to,
		FromStates: fromState.Statuses, ToStates: toState.Statuses, C: plan.Compare(fromState, toState)}
	p.Nav = "plan"
	fromTitle, _ := from.Title(p.L.Lang)
	toTitle, _ := to.Title(p.L.Lang)
	p.naming(fromTitle + " – " + toTitle)
	ui.render(w, r, http.StatusOK, "plan/compare", p)
	return nil
}

// Activities is the comparison's list of added, closed or removed activities.
func (p planComparePage) Activities(which string) []plan.NodeState {
	switch which {
	case "added":
		return p.C.Added
	case "closed":
		return p.C.Closed
	}
	return p.C.Removed
}
