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

// needImportBody applies a one-row survey of 0784, which only its editors and
// coordinators may import.
const needImportBody = "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
	"Omavalitsus;Pealkiri;Kategooria\r\n0784;Uus veeb;e-teenus\r\n--kovit\r\nContent-Disposition: form-data; name=\"apply\"\r\n\r\ntrue\r\n--kovit--\r\n"
