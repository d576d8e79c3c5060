package web

import (
	"net/http"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/notify"
)

// The pages a mailed link opens: an invitee sets their first password, someone who
// forgot theirs sets a new one. Both sign the user in with the new password, and every
// other session of the user ends (auth.LinkStore.UseLink).

type linkPage struct {
	Page
	Action  string
	Token   string
	Email   string
	Invalid bool // the link is unknown, used, replaced or expired
	NoLink  bool // the page was opened without a link's token
	Form    form
}

// maxLinkToken bounds the token read from a request; a real one is 43 characters.
const maxLinkToken = 100

func linkToken(s string) string {
	if len(s) > maxLinkToken {
		return ""
	}
	return s
}

func (ui *UI) renderLink(w http.ResponseWriter, r *http.Request, status int, purpose auth.LinkPurpose, p linkPage) {
	p.Page = ui.page(r, "onboard.link."+string(purpose)+".title")
	p.Action = notify.LinkPath(purpose)
	// The address holds the secret: no other site learns it as a referrer.
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Cache-Control", "no-store")
	ui.render(w, r, status, "account/link", p)
}

// linkForm is GET /invitation and GET /password/reset.
func (ui *UI) linkForm(purpose auth.LinkPurpose) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		token := linkToken(r.URL.Query().Get("token"))
		if token == "" {
			// Not a broken link but the page itself: it says where links come from.
			ui.renderLink(w, r, http.StatusOK, purpose, linkPage{Invalid: true, NoLink: true})
			return nil
		}
		u, err := ui.Links.LinkUser(r.Context(), purpose, auth.HashToken(token))
		if kovit.ErrorCode(err) == kovit.ENotFound {
			ui.renderLink(w, r, http.StatusNotFound, purpose, linkPage{Invalid: true})
			return nil
		}
		if err != nil {
			return err
		}
		ui.renderLink(w, r, http.StatusOK, purpose, linkPage{Token: token, Email: u.Email})
		return nil
	}
}

// linkSet is POST /invitation and POST /password/reset.
func (ui *UI) linkSet(purpose auth.LinkPurpose) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		token := linkToken(r.PostFormValue("token"))
		hash := auth.HashToken(token)
		u, err := ui.Links.LinkUser(ctx, purpose, hash)
		if kovit.ErrorCode(err) == kovit.ENotFound {
			ui.renderLink(w, r, http.StatusNotFound, purpose, linkPage{Invalid: true})
			return nil
		}
		if err != nil {
			return err
		}
		next, again := r.PostFormValue("new"), r.PostFormValue("again")
		var p kovit.Problems
		if key := auth.PasswordProblem(next); key != "" {
			p.Add("new", key)
		} else if next != again {
			p.Add("again", "error.password_mismatch")
		}
		if len(p) > 0 {
			ui.renderLink(w, r, http.StatusUnprocessableEntity, purpose, linkPage{Token: token, Email: u.Email, Form: form{Problems: p}})
			return nil
		}
		pw, err := auth.HashPassword(next)
		if err != nil {
			return err
		}
		u, err = ui.Links.UseLink(ctx, purpose, hash, pw)
		if kovit.ErrorCode(err) == kovit.ENotFound {
			ui.renderLink(w, r, http.StatusNotFound, purpose, linkPage{Invalid: true})
			return nil
		}
		if err != nil {
			return err
		}
		if err := ui.Auth.SignIn(ctx, u); err != nil {
			return err
		}
		return ui.redirect(w, r, "/", "flash.password_set")
	}
}

type forgotPage struct {
	Page
	Email string
	Sent  bool
	Form  form
}

func (ui *UI) renderForgot(w http.ResponseWriter, r *http.Request, status int, p forgotPage) {
	p.Page = ui.page(r, "onboard.forgot.title")
	ui.render(w, r, status, "account/forgot", p)
}

func (ui *UI) forgotForm(w http.ResponseWriter, r *http.Request) error {
	ui.renderForgot(w, r, http.StatusOK, forgotPage{})
	return nil
}

// forgot answers the same, at once, whether or not the address has an account: the
// store runs the same statement either way (RequestReset) and the outbox mails the link
// after the answer, so neither the words nor the time tell anyone which addresses exist. Requests are limited per client address and per
// address typed, as sign-in is.
func (ui *UI) forgot(w http.ResponseWriter, r *http.Request) error {
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	if !kovit.ValidEmail(email) {
		var p kovit.Problems
		p.Add("email", "error.email")
		ui.renderForgot(w, r, http.StatusUnprocessableEntity, forgotPage{Email: email, Form: form{Problems: p}})
		return nil
	}
	if !ui.resets.allow(clientAddr(r, ui.TrustedProxies), email) {
		ui.renderForgot(w, r, http.StatusTooManyRequests, forgotPage{Email: email, Form: form{Message: ui.text(r, "error.too_many_requests")}})
		return nil
	}
	if err := ui.Links.RequestReset(r.Context(), email); err != nil {
		return err
	}
	ui.mailNow()
	ui.renderForgot(w, r, http.StatusOK, forgotPage{Email: email, Sent: true})
	return nil
}

// mailNow has the outbox send what was just put in it, when the app says how.
func (ui *UI) mailNow() {
	if ui.MailNow != nil {
		ui.MailNow()
	}
}
