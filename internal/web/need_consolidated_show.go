package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// consolidatedPage is one consolidated need: its cohort and figures, the needs behind it
// that the user may read, endorsements, the measure it is mapped to with each
// municipality's eligibility, and its projects.
type consolidatedPage struct {
	needPage
	C        need.Consolidated
	Needs    []need.Need
	Measure  *need.Measure
	Eligible []eligibilityRow
	Measures []need.Measure // to map to, for coordinators
	Projects []need.Project

	Edit        need.Consolidated
	Form        form // the edit form
	MapForm     form
	EndorseAs   []string // municipalities the user may endorse for
	EndorseForm form
	NewProject  need.Project
	ProjectForm form
	ProjectID   int64 // the project whose form has problems

	// Candidates are the needs a coordinator may add: submitted or under review and in
	// no consolidated need, of the same category unless AllCategories, matching
	// CandidateQuery.
	Candidates     []need.Need
	CandidateQuery string
	AllCategories  bool
	Chosen         map[int64]bool
	LinkForm       form

	// Activities are the action plan's activities a project may carry out, by strategy.
	Activities []activityGroup
}

// eligibilityRow is one cohort municipality against the mapped measure's rules.
type eligibilityRow struct {
	EHAK     string
	Eligible bool
	Reasons  []string
}

// Path is the consolidated need's page.
func (p consolidatedPage) Path() string { return "/consolidated/" + strconv.FormatInt(p.C.ID, 10) }

// Endorsed reports whether ehak endorses the consolidated need.
func (p consolidatedPage) Endorsed(ehak string) bool {
	for _, e := range p.C.Figures.Endorsements {
		if e == ehak {
			return true
		}
	}
	return false
}

// Funds reports whether measure m funds this consolidated need's category.
func (p consolidatedPage) Funds(m need.Measure) bool { return m.Eligibility.Funds(p.C.Category) }

func (ui *UI) loadConsolidated(r *http.Request) (consolidatedPage, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	id, err := pathID(r, "id")
	if err != nil {
		return consolidatedPage{}, err
	}
	c, err := ui.Needs.Consolidated(ctx, id)
	if err != nil {
		return consolidatedPage{}, err
	}
	if auth.CanReadPublished(u, c.Published) != nil {
		return consolidatedPage{}, kovit.NotFound() // the public must not learn it exists
	}
	np, err := ui.needPage(r, "")
	if err != nil {
		return consolidatedPage{}, err
	}
	np.Nav, np.Title = "consolidated", c.Title
	p := consolidatedPage{needPage: np, C: c, Edit: c, NewProject: need.Project{ConsolidatedID: c.ID}}
	scope := auth.ListScope(u)
	if !scope.PublishedOnly() {
		linked, _, err := ui.Needs.ListNeeds(ctx, need.Filter{ConsolidatedID: id, Limit: need.MaxLimit})
		if err != nil {
			return p, err
		}
		p.Needs = need.Readable(linked, p.mayRead())
		for _, ehak := range c.Figures.Cohort {
			if auth.Allowed(auth.CanEditMunicipality(u, ehak)) && !p.Endorsed(ehak) {
				p.EndorseAs = append(p.EndorseAs, ehak)
			}
		}
		if own := scope.Municipality; own != "" && !p.Endorsed(own) && !containsString(p.EndorseAs, own) {
			p.EndorseAs = append(p.EndorseAs, own)
		}
	}
	if c.MeasureID != nil {
		m, err := ui.Needs.Measure(ctx, *c.MeasureID)
		if err != nil {
			return p, err
		}
		if auth.Allowed(auth.CanReadPublished(u, m.Published)) {
			p.Measure = &m
			ms, err := ui.municipalitiesByEHAK(ctx)
			if err != nil {
				return p, err
			}
			for _, ehak := range c.Figures.Cohort {
				ok, reasons := m.Eligibility.Check(ms[ehak])
				p.Eligible = append(p.Eligible, eligibilityRow{EHAK: ehak, Eligible: ok, Reasons: reasons})
			}
		}
	}
	if p.Coordinator() {
		if p.Measures, err = ui.Needs.ListMeasures(ctx, need.MeasureFilter{}); err != nil {
			return p, err
		}
		if err := ui.loadCandidates(r, &p); err != nil {
			return p, err
		}
	}
	if !scope.PublishedOnly() {
		if p.Projects, err = ui.Needs.Projects(ctx, id); err != nil {
			return p, err
		}
		if p.Coordinator() || len(p.Projects) > 0 {
			if p.Activities, err = ui.activityChoices(ctx, p.L.Lang); err != nil {
				return p, err
			}
		}
	}
	return p, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (ui *UI) consolidatedShow(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadConsolidated(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "need/consolidated", p)
	return nil
}

// consolidatedAction runs one of the consolidated page's forms for a user the check
// allows, and shows the page again with the form's problems, or redirects when saved.
func (ui *UI) consolidatedAction(w http.ResponseWriter, r *http.Request, check func(*auth.User) error,
	save func(p *consolidatedPage, problems *kovit.Problems) error, show func(p *consolidatedPage, problems kovit.Problems, conflict string)) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := ui.Needs.Consolidated(ctx, id); err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	if err := check(auth.UserFrom(ctx)); err != nil {
		return err
	}
	p, err := ui.loadConsolidated(r)
	if err != nil {
		return err
	}
	var typedProblems kovit.Problems
	status, problems, err := trySave(nil, func() error { return save(&p, &typedProblems) })
	if err != nil {
		return err
	}
	if status == 0 && len(typedProblems) > 0 {
		status, problems = http.StatusUnprocessableEntity, typedProblems
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path(), "flash.saved")
	}
	typed := p
	if p, err = ui.loadConsolidated(r); err != nil {
		return err
	}
	conflict := ""
	if status == http.StatusConflict {
		conflict = p.L.T("error.conflict")
	}
	p.Edit, p.NewProject, p.ProjectID, p.Chosen = typed.Edit, typed.NewProject, typed.ProjectID, typed.Chosen
	show(&p, problems, conflict)
	ui.render(w, r, status, "need/consolidated", p)
	return nil
}

