package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/kovit"
)

// A member of the public signs up to comment on a consultation that allows it: the page
// asks a name and an e-mail address and answers the same, at once, whatever the address,
// and the link's mail is queued after the answer and sent through the notification outbox (auth/commenter.go), so neither the words nor
// the time tell which addresses have accounts. Requests are limited per client address
// and per address typed, as password resets are. The mailed link opens a page whose
// button spends it, so a mail scanner fetching the link signs nobody in.

type commenterSignUpPage struct {
	Page
	C    consult.Consultation
	In   auth.CommenterSignUp
	Sent bool
	Form form
	// OIDCName names the eID gateway when one is configured (consult_eid.go).
	OIDCName string
}

type commenterConfirmPage struct {
	Page
	Token   string
	Invalid bool
}

// publicConsultation is the path's consultation if it takes public comments today.
func (ui *UI) publicConsultation(r *http.Request) (consult.Consultation, error) {
	c, err := ui.readableConsultation(r)
	if err != nil {
		return c, err
	}
	if !c.PublicComments || !c.Takes(ui.Now().UTC().Format(time.DateOnly)) {
		return c, kovit.Errorf(kovit.EForbidden, "consult.error.members_only")
	}
	return c, nil
}

func (ui *UI) renderCommenterSignUp(w http.ResponseWriter, r *http.Request, status int, p commenterSignUpPage) {
	p.Page = ui.page(r, "consult.signup.title")
	p.Nav = "consultations"
	if ui.OIDC != nil {
		p.OIDCName = ui.OIDC.Name
	}
	ui.render(w, r, status, "consult/signup", p)
}

func (ui *UI) commenterSignUpForm(w http.ResponseWriter, r *http.Request) error {
	c, err := ui.publicConsultation(r)
	if err != nil {
		return err
	}
	ui.renderCommenterSignUp(w, r, http.StatusOK, commenterSignUpPage{C: c})
	return nil
}

func (ui *UI) commenterSignUp(w http.ResponseWriter, r *http.Request) error {
	c, err := ui.publicConsultation(r)
	if err != nil {
		return err
	}
	in := auth.CommenterSignUp{Name: r.PostFormValue("name"), Email: r.PostFormValue("email")}
	in.Normalize()
	if err := in.Validate(); err != nil {
		ui.renderCommenterSignUp(w, r, http.StatusUnprocessableEntity, commenterSignUpPage{C: c, In: in, Form: form{Problems: kovit.FieldsOf(err)}})
		return nil
	}
	if !ui.resets.allow(clientAddr(r, ui.TrustedProxies), in.Email) {
		ui.renderCommenterSignUp(w, r, http.StatusTooManyRequests, commenterSignUpPage{C: c, In: in, Form: form{Message: ui.text(r, "error.too_many_requests")}})
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), time.Minute)
	go func() {
		defer cancel()
		ui.queueCommenterLink(ctx, in, c.ID)
	}()
	ui.renderCommenterSignUp(w, r, http.StatusOK, commenterSignUpPage{C: c, In: in, Sent: true})
	return nil
}

// queueCommenterLink puts the sign-up link's mail in the outbox and has it sent at once;
// the outbox issues the link when it sends it and sends it again if the mail fails. It
// runs after the answer, as making a new commenter takes longer than finding one.
func (ui *UI) queueCommenterLink(ctx context.Context, in auth.CommenterSignUp, consultationID int64) {
	_, ok, err := ui.Commenters.SignUpCommenter(ctx, in, consultationID)
	if err != nil {
		ui.Logger.Error("commenter sign-up", "err", err)
		return
	}
	if ok {
		ui.mailNow()
	}
}

func (ui *UI) renderCommenterConfirm(w http.ResponseWriter, r *http.Request, status int, p commenterConfirmPage) {
	p.Page = ui.page(r, "consult.signup.confirm_title")
	// The address holds the secret: no other site learns it as a referrer.
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Cache-Control", "no-store")
	ui.render(w, r, status, "consult/signup_confirm", p)
}

func (ui *UI) commenterConfirmForm(w http.ResponseWriter, r *http.Request) error {
	token := linkToken(r.URL.Query().Get("token"))
	ui.renderCommenterConfirm(w, r, http.StatusOK, commenterConfirmPage{Token: token, Invalid: token == ""})
	return nil
}

// commenterConfirm spends the link and signs its commenter in, on the consultation's page.
func (ui *UI) commenterConfirm(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	token := linkToken(r.PostFormValue("token"))
	u, consultationID, err := ui.Commenters.UseCommenterLink(ctx, auth.HashToken(token))
	if kovit.ErrorCode(err) == kovit.ENotFound || token == "" {
		ui.renderCommenterConfirm(w, r, http.StatusNotFound, commenterConfirmPage{Invalid: true})
		return nil
	}
	if err != nil {
		return err
	}
	if err := ui.Auth.SignIn(ctx, u); err != nil {
		return err
	}
	return ui.redirect(w, r, "/consultations/"+strconv.FormatInt(consultationID, 10)+"#comment-h", "consult.signup.flash.signed_in")
}
