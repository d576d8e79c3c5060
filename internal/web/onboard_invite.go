package web

import (
	"net/http"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// Invitations: an admin, a coordinator or a municipal lead invites people by e-mail, one
// at a time or from a sheet; each invitee sets their own password through the mailed
// link, so no password is ever shown or logged.

type invitePage struct {
	Page
	Input          auth.NewUser
	Roles          []auth.Role
	Municipalities []municipality.Municipality
	Form           form
	Problems       []importProblem // of a sheet
	Invited        []auth.User
	Columns        []string
}

// CanInvite shows the invitation and team pages in the menu.
func (p Page) CanInvite() bool { return auth.Allowed(auth.CanOpenInvitations(p.User)) }

func (ui *UI) renderInvite(w http.ResponseWriter, r *http.Request, status int, p invitePage) error {
	u := auth.UserFrom(r.Context())
	ms, err := ui.allMunicipalities(r.Context())
	if err != nil {
		return err
	}
	for _, role := range auth.Roles {
		// A role is offered when the user may invite it somewhere.
		if auth.CanInvite(u, role, u.MunicipalityEHAK) == nil || auth.CanInvite(u, role, "") == nil {
			p.Roles = append(p.Roles, role)
		}
	}
	for _, m := range ms {
		if auth.CanInvite(u, auth.RoleEditor, m.EHAK) == nil {
			p.Municipalities = append(p.Municipalities, m)
		}
	}
	if !p.Input.Role.Valid() {
		p.Input.Role = auth.RoleEditor
	}
	p.Page = ui.page(r, "onboard.invite.title")
	p.Nav, p.Columns = "team", tabular.Headers(auth.InviteColumns, lang(r))
	ui.render(w, r, status, "admin/invite", p)
	return nil
}

func (ui *UI) inviteForm(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanOpenInvitations(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return ui.renderInvite(w, r, http.StatusOK, invitePage{})
}

func (ui *UI) invite(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanOpenInvitations(u); err != nil {
		return err
	}
	n := auth.NewUser{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"),
		Role: auth.Role(r.PostFormValue("role")), MunicipalityEHAK: r.PostFormValue("municipality_ehak"),
		Municipalities: formMunicipalities(r)}
	n.Normalize()
	if err := n.Validate(); err != nil {
		return ui.renderInvite(w, r, http.StatusUnprocessableEntity, invitePage{Input: n, Form: form{Problems: kovit.FieldsOf(err)}})
	}
	if err := auth.CanInvite(u, n.Role, n.MunicipalityEHAK); err != nil {
		return err
	}
	for _, e := range n.Municipalities {
		if err := auth.CanInvite(u, n.Role, e); err != nil {
			return err
		}
	}
	invited, err := ui.sendInvitations(r, []auth.NewUser{n})
	if kovit.ErrorCode(err) == kovit.EInvalid {
		return ui.renderInvite(w, r, http.StatusUnprocessableEntity, invitePage{Input: n, Form: form{Problems: kovit.FieldsOf(err)}})
	}
	if err != nil {
		return err
	}
	return ui.renderInvite(w, r, http.StatusCreated, invitePage{Invited: invited})
}

// inviteImport invites everyone on an uploaded sheet, or nobody and lists every problem.
func (ui *UI) inviteImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanOpenInvitations(u); err != nil {
		return err
	}
	fail := func(status int, problems ...importProblem) error {
		return ui.renderInvite(w, r, status, invitePage{Problems: problems})
	}
	head, rows, err := readUpload(w, r)
	if status, problem, ok := ui.uploadProblem(r, err); ok {
		return fail(status, problem)
	} else if err != nil {
		return err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, m := range ms {
		names[m.EHAK], names[strings.ToLower(m.Name)] = m.EHAK, m.EHAK
	}
	list, err := auth.ParseInvitations(head, rows, names, func(role auth.Role, ehak string) error { return auth.CanInvite(u, role, ehak) })
	if err == nil {
		err = ui.checkTaken(r, list)
	}
	if err == nil {
		var invited []auth.User
		if invited, err = ui.sendInvitations(r, list); err == nil {
			return ui.renderInvite(w, r, http.StatusCreated, invitePage{Invited: invited})
		}
	}
	problems, ok := ui.importProblems(r, err)
	if !ok {
		return err
	}
	return fail(kovit.StatusCode(err), problems...)
}

// checkTaken names the rows whose address already has an account, which the store would
// refuse without saying which row.
func (ui *UI) checkTaken(r *http.Request, list []auth.NewUser) error {
	var errs tabular.ImportError
	for i, n := range list {
		_, err := ui.Users.UserByEmail(r.Context(), n.Email)
		if err == nil {
			errs.Add(i+2, auth.InviteEmail.Et, "error.email_taken")
		} else if kovit.ErrorCode(err) != kovit.ENotFound {
			return err
		}
	}
	return errs.Err()
}

// sendInvitations makes the accounts, all or none, each with its invitation in the
// notification outbox, which mails it at once and again after a failure.
func (ui *UI) sendInvitations(r *http.Request, list []auth.NewUser) ([]auth.User, error) {
	invites := make([]auth.Invitation, len(list))
	for i, n := range list {
		invites[i] = auth.Invitation{NewUser: n}
	}
	users, err := ui.Links.Invite(r.Context(), invites)
	if err != nil {
		return nil, err
	}
	ui.mailNow()
	return users, nil
}
