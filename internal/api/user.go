package api

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
)

func (a *API) me(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanReadInternal(u); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, u)
}

func (a *API) listUsers(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanAdminister(auth.UserFrom(ctx)); err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	f := auth.UserFilter{
		Q:                q.str("q"),
		Role:             auth.Role(q.str("role")),
		MunicipalityEHAK: q.str("municipality"),
		Active:           q.bool("active"),
		Limit:            pg.Limit,
		Offset:           pg.Offset,
	}
	if err := q.check(validateUserFilter(&f)); err != nil {
		return err
	}
	items, total, err := a.users.ListUsers(ctx, f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, page[auth.User]{orEmpty(items), total, f.Limit, f.Offset})
}

// validateUserFilter checks the filter and fills the default page size. auth.UserFilter
// has no Validate of its own, and the store quietly replaces a bad page size, which would
// hide a client's mistake.
func validateUserFilter(f *auth.UserFilter) error {
	var p kovit.Problems
	if f.Role != "" && !f.Role.Valid() {
		p.Add("role", "error.role")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 100)
	if kovit.TooLong(f.Q, 100) {
		p.Add("q", "error.too_long")
	}
	return p.Err()
}

func (a *API) getUser(w http.ResponseWriter, r *http.Request) error {
	u, err := a.userByPath(r)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, u)
}

// userByPath is the account the path's {id} names, for an admin; anyone else is refused
// before the account is looked up.
func (a *API) userByPath(r *http.Request) (auth.User, error) {
	if err := auth.CanAdminister(auth.UserFrom(r.Context())); err != nil {
		return auth.User{}, err
	}
	id, err := userID(r)
	if err != nil {
		return auth.User{}, err
	}
	return a.users.User(r.Context(), id)
}

// createdUser answers a new account. InitialPassword is set only when kovit generated the
// password; it is shown this once and never stored in clear.
type createdUser struct {
	User            auth.User `json:"user"`
	InitialPassword string    `json:"initial_password,omitempty"`
}

func (a *API) createUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanAdminister(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var n auth.NewUser
	if err := decodeJSON(w, r, &n); err != nil {
		return err
	}
	n.Normalize()
	// Validate before the deliberately slow hash, and before generating a password that
	// an invalid request would throw away.
	if err := n.Validate(); err != nil {
		return err
	}
	var generated string
	if n.Password == "" {
		generated = auth.GeneratePassword()
		n.Password = generated
	}
	hash, err := auth.HashPassword(n.Password)
	if err != nil {
		return err
	}
	n.Password = ""
	// Whoever chose the password, the admin has seen it, so the new user must replace it.
	u, err := a.users.CreateUser(ctx, n, hash, true)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/users/"+strconv.FormatInt(u.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, createdUser{User: u, InitialPassword: generated})
}

// updateUser changes the fields the body names and keeps the others; the body must carry
// the version the client last read.
func (a *API) updateUser(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u, err := a.userByPath(r)
	if err != nil {
		return err
	}
	id := u.ID
	up := auth.UserUpdate{Name: u.Name, Role: u.Role, MunicipalityEHAK: u.MunicipalityEHAK, Active: u.Active}
	if err := decodeJSON(w, r, &up); err != nil {
		return err
	}
	if err := auth.CanUpdateUser(auth.UserFrom(ctx), id, up); err != nil {
		return err
	}
	u, err = a.users.UpdateUser(ctx, id, up)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, u)
}

// userID reads the {id} of the path; one that is not a number names no user.
func userID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, kovit.NotFound()
	}
	return id, nil
}
