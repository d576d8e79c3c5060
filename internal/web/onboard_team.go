package web

import (
	"net/http"
	"net/url"

	"kovit/internal/auth"
	"kovit/internal/kovit"
)

// The team page: a municipal lead's own municipality's accounts, or every account for
// admins and coordinators, with what the user may do to each: deactivate, record a
// personal code for state eID sign-in, make an editor the lead.

type teamPage struct {
	Page
	EHAK  string
	Rows  []teamRow
	Form  form
	For   int64 // the account whose personal code Form is about
	Input string
}

type teamRow struct {
	auth.User
	CanDeactivate, CanSetCode, CanMarkLead bool
}

func (ui *UI) renderTeam(w http.ResponseWriter, r *http.Request, status int, p teamPage) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanOpenInvitations(u); err != nil {
		return err
	}
	p.EHAK = r.URL.Query().Get("ehak")
	if auth.IsLead(u) {
		p.EHAK = auth.ChooseMunicipality(u, p.EHAK) // a lead of several chooses among theirs
	}
	users, _, err := ui.Users.ListUsers(r.Context(), auth.UserFilter{MunicipalityEHAK: p.EHAK, Limit: 500})
	if err != nil {
		return err
	}
	for _, t := range users {
		p.Rows = append(p.Rows, teamRow{User: t, CanDeactivate: t.Active && auth.CanDeactivateUser(u, t) == nil,
			CanSetCode: auth.CanSetPersonalCode(u, t) == nil, CanMarkLead: auth.MayLead(t) && auth.CanMarkLead(u) == nil})
	}
	p.Page = ui.page(r, "onboard.team.title")
	p.Nav = "team"
	ui.render(w, r, status, "admin/team", p)
	return nil
}

func (ui *UI) team(w http.ResponseWriter, r *http.Request) error {
	return ui.renderTeam(w, r, http.StatusOK, teamPage{})
}

// teamTarget is the account a team action is about, once the user may use the team page
// at all: the public is told to sign in and an editor who is no lead is refused before
// anything is looked up.
func (ui *UI) teamTarget(r *http.Request) (*auth.User, auth.User, error) {
	u := auth.UserFrom(r.Context())
	if err := auth.CanOpenInvitations(u); err != nil {
		return u, auth.User{}, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return u, auth.User{}, err
	}
	t, err := ui.Users.User(r.Context(), id)
	return u, t, err
}

func teamBack(t auth.User) string {
	return "/team?" + url.Values{"ehak": {t.MunicipalityEHAK}}.Encode()
}

func (ui *UI) teamDeactivate(w http.ResponseWriter, r *http.Request) error {
	u, t, err := ui.teamTarget(r)
	if err != nil {
		return err
	}
	if err := auth.CanDeactivateUser(u, t); err != nil {
		return err
	}
	var p kovit.Problems
	version := formInt(r, "version", &p)
	if err := p.Err(); err != nil {
		return err
	}
	up := auth.UserUpdate{Name: t.Name, Role: t.Role, MunicipalityEHAK: t.MunicipalityEHAK, Active: false, Version: version}
	if _, err := ui.Users.UpdateUser(r.Context(), t.ID, up); err != nil {
		return err
	}
	return ui.redirect(w, r, teamBack(t), "flash.deactivated")
}

func (ui *UI) teamPersonalCode(w http.ResponseWriter, r *http.Request) error {
	u, t, err := ui.teamTarget(r)
	if err != nil {
		return err
	}
	if err := auth.CanSetPersonalCode(u, t); err != nil {
		return err
	}
	code := r.PostFormValue("personal_code")
	if len(code) > 20 {
		code = code[:20]
	}
	err = ui.Links.SetPersonalCode(r.Context(), t.ID, code)
	if kovit.ErrorCode(err) == kovit.EInvalid {
		r.URL.RawQuery = url.Values{"ehak": {t.MunicipalityEHAK}}.Encode()
		return ui.renderTeam(w, r, http.StatusUnprocessableEntity, teamPage{For: t.ID, Input: code, Form: form{Problems: kovit.FieldsOf(err)}})
	}
	if err != nil {
		return err
	}
	return ui.redirect(w, r, teamBack(t), "flash.personal_code_saved")
}

func (ui *UI) teamLead(w http.ResponseWriter, r *http.Request) error {
	u, t, err := ui.teamTarget(r)
	if err != nil {
		return err
	}
	if err := auth.CanMarkLead(u); err != nil {
		return err
	}
	if _, err := ui.Links.SetLead(r.Context(), t.ID, r.PostFormValue("lead") == "on"); err != nil {
		return err
	}
	return ui.redirect(w, r, teamBack(t), "flash.saved")
}
