package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
)

type signInPage struct {
	Page
	Email    string
	Next     string
	Form     form
	OIDCName string
}

func (ui *UI) signInForm(w http.ResponseWriter, r *http.Request) error {
	ui.renderSignIn(w, r, http.StatusOK, "", form{})
	return nil
}

func (ui *UI) renderSignIn(w http.ResponseWriter, r *http.Request, status int, email string, f form) {
	p := signInPage{Page: ui.page(r, "signin.title"), Email: email, Next: localPath(r.FormValue("next"), ""), Form: f}
	if ui.OIDC != nil {
		p.OIDCName = ui.OIDC.Name
	}
	ui.render(w, r, status, "account/signin", p)
}

func (ui *UI) signIn(w http.ResponseWriter, r *http.Request) error {
	email, pw := strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("password")
	l := ui.Catalog.Printer(lang(r))
	addr := clientAddr(r, ui.TrustedProxies)
	if !ui.limiter.allow(addr, email) {
		ui.renderSignIn(w, r, http.StatusTooManyRequests, email, form{Message: l.T("error.too_many_requests")})
		return nil
	}
	var found *auth.User
	u, err := ui.Users.UserByEmail(r.Context(), email)
	switch {
	case err == nil:
		found = &u
	case kovit.ErrorCode(err) != kovit.ENotFound:
		return err
	}
	if !auth.SignInMatches(found, pw) {
		ui.renderSignIn(w, r, http.StatusUnauthorized, email, form{Message: l.T("error.sign_in")})
		return nil
	}
	ui.limiter.succeeded(addr, email)
	if err := ui.Auth.SignIn(r.Context(), u); err != nil {
		return err
	}
	if auth.PasswordChangePending(&u) != nil {
		return ui.redirect(w, r, "/account", "flash.must_change_password")
	}
	return ui.redirect(w, r, localPath(r.PostFormValue("next"), "/desk"), "flash.signed_in")
}

func (ui *UI) signOut(w http.ResponseWriter, r *http.Request) error {
	if err := ui.Auth.SignOut(r.Context()); err != nil {
		return err
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

type accountPage struct {
	Page
	Form form
}

func (ui *UI) account(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadInternal(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	p := accountPage{Page: ui.page(r, "account.title")}
	p.Nav = "account"
	ui.render(w, r, http.StatusOK, "account/account", p)
	return nil
}

func (ui *UI) changePassword(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanManageCredentials(u); err != nil {
		return err
	}
	current, next, again := r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("again")
	var p kovit.Problems
	if !auth.CheckPassword(u.PasswordHash, current) {
		p.Add("current", "error.password_wrong")
	}
	if key := auth.PasswordProblem(next); key != "" {
		p.Add("new", key)
	} else if next != again {
		p.Add("again", "error.password_mismatch")
	}
	if len(p) > 0 {
		pg := accountPage{Page: ui.page(r, "account.title"), Form: form{Problems: p}}
		ui.render(w, r, http.StatusUnprocessableEntity, "account/account", pg)
		return nil
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		return err
	}
	if err := ui.Users.SetPassword(r.Context(), u.ID, hash, false); err != nil {
		return err
	}
	// Every session of the user has just ended; this one carries on with a new token.
	changed, err := ui.Users.User(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if err := ui.Auth.Renew(r.Context(), changed); err != nil {
		return err
	}
	return ui.redirect(w, r, "/account", "flash.password_changed")
}

type tokensPage struct {
	Page
	Tokens   []auth.Token
	NewToken string // shown once, right after it is made
	Name     string
	Form     form
}

func (ui *UI) tokens(w http.ResponseWriter, r *http.Request) error {
	return ui.renderTokens(w, r, http.StatusOK, tokensPage{})
}

func (ui *UI) renderTokens(w http.ResponseWriter, r *http.Request, status int, p tokensPage) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanManageCredentials(u); err != nil {
		return err
	}
	list, err := ui.Users.ListTokens(r.Context(), u.ID)
	if err != nil {
		return err
	}
	p.Page, p.Tokens = ui.page(r, "tokens.title"), list
	p.Nav = "account"
	ui.render(w, r, status, "account/tokens", p)
	return nil
}

func (ui *UI) createToken(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanManageCredentials(u); err != nil {
		return err
	}
	token, prefix, hash := auth.GenerateToken()
	name := r.PostFormValue("name")
	_, err := ui.Users.CreateToken(r.Context(), u.ID, name, prefix, hash)
	if kovit.ErrorCode(err) == kovit.EInvalid {
		return ui.renderTokens(w, r, http.StatusUnprocessableEntity, tokensPage{Name: name, Form: form{Problems: kovit.FieldsOf(err)}})
	}
	if err != nil {
		return err
	}
	return ui.renderTokens(w, r, http.StatusCreated, tokensPage{NewToken: token})
}

func (ui *UI) revokeToken(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanManageCredentials(u); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return kovit.NotFound()
	}
	if err := ui.Users.RevokeToken(r.Context(), u.ID, id); err != nil {
		return err
	}
	return ui.redirect(w, r, "/account/tokens", "flash.token_revoked")
}

// switchLang remembers the chosen language for a year and goes back where the user was.
func (ui *UI) switchLang(w http.ResponseWriter, r *http.Request) error {
	l := r.PostFormValue("lang")
	if l != "et" && l != "en" {
		var p kovit.Problems
		p.Add("lang", "error.required")
		return p.Err()
	}
	rememberLang(w, r, l)
	// The page came back to may carry a link's ?lang=, which would win over this choice.
	back := localPath(r.PostFormValue("back"), "/")
	if u, err := url.Parse(back); err == nil && u.Query().Has("lang") {
		q := u.Query()
		q.Del("lang")
		u.RawQuery = q.Encode()
		back = u.RequestURI()
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
	return nil
}

// rememberLang keeps l as the visitor's language (i18n.CookieLang), for the language
// switch and for a link that carries ?lang=.
func rememberLang(w http.ResponseWriter, r *http.Request, l string) {
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}
