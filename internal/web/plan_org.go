package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// planOrgPage lists the organisations that lead, partner in or own strategies, with the
// coordinators' forms to add and rename them. Municipalities are listed but not edited:
// they come from the municipality list, one each.
type planOrgPage struct {
	planPage
	Others         []plan.Organisation // editable: associations, ministries, agencies, others
	Municipalities []plan.Organisation
	CanEdit        bool
	New            plan.Organisation // the new-organisation form's values
	EditID         int64             // the organisation whose form was sent; 0 the new one
	EditIn         plan.Organisation // its values
	Form           form
}

// Kinds are the kinds a coordinator may give an organisation.
func (p planOrgPage) Kinds() []plan.OrgKind {
	return []plan.OrgKind{plan.Association, plan.Ministry, plan.Agency, plan.OtherOrg}
}

// Input is what organisation o's form shows: what was typed when its save failed.
func (p planOrgPage) Input(o plan.Organisation) plan.Organisation {
	if p.EditID != 0 && p.EditID == o.ID {
		return p.EditIn
	}
	return o
}

// FormError is the message for field of organisation id's form (0: the new one), or "".
func (p planOrgPage) FormError(id int64, field string) string {
	if id != p.EditID {
		return ""
	}
	return p.Form.Error(p.L, field)
}

// Prefix makes the ids of organisation id's form fields unique on the page.
func (p planOrgPage) Prefix(id int64) string {
	if id == 0 {
		return "o-new"
	}
	return "o" + strconv.FormatInt(id, 10)
}

func (ui *UI) loadPlanOrgs(r *http.Request) (planOrgPage, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanReadInternal(u); err != nil {
		return planOrgPage{}, err
	}
	p := planOrgPage{planPage: planPage{ui.page(r, "planedit.org.title")}, CanEdit: auth.Allowed(auth.CanEditNational(u)),
		New: plan.Organisation{Kind: plan.Association}}
	p.Nav = "plan"
	orgs, err := ui.Plans.ListOrganisations(ctx)
	if err != nil {
		return p, err
	}
	for _, o := range orgs {
		if o.Kind == plan.Municipality {
			p.Municipalities = append(p.Municipalities, o)
		} else {
			p.Others = append(p.Others, o)
		}
	}
	return p, nil
}

func (ui *UI) planOrgs(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPlanOrgs(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "plan/organisations", p)
	return nil
}

// editablePlanOrgs is the organisations page for a coordinator about to change the list;
// the right is checked before anything is read.
func (ui *UI) editablePlanOrgs(r *http.Request) (planOrgPage, error) {
	if err := auth.CanEditNational(auth.UserFrom(r.Context())); err != nil {
		return planOrgPage{}, err
	}
	return ui.loadPlanOrgs(r)
}

// readOrg puts the organisation form's kind and names over o.
func readOrg(r *http.Request, o plan.Organisation) plan.Organisation {
	o.Kind = plan.OrgKind(r.PostFormValue("kind"))
	o.NameEt = strings.TrimSpace(r.PostFormValue("name_et"))
	o.NameEn = strings.TrimSpace(r.PostFormValue("name_en"))
	return o
}

func (ui *UI) planOrgCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanOrgs(r)
	if err != nil {
		return err
	}
	o := readOrg(r, plan.Organisation{})
	var problems kovit.Problems
	if o.Kind == plan.Municipality {
		problems.Add("kind", "plan.error.org_municipality")
	}
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.CreateOrganisation(ctx, o); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/plan/organisations", "flash.saved")
	}
	p.New, p.Form.Problems = o, problems
	ui.render(w, r, status, "plan/organisations", p)
	return nil
}

// planOrgUpdate changes an organisation's kind and names; a municipality's is refused,
// as its names come from the municipality list.
func (ui *UI) planOrgUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanOrgs(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	stored, err := ui.Plans.Organisation(ctx, id)
	if err != nil {
		return err
	}
	if stored.Kind == plan.Municipality {
		return kovit.Errorf(kovit.EForbidden, "planedit.error.municipality_org")
	}
	var problems kovit.Problems
	o := readOrg(r, stored)
	o.Version = formInt(r, "version", &problems)
	if o.Kind == plan.Municipality {
		problems.Add("kind", "plan.error.org_municipality")
	}
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.UpdateOrganisation(ctx, o); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/plan/organisations#o"+strconv.FormatInt(id, 10), "flash.saved")
	}
	p.Form.refused(p.L, status, problems, &o.Version, stored.Version)
	p.EditID, p.EditIn = id, o
	ui.render(w, r, status, "plan/organisations", p)
	return nil
}

// orgFieldsView is one organisation form's fields, for the "org-fields" partial.
type orgFieldsView struct {
	planOrgPage
	Prefix string
	O      plan.Organisation
	id     int64
}

// Error is the message for field of this form, or "".
func (v orgFieldsView) Error(field string) string { return v.FormError(v.id, field) }

// OrgFields describes the fields of organisation id's form (0: the new one) showing o.
func (p planOrgPage) OrgFields(id int64, o plan.Organisation) orgFieldsView {
	return orgFieldsView{planOrgPage: p, Prefix: p.Prefix(id), O: o, id: id}
}
