package main

import (
	"context"
	"testing"

	"kovit/internal/need"
)

// needFixture stores record 1 of each kind the need routes read: round 1, need 1 (a
// draft of 0784 in it), consolidated need 1 and measure 1. Refusing an editor of another
// municipality needs a need to refuse, and every page must answer for a record.
func needFixture(t *testing.T, a *testApp) {
	t.Helper()
	ctx := context.Background()
	r, err := a.store.CreateRound(ctx, need.Round{Title: "IKT vajadused 2027", Deadline: "2026-12-31", Open: true})
	if err != nil || r.ID != 1 {
		t.Fatalf("round fixture: %+v %v", r, err)
	}
	n, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0784", RoundID: &r.ID, Title: "Dokumendihaldus", Category: need.CatRecords})
	if err != nil || n.ID != 1 {
		t.Fatalf("need fixture: %+v %v", n, err)
	}
	c, err := a.store.CreateConsolidated(ctx, need.Consolidated{Title: "Dokumendihaldus", Category: need.CatRecords}, nil)
	if err != nil || c.ID != 1 {
		t.Fatalf("consolidated fixture: %+v %v", c, err)
	}
	m, err := a.store.CreateMeasure(ctx, need.Measure{Name: "Digipööre", StartYear: 2021, EndYear: 2027, Budget: 100})
	if err != nil || m.ID != 1 {
		t.Fatalf("measure fixture: %+v %v", m, err)
	}
}

// needImportBody applies a one-row survey of 0784, which only its editors and
// coordinators may import.
const needImportBody = "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
	"Omavalitsus;Pealkiri;Kategooria\r\n0784;Uus veeb;e-teenus\r\n--kovit\r\nContent-Disposition: form-data; name=\"apply\"\r\n\r\ntrue\r\n--kovit--\r\n"
