package auth

import "context"

type userKey struct{}

// WithUser returns ctx carrying the signed-in user; storage reads it to record who made a
// change in the audit trail.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFrom returns the signed-in user, or nil for an anonymous request.
func UserFrom(ctx context.Context) *User {
	u, _ := ctx.Value(userKey{}).(*User)
	return u
}
