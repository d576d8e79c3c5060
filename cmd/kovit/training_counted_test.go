package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
)

// TestTrainingCountedJourney: Tallinn's editor records completions by count on the page
// (a bad number refused naming the field, nothing saved), the coverage and the counts per
// role follow, the export lists them; others may neither read nor remove them; the API
// refuses a bad count naming the field, records a good one and removes it.
func TestTrainingCountedJourney(t *testing.T) {
	onEngines(t, testTrainingCountedJourney)
}

func testTrainingCountedJourney(t *testing.T, engine string) {
	a := startApp(t, engine)
	hygiene, _ := trainingFixture(t, a)
	ctx := context.Background()
	own := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
	reader := a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, ""))
	today := time.Now().Format(time.DateOnly)

	status, body := postForm(t, own, a.URL+"/municipalities/0784/training/counts", url.Values{"role": {"employee"},
		"training_id": {itoa(hygiene.ID)}, "completed_on": {today}, "people": {"0"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="ce-people"`) || strings.Contains(body, `id="ce-completed_on"`) {
		t.Errorf("a count of nobody: %d", status)
	}
	if cs, _ := a.store.TrainingCounts(ctx, "0784"); len(cs) != 0 {
		t.Errorf("a refused count was saved: %+v", cs)
	}
	// Before: of two named people, the employee holds the hygiene course.
	if status, body := get(t, own, a.URL+"/api/v1/municipalities/0784/training-gaps"); status != http.StatusOK || !strings.Contains(body, `"people":2,"covered":1`) {
		t.Errorf("gaps before: %d %s", status, body)
	}
	if status, _ := postForm(t, own, a.URL+"/municipalities/0784/training/counts", url.Values{"role": {"employee"},
		"training_id": {itoa(hygiene.ID)}, "completed_on": {today}, "people": {"40"}}); status != http.StatusSeeOther {
		t.Fatalf("a count: %d", status)
	}
	status, body = get(t, own, a.URL+"/api/v1/municipalities/0784/training-gaps")
	if status != http.StatusOK || !strings.Contains(body, `"people":42,"covered":41`) || !strings.Contains(body, `"count_gaps":[]`) {
		t.Errorf("gaps after: %d %s", status, body)
	}
	// The counts per role, which readers see, count the forty.
	if status, body := get(t, reader, a.URL+"/api/v1/training-coverage"); status != http.StatusOK || !strings.Contains(body, `"people":41`) {
		t.Errorf("counts per role: %d %s", status, body)
	}
	if status, body := get(t, own, a.URL+"/municipalities/0784/training-counts.csv"); status != http.StatusOK || !strings.Contains(body, "töötaja;Küberhügieeni e-kursus") ||
		!strings.Contains(body, ";40") {
		t.Errorf("export: %d %s", status, body)
	}
	if status, body := get(t, own, a.URL+"/municipalities/0784/training"); status != http.StatusOK || !strings.Contains(body, `id="counts"`) || !strings.Contains(body, "<td>40</td>") {
		t.Errorf("the page: %d", status)
	}
	// Three counted security coordinators lack the security-management course, as does
	// the named one: the desk counts four missing.
	if status, _ := postForm(t, own, a.URL+"/municipalities/0784/training/counts", url.Values{"role": {"security_coordinator"},
		"training_id": {itoa(hygiene.ID)}, "completed_on": {today}, "people": {"3"}}); status != http.StatusSeeOther {
		t.Fatalf("a count of coordinators: %d", status)
	}
	if status, body := get(t, own, a.URL+"/api/v1/desk"); status != http.StatusOK || !regexp.MustCompile(`"kind":"training_gaps"[^}]*"count":4[,}]`).MatchString(body) {
		t.Errorf("desk: %d %s", status, body)
	}
	// The coordinators' page of all gaps: Tallinn's 45 people, 41 covered, 4 missing.
	coord := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
	if status, body := get(t, coord, a.URL+"/trainings/gaps"); status != http.StatusOK ||
		!regexp.MustCompile(`Tallinn</a></th>\s*<td>45</td><td>41</td><td>[^<]*</td><td>4</td>`).MatchString(body) {
		t.Errorf("all gaps: %d %s", status, body)
	}
	// The gap exports say what the pages say: three counted coordinators miss the course.
	for _, export := range []struct {
		c    *http.Client
		path string
	}{{own, "/municipalities/0784/training-gaps.csv"}, {coord, "/trainings/gaps.csv"}} {
		if status, body := get(t, export.c, a.URL+export.path); status != http.StatusOK || !strings.Contains(body, ";3 nimeta;infoturbe koordinaator;") {
			t.Errorf("%s: %d %s", export.path, status, body)
		}
	}
	cs, err := a.store.TrainingCounts(ctx, "0784")
	if err != nil || len(cs) != 2 {
		t.Fatalf("counts: %+v %v", cs, err)
	}
	if err := a.store.DeleteTrainingCount(auth.WithUser(ctx, &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true}), "0784", cs[0].ID); err != nil {
		t.Fatal(err)
	}
	cs, err = a.store.TrainingCounts(ctx, "0784")
	if err != nil || len(cs) != 1 {
		t.Fatalf("counts: %+v %v", cs, err)
	}
	for _, path := range []string{"/municipalities/0784/training-counts.csv", "/municipalities/0784/training-counts.xlsx", "/api/v1/municipalities/0784/training-counts"} {
		for who, c := range map[string]*http.Client{"a reader": reader, "Tartu's editor": tartu} {
			if status, _ := get(t, c, a.URL+path); status != http.StatusForbidden {
				t.Errorf("%s as %s: %d", path, who, status)
			}
		}
	}
	if status, _ := postForm(t, tartu, a.URL+"/municipalities/0793/training/counts/"+itoa(cs[0].ID)+"/delete", url.Values{}); status != http.StatusNotFound {
		t.Errorf("Tartu removing Tallinn's count through its own: %d", status)
	}
	if status, _ := postForm(t, own, a.URL+"/municipalities/0784/training/counts/"+itoa(cs[0].ID)+"/delete", url.Values{}); status != http.StatusSeeOther {
		t.Errorf("removing a count: %d", status)
	}

	js := "application/json"
	if status, body := send(t, own, "POST", a.URL+"/api/v1/municipalities/0784/training-counts", js,
		`{"role":"employee","training_id":`+itoa(hygiene.ID)+`,"completed_on":"2099-01-01","people":100000}`); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `"people"`) || !strings.Contains(body, `"completed_on"`) {
		t.Errorf("a bad count: %d %s", status, body)
	}
	status, body = send(t, own, "POST", a.URL+"/api/v1/municipalities/0784/training-counts", js,
		`{"role":"employee","training_id":`+itoa(hygiene.ID)+`,"completed_on":"`+today+`","people":7}`)
	if status != http.StatusCreated || !strings.Contains(body, `"people":7`) {
		t.Fatalf("a count: %d %s", status, body)
	}
	if status, body := get(t, own, a.URL+"/api/v1/municipalities/0784/training-counts"); status != http.StatusOK || !strings.Contains(body, `"total":1`) {
		t.Errorf("list: %d %s", status, body)
	}
	cs, _ = a.store.TrainingCounts(ctx, "0784")
	if status, _ := send(t, own, "DELETE", a.URL+"/api/v1/municipalities/0784/training-counts/"+itoa(cs[0].ID), js, ""); status != http.StatusNoContent {
		t.Errorf("removing through the API: %d", status)
	}
}
