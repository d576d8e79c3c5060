package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/landscape"
	"kovit/internal/survey"
)

// TestSurveySolutionGridJourney: a survey asks Tartu the status of every solution of the
// catalogue; its approved answers propose the landscape's updates, each applied through
// the landscape's own save (a new row, or the row's update at its version), and only by
// Tartu's editors.
func TestSurveySolutionGridJourney(t *testing.T) { onEngines(t, testSurveySolutionGridJourney) }

func testSurveySolutionGridJourney(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	staff := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
	other := a.as(t, a.user(t, "toomas@tallinn.test", auth.RoleEditor, "0784"))
	ctx := auth.WithUser(context.Background(), &coordUser)
	delta, err := a.store.CreateSolution(ctx, landscape.Solution{Name: "Delta", Kind: landscape.KindCommercial, State: landscape.Accepted})
	if err != nil {
		t.Fatal(err)
	}
	volis, err := a.store.CreateSolution(ctx, landscape.Solution{Name: "VOLIS", Kind: landscape.KindCommercial, State: landscape.Accepted})
	if err != nil {
		t.Fatal(err)
	}
	row, err := a.store.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0793", SolutionID: delta.ID, Status: landscape.Production})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := survey.ParseQuestions("sol | solution_grid | Lahenduste kasutus | planned; production; stopped | maps=landscape_status\n")
	if err != nil {
		t.Fatal(err)
	}
	x, err := a.store.CreateSurvey(ctx, survey.Survey{Year: 2026, Title: "IT-maastik 2026", Deadline: "2026-12-31", Open: true, Questions: qs})
	if err != nil {
		t.Fatal(err)
	}
	base := a.URL + "/surveys/" + itoa(x.ID) + "/responses/0793"
	_, body := get(t, staff, base)
	if !strings.Contains(body, `name="g.sol.`+itoa(volis.ID)+`"`) || !strings.Contains(body, ">Kavandatud</option>") {
		t.Fatalf("the form has no row of the catalogue's solution:\n%.3000s", body)
	}
	form := url.Values{"version": {"0"}, "submit": {"true"}, "g.sol." + itoa(delta.ID): {"stopped"}, "g.sol." + itoa(volis.ID): {"planned"}}
	if s, body := postForm(t, staff, base, url.Values{"version": {"0"}, "g.sol.999999": {"planned"}}); s != http.StatusUnprocessableEntity {
		t.Fatalf("a solution not in the catalogue: %d\n%.1500s", s, body)
	}
	if s, body := postForm(t, staff, base, form); s != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%.1500s", s, body)
	}
	r, err := a.store.Response(ctx, x.ID, "0793")
	if err != nil || r.State != survey.Submitted || r.Answers["sol"].Grid[itoa(volis.ID)] != "planned" {
		t.Fatalf("%+v %v", r, err)
	}
	if _, err := a.store.ApproveResponse(ctx, x.ID, "0793", r.Version); err != nil {
		t.Fatal(err)
	}

	_, body = get(t, staff, base)
	if !strings.Contains(body, "Ettepanekud IT-maastiku muutmiseks") || !strings.Contains(body, "maastikus puudub") {
		t.Fatalf("no proposals:\n%.4000s", body)
	}
	if s, _ := postForm(t, other, base+"/apply-status", url.Values{"solution_id": {itoa(delta.ID)}, "row_version": {itoa(int64(row.Version))}}); s != http.StatusForbidden {
		t.Errorf("another municipality's editor applies: %d", s)
	}
	if s, _ := postForm(t, staff, base+"/apply-status", url.Values{"solution_id": {itoa(delta.ID)}, "row_version": {itoa(int64(row.Version + 5))}}); s != http.StatusConflict {
		t.Errorf("an old version of the row: %d", s)
	}
	if s, body := postForm(t, staff, base+"/apply-status", url.Values{"solution_id": {itoa(delta.ID)}, "row_version": {itoa(int64(row.Version))}}); s != http.StatusSeeOther {
		t.Fatalf("apply to the row: %d\n%.1500s", s, body)
	}
	after, err := a.store.Row(ctx, row.ID)
	if err != nil || after.Status != landscape.Stopped || after.Version != row.Version+1 || len(after.History) != len(row.History)+1 {
		t.Errorf("the row: %+v %v", after, err)
	}
	if s, body := postForm(t, staff, base+"/apply-status", url.Values{"solution_id": {itoa(volis.ID)}, "row_version": {"0"}}); s != http.StatusSeeOther {
		t.Fatalf("apply as a new row: %d\n%.1500s", s, body)
	}
	rows, _, err := a.store.ListRows(ctx, landscape.RowFilter{MunicipalityEHAK: "0793", SolutionID: volis.ID})
	if err != nil || len(rows) != 1 || rows[0].Status != landscape.Planned {
		t.Errorf("the new row: %+v %v", rows, err)
	}
	if s, _ := postForm(t, staff, base+"/apply-status", url.Values{"solution_id": {itoa(volis.ID)}, "row_version": {"0"}}); s != http.StatusConflict {
		t.Errorf("applying again: %d", s)
	}
	if _, body = get(t, staff, base); strings.Contains(body, "Ettepanekud IT-maastiku muutmiseks") {
		t.Errorf("proposals left after applying every one:\n%.3000s", body)
	}
}
