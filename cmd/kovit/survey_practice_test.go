package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/survey"
)

// TestSurveyCollectsPractice: the first collection of the e-democracy practice is a
// survey whose questions map to the practice's fields. Tartu answers it, its lead
// approves, and the response page proposes the practice Tartu has not entered yet; only
// Tartu's editors apply it, at the practice's version, through the e-democracy module's
// own save, after which the practice page and the map show it and nothing is left to
// propose.
func TestSurveyCollectsPractice(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		staff := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
		other := a.as(t, a.user(t, "toomas@tallinn.test", auth.RoleEditor, "0784"))
		ctx := auth.WithUser(context.Background(), &coordUser)
		qs, err := survey.ParseQuestions("stream | single | Kas volikogu istungeid kantakse otse üle? | jah; ei | maps=practice:streaming\n" +
			"modules | multiple | Mis volikogu infosüsteemis on avalik? | agendas; drafts; minutes; votes | maps=practice:public_modules\n" +
			"byear | number | Kaasava eelarve aasta | | maps=practice:budget_year\n" +
			"bsum | number | Kaasava eelarve summa (EUR) | | maps=practice:budget_amount\n" +
			"system | text | Volikogu infosüsteem | | maps=practice:council_system\n")
		if err != nil {
			t.Fatal(err)
		}
		x, err := a.store.CreateSurvey(ctx, survey.Survey{Year: 2026, Title: "E-demokraatia 2026", Deadline: "2026-12-31", Open: true, Questions: qs})
		if err != nil {
			t.Fatal(err)
		}
		base := a.URL + "/surveys/" + itoa(x.ID) + "/responses/0793"
		form := url.Values{"version": {"0"}, "submit": {"true"}, "a.stream": {"jah"}, "a.modules": {"votes", "agendas"}, "a.byear": {"2025"},
			"a.bsum": {"150 000"}, "a.system": {"VOLIS <script>"}}
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
		for _, want := range []string{"Ettepanek e-demokraatia andmetele", "<th scope=\"row\">Istungite otseülekanne</th><td>ei</td><td>jah</td>",
			"päevakorrad, hääletustulemused", "150\u00a0000,00 €", "VOLIS &lt;script&gt;", `action="` + "/surveys/" + itoa(x.ID) + `/responses/0793/apply-practice"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the proposal has no %q", want)
			}
		}
		if t.Failed() {
			t.Fatalf("%.5000s", body[strings.Index(body, "<main"):])
		}
		if s, _ := postForm(t, other, base+"/apply-practice", url.Values{"version": {"0"}}); s != http.StatusForbidden {
			t.Errorf("another municipality's editor applies: %d", s)
		}
		if s, _ := postForm(t, staff, base+"/apply-practice", url.Values{"version": {"3"}}); s != http.StatusConflict {
			t.Errorf("an old version of the practice: %d", s)
		}
		if s, body := postForm(t, staff, base+"/apply-practice", url.Values{"version": {"0"}}); s != http.StatusSeeOther {
			t.Fatalf("apply: %d\n%.1500s", s, body)
		}
		p, err := a.store.EDemocracyPractice(ctx, "0793")
		if err != nil || p.Version != 1 || !p.Streaming || p.CouncilSystem != "VOLIS <script>" || p.BudgetAmount == nil || *p.BudgetAmount != 15_000_000 ||
			p.BudgetYear == nil || *p.BudgetYear != 2025 || strings.Join(p.PublicModules, ",") != "agendas,votes" {
			t.Fatalf("the practice: %+v %v", p, err)
		}
		if s, _ := postForm(t, staff, base+"/apply-practice", url.Values{"version": {"1"}}); s != http.StatusConflict {
			t.Errorf("applying again: %d", s)
		}
		if _, body = get(t, staff, base); strings.Contains(body, "Ettepanek e-demokraatia andmetele") {
			t.Error("a proposal left after applying it")
		}
		if _, body = get(t, a.client(t), a.URL+"/edemocracy/map?measure=budget"); !strings.Contains(body, "<title>Tartu linn: jah</title>") {
			t.Error("the map does not show Tartu's participatory budget")
		}
	})
}
