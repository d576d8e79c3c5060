package main

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/survey"
	"kovit/internal/tabular"
)

// resultsSurvey stores a survey of n questions, the first a choice of "jah" or "ei", the
// second a text (which has no result) and the rest numbers.
func resultsSurvey(t *testing.T, a *testApp, ctx context.Context, n int, public bool) survey.Survey {
	t.Helper()
	qs := []survey.Question{{Key: "stream", Text: "Kas istungeid kantakse üle?", Type: survey.Single, Options: []string{"jah", "ei"}},
		{Key: "note", Text: "Märkus", Type: survey.Text}}
	for i := 2; i < n; i++ {
		qs = append(qs, survey.Question{Key: fmt.Sprintf("n%d", i), Text: fmt.Sprintf("Arvuline küsimus %d", i), Type: survey.Number})
	}
	s, err := a.store.CreateSurvey(ctx, survey.Survey{Year: 2026, Title: "Volikogu ülekanded", Deadline: "2026-12-31", Open: true,
		PublicResults: public, Questions: qs})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// approve stores ehak's response answering stream, and 4 to every number, and approves it.
func approve(t *testing.T, a *testApp, ctx context.Context, s survey.Survey, ehak, stream string) {
	t.Helper()
	answers := map[string]survey.Answer{"stream": {Text: stream}}
	for _, q := range s.Questions {
		if q.Type == survey.Number {
			answers[q.Key] = survey.Answer{Number: num(4)}
		}
	}
	id := s.ID
	r, err := a.store.SaveResponse(ctx, survey.Response{SurveyID: id, MunicipalityEHAK: ehak, Answers: answers}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.ApproveResponse(ctx, id, ehak, r.Version); err != nil {
		t.Fatal(err)
	}
}

// TestSurveyResultsAfterApproval reads the results page, which keeps its rendered
// questions, and checks that each new approval shows at the next read, in both languages
// and to the public too, and that the public is still refused results the survey keeps
// internal however often a coordinator read them.
func TestSurveyResultsAfterApproval(t *testing.T) { onEngines(t, testSurveyResultsAfterApproval) }

func testSurveyResultsAfterApproval(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	coordinator, public := a.as(t, coordUser), a.client(t)
	ctx := auth.WithUser(context.Background(), &coordUser)
	s := resultsSurvey(t, a, ctx, 3, false)
	page := a.URL + "/surveys/" + itoa(s.ID) + "/results"
	read := func(c *http.Client, query string, want, not []string) {
		t.Helper()
		status, body := get(t, c, page+query)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", query, status)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %q", query, w)
			}
		}
		for _, n := range not {
			if strings.Contains(body, n) {
				t.Errorf("%s: %q", query, n)
			}
		}
	}
	read(coordinator, "", []string{"Kinnitatud vastuseid veel ei ole."}, []string{"jah: 1"})
	approve(t, a, ctx, s, "0793", "jah")
	read(coordinator, "", []string{"jah: 1 (100", "keskmine: 4"}, []string{"ei: 1"})
	read(coordinator, "?lang=en", []string{"jah: 1 (100", "mean: 4"}, []string{"ei: 1", "keskmine"})
	approve(t, a, ctx, s, "0784", "ei")
	read(coordinator, "", []string{"jah: 1 (50", "ei: 1 (50"}, nil)
	read(coordinator, "?lang=en", []string{"jah: 1 (50", "ei: 1 (50", "mean: 4"}, nil)
	read(coordinator, "?group=county", []string{"Harju maakond", "Tartu maakond", "jah: 1 (100", "ei: 1 (100"}, nil)

	if status, body := get(t, public, page); status != http.StatusSeeOther || strings.Contains(body, "jah: 1") {
		t.Fatalf("the public read internal results a coordinator had read: %d\n%.500s", status, body)
	}
	s.PublicResults = true
	if _, err := a.store.UpdateSurvey(ctx, s); err != nil {
		t.Fatal(err)
	}
	read(public, "", []string{"jah: 1 (50", "ei: 1 (50"}, nil)
	approve(t, a, ctx, s, "0624", "jah")
	read(public, "", []string{"jah: 2 (66", "ei: 1 (33"}, []string{"jah: 1 (50"})
	read(coordinator, "", []string{"jah: 2 (66", "ei: 1 (33"}, []string{"jah: 1 (50"})
}

