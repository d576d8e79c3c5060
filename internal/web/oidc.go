package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"kovit/internal/auth"
	"kovit/internal/kovit"
)

// OIDC is sign-in through an external OpenID Connect provider such as the national eID
// gateway (TARA) or Microsoft Entra ID. Accounts are still made by admins: the provider
// proves who someone is, and kovit finds the account by its linked subject or, the first
// time, by the provider's verified e-mail address.
type OIDC struct {
	Name     string // shown on the button, e.g. "TARA"
	config   oauth2.Config
	verifier *oidc.IDTokenVerifier
	client   *http.Client // with a timeout: a slow provider must not hold requests forever
}

// NewOIDC discovers the provider at issuer.
func NewOIDC(ctx context.Context, name, issuer, clientID, clientSecret, redirectURL string) (*OIDC, error) {
	client := &http.Client{Timeout: 10 * time.Second}
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, client), issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc: discover %s: %w", issuer, err)
	}
	return &OIDC{
		Name: name,
		config: oauth2.Config{ClientID: clientID, ClientSecret: clientSecret, RedirectURL: redirectURL,
			Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "email", "profile"}},
		verifier: p.Verifier(&oidc.Config{ClientID: clientID}),
		client:   client,
	}, nil
}

func randomState() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (ui *UI) oidcStart(w http.ResponseWriter, r *http.Request) error {
	if ui.OIDC == nil {
		return kovit.NotFound()
	}
	ui.startOIDC(w, r, localPath(r.URL.Query().Get("next"), "/desk"), 0)
	return nil
}

// startOIDC sends the browser to the provider, keeping the flow's secrets, where to go
// after it and the consultation a commenter's eID sign-up started from (0 for none,
// consult_eid.go) in the session, so a callback only finishes the flow it belongs to.
func (ui *UI) startOIDC(w http.ResponseWriter, r *http.Request, next string, consultationID int64) {
	state, nonce, verifier := randomState(), randomState(), oauth2.GenerateVerifier()
	s := ui.Auth.Sessions
	s.Put(r.Context(), "oidc_state", state)
	s.Put(r.Context(), "oidc_nonce", nonce)
	s.Put(r.Context(), "oidc_verifier", verifier)
	s.Put(r.Context(), "oidc_next", next)
	s.Put(r.Context(), oidcConsultation, consultationID)
	url := ui.OIDC.config.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
	http.Redirect(w, r, url, http.StatusSeeOther)
}

func (ui *UI) oidcCallback(w http.ResponseWriter, r *http.Request) error {
	if ui.OIDC == nil {
		return kovit.NotFound()
	}
	ctx, s := oidc.ClientContext(r.Context(), ui.OIDC.client), ui.Auth.Sessions
	state, nonce := s.PopString(ctx, "oidc_state"), s.PopString(ctx, "oidc_nonce")
	verifier, next := s.PopString(ctx, "oidc_verifier"), s.PopString(ctx, "oidc_next")
	consultationID, _ := s.Pop(ctx, oidcConsultation).(int64)
	refuse := func() error {
		l := ui.Catalog.Printer(lang(r))
		ui.renderSignIn(w, r, http.StatusUnauthorized, "", form{Message: l.T("error.oidc")})
		return nil
	}
	if state == "" || r.URL.Query().Get("state") != state || r.URL.Query().Get("error") != "" {
		return refuse()
	}
	tok, err := ui.OIDC.config.Exchange(ctx, r.URL.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		ui.Logger.Warn("oidc exchange", "err", err)
		return refuse()
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := ui.OIDC.verifier.Verify(ctx, raw)
	if err != nil {
		ui.Logger.Warn("oidc id token", "err", err)
		return refuse()
	}
	if idt.Nonce != nonce {
		ui.Logger.Warn("oidc id token nonce does not match")
		return refuse()
	}
	var claims struct {
		Email    string `json:"email"`
		Verified *bool  `json:"email_verified"`
	}
	if err := idt.Claims(&claims); err != nil {
		return refuse()
	}
	subject := idt.Issuer + "|" + idt.Subject
	u, err := ui.Users.UserByOIDCSubject(ctx, subject)
	// The state eID gateway (TARA) vouches for no e-mail but names the person by their
	// personal code: the first sign-in links the account an admin or lead recorded it on.
	if code, ok := auth.PersonalCodeFromSubject(idt.Subject); ok && ui.Links != nil && kovit.ErrorCode(err) == kovit.ENotFound {
		if u, err = ui.Links.UserByPersonalCode(ctx, code); err == nil {
			if !u.Active || u.OIDCSubject != "" {
				return refuse()
			}
			err = ui.Users.LinkOIDCSubject(ctx, u.ID, subject)
		}
	}
	// First sign-in through the provider: link it to the active account with that e-mail,
	// but only when the provider vouches for the address (an unverified one could be
	// anyone's) and the account is not already linked to another identity.
	if kovit.ErrorCode(err) == kovit.ENotFound && claims.Email != "" && claims.Verified != nil && *claims.Verified {
		u, err = ui.Users.UserByEmail(ctx, strings.ToLower(claims.Email))
		if err == nil && (!u.Active || u.OIDCSubject != "") {
			return refuse()
		}
		if err == nil {
			err = ui.Users.LinkOIDCSubject(ctx, u.ID, subject)
		}
	}
	// Nobody has this eID, and the flow started on a consultation's sign-up page: the
	// person becomes a public commenter (consult_eid.go), never staff.
	flash := "flash.signed_in"
	if kovit.ErrorCode(err) == kovit.ENotFound && consultationID != 0 {
		u, err = ui.signUpEIDCommenter(ctx, idt, subject, consultationID)
		if kovit.ErrorCode(err) == kovit.EForbidden {
			return err
		}
		flash = "consult_eid.flash.signed_in"
	}
	if err != nil || !u.Active {
		return refuse()
	}
	// A password someone else chose and the user never replaced is not theirs: who signs
	// in through the provider would be sent to change a password they were perhaps never
	// told. The provider has proved who they are, so the chosen password ends and the
	// account signs in through the provider only (a forgotten-password link sets one).
	if auth.PasswordChangePending(&u) != nil {
		if err := ui.Users.SetPassword(ctx, u.ID, "", false); err != nil {
			return err
		}
		if u, err = ui.Users.User(ctx, u.ID); err != nil {
			return err
		}
	}
	if err := ui.Auth.SignIn(ctx, u); err != nil {
		return err
	}
	return ui.redirect(w, r, localPath(next, "/"), flash)
}
