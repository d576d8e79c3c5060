package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

// TestPlanListsSeveralMunicipalities: an editor of Elva and Peipsiääre reads the draft
// plans of both in the strategy list and their overdue parts in the attention list (page
// and API), and never a third municipality's draft.
func TestPlanListsSeveralMunicipalities(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		hash, err := auth.HashPassword("parool-it@elva.ee") // as a.as signs in
		if err != nil {
			t.Fatal(err)
		}
		shared, err := a.store.CreateUser(ctx, auth.NewUser{Email: "it@elva.ee", Name: "Jaan Tamm", Role: auth.RoleEditor,
			Municipalities: []string{"0171", "0586"}}, hash, false)
		if err != nil {
			t.Fatal(err)
		}
		asCoord := auth.WithUser(ctx, &coord)
		due := time.Now().UTC().AddDate(0, 0, -10).Truncate(24 * time.Hour)
		for _, p := range []struct{ ehak, title string }{
			{"0171", "Elva valla IT-plaan"}, {"0586", "Peipsiääre valla IT-plaan"}, {"0784", "Tallinna IT-plaan"},
		} {
			org := municipalityOrg(t, a, p.ehak)
			st, err := a.store.CreateStrategy(asCoord, plan.Strategy{TitleEt: p.title, StartYear: 2026, EndYear: 2027,
				Status: plan.Draft, OwnerID: &org}.WithDefaults())
			if err != nil {
				t.Fatal(err)
			}
			act, err := a.store.CreateNode(asCoord, plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Tegevus: " + p.title})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.store.AddParticipant(asCoord, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: p.ehak, Due: &due}); err != nil {
				t.Fatal(err)
			}
		}
		c := a.as(t, shared)
		for _, path := range []string{"/plan", "/api/v1/strategies", "/plan/attention", "/api/v1/attention"} {
			status, body := get(t, c, a.URL+path)
			if status != http.StatusOK {
				t.Fatalf("%s: %d", path, status)
			}
			for _, title := range []string{"Elva valla IT-plaan", "Peipsiääre valla IT-plaan"} {
				if !strings.Contains(body, title) {
					t.Errorf("%s leaves out %s", path, title)
				}
			}
			if strings.Contains(body, "Tallinna IT-plaan") {
				t.Errorf("%s shows Tallinn's draft to the editor of Elva and Peipsiääre", path)
			}
		}
	})
}
