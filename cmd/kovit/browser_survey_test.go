package main

import (
	"context"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/survey"
)

// TestBrowserSurveyJourney walks the survey part of issue 16's journey in headless
// Chromium, in Estonian: a survey prefilled from last year is answered by Tartu linn's
// staff with one change (the matrix's offering of a service), submitted, approved by
// Tartu's lead, and the mapped matrix cell is proposed for update and applied.
func TestBrowserSurveyJourney(t *testing.T) {
	a := startApp(t, "sqlite")
	coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	staff := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
	lead := a.user(t, "juht@tartu.test", auth.RoleEditor, "0793")
	ctx := auth.WithUser(context.Background(), &coordUser)
	if _, err := a.store.SetLead(ctx, lead.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.NotOffered}); err != nil {
		t.Fatal(err)
	}
	qs, err := survey.ParseQuestions("stream | single | Kas volikogu istungeid kantakse üle? | jah; ei | required\n" +
		"services | service_grid | E-teenused | offered; not_offered | maps=matrix_offering\n")
	if err != nil {
		t.Fatal(err)
	}
	last := lastYearsSurvey(t, a, ctx, qs, map[string]survey.Answer{"stream": {Text: "jah"}, "services": {Grid: map[string]string{"SOC-001": "not_offered"}}})
	now, err := a.store.CreateSurvey(ctx, survey.Survey{Year: 2026, Title: "E-demokraatia 2026", Deadline: "2026-12-31", Open: true, Questions: qs, PreviousID: &last.ID})
	if err != nil {
		t.Fatal(err)
	}
	path := "/surveys/" + itoa(now.ID) + "/responses/0793"
	b := startBrowser(t, a.URL)
	signOut := func() { b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Logi välja"))) }

	// 1. Tartu's staff finds last year's answers, changes one and submits.
	b.open("home page", "/", http.StatusOK)
	esSignIn(b, staff)
	b.open("response", path, http.StatusOK)
	b.want(`fieldset[id="f-answers.services"] .badge`, "eelmise aasta vastus")
	if v := b.read("last year's offering", chromedp.Value(chromedp.CSS("#g-services-SOC-001"))); v != "not_offered" {
		t.Fatalf("SOC-001 is prefilled %q, want not_offered", v)
	}
	if checked := b.read("last year's choice", chromedp.Evaluate[string](`String(document.getElementById("a-stream-jah").checked)`)); checked != "true" {
		t.Errorf("the single choice is not prefilled: %q", checked)
	}
	b.run("the one change", chromedp.SetValue(chromedp.CSS("#g-services-SOC-001"), "offered"))
	b.follow("submit", http.StatusOK, chromedp.Click(buttonNamed("Esita juhile kinnitamiseks")))
	b.want("p.flash", "Vastus on esitatud ja ootab juhi kinnitust.")
	signOut()

	// 2. Tartu's lead approves; the changed answer proposes the matrix cell's update.
	esSignIn(b, lead)
	b.open("response", path, http.StatusOK)
	b.follow("approve", http.StatusOK, chromedp.Click(buttonNamed("Kinnita omavalitsuse ametliku vastusena")))
	b.want("p.flash", "Vastus on kinnitatud.")
	b.want("#proposals-h", "Ettepanekud e-teenuste maatriksi muutmiseks")
	b.want(`section[aria-labelledby="proposals-h"] tbody th`, "SOC-001")
	b.want(`section[aria-labelledby="proposals-h"] tbody td:nth-of-type(1)`, "ei pakuta")
	b.want(`section[aria-labelledby="proposals-h"] tbody td:nth-of-type(2)`, "pakutakse")
	b.follow("apply", http.StatusOK, chromedp.Click(chromedp.CSS(`section[aria-labelledby="proposals-h"] button`)))
	b.want("p.flash", "Maatriksi lahter on uuendatud.")
	c, err := a.store.Cell(ctx, "0793", "SOC-001")
	if err != nil || c.Offering != eservice.Offered {
		t.Errorf("the matrix cell after applying: %+v %v", c, err)
	}
	resp, err := a.store.Response(ctx, now.ID, "0793")
	if err != nil || resp.State != survey.Approved || resp.Answers["stream"].Text != "jah" || len(resp.Prefilled) != 0 {
		t.Errorf("the approved response: %+v %v", resp, err)
	}
}

// lastYearsSurvey stores the 2025 survey of questions qs and Tartu's approved answers to it.
func lastYearsSurvey(t *testing.T, a *testApp, ctx context.Context, qs []survey.Question, answers map[string]survey.Answer) survey.Survey {
	t.Helper()
	last, err := a.store.CreateSurvey(ctx, survey.Survey{Year: 2025, Title: "E-demokraatia 2025", Deadline: "2025-12-31", Open: true, Questions: qs})
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.store.SaveResponse(ctx, survey.Response{SurveyID: last.ID, MunicipalityEHAK: "0793", Answers: answers}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.ApproveResponse(ctx, last.ID, "0793", r.Version); err != nil {
		t.Fatal(err)
	}
	return last
}