// TestSurveyResultsPaging pages a survey of 25 questions (24 with a result) 20 at a time:
// the pager links each way, bad paging is refused naming its field, and the export has
// every question.
func TestSurveyResultsPaging(t *testing.T) { onEngines(t, testSurveyResultsPaging) }

func testSurveyResultsPaging(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	coordinator := a.as(t, coordUser)
	ctx := auth.WithUser(context.Background(), &coordUser)
	s := resultsSurvey(t, a, ctx, 25, false)
	approve(t, a, ctx, s, "0793", "jah")
	page := a.URL + "/surveys/" + itoa(s.ID) + "/results"
	sections := regexp.MustCompile(`<section aria-labelledby="r-([a-z0-9]+)">`)
	link := func(body, rel string) string {
		m := regexp.MustCompile(`<a href="([^"]+)" rel="` + rel + `">`).FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return html.UnescapeString(m[1])
	}
	status, body := get(t, coordinator, page+"?group=county")
	if status != http.StatusOK {
		t.Fatal(status)
	}
	first := sections.FindAllStringSubmatch(body, -1)
	if len(first) != 20 || first[0][1] != "stream" || first[19][1] != "n20" {
		t.Errorf("the first page's questions: %v", first)
	}
	if !strings.Contains(body, `<nav class="pager" aria-label="Lehekülgede vahel liikumine">`) || !strings.Contains(body, "Kuvatakse 1–20, kokku 24") {
		t.Error("the first page's pager does not say where the page is")
	}
	next := link(body, "next")
	if next == "" || link(body, "prev") != "" || !strings.Contains(next, "offset=20") || !strings.Contains(next, "group=county") {
		t.Fatalf("the first page's links: next %q prev %q", next, link(body, "prev"))
	}
	status, body = get(t, coordinator, a.URL+next)
	if status != http.StatusOK {
		t.Fatal(status)
	}
	second := sections.FindAllStringSubmatch(body, -1)
	if len(second) != 4 || second[0][1] != "n21" || second[3][1] != "n24" {
		t.Errorf("the second page's questions: %v", second)
	}
	if link(body, "next") != "" || !strings.Contains(link(body, "prev"), "offset=0") {
		t.Errorf("the second page's links: next %q prev %q", link(body, "next"), link(body, "prev"))
	}
	if !strings.Contains(body, "Kuvatakse 21–24, kokku 24") || !strings.Contains(body, `id="chart-20-title"`) {
		t.Error("the second page's pager, or its first chart's number after the first page's")
	}
	if status, body = get(t, coordinator, page+"?offset=100"); status != http.StatusOK || !strings.Contains(body, "Kinnitatud vastuseid veel ei ole.") {
		t.Errorf("past the end: %d", status)
	}
	for query, field := range map[string]string{"?offset=-1": "offset", "?limit=0": "limit", "?limit=x": "limit", "?group=x": "group"} {
		status, body := get(t, coordinator, page+query)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "<li>"+field) {
			t.Errorf("%s: %d\n%.400s", query, status, body)
		}
	}
	status, body = get(t, coordinator, page+".xlsx?group=county")
	if status != http.StatusOK {
		t.Fatal(status)
	}
	_, rows, err := tabular.Read(strings.NewReader(body), "tulemused.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	questions := map[string]bool{}
	for _, r := range rows {
		questions[r[0]] = true
	}
	if len(questions) != 24 || !questions["Arvuline küsimus 24"] {
		t.Errorf("the export's questions: %v", questions)
	}
}
