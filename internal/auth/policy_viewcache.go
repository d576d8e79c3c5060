package auth

import (
	"net/http"
	"strconv"
	"strings"
)

// ViewKey names, for the signed-in viewers' page cache (server.Options.ViewerKey), all of
// u that decides what a page shows them: who they are, the account's version (their name,
// role, municipalities and lead mark move it on), their role, municipalities and marks,
// and whether they came by token. Two users never share a key, so a page with one
// viewer's rights, name or follow buttons is never handed to another; nor does a
// user before and after a change to their account. "" means a page must not be kept at
// all: nobody signed in, or a password change pending (every page then sends them to it).
func ViewKey(u *User) string {
	if u == nil || PasswordChangePending(u) != nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(strconv.FormatInt(u.ID, 10))
	b.WriteByte('.')
	b.WriteString(strconv.Itoa(u.Version))
	b.WriteByte('.')
	b.WriteString(strconv.FormatInt(u.SessionEpoch, 10))
	b.WriteByte('.')
	b.WriteString(string(u.Role))
	for _, flag := range []bool{u.Active, u.ByToken, u.Lead, u.PublicCommenter} {
		if flag {
			b.WriteString(".1")
		} else {
			b.WriteString(".0")
		}
	}
	for _, ehak := range u.MunicipalityList() {
		b.WriteByte('.')
		b.WriteString(ehak)
	}
	return b.String()
}

// ViewerKey is ViewKey of the request's user, for server.Options.ViewerKey; "" also while
// the session holds anything but who is signed in (a message to show once, say), which a
// kept page would not show or would show again.
func (a *Authenticator) ViewerKey(r *http.Request) string {
	u := UserFrom(r.Context())
	if u == nil || u.ByToken {
		return "" // an API client's answers are JSON, made for each request
	}
	for _, k := range a.Sessions.Keys(r.Context()) {
		if k != sessionUserKey && k != sessionEpochKey {
			return ""
		}
	}
	return ViewKey(u)
}
