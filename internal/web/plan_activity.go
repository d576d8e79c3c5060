package web

import (
	"net/http"
	"slices"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// planActivityPage is one activity: its fields, the municipalities taking part with their
// own status, and its tasks; with the edit forms for those who may use them.
type planActivityPage struct {
	planPage
	S              plan.Strategy
	N              plan.Node
	Progress       *float64
	Parts          []participantRow
	Spread         plan.Spread
	Names          map[string]string // municipality names by EHAK
	Tasks          []plan.Task
	Orgs           []plan.Organisation
	Municipalities []municipality.Municipality // for the participant list
	CanEdit        bool
	Internal       bool
	Edit           plan.Node // the edit form's values
	Choices        activityChoices
	Form, PartForm form
	PartEHAK       string // the participant whose form the problems belong to
	updatesView           // the progress updates' timeline and forms (plan_update.go)
	taskView              // the tasks' forms (plan_task.go)

	Indicators []indicatorRow // of the goal and direction above
	Links      activityLinks  // contacts and linked activities (plan_activity_links.go)
}

// participantRow is one participating municipality, with whether the user may update it.
type participantRow struct {
	P       plan.Participant // as stored
	In      plan.Participant // the update form's values
	Name    string
	CanEdit bool
}

func (p planActivityPage) Path() string { return "/plan/activities/" + strconv.FormatInt(p.N.ID, 10) }

// OrgName names an organisation of the list.
func (p planActivityPage) OrgName(id *int64) string {
	if id == nil {
		return ""
	}
	for _, o := range p.Orgs {
		if o.ID == *id {
			return o.Name(p.L.Lang)
		}
	}
	return ""
}

// Taking reports whether a municipality already takes part.
func (p planActivityPage) Taking(ehak string) bool {
	return slices.ContainsFunc(p.Parts, func(r participantRow) bool { return r.P.MunicipalityEHAK == ehak })
}

// Lead is the lead organisation's id as an option value.
func (p planActivityPage) Lead() int64 {
	if p.Edit.LeadOrgID == nil {
		return 0
	}
	return *p.Edit.LeadOrgID
}

func (p planActivityPage) StartValue() string { return dateValue(p.Edit.Start) }
func (p planActivityPage) EndValue() string   { return dateValue(p.Edit.End) }
func (r participantRow) DueValue() string     { return dateValue(r.In.Due) }

// RowForm is the participant form of ehak's row: the problems of the last save when they
// were that row's, else none.
func (p planActivityPage) RowForm(ehak string) form {
	if p.PartEHAK != ehak {
		return form{}
	}
	return p.PartForm
}

// PartMessage lets the shared "form-message" partial show a participant form's problems.
func (p planActivityPage) PartMessage() formMessageView { return formMessageView{p.L, p.PartForm} }

// editablePlanActivity loads an activity for someone who may edit its strategy, checking
// the right first so that a refused user learns nothing about the activity.
func (ui *UI) editablePlanActivity(r *http.Request) (planActivityPage, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return planActivityPage{}, err
	}
	if err := ui.mayEditStrategyID(r.Context(), id, true); err != nil {
		return planActivityPage{}, err
	}
	return ui.loadPlanActivity(r)
}

func (ui *UI) loadPlanActivity(r *http.Request) (planActivityPage, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return planActivityPage{}, err
	}
	return ui.loadPlanActivityID(r, id)
}

// loadPlanActivityID is loadPlanActivity for the activity with id, for pages whose path
// names something else, such as a progress update.
func (ui *UI) loadPlanActivityID(r *http.Request, id int64) (planActivityPage, error) {
	ctx := r.Context()
	n, err := ui.Plans.Node(ctx, id)
	if err != nil {
		return planActivityPage{}, err
	}
	if n.Kind != plan.Activity {
		return planActivityPage{}, kovit.NotFound()
	}
	s, err := ui.readableStrategy(ctx, n.StrategyID)
	if err != nil {
		return planActivityPage{}, err
	}
	u := auth.UserFrom(ctx)
	p := planActivityPage{planPage: planPage{ui.page(r, "")}, S: s, N: n,
		Internal: auth.Allowed(auth.CanReadInternal(u)), CanEdit: auth.Allowed(ui.mayEditStrategy(ctx, s))}
	if !p.Internal {
		p.N = n.Public()
	}
	p.Title, _ = n.Title(p.L.Lang)
	p.Nav = "plan"
	parts, err := ui.Plans.Participants(ctx, plan.ParticipantFilter{ActivityID: n.ID})
	if err != nil {
		return p, err
	}
	if p.Tasks, err = ui.Plans.Tasks(ctx, n.ID); err != nil {
		return p, err
	}
	if p.Orgs, err = ui.Plans.ListOrganisations(ctx); err != nil {
		return p, err
	}
	if p.Municipalities, err = ui.allMunicipalities(ctx); err != nil {
		return p, err
	}
	p.Names = map[string]string{}
	county := map[string]string{}
	for _, m := range p.Municipalities {
		p.Names[m.EHAK], county[m.EHAK] = m.Name, m.CountyName
	}
	for _, pt := range parts {
		p.Parts = append(p.Parts, participantRow{P: pt, In: pt, Name: p.Names[pt.MunicipalityEHAK],
			CanEdit: auth.Allowed(auth.CanEditMunicipality(u, pt.MunicipalityEHAK))})
	}
	p.Spread = plan.SpreadOf(parts, s.Statuses, func(ehak string) string { return county[ehak] }, ui.now())
	if v, ok := plan.Rollup(plan.Tree{Strategy: s, Nodes: []plan.Node{n}, Participants: parts})[n.ID]; ok {
		p.Progress = &v
	}
	p.Edit = n
	if p.CanEdit {
		if err := ui.loadActivityChoices(ctx, &p); err != nil {
			return p, err
		}
	}
	if p.updatesView, err = ui.loadUpdates(ctx, n, s); err != nil {
		return p, err
	}
	if err := ui.loadActivityLinks(ctx, &p); err != nil {
		return p, err
	}
	return p, ui.activityIndicators(ctx, &p)
}

func (ui *UI) planActivity(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPlanActivity(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "plan/activity", p)
	return nil
}
