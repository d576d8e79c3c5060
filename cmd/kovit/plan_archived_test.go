package main

import (
	"context"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

// reopenStrategy adopts the archived strategy with id, as a coordinator reopening it would,
// so a test can add to it: the seeded strategies are archived, so read-only.
func reopenStrategy(t testing.TB, a *testApp, id int64) plan.Strategy {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Test", Role: auth.RoleCoordinator, Active: true})
	s, err := a.store.Strategy(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	s.Status = plan.Adopted
	if s, err = a.store.UpdateStrategy(ctx, s); err != nil {
		t.Fatal(err)
	}
	return s
}
