package web

import (
	"context"
	"html/template"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

// municipalityPlan is the municipality page's action-plan section: the joint activities
// it takes part in with its own status and completion, and how late its overdue parts are.
type municipalityPlan struct {
	Rows    []participationRow
	Overdue int
	// Internal: the user is signed in, sees draft strategies too and may open the
	// municipality's attention page.
	Internal bool
}

// participationRow is a row with its texts already formatted, as municipalityRow is: the
// municipality page must stay fast.
type participationRow struct {
	StrategyID, ActivityID int64
	Strategy, Activity     template.HTML
	Code, Status, Due      string
	Swatch                 template.HTML // the status's colour
	Completion             int
	Late                   string // "" when not overdue
}

func (ui *UI) municipalityPlanOf(ctx context.Context, p Page, ehak string) (municipalityPlan, error) {
	internal := auth.Allowed(auth.CanReadInternal(auth.UserFrom(ctx)))
	parts, err := ui.Plans.MunicipalityParticipations(ctx, ehak, plan.Readable(auth.ReadableDrafts(auth.UserFrom(ctx))))
	if err != nil {
		return municipalityPlan{}, err
	}
	pp, now := planPage{p}, ui.now()
	out := municipalityPlan{Internal: internal, Rows: make([]participationRow, len(parts))}
	for i, pt := range parts {
		row := participationRow{StrategyID: pt.StrategyID, ActivityID: pt.ActivityID, Code: pt.ActivityCode,
			Strategy: pp.Text(pt.StrategyTitleEt, pt.StrategyTitleEn), Activity: pp.Text(pt.ActivityTitleEt, pt.ActivityTitleEn),
			Status: pp.StatusName(pt.Statuses, pt.Status), Swatch: pp.Swatch(pt.Statuses, pt.Status), Due: pp.Day(pt.Due), Completion: pt.Completion}
		if days, late := pt.Overdue(now); late {
			row.Late = p.L.T("plantransfer.attention.days", "Count", days)
			out.Overdue++
		}
		out.Rows[i] = row
	}
	return out, nil
}