// consolidatedUpdate saves what a coordinator sets: title, description, category, the
// build-once and published flags and the strategy fit.
func (ui *UI) consolidatedUpdate(w http.ResponseWriter, r *http.Request) error {
	return ui.consolidatedAction(w, r, auth.CanEditNational,
		func(p *consolidatedPage, problems *kovit.Problems) error {
			p.Edit = readConsolidated(r, p.C, problems)
			if len(*problems) > 0 {
				return nil
			}
			_, err := ui.Needs.UpdateConsolidated(r.Context(), p.Edit)
			return err
		},
		func(p *consolidatedPage, problems kovit.Problems, conflict string) {
			if conflict != "" {
				p.Edit.Version = p.C.Version
			}
			p.Form = form{Problems: problems, Message: conflict}
		})
}

// consolidatedEndorse records a municipality's endorsement, once per municipality.
func (ui *UI) consolidatedEndorse(w http.ResponseWriter, r *http.Request) error {
	ehak := r.PostFormValue("ehak")
	return ui.consolidatedAction(w, r, func(u *auth.User) error { return auth.CanEditMunicipality(u, ehak) },
		func(p *consolidatedPage, problems *kovit.Problems) error {
			_, err := ui.Needs.Endorse(r.Context(), p.C.ID, ehak)
			if kovit.ErrorCode(err) == kovit.EConflict {
				problems.Add("ehak", "need.error.already_endorsed")
				return nil
			}
			return err
		},
		func(p *consolidatedPage, problems kovit.Problems, conflict string) {
			p.EndorseForm = form{Problems: problems, Message: conflict}
		})
}

// consolidatedMap maps the consolidated need to a measure, or unmaps it with no measure.
func (ui *UI) consolidatedMap(w http.ResponseWriter, r *http.Request) error {
	return ui.consolidatedAction(w, r, auth.CanEditNational,
		func(p *consolidatedPage, problems *kovit.Problems) error {
			measure := formID(r, "measure_id", problems)
			version := formInt(r, "version", problems)
			if len(*problems) > 0 {
				return nil
			}
			_, err := ui.Needs.MapToMeasure(r.Context(), p.C.ID, measure, version)
			return err
		},
		func(p *consolidatedPage, problems kovit.Problems, conflict string) {
			p.MapForm = form{Problems: problems, Message: conflict}
		})
}

// projectCreate starts a project for the consolidated need, which moves its accepted
// needs to funded.
func (ui *UI) projectCreate(w http.ResponseWriter, r *http.Request) error {
	return ui.consolidatedAction(w, r, auth.CanEditNational,
		func(p *consolidatedPage, problems *kovit.Problems) error {
			p.NewProject = need.Project{ConsolidatedID: p.C.ID, Name: strings.TrimSpace(r.PostFormValue("name")),
				ActivityID: formID(r, "activity_id", problems), Status: need.ProjectStatus(r.PostFormValue("status"))}
			if len(*problems) > 0 {
				return nil
			}
			_, err := ui.Needs.CreateProject(r.Context(), p.NewProject)
			return err
		},
		func(p *consolidatedPage, problems kovit.Problems, conflict string) {
			p.ProjectForm = form{Problems: problems, Message: conflict}
		})
}

// projectUpdate changes a project's status or activity; done moves the needs to done.
func (ui *UI) projectUpdate(w http.ResponseWriter, r *http.Request) error {
	return ui.consolidatedAction(w, r, auth.CanEditNational,
		func(p *consolidatedPage, problems *kovit.Problems) error {
			id, err := pathID(r, "project")
			if err != nil {
				return err
			}
			for _, pr := range p.Projects {
				if pr.ID == id {
					p.ProjectID = id
					pr.Name = strings.TrimSpace(r.PostFormValue("name"))
					pr.ActivityID = formID(r, "activity_id", problems)
					pr.Status = need.ProjectStatus(r.PostFormValue("status"))
					pr.Version = formInt(r, "version", problems)
					if len(*problems) > 0 {
						return nil
					}
					_, err := ui.Needs.UpdateProject(r.Context(), pr)
					return err
				}
			}
			return kovit.NotFound()
		},
		func(p *consolidatedPage, problems kovit.Problems, conflict string) {
			p.ProjectForm = form{Problems: problems, Message: conflict}
		})
}

// IsActivity reports whether a project's activity sel is id, for the select's option.
func (p consolidatedPage) IsActivity(sel *int64, id int64) bool { return sel != nil && *sel == id }

// ActivityLabel is an activity as "code title", or its number when the plan no longer
// lists it.
func (p consolidatedPage) ActivityLabel(id int64) string {
	for _, g := range p.Activities {
		for _, o := range g.Options {
			if o.ID == id {
				return o.Label
			}
		}
	}
	return "#" + strconv.FormatInt(id, 10)
}
