package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/eservice"
)

// changedSince is the Estonian message of a row whose record was changed after the export.
const changedSince = "Seda rida on pärast faili eksportimist keegi teine muutnud"

// TestOldPlanExportDoesNotOverwrite: a colleague edits an activity after a plan was
// exported; importing the old export with a change of one's own is refused for that row,
// by row and column, and saves nothing, as a form's second save is. A hand-made file that
// only adds a row needs no version.
func TestOldPlanExportDoesNotOverwrite(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		st, _ := jointPlan(t, a)
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		old := string(download(t, a, "/plan/strategies/"+itoa(st.ID)+"/export.csv"))

		ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kolleeg", Role: auth.RoleCoordinator, Active: true})
		tree, err := a.store.StrategyTree(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		act := tree.Nodes[len(tree.Nodes)-1]
		if act.Code != "1.1.1" {
			t.Fatalf("last node %q", act.Code)
		}
		act.TitleEt = "Kolleegi pealkiri"
		if _, err := a.store.UpdateNode(ctx, act); err != nil {
			t.Fatal(err)
		}
		before, events := planState(t, a, st.ID)

		edited := strings.Replace(old, ";in_progress;40;", ";done;100;", 1)
		status, page := planUpload(t, coord, a, st.ID, "vana.csv", []byte(edited))
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "<td>4</td><td><code>versioon</code></td>") || !strings.Contains(page, changedSince) {
			t.Fatalf("old export: %d\n%s", status, page)
		}
		if after, n := planState(t, a, st.ID); !cmp.Equal(before, after) || n != events {
			t.Errorf("a refused import changed the plan: %s", cmp.Diff(before, after))
		}

		added := "kood;tase;pealkiri;pealkiri inglise keeles;juht;partnerid;algus;lõpp;staatus;valmidus %\n1.1.2;activity;Uus tegevus;;;;;;;\n"
		if status, page := planUpload(t, coord, a, st.ID, "uus.csv", []byte(added)); status != http.StatusOK || !strings.Contains(page, "1 rida lisati") {
			t.Fatalf("a new row without a version: %d\n%s", status, page)
		}
	})
}

// TestOldMatrixExportDoesNotOverwrite: the same for the e-service matrix.
func TestOldMatrixExportDoesNotOverwrite(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		fillCells(t, a)
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		old := download(t, a, "/eservices/matrix.csv?municipality=0793")

		ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kolleeg", Role: auth.RoleCoordinator, Active: true})
		c, err := a.store.Cell(ctx, "0793", "SOC-001")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.NotOffered, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		before, events := matrixState(t, a)

		edited := bytes.Replace(old, []byte("https://tartu.ee/toetus"), []byte("https://tartu.ee/uus"), 1)
		status, page := upload(t, coord, a, "vana.csv", edited)
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, "<code>version</code>") || !strings.Contains(page, changedSince) {
			t.Fatalf("old export: %d\n%s", status, page)
		}
		if after, n := matrixState(t, a); !cmp.Equal(before, after) || n != events {
			t.Errorf("a refused import changed the matrix: %s", cmp.Diff(before, after))
		}

		added := "ehak;service_code;offering;criteria_met;url;system;evidence_url;evidence_checked_on\n0793;SOC-002;offered;;;;;\n"
		if status, page := upload(t, coord, a, "uus.csv", []byte(added)); status != http.StatusOK {
			t.Fatalf("a new cell without a version: %d\n%s", status, page)
		}
		if c, _ := a.store.Cell(ctx, "0793", "SOC-002"); c.Offering != eservice.Offered || c.Version != 1 {
			t.Errorf("new cell %+v", c)
		}
	})
}
