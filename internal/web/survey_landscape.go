package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/survey"
)

// surveySolutionGrid fills what a per-solution grid needs: the catalogue's accepted
// solutions, when the survey asks about them, and for those who edit the municipality's
// landscape the status updates its approved response proposes.
func (ui *UI) surveySolutionGrid(ctx context.Context, p *surveyResponsePage, u *auth.User) error {
	if !slices.ContainsFunc(p.S.Questions, func(q survey.Question) bool { return q.Type == survey.SolutionGrid }) {
		return nil
	}
	for f := (landscape.SolutionFilter{States: []landscape.State{landscape.Accepted}, Limit: kovit.MaxLimit}); ; f.Offset += f.Limit {
		page, total, err := ui.Landscape.ListSolutions(ctx, f)
		if err != nil {
			return err
		}
		p.Solutions = append(p.Solutions, page...)
		if len(page) == 0 || f.Offset+len(page) >= total {
			break
		}
	}
	ehak := p.R.MunicipalityEHAK
	if p.R.State != survey.Approved || !auth.Allowed(auth.CanEditLandscape(u, ehak)) {
		return nil
	}
	rows, err := ui.allRows(ctx, ehak)
	if err != nil {
		return err
	}
	bySolution := make(map[int64]landscape.Row, len(rows))
	for _, r := range rows {
		bySolution[r.SolutionID] = r
	}
	p.StatusProposals = survey.StatusProposals(p.S, p.R, bySolution)
	return nil
}

// SolutionName is the catalogue's name of solution id, or its number when it has left
// the catalogue.
func (p surveyResponsePage) SolutionName(id int64) string {
	for _, s := range p.Solutions {
		if s.ID == id {
			return s.Name
		}
	}
	return "#" + strconv.FormatInt(id, 10)
}

// SolutionKey is a solution's id as a grid answer keys it.
func (p surveyResponsePage) SolutionKey(id int64) string { return strconv.FormatInt(id, 10) }

// surveyResponseApplyStatus applies one status update the approved response proposes to
// the municipality's landscape, through the landscape module's own save: a new row when
// it has none of the solution, else the row's update at the version the page showed
// (version check, audit, status history, confirmation).
func (ui *UI) surveyResponseApplyStatus(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditLandscape(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	p, err := ui.loadSurveyResponse(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	id := int64(formInt(r, "solution_id", &problems))
	version := formInt(r, "row_version", &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	i := slices.IndexFunc(p.StatusProposals, func(x survey.StatusProposal) bool { return x.SolutionID == id })
	if i < 0 {
		return kovit.Errorf(kovit.EConflict, "survey.error.no_proposal")
	}
	prop := p.StatusProposals[i]
	if prop.RowID == 0 {
		if version != 0 {
			return kovit.Conflict()
		}
		row := landscape.Row{MunicipalityEHAK: ehak, SolutionID: id, Status: prop.Proposed}
		row.Normalize()
		if err := row.Validate(); err != nil {
			return err
		}
		if _, err := ui.Landscape.CreateRow(ctx, row); err != nil {
			return err
		}
	} else {
		row, err := ui.Landscape.Row(ctx, prop.RowID)
		if err != nil {
			return err
		}
		row.Status, row.Version = prop.Proposed, version
		if _, err := ui.Landscape.UpdateRow(ctx, row); err != nil {
			return err
		}
	}
	return ui.redirect(w, r, "/surveys/"+strconv.FormatInt(p.S.ID, 10)+"/responses/"+ehak, "survey.flash.applied")
}
