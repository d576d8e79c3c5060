package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// planListPage lists the strategies a user may see, with the coordinators' form for a new one.
type planListPage struct {
	planPage
	Strategies []plan.Strategy
	CanCreate  bool
	New        plan.Strategy // the new-strategy form's values
	Form       form
}

// StartYear and EndYear show the form's years, empty rather than 0 on a fresh form.
func (p planListPage) StartYear() string { return yearValue(p.New.StartYear) }
func (p planListPage) EndYear() string   { return yearValue(p.New.EndYear) }

func yearValue(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func (ui *UI) loadPlanList(r *http.Request) (planListPage, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	f := plan.StrategyFilter{Statuses: []plan.StrategyStatus{plan.Adopted, plan.Archived}, Limit: 500}
	if auth.Allowed(auth.CanReadInternal(u)) {
		f.Statuses = nil
	}
	items, _, err := ui.Plans.ListStrategies(ctx, f)
	if err != nil {
		return planListPage{}, err
	}
	p := planListPage{planPage: planPage{ui.page(r, "planui.list.title")}, Strategies: items,
		CanCreate: auth.Allowed(auth.CanEditNational(u))}
	p.Nav = "plan"
	return p, nil
}

func (ui *UI) planList(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPlanList(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "plan/list", p)
	return nil
}

// planCreate makes a national strategy as a draft: nobody outside sees it until adopted.
func (ui *UI) planCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	s := plan.Strategy{TitleEt: strings.TrimSpace(r.PostFormValue("title_et")), TitleEn: strings.TrimSpace(r.PostFormValue("title_en")),
		StartYear: formInt(r, "start_year", &problems), EndYear: formInt(r, "end_year", &problems),
		DescriptionEt: strings.TrimSpace(r.PostFormValue("description_et")), DescriptionEn: strings.TrimSpace(r.PostFormValue("description_en")),
		Status: plan.Draft}
	if len(problems) == 0 {
		created, err := ui.Plans.CreateStrategy(ctx, s)
		switch kovit.ErrorCode(err) {
		case "":
			return ui.redirect(w, r, "/plan/"+strconv.FormatInt(created.ID, 10), "flash.saved")
		case kovit.EInvalid:
			problems = kovit.FieldsOf(err)
		default:
			return err
		}
	}
	p, err := ui.loadPlanList(r)
	if err != nil {
		return err
	}
	p.New, p.Form.Problems = s, problems
	ui.render(w, r, http.StatusUnprocessableEntity, "plan/list", p)
	return nil
}
