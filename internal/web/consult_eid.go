package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/kovit"
)

// A member of the public signs up to comment with eID from a consultation's sign-up page
// (auth/commenter_eid.go). The flow is the staff sign-in's (oidc.go) with the
// consultation kept in the same server-side session as its state, nonce and verifier, so
// only a flow started on that page can make a commenter, and only for that consultation.
// The callback finds who the gateway named as staff sign-in does; only when nobody is
// found does it make a public commenter, so a staff member's personal code still signs in
// the staff account and no staff account is ever made here.

// oidcConsultation is the session key of the consultation an eID sign-up started from.
const oidcConsultation = "oidc_consultation"

// commenterEIDStart sends the browser to the eID gateway to sign up for the path's
// consultation, limited per client address as the e-mail sign-up is.
func (ui *UI) commenterEIDStart(w http.ResponseWriter, r *http.Request) error {
	if ui.OIDC == nil {
		return kovit.NotFound()
	}
	c, err := ui.publicConsultation(r)
	if err != nil {
		return err
	}
	addr := clientAddr(r, ui.TrustedProxies)
	if !ui.resets.allow(addr, "eid "+addr) {
		ui.renderCommenterSignUp(w, r, http.StatusTooManyRequests, commenterSignUpPage{C: c, Form: form{Message: ui.text(r, "error.too_many_requests")}})
		return nil
	}
	ui.startOIDC(w, r, consultationAnchor(c.ID), c.ID)
	return nil
}

func consultationAnchor(id int64) string {
	return "/consultations/" + strconv.FormatInt(id, 10) + "#comment-h"
}

// takesPublicComments is consultation id if the public may comment on it now, as
// publicConsultation answers for the path's.
func (ui *UI) takesPublicComments(ctx context.Context, id int64) (consult.Consultation, error) {
	c, err := ui.Consult.Consultation(ctx, id)
	if err != nil {
		return c, err
	}
	if auth.CanReadConsultation(nil, c.Phase.Public()) != nil {
		return consult.Consultation{}, kovit.NotFound()
	}
	if !c.PublicComments || !c.Takes(ui.Now().UTC().Format(time.DateOnly)) {
		return c, kovit.Errorf(kovit.EForbidden, "consult.error.members_only")
	}
	return c, nil
}

// eidName is the person's name as the ID token gives it: TARA puts it in
// profile_attributes, other providers in the standard claims.
func eidName(idt *oidc.IDToken) string {
	var claims struct {
		Name    string `json:"name"`
		Given   string `json:"given_name"`
		Family  string `json:"family_name"`
		Profile struct {
			Given  string `json:"given_name"`
			Family string `json:"family_name"`
		} `json:"profile_attributes"`
	}
	if idt.Claims(&claims) != nil {
		return ""
	}
	switch {
	case claims.Profile.Given != "" || claims.Profile.Family != "":
		return claims.Profile.Given + " " + claims.Profile.Family
	case claims.Name != "":
		return claims.Name
	default:
		return claims.Given + " " + claims.Family
	}
}

// signUpEIDCommenter makes the public commenter of a person the gateway named and nobody
// had, when the flow started on the sign-up page of a consultation that still takes the
// public's comments. A subject without a personal code is no eID and is refused.
func (ui *UI) signUpEIDCommenter(ctx context.Context, idt *oidc.IDToken, subject string, consultationID int64) (auth.User, error) {
	if _, err := ui.takesPublicComments(ctx, consultationID); err != nil {
		return auth.User{}, err
	}
	code, ok := auth.PersonalCodeFromSubject(idt.Subject)
	if !ok {
		return auth.User{}, kovit.NotFound()
	}
	return ui.Commenters.CreateEIDCommenter(ctx, auth.EIDCommenter{Name: eidName(idt), PersonalCode: code, Subject: subject})
}
