package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/landscape"
)

// TestRecordsProfilePages: Elva's records profile reaches level 3 with its document system
// from the landscape, its register and DHX as evidence, shows as self-reported with the
// next level's bottleneck, and a coordinator verifies it; the public reads the levels.
func TestRecordsProfilePages(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		list, _, err := a.store.ListSolutions(ctx, landscape.SolutionFilter{Query: "Amphora"})
		if err != nil || len(list) != 1 {
			t.Fatal(list, err)
		}
		row, err := a.store.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0171", SolutionID: list[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		elva := a.as(t, a.user(t, "it@elva.test", auth.RoleEditor, "0171"))
		form := url.Values{"document_row_id": {itoa(row.ID)}, "dhx": {"none"}, "register_url": {"https://www.elva.ee/dokumendiregister"},
			"rules_date": {"15.03.2024"}, "criteria": {"1", "2", "3", "4"}, "evidence_url": {"https://www.elva.ee/asjaajamine"}, "version": {"0"}}
		st, body := postForm(t, elva, a.URL+"/municipalities/0171/records", form)
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "DHX") {
			t.Errorf("level 3 without DHX: %d", st)
		}
		form.Set("dhx", "direct")
		if st, body := postForm(t, elva, a.URL+"/municipalities/0171/records", form); st != http.StatusSeeOther {
			t.Fatalf("save: %d %.500s", st, body)
		}
		st, body = get(t, a.client(t), a.URL+"/municipalities/0171/records")
		if st != http.StatusOK || !strings.Contains(body, "Tase 3") || !strings.Contains(body, "Amphora") || !strings.Contains(body, "15.03.2024") ||
			!strings.Contains(body, "volikogu infosüsteemiga") {
			t.Errorf("the profile as the public: %d, level 3, its system, the rules' date and the bottleneck expected", st)
		}
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		if st, _ := postForm(t, elva, a.URL+"/municipalities/0171/records/review", url.Values{"verification": {"verified"}, "version": {"1"}}); st != http.StatusForbidden {
			t.Errorf("Elva verifies itself: %d", st)
		}
		if st, _ := postForm(t, coord, a.URL+"/municipalities/0171/records/review", url.Values{"verification": {"verified"}, "version": {"1"}}); st != http.StatusSeeOther {
			t.Fatalf("verify: %d", st)
		}
		if p, err := a.store.RecordsProfile(ctx, "0171"); err != nil || p.Level != 3 || p.Verification != "verified" {
			t.Errorf("after the review: %+v %v", p, err)
		}
		st, body = get(t, a.client(t), a.URL+"/records")
		if st != http.StatusOK || !strings.Contains(body, "koordinaator kinnitas") {
			t.Errorf("the records overview: %d", st)
		}
	})
}
