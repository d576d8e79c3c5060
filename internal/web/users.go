package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

type userListPage struct {
	Page
	Users  []auth.User
	Filter auth.UserFilter
	Status string
	Pager  Pager
	Roles  []auth.Role
}

func (ui *UI) userList(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanAdminister(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	q := r.URL.Query()
	var p kovit.Problems
	at := readPage(q, 50, &p)
	f := auth.UserFilter{Q: q.Get("q"), Role: auth.Role(q.Get("role")), Limit: at.Limit, Offset: at.Offset}
	if err := p.Err(); err != nil {
		return err
	}
	switch q.Get("status") {
	case "active":
		f.Active = new(true)
	case "inactive":
		f.Active = new(false)
	}
	users, total, err := ui.Users.ListUsers(r.Context(), f)
	if err != nil {
		return err
	}
	pg := userListPage{Page: ui.page(r, "users.title"), Users: users, Filter: f, Status: q.Get("status"),
		Pager: newPager("/admin/users", q, total, f.Limit, f.Offset), Roles: auth.Roles}
	pg.Nav = "admin"
	ui.render(w, r, http.StatusOK, "admin/users", pg)
	return nil
}

type userFormPage struct {
	Page
	Edit           bool
	ID             int64
	Input          auth.NewUser
	Active         bool
	Version        int
	Roles          []auth.Role
	Municipalities []municipality.Municipality
	Form           form
	// Password is a generated password, shown to the admin once to hand over.
	Password string
	Saved    *auth.User
}

func (ui *UI) renderUserForm(w http.ResponseWriter, r *http.Request, status int, p userFormPage) error {
	ms, _, err := ui.Municipalities.ListMunicipalities(r.Context(), municipality.Filter{})
	if err != nil {
		return err
	}
	title := "users.new"
	if p.Edit {
		title = "users.edit"
	}
	p.Page, p.Roles, p.Municipalities = ui.page(r, title), auth.Roles, ms
	if p.Edit {
		p.naming(p.Input.Email)
	}
	p.Nav = "admin"
	ui.render(w, r, status, "admin/user_form", p)
	return nil
}

func (ui *UI) userNew(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanAdminister(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return ui.renderUserForm(w, r, http.StatusOK, userFormPage{Input: auth.NewUser{Role: auth.RoleEditor}, Active: true})
}

func (ui *UI) userCreate(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanAdminister(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	n := auth.NewUser{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"),
		Role: auth.Role(r.PostFormValue("role")), MunicipalityEHAK: r.PostFormValue("municipality_ehak"),
		Municipalities: formMunicipalities(r), Password: r.PostFormValue("password")}
	n.Normalize()
	if err := n.Validate(); err != nil {
		return ui.renderUserForm(w, r, http.StatusUnprocessableEntity, userFormPage{Input: n, Active: true, Form: form{Problems: kovit.FieldsOf(err)}})
	}
	// Without a password from the admin, make one and have the user change it at first sign-in.
	pw, generated := n.Password, n.Password == ""
	if generated {
		pw = auth.GeneratePassword()
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	u, err := ui.Users.CreateUser(r.Context(), n, hash, generated)
	if kovit.ErrorCode(err) == kovit.EInvalid {
		return ui.renderUserForm(w, r, http.StatusUnprocessableEntity, userFormPage{Input: n, Active: true, Form: form{Problems: kovit.FieldsOf(err)}})
	}
	if err != nil {
		return err
	}
	p := userFormPage{Saved: &u}
	if generated {
		p.Password = pw
	}
	p.Page = ui.page(r, "users.created")
	p.Nav = "admin"
	ui.render(w, r, http.StatusCreated, "admin/user_created", p)
	return nil
}

func (ui *UI) userByPath(r *http.Request) (auth.User, error) {
	if err := auth.CanAdminister(auth.UserFrom(r.Context())); err != nil {
		return auth.User{}, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return auth.User{}, kovit.NotFound()
	}
	return ui.Users.User(r.Context(), id)
}

func (ui *UI) userEdit(w http.ResponseWriter, r *http.Request) error {
	u, err := ui.userByPath(r)
	if err != nil {
		return err
	}
	return ui.renderUserForm(w, r, http.StatusOK, userFormPage{Edit: true, ID: u.ID, Version: u.Version, Active: u.Active,
		Input: auth.NewUser{Email: u.Email, Name: u.Name, Role: u.Role, MunicipalityEHAK: u.MunicipalityEHAK, Municipalities: u.Municipalities}})
}

func (ui *UI) userUpdate(w http.ResponseWriter, r *http.Request) error {
	u, err := ui.userByPath(r)
	if err != nil {
		return err
	}
	var p kovit.Problems
	up := auth.UserUpdate{Name: r.PostFormValue("name"), Role: auth.Role(r.PostFormValue("role")),
		MunicipalityEHAK: r.PostFormValue("municipality_ehak"), Municipalities: formMunicipalities(r),
		Active: r.PostFormValue("active") == "on", Version: intParam(r.PostForm, "version", &p)}
	if err := p.Err(); err != nil {
		return err
	}
	p = kovit.FieldsOf(auth.CanUpdateUser(auth.UserFrom(r.Context()), u.ID, up))
	status, p, err := trySave(p, func() error { _, err := ui.Users.UpdateUser(r.Context(), u.ID, up); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/admin/users", "flash.saved")
	}
	var current int
	if status == http.StatusConflict {
		cur, err := ui.Users.User(r.Context(), u.ID)
		if err != nil {
			return err
		}
		current = cur.Version
	}
	var f form
	f.refused(ui.Catalog.Printer(lang(r)), status, p, &up.Version, current)
	return ui.renderUserForm(w, r, status, userFormPage{Edit: true, ID: u.ID, Version: up.Version, Active: up.Active,
		Input: auth.NewUser{Email: u.Email, Name: up.Name, Role: up.Role, MunicipalityEHAK: up.MunicipalityEHAK, Municipalities: up.Municipalities}, Form: f})
}

func (ui *UI) userResetPassword(w http.ResponseWriter, r *http.Request) error {
	u, err := ui.userByPath(r)
	if err != nil {
		return err
	}
	pw := auth.GeneratePassword()
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	if err := ui.Users.SetPassword(r.Context(), u.ID, hash, true); err != nil {
		return err
	}
	p := userFormPage{Saved: &u, Password: pw}
	p.Page = ui.page(r, "users.password_reset")
	p.Nav = "admin"
	ui.render(w, r, http.StatusOK, "admin/user_created", p)
	return nil
}
