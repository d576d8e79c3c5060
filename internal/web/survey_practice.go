package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
	"kovit/internal/survey"
)

// practiceChange is one field of the municipality's e-democracy practice as it is and as
// an approved response proposes it, written out in the page's language.
type practiceChange struct{ Field, Current, Proposed string }

// surveyPractice fills, for those who edit the municipality's data, the practice update
// its approved response proposes, when the survey maps questions to the practice.
func (ui *UI) surveyPractice(ctx context.Context, p *surveyResponsePage, u *auth.User) error {
	ehak := p.R.MunicipalityEHAK
	mapped := slices.ContainsFunc(p.S.Questions, func(q survey.Question) bool { return strings.HasPrefix(q.Maps, survey.MapsPractice) })
	if !mapped || p.R.State != survey.Approved || !auth.Allowed(auth.CanEditMunicipality(u, ehak)) {
		return nil
	}
	current, err := ui.EDemocracy.EDemocracyPractice(ctx, ehak)
	if err != nil {
		return err
	}
	proposed, fields := survey.PracticeProposal(p.S, p.R, current)
	for _, f := range fields {
		p.PracticeChanges = append(p.PracticeChanges, practiceChange{Field: f, Current: p.practiceValue(current, f), Proposed: p.practiceValue(proposed, f)})
	}
	p.PracticeVersion = current.Version
	return nil
}

// practiceValue is field f of pr as the practice's page writes it.
func (p surveyResponsePage) practiceValue(pr edemocracy.Practice, f string) string {
	yesNo := func(b bool) string {
		if b {
			return p.L.T("edemocracy.yes")
		}
		return p.L.T("edemocracy.no")
	}
	number := func(n *int) string {
		if n == nil {
			return "–"
		}
		return p.L.Int(*n)
	}
	text := func(s string) string {
		if s == "" {
			return "–"
		}
		return s
	}
	switch f {
	case "council_system":
		return text(pr.CouncilSystem)
	case "open_data_url":
		return text(pr.OpenDataURL)
	case "public_modules":
		names := make([]string, len(pr.PublicModules))
		for i, m := range pr.PublicModules {
			names[i] = p.L.T("edemocracy.module." + m)
		}
		return text(strings.Join(names, ", "))
	case "streaming":
		return yesNo(pr.Streaming)
	case "recordings":
		return yesNo(pr.Recordings)
	case "rahvaalgatus":
		return yesNo(pr.Rahvaalgatus)
	case "budget_year":
		if pr.BudgetYear == nil {
			return "–"
		}
		return strconv.Itoa(*pr.BudgetYear)
	case "budget_votes":
		return number(pr.BudgetVotes)
	case "initiative_threshold":
		return number(pr.InitiativeThreshold)
	case "consultations":
		return p.L.Int(pr.Consultations)
	case "budget_amount":
		if pr.BudgetAmount == nil {
			return "–"
		}
		return p.L.Num(float64(*pr.BudgetAmount)/100, 2) + " €"
	}
	return ""
}

// surveyResponseApplyPractice saves the practice the approved response proposes through
// the e-democracy module's own save (validation, version check, audit), at the version
// of the practice the page showed: a practice changed since is a conflict.
func (ui *UI) surveyResponseApplyPractice(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	p, err := ui.responseToApply(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	version := formInt(r, "version", &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	if len(p.PracticeChanges) == 0 {
		return kovit.Errorf(kovit.EConflict, "survey.error.no_proposal")
	}
	current, err := ui.EDemocracy.EDemocracyPractice(ctx, ehak)
	if err != nil {
		return err
	}
	if current.Version != version {
		return kovit.Conflict()
	}
	proposed, _ := survey.PracticeProposal(p.S, p.R, current)
	if _, err := ui.EDemocracy.EDemocracySavePractice(ctx, proposed); err != nil {
		return err
	}
	return ui.redirect(w, r, "/surveys/"+strconv.FormatInt(p.S.ID, 10)+"/responses/"+ehak, "survey.flash.applied")
}
