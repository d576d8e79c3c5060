package main

import (
	"context"
	"testing"

	"kovit/internal/need"
)

// needFixture stores need 1, a draft of 0784, for the permission cases of the routes
// that change one need: refusing an editor of another municipality needs a need to refuse.
func needFixture(t *testing.T, a *testApp) {
	t.Helper()
	n, err := a.store.CreateNeed(context.Background(), need.Need{MunicipalityEHAK: "0784", Title: "Dokumendihaldus", Category: need.CatRecords})
	if err != nil || n.ID != 1 {
		t.Fatalf("need fixture: %+v %v", n, err)
	}
}
