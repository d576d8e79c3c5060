package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/desk"
	"kovit/internal/survey"
)

// TestSurveyJourney: last year's survey holds Tartu's approved response; this year's,
// made on the page from it, comes prefilled; Tartu's staff change one answer and submit,
// only its lead approves, and the board, the reminders and the results follow.
func TestSurveyJourney(t *testing.T) { onEngines(t, testSurveyJourney) }

func testSurveyJourney(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	coordinator := a.as(t, coordUser)
	staff := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
	leadUser := a.user(t, "juht@tartu.test", auth.RoleEditor, "0793")
	ctx := auth.WithUser(context.Background(), &coordUser)
	if _, err := a.store.SetLead(ctx, leadUser.ID, true); err != nil {
		t.Fatal(err)
	}
	lead := a.as(t, leadUser)
	expect := func(what string, status int, body string, want int) {
		t.Helper()
		if status != want {
			i := strings.Index(body, "error-summary")
			t.Fatalf("%s: %d, want %d\n%.800s", what, status, want, body[max(i, 0):])
		}
	}
	questions := "stream | single | Kas volikogu istungeid kantakse üle? | jah; ei | required\n" +
		"url | text | Ülekande aadress | | if=stream=jah\nbudget | number | Kaasava eelarve summa (EUR) | | min=0\n" +
		"services | service_grid | E-teenused | offered; not_offered | maps=matrix_offering\n"
	qs, err := survey.ParseQuestions(questions)
	if err != nil {
		t.Fatal(err)
	}
	last := lastYearsSurvey(t, a, ctx, qs, map[string]survey.Answer{
		"stream": {Text: "jah"}, "url": {Text: "https://www.tartu.ee/volikogu"}, "budget": {Number: num(200000)},
		"services": {Grid: map[string]string{"SOC-001": "offered"}}})

	s, body := postForm(t, coordinator, a.URL+"/surveys", url.Values{"title": {"E-demokraatia 2026"}, "year": {"2026"}, "deadline": {"2026-12-31"},
		"open": {"on"}, "public_results": {"on"}, "previous_id": {itoa(last.ID)}, "questions": {questions}})
	expect("create", s, body, http.StatusSeeOther)
	s, body = postForm(t, coordinator, a.URL+"/surveys", url.Values{"title": {"Vigane"}, "year": {"2026"}, "deadline": {"2026-12-31"},
		"questions": {"x | single | Valik | ainult\n"}})
	expect("a choice with one option", s, body, http.StatusUnprocessableEntity)
	surveys, err := a.store.ListSurveys(ctx)
	if err != nil || len(surveys) != 2 {
		t.Fatalf("%+v %v", surveys, err)
	}
	base := a.URL + "/surveys/" + itoa(surveys[0].ID)

	_, body = get(t, staff, base+"/responses/0793")
	if !strings.Contains(body, "eelmise aasta vastus") || !strings.Contains(body, "https://www.tartu.ee/volikogu") || !strings.Contains(body, `value="200000"`) {
		t.Fatalf("the form is not prefilled:\n%.3000s", body)
	}
	if k := deskKinds(t, a, staff); !k["survey_answer_due"] {
		t.Errorf("the staff's desk before answering: %v", k)
	}
	form := url.Values{"version": {"0"}, "prefilled": {"stream", "url", "budget", "services"}, "a.stream": {"jah"},
		"a.url": {"https://www.tartu.ee/volikogu"}, "a.budget": {"250 000"}, "g.services.SOC-001": {"offered"}}
	s, body = postForm(t, staff, base+"/responses/0793", form)
	expect("save with one change", s, body, http.StatusSeeOther)
	saved, err := a.store.Response(ctx, surveys[0].ID, "0793")
	if err != nil || saved.State != survey.Draft || *saved.Answers["budget"].Number != 250000 || strings.Join(saved.Prefilled, ",") != "stream,url,services" {
		t.Fatalf("saved: %+v %v", saved, err)
	}
	form.Set("version", "1")
	form.Set("a.budget", "-5")
	s, body = postForm(t, staff, base+"/responses/0793", form)
	expect("a negative budget", s, body, http.StatusUnprocessableEntity)
	form.Set("a.budget", "250000")
	form.Set("submit", "true")
	s, body = postForm(t, staff, base+"/responses/0793", form)
	expect("submit", s, body, http.StatusSeeOther)
	if k := deskKinds(t, a, lead); !k["survey_to_approve"] || k["survey_answer_due"] {
		t.Errorf("the lead's desk after submitting: %v", k)
	}
	if k := deskKinds(t, a, staff); k["survey_to_approve"] {
		t.Errorf("the staff's desk after submitting: %v", k)
	}
	s, body = postForm(t, staff, base+"/responses/0793/approve", url.Values{"version": {"2"}})
	expect("the staff approve", s, body, http.StatusForbidden)
	s, body = postForm(t, lead, base+"/responses/0793/approve", url.Values{"version": {"2"}})
	expect("the lead approves", s, body, http.StatusSeeOther)

	// The approved grid proposes Tartu's matrix cell, applied through the e-service rules.
	_, body = get(t, staff, base+"/responses/0793")
	if !strings.Contains(body, "Ettepanekud e-teenuste maatriksi muutmiseks") || !strings.Contains(body, `value="SOC-001"`) {
		t.Fatalf("no proposal:\n%.3000s", body)
	}
	s, body = postForm(t, staff, base+"/responses/0793/apply", url.Values{"service_code": {"SOC-001"}, "cell_version": {"0"}})
	expect("apply the proposal", s, body, http.StatusSeeOther)
	cell, err := a.store.Cell(ctx, "0793", "SOC-001")
	if err != nil || cell.Offering != "offered" || cell.Version != 1 || cell.Verification != "self_reported" {
		t.Errorf("the cell: %+v %v", cell, err)
	}
	if s, _ := postForm(t, staff, base+"/responses/0793/apply", url.Values{"service_code": {"SOC-001"}, "cell_version": {"1"}}); s != http.StatusConflict {
		t.Errorf("applying again: %d", s)
	}
	_, body = get(t, coordinator, base)
	if !strings.Contains(body, "Kinnitatud vastuseid 1 / 79.") {
		t.Errorf("the board:\n%.2000s", body)
	}
	s, body = postForm(t, coordinator, base+"/reminders", nil)
	expect("remind", s, body, http.StatusSeeOther)
	_, body = get(t, a.client(t), base+"/results")
	if !strings.Contains(body, "jah: 1") || !strings.Contains(body, "250") || strings.Contains(body, "tartu.ee/volikogu") {
		t.Errorf("the public results:\n%.3000s", body)
	}
}

func num(f float64) *float64 { return &f }

// deskKinds are the kinds of item on c's desk.
func deskKinds(t *testing.T, a *testApp, c *http.Client) map[string]bool {
	t.Helper()
	s, body := get(t, c, a.URL+"/api/v1/desk")
	if s != http.StatusOK {
		t.Fatalf("desk: %d %s", s, body)
	}
	var l desk.List
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, i := range l.Items {
		out[string(i.Kind)] = true
	}
	return out
}
