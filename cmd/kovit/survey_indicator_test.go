package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/survey"
)

// TestSurveyFeedsIndicators: a survey's number questions map to an indicator of Tartu's
// own plan and to one of the national plan broken down by municipality. Tartu answers,
// its lead approves, and each value is proposed only to those who may edit the
// indicator's plan: Tartu's editor records its own plan's figure, the coordinator Tartu's
// value of the national one, each through the plan module's own save at the version the
// page showed; nothing is left to propose after.
func TestSurveyFeedsIndicators(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		coord := a.as(t, coordUser)
		staff := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
		other := a.as(t, a.user(t, "toomas@tallinn.test", auth.RoleEditor, "0784"))
		ctx := auth.WithUser(context.Background(), &coordUser)
		seeds, _, err := a.store.ListStrategies(ctx, plan.StrategyFilter{})
		if err != nil || len(seeds) == 0 {
			t.Fatalf("seeds %v %v", seeds, err)
		}
		national := reopenStrategy(t, a, seeds[0].ID)
		nat, err := a.store.CreateIndicator(ctx, plan.Indicator{StrategyID: national.ID, NameEt: "E-teenuste arv omavalitsustes", Better: plan.HigherIsBetter, Breakdown: plan.Sum})
		if err != nil {
			t.Fatal(err)
		}
		org := municipalityOrg(t, a, "0793")
		tartuPlan, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Tartu IT-arengukava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted, OwnerID: &org}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		own, err := a.store.CreateIndicator(ctx, plan.Indicator{StrategyID: tartuPlan.ID, NameEt: "Digiallkirjastatud dokumentide osakaal", Unit: "%", Better: plan.HigherIsBetter})
		if err != nil {
			t.Fatal(err)
		}
		qs, err := survey.ParseQuestions("services | number | Mitu e-teenust pakute? | | maps=indicator:" + itoa(nat.ID) + "\n" +
			"signed | number | Digiallkirjastatud dokumentide osakaal (%) | | maps=indicator:" + itoa(own.ID) + "\n")
		if err != nil {
			t.Fatal(err)
		}
		x, err := a.store.CreateSurvey(ctx, survey.Survey{Year: 2026, Title: "Omavalitsuste IT 2026", Deadline: "2026-12-31", Open: true, Questions: qs})
		if err != nil {
			t.Fatal(err)
		}
		base := a.URL + "/surveys/" + itoa(x.ID) + "/responses/0793"
		form := url.Values{"version": {"0"}, "submit": {"true"}, "a.services": {"42"}, "a.signed": {"87,5"}}
		if s, body := postForm(t, staff, base, form); s != http.StatusSeeOther {
			t.Fatalf("submit: %d\n%.1500s", s, body)
		}
		r, err := a.store.Response(ctx, x.ID, "0793")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.ApproveResponse(ctx, x.ID, "0793", r.Version); err != nil {
			t.Fatal(err)
		}

		_, body := get(t, staff, base)
		if !strings.Contains(body, "Ettepanek tegevuskava mõõdikutele") || !strings.Contains(body, "Digiallkirjastatud dokumentide osakaal</a>") ||
			!strings.Contains(body, "87,50") {
			t.Errorf("Tartu's editor is not offered its own plan's value:\n%.4000s", body[strings.Index(body, "<main"):])
		}
		if strings.Contains(body, "E-teenuste arv omavalitsustes") {
			t.Error("Tartu's editor is offered the national plan's indicator")
		}
		apply := func(c *http.Client, id int64, version string) int {
			t.Helper()
			s, _ := postForm(t, c, base+"/apply-indicator", url.Values{"indicator_id": {itoa(id)}, "measurement_version": {version}})
			return s
		}
		if s := apply(other, own.ID, "0"); s != http.StatusForbidden {
			t.Errorf("Tallinn's editor records Tartu's value: %d", s)
		}
		if s := apply(staff, nat.ID, "0"); s != http.StatusForbidden {
			t.Errorf("Tartu's editor records a national plan's value: %d", s)
		}
		if s := apply(staff, own.ID, "2"); s != http.StatusConflict {
			t.Errorf("a value changed since the page: %d", s)
		}
		if s := apply(staff, own.ID, "0"); s != http.StatusSeeOther {
			t.Fatalf("apply: %d", s)
		}
		ms, err := a.store.Measurements(ctx, own.ID)
		if err != nil || len(ms) != 1 || ms[0].Value != 87.5 || ms[0].MunicipalityEHAK != "" || ms[0].Source != "Omavalitsuste IT 2026" || ms[0].UpdatedBy == "" {
			t.Fatalf("Tartu's plan's values: %+v %v", ms, err)
		}
		if s := apply(staff, own.ID, "1"); s != http.StatusConflict {
			t.Errorf("applying again: %d", s)
		}

		_, body = get(t, coord, base)
		if !strings.Contains(body, "E-teenuste arv omavalitsustes</a>") || strings.Contains(body, "Digiallkirjastatud dokumentide osakaal</a>") {
			t.Errorf("the coordinator's proposals:\n%.4000s", body[strings.Index(body, "<main"):])
		}
		if s := apply(coord, nat.ID, "0"); s != http.StatusSeeOther {
			t.Fatalf("the coordinator applies: %d", s)
		}
		ms, err = a.store.Measurements(ctx, nat.ID)
		if err != nil || len(ms) != 1 || ms[0].Value != 42 || ms[0].MunicipalityEHAK != "0793" {
			t.Fatalf("the national plan's values: %+v %v", ms, err)
		}

		// A value recorded for the day since is shown as it is, and replaced at its version.
		ms[0].Value = 40
		if _, err := a.store.UpdateMeasurement(ctx, ms[0]); err != nil {
			t.Fatal(err)
		}
		if _, body = get(t, coord, base); !strings.Contains(body, "<td>40,00</td><td>42,00</td>") {
			t.Errorf("the day's value is not shown:\n%.4000s", body[strings.Index(body, "<main"):])
		}
		if s := apply(coord, nat.ID, "1"); s != http.StatusConflict {
			t.Errorf("an old version of the day's value: %d", s)
		}
		if s := apply(coord, nat.ID, "2"); s != http.StatusSeeOther {
			t.Errorf("replacing the day's value: %d", s)
		}
		if ms, err = a.store.Measurements(ctx, nat.ID); err != nil || len(ms) != 1 || ms[0].Value != 42 || ms[0].Version != 3 {
			t.Errorf("after replacing: %+v %v", ms, err)
		}
		if _, body = get(t, coord, base); strings.Contains(body, "Ettepanek tegevuskava mõõdikutele") {
			t.Error("a proposal left after applying everything")
		}
	})
}
