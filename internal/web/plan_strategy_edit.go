package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// planStrategyEditPage is the form for a strategy's own fields: titles, period, description,
// owner, status, how soon an activity goes stale, its levels' names and its status list
// (plan_strategy_lists.go). Its tree is changed on its page.
type planStrategyEditPage struct {
	planPage
	S          plan.Strategy // as stored
	Edit       plan.Strategy // the form's values
	StatusRows []statusRow   // the status table's rows, with empty ones for new statuses
	Orgs       []plan.Organisation
	Form       form
}

// Path is the strategy page's address.
func (p planStrategyEditPage) Path() string { return "/plan/" + strconv.FormatInt(p.S.ID, 10) }

// EditPath is the form's own address, which it posts to.
func (p planStrategyEditPage) EditPath() string {
	return "/plan/strategies/" + strconv.FormatInt(p.S.ID, 10) + "/edit"
}

// StrategyStatuses are the choices of the status field, in the order of a strategy's life.
func (p planStrategyEditPage) StrategyStatuses() []plan.StrategyStatus {
	return []plan.StrategyStatus{plan.Draft, plan.Adopted, plan.Archived}
}

// Owner is the owner organisation's id as an option value; 0 is a national strategy.
func (p planStrategyEditPage) Owner() int64 {
	if p.Edit.OwnerID == nil {
		return 0
	}
	return *p.Edit.OwnerID
}

func (p planStrategyEditPage) StartYear() string { return yearValue(p.Edit.StartYear) }
func (p planStrategyEditPage) EndYear() string   { return yearValue(p.Edit.EndYear) }

// editablePlanStrategy loads a strategy for someone who may edit it, checking the right
// first so that a refused user learns nothing about a draft.
func (ui *UI) editablePlanStrategy(r *http.Request) (planStrategyEditPage, error) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return planStrategyEditPage{}, err
	}
	if err := ui.mayEditStrategyID(ctx, id, false); err != nil {
		return planStrategyEditPage{}, err
	}
	s, err := ui.Plans.Strategy(ctx, id)
	if err != nil {
		return planStrategyEditPage{}, err
	}
	p := planStrategyEditPage{planPage: planPage{ui.page(r, "planui.strategy_edit.title")}, S: s, Edit: s,
		StatusRows: withBlank(statusRows(s.Statuses), 1)}
	p.Nav = "plan"
	p.naming(p.PlainText(s.TitleEt, s.TitleEn))
	if p.Orgs, err = ui.Plans.ListOrganisations(ctx); err != nil {
		return p, err
	}
	return p, nil
}

func (ui *UI) planStrategyEdit(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.editablePlanStrategy(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "plan/strategy_form", p)
	return nil
}

// planStrategyUpdate saves the strategy's fields; code and source stay as stored. The
// status table's "add a row" button saves nothing and shows the form with one more row.
func (ui *UI) planStrategyUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanStrategy(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	s := p.S
	s.TitleEt, s.TitleEn = strings.TrimSpace(r.PostFormValue("title_et")), strings.TrimSpace(r.PostFormValue("title_en"))
	s.StartYear, s.EndYear = formInt(r, "start_year", &problems), formInt(r, "end_year", &problems)
	s.DescriptionEt = strings.TrimSpace(r.PostFormValue("description_et"))
	s.DescriptionEn = strings.TrimSpace(r.PostFormValue("description_en"))
	s.Status = plan.StrategyStatus(r.PostFormValue("status"))
	s.StaleAfterDays = formInt(r, "stale_after_days", &problems)
	if s.StaleAfterDays == 0 {
		// Zero would be taken for "use the default"; it is out of range, so say so.
		problems.Add("stale_after_days", "plan.error.stale_days")
	}
	s.Version = formInt(r, "version", &problems)
	s.Levels = readLevels(r, s.Levels)
	rows, list, sent := readStatuses(r, &problems)
	if sent {
		s.Statuses, p.StatusRows = list, withBlank(rows, 1)
	}
	s.OwnerID = nil
	if v := r.PostFormValue("owner_id"); v != "" && v != "0" {
		owner, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems.Add("owner_id", "plan.error.unknown_organisation")
		}
		s.OwnerID = &owner
	}
	if sent && r.PostFormValue("add_status") != "" {
		p.Edit, p.StatusRows = s, withBlank(rows, 2)
		ui.render(w, r, http.StatusOK, "plan/strategy_form", p)
		return nil
	}
	if sent {
		if err := ui.checkRemovals(ctx, s.ID, rows, &problems); err != nil {
			return err
		}
	}
	if len(problems) == 0 && !sameOwner(s.OwnerID, p.S.OwnerID) {
		// Handing the strategy to another owner must not give it to someone the user
		// could not have given it to, such as making a municipality's plan national.
		switch err := ui.mayEditStrategy(ctx, s); kovit.ErrorCode(err) {
		case "":
		case kovit.ENotFound:
			problems.Add("owner_id", "plan.error.unknown_organisation")
		case kovit.EForbidden:
			problems.Add("owner_id", "planui.strategy_edit.owner_forbidden")
		default:
			return err
		}
	}
	if err := auth.CanReopenStrategy(auth.UserFrom(ctx), string(p.S.Status), string(s.Status)); err != nil {
		return err
	}
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.UpdateStrategy(ctx, s); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path(), "flash.saved")
	}
	p.Form.refused(p.L, status, problems, &s.Version, p.S.Version)
	p.Edit = s
	ui.render(w, r, status, "plan/strategy_form", p)
	return nil
}

func sameOwner(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
