package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

// TestRecordsIndicatorPage: an indicator that follows the records scale says so on its
// page, takes no values by hand, and shows the share the monthly snapshot measured.
func TestRecordsIndicatorPage(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		st, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Tegevuskava", StartYear: 2026, EndYear: 2030, Status: plan.Draft})
		if err != nil {
			t.Fatal(err)
		}
		ind, err := a.store.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "DHX kasutus", Unit: "%", Better: plan.HigherIsBetter,
			FromMatrix: &plan.MatrixSource{Scale: plan.ScaleRecords, Level: 3}})
		if err != nil {
			t.Fatal(err)
		}
		elvaAtLevel3(t, a)
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		page := a.URL + "/plan/indicators/" + itoa(ind.ID)
		if st, _ := postForm(t, coord, page+"/values", url.Values{"value": {"1"}, "date": {"2026-06-30"}}); st != http.StatusUnprocessableEntity {
			t.Errorf("a hand-entered value: %d", st)
		}
		if err := a.store.TakeSnapshot(ctx, "2026-10"); err != nil {
			t.Fatal(err)
		}
		s, body := get(t, coord, page)
		if s != http.StatusOK || strings.Contains(body, `action="/plan/indicators/`+itoa(ind.ID)+`/values"`) {
			t.Errorf("the indicator page: %d, or a value form", s)
		}
		mustContain(t, "records indicator", body, "Arvutatakse asjaajamise küpsusest", "omavalitsuste osakaal, kelle tase on vähemalt 3",
			"asjaajamise küpsustasemetest", "1,27")
	})
}
