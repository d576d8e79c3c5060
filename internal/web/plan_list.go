package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// planListPage lists the strategies a user may see, with the form for a new one: for
// coordinators a national strategy or any organisation's, for a municipality's editors
// their municipality's own plan.
type planListPage struct {
	planPage
	Strategies []plan.Strategy
	CanCreate  bool
	// Owners are the owners a coordinator may choose; OwnOrg is an editor's municipality,
	// the only owner they may give a new plan.
	Owners []plan.Organisation
	OwnOrg *plan.Organisation
	New    plan.Strategy // the new-strategy form's values
	Form   form
}

// StartYear and EndYear show the form's years, empty rather than 0 on a fresh form.
func (p planListPage) StartYear() string { return yearValue(p.New.StartYear) }
func (p planListPage) EndYear() string   { return yearValue(p.New.EndYear) }

// Owner is the new strategy's owner as an option value; 0 is a national strategy.
func (p planListPage) Owner() int64 {
	if p.New.OwnerID == nil {
		return 0
	}
	return *p.New.OwnerID
}

func yearValue(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func (ui *UI) loadPlanList(r *http.Request) (planListPage, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	items, _, err := ui.Plans.ListStrategies(ctx, plan.Readable(auth.ReadableDrafts(u)))
	if err != nil {
		return planListPage{}, err
	}
	p := planListPage{planPage: planPage{ui.page(r, "planui.list.title")}, Strategies: items}
	p.Nav = "plan"
	if auth.ListScope(u).PublishedOnly() {
		return p, nil
	}
	orgs, err := ui.Plans.ListOrganisations(ctx)
	if err != nil {
		return p, err
	}
	if auth.Allowed(auth.CanEditNational(u)) {
		p.CanCreate, p.Owners = true, orgs
		return p, nil
	}
	for i, o := range orgs {
		if o.MunicipalityEHAK != "" && auth.Allowed(auth.CanEditStrategy(u, o.MunicipalityEHAK)) {
			p.CanCreate, p.OwnOrg, p.New.OwnerID = true, &orgs[i], &orgs[i].ID
		}
	}
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

// planCreate makes a strategy as a draft: nobody outside sees it until adopted. Its owner
// must be one the user may edit a strategy of, as the API also requires: a municipality's
// editors make only their municipality's own plan.
func (ui *UI) planCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if auth.UserFrom(ctx) == nil {
		return kovit.Unauthorized()
	}
	var problems kovit.Problems
	s := plan.Strategy{TitleEt: strings.TrimSpace(r.PostFormValue("title_et")), TitleEn: strings.TrimSpace(r.PostFormValue("title_en")),
		StartYear: formInt(r, "start_year", &problems), EndYear: formInt(r, "end_year", &problems),
		DescriptionEt: strings.TrimSpace(r.PostFormValue("description_et")), DescriptionEn: strings.TrimSpace(r.PostFormValue("description_en")),
		Status: plan.Draft}
	if v := r.PostFormValue("owner_id"); v != "" && v != "0" {
		owner, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			owner = -1 // no organisation: answered as an unknown one
		}
		s.OwnerID = &owner
	}
	// Checked before the fields, so a refused user learns nothing; an unknown owner is
	// refused as a national strategy would be, but named to a coordinator.
	switch err := auth.HideMissing(auth.UserFrom(ctx), ui.mayEditStrategy(ctx, s)); kovit.ErrorCode(err) {
	case "":
	case kovit.ENotFound:
		problems.Add("owner_id", "plan.error.unknown_organisation")
	default:
		return err
	}
	var created plan.Strategy
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Plans.CreateStrategy(ctx, s); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/plan/"+strconv.FormatInt(created.ID, 10), "flash.saved")
	}
	p, err := ui.loadPlanList(r)
	if err != nil {
		return err
	}
	p.New, p.Form.Problems = s, problems
	ui.render(w, r, status, "plan/list", p)
	return nil
}
