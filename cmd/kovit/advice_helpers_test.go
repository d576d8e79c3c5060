package main

import (
	"context"
	"testing"

	"kovit/internal/auth"
)

// asCoordinator adds the association's coordinator to a, with the context the tests' store
// calls act in as them.
func asCoordinator(t testing.TB, a *testApp) (auth.User, context.Context) {
	t.Helper()
	u := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	return u, auth.WithUser(context.Background(), &u)
}
