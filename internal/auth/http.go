package auth

import (
	"context"
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"

	"kovit/internal/kovit"
)

// sessionUserKey is where a signed-in browser session keeps the user's id, and
// sessionEpochKey the user's SessionEpoch when it signed in.
const (
	sessionUserKey  = "user_id"
	sessionEpochKey = "session_epoch"
)

// Authenticator finds the user behind a request: a browser session cookie or a personal
// API token sent as "Authorization: Bearer …".
type Authenticator struct {
	Sessions *scs.SessionManager
	Users    Store
	// Refuse answers a request the authenticator turns away (a bad API token) with err,
	// as the API answers every other error: the API's problem writer, in the request's
	// language. auth does not write bodies of its own, and cannot import the API.
	Refuse func(w http.ResponseWriter, r *http.Request, err error)
}

// Middleware loads the session and puts the signed-in user, if any, into the request
// context (see UserFrom). A bearer token that is unknown, revoked or belongs to a
// deactivated user is refused outright rather than treated as anonymous, so a client
// learns its token stopped working. A session of a deactivated user, or one signed in
// before the user's password last changed, is ended.
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	if a.Refuse == nil {
		panic("auth: Authenticator.Refuse is not set")
	}
	return a.Sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if h := r.Header.Get("Authorization"); h != "" {
			token, ok := strings.CutPrefix(h, "Bearer ")
			u, err := a.Users.UserByTokenHash(ctx, HashToken(strings.TrimSpace(token)))
			if !ok || err != nil {
				a.Refuse(w, r, kovit.Errorf(kovit.EUnauthorized, "error.token_invalid"))
				return
			}
			u.ByToken = true
			ctx = WithUser(ctx, &u)
		} else if id := a.Sessions.GetInt64(ctx, sessionUserKey); id != 0 {
			u, err := a.Users.User(ctx, id)
			switch {
			case err == nil && u.Active && u.SessionEpoch == a.Sessions.GetInt64(ctx, sessionEpochKey):
				ctx = WithUser(ctx, &u)
			case err == nil || kovit.ErrorCode(err) == kovit.ENotFound:
				if err := a.Sessions.Destroy(ctx); err != nil {
					http.Error(w, "Internal error / Sisemine viga", http.StatusInternalServerError)
					return
				}
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	}))
}

// SignIn starts a session for u with a new session token, so a token planted before
// sign-in (session fixation) is worth nothing after it.
func (a *Authenticator) SignIn(ctx context.Context, u User) error {
	if err := a.Renew(ctx, u); err != nil {
		return err
	}
	return a.Users.RecordSignIn(ctx, u.ID)
}

// Renew gives the session of u a new token and u's current SessionEpoch: the session
// that changed the password stays signed in when every other one ends.
func (a *Authenticator) Renew(ctx context.Context, u User) error {
	if err := a.Sessions.RenewToken(ctx); err != nil {
		return err
	}
	a.Sessions.Put(ctx, sessionUserKey, u.ID)
	a.Sessions.Put(ctx, sessionEpochKey, u.SessionEpoch)
	return nil
}

// SignOut ends the session.
func (a *Authenticator) SignOut(ctx context.Context) error {
	return a.Sessions.Destroy(ctx)
}
