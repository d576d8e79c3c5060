package api

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
	"kovit/internal/survey"
)

// Each municipality's e-democracy practice (issue 16): public, kept by the municipality.

// PracticeList is every municipality's practice that is entered, and the figures by peer
// group.
type PracticeList struct {
	Items   []edemocracy.Practice `json:"items"`
	Total   int                   `json:"total"`
	Limit   int                   `json:"limit"`
	Offset  int                   `json:"offset"`
	Group   string                `json:"group"`
	Summary []edemocracy.Summary  `json:"summary"`
}

func (a *API) listEDemocracyPractices(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg := q.page()
	group := q.str("group")
	if group == "" {
		group = "type"
	}
	by, ok := survey.GroupingOf(group)
	var p kovit.Problems
	if !ok {
		p.Add("group", "survey.error.group")
	}
	if err := q.check(p.Err()); err != nil {
		return err
	}
	practices, err := a.edemocracy.EDemocracyPractices(r.Context())
	if err != nil {
		return err
	}
	ms, err := a.everyMunicipality(r.Context())
	if err != nil {
		return err
	}
	page := pageOf(practices, pg)
	return a.writeJSON(w, r, http.StatusOK, PracticeList{page.Items, page.Total, page.Limit, page.Offset, group, edemocracy.Summarize(ms, practices, by)})
}

func (a *API) getEDemocracyPractice(w http.ResponseWriter, r *http.Request) error {
	p, err := a.edemocracy.EDemocracyPractice(r.Context(), r.PathValue("ehak"))
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, p)
}

func (a *API) savePractice(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditMunicipality(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	var in edemocracy.Practice
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "municipality_ehak", in.MunicipalityEHAK != "" && in.MunicipalityEHAK != ehak)
	if err := p.Err(); err != nil {
		return err
	}
	in.MunicipalityEHAK = ehak
	out, err := a.edemocracy.EDemocracySavePractice(ctx, in)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}
