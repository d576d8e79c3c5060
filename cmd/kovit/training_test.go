package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/jobs"
	"kovit/internal/notify"
	"kovit/internal/training"
)

// trainingMarker is a marker in the name of a person of municipality ehak.
func trainingMarker(ehak string) string { return "MARK-" + ehak + "-person" }

// trainingFixture stores two trainings, the requirements of two roles, and completions
// in Tallinn (0784) and Tartu (0793) whose people's names hold markers: in each, one
// certificate expires within 30 days and one security coordinator lacks a training.
func trainingFixture(t *testing.T, a *testApp) (hygiene, isms training.Training) {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	var err error
	if hygiene, err = a.store.CreateTraining(ctx, training.Training{Title: "Küberhügieeni e-kursus", Provider: "RIA", Kind: training.ELearning, ValidMonths: 24}); err != nil {
		t.Fatal(err)
	}
	if isms, err = a.store.CreateTraining(ctx, training.Training{Title: "Infoturbe juhtimise koolitus", Provider: "ELVL", Kind: training.Course, ValidMonths: 36}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []training.Requirement{{Role: training.Employee, TrainingID: hygiene.ID}, {Role: training.SecurityCoordinator, TrainingID: isms.ID}} {
		if _, err := a.store.CreateTrainingRequirement(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	soon := time.Now().AddDate(-2, 0, 30).Format(time.DateOnly) // expires in about 30 days
	for _, ehak := range []string{"0784", "0793"} {
		for _, r := range []training.Record{
			{Person: trainingMarker(ehak), Role: training.Employee, TrainingID: hygiene.ID, CompletedOn: soon},
			{Person: "Turbejuht " + trainingMarker(ehak), Role: training.SecurityCoordinator, TrainingID: hygiene.ID, CompletedOn: soon},
		} {
			r.MunicipalityEHAK = ehak
			if _, err := a.store.CreateTrainingRecord(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
	}
	return hygiene, isms
}

// TestTrainingLeaks crawls every GET route of both surfaces as the public, a reader and
// Tartu's editor: no name of Tallinn's staff appears anywhere. Tallinn's editor and a
// coordinator do see them, so the markers are where the crawl would find them.
func TestTrainingLeaks(t *testing.T) {
	onEngines(t, testTrainingLeaks)
}

func testTrainingLeaks(t *testing.T, engine string) {
	a := startApp(t, engine)
	hygiene, _ := trainingFixture(t, a)
	records, err := a.store.TrainingRecords(context.Background(), "0784")
	if err != nil || len(records) != 2 {
		t.Fatalf("records %v %v", records, err)
	}
	outsiders := map[string]*http.Client{
		"the public":     a.client(t),
		"a reader":       a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, "")),
		"Tartu's editor": a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793")),
	}
	own := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	coord := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
	// The expiry notices are made, so the notifications are crawled with them.
	if err := jobs.EmitTrainingExpiry(context.Background(), a.store, time.Now()); err != nil {
		t.Fatal(err)
	}
	marker := trainingMarker("0784")
	crawled := 0
	for _, route := range a.routes {
		method, pattern, _ := strings.Cut(route, " ")
		if method != "GET" {
			continue
		}
		for _, id := range []int64{hygiene.ID, records[0].ID} {
			path := strings.NewReplacer("{id}", itoa(id), "{ehak}", "0784", "{$}", "").Replace(pattern)
			path = otherParam.ReplaceAllString(path, "1")
			for name, c := range outsiders {
				_, body := get(t, c, a.URL+path)
				crawled++
				if strings.Contains(readable(t, body), marker) {
					t.Errorf("GET %s as %s shows Tallinn's staff", path, name)
				}
			}
		}
	}
	if crawled < 100 {
		t.Fatalf("crawled only %d pages", crawled)
	}
	// The counts without names are where the crawl read them: a reader sees Tallinn counted.
	if status, body := get(t, outsiders["a reader"], a.URL+"/trainings/coverage"); status != http.StatusOK || !strings.Contains(body, "Tallinn") {
		t.Errorf("a reader's counts per role: %d", status)
	}
	// Tartu's editor reads Tartu's own.
	if status, body := get(t, outsiders["Tartu's editor"], a.URL+"/municipalities/0793/training"); status != http.StatusOK || !strings.Contains(body, trainingMarker("0793")) {
		t.Errorf("Tartu's own records: %d", status)
	}

	for _, path := range []string{"/notifications", "/municipalities/0784/training", "/municipalities/0784/training-gaps.csv", "/municipalities/0784/training-gaps.xlsx",
		"/api/v1/municipalities/0784/training-records", "/api/v1/municipalities/0784/training-gaps", "/desk", "/api/v1/desk"} {
		for who, c := range map[string]*http.Client{"Tallinn's editor": own, "a coordinator": coord} {
			if who == "a coordinator" && (strings.Contains(path, "desk") || path == "/notifications") {
				continue // a coordinator's desk and notifications list no municipality's staff
			}
			status, body := get(t, c, a.URL+path)
			if status != http.StatusOK || !strings.Contains(readable(t, body), marker) {
				t.Errorf("%s as %s: %d, no name of Tallinn's staff", path, who, status)
			}
		}
	}
	for _, path := range []string{"/trainings/gaps", "/trainings/gaps.xlsx"} {
		status, body := get(t, coord, a.URL+path)
		if status != http.StatusOK || !strings.Contains(readable(t, body), "Tallinn") {
			t.Errorf("%s as a coordinator: %d", path, status)
		}
	}
}

// TestTrainingJourney: a coordinator adds a training and requires it of security
// coordinators; Tallinn's editor records a completion with a bad date (refused, naming
// the field, nothing saved), then a good one; the gap closes, and the awareness share
// and the API follow.
func TestTrainingJourney(t *testing.T) {
	onEngines(t, testTrainingJourney)
}

func testTrainingJourney(t *testing.T, engine string) {
	a := startApp(t, engine)
	hygiene, isms := trainingFixture(t, a)
	coord := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
	own := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))

	if status, body := postForm(t, coord, a.URL+"/trainings", url.Values{"title": {""}, "kind": {"course"}, "valid_months": {"500"}}); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="e-valid_months"`) || !strings.Contains(body, `id="e-title"`) {
		t.Errorf("a bad training: %d", status)
	}
	if status, _ := postForm(t, coord, a.URL+"/trainings", url.Values{"title": {"Dokumendihalduse koolitus"}, "kind": {"event"}, "valid_months": {"0"}}); status != http.StatusSeeOther {
		t.Errorf("a training: %d", status)
	}
	if status, _ := postForm(t, coord, a.URL+"/training-requirements", url.Values{"role": {"security_coordinator"}, "training_id": {itoa(isms.ID)}}); status != http.StatusUnprocessableEntity {
		t.Errorf("a requirement twice: %d", status)
	}
	if status, body := get(t, own, a.URL+"/api/v1/municipalities/0784/training-gaps"); status != http.StatusOK || !strings.Contains(body, `"covered":1`) ||
		!strings.Contains(body, `"people":2`) || !strings.Contains(body, `"training_id":`+itoa(isms.ID)) {
		t.Errorf("gaps before: %d %s", status, body)
	}
	person := "Turbejuht " + trainingMarker("0784")
	status, body := postForm(t, own, a.URL+"/municipalities/0784/training", url.Values{"person": {person}, "role": {"security_coordinator"},
		"training_id": {itoa(isms.ID)}, "completed_on": {"2099-01-01"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-completed_on"`) {
		t.Errorf("a completion in the future: %d", status)
	}
	if rs, _ := a.store.TrainingRecords(context.Background(), "0784"); len(rs) != 2 {
		t.Errorf("a refused completion was saved: %d records", len(rs))
	}
	today := time.Now().Format(time.DateOnly)
	if status, _ := postForm(t, own, a.URL+"/municipalities/0784/training", url.Values{"person": {person}, "role": {"security_coordinator"},
		"training_id": {itoa(isms.ID)}, "completed_on": {today}}); status != http.StatusSeeOther {
		t.Errorf("a completion: %d", status)
	}
	if status, body := get(t, own, a.URL+"/api/v1/municipalities/0784/training-gaps"); status != http.StatusOK || !strings.Contains(body, `"covered":2`) || !strings.Contains(body, `"gaps":[]`) {
		t.Errorf("gaps after: %d %s", status, body)
	}
	// The API refuses a bad record naming the field and records a good one.
	js := "application/json"
	if status, body := send(t, own, "POST", a.URL+"/api/v1/municipalities/0784/training-records", js, `{"person":"","role":"boss","training_id":`+itoa(hygiene.ID)+`,"completed_on":"`+today+`"}`); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `"role"`) || !strings.Contains(body, `"person"`) {
		t.Errorf("a bad record: %d %s", status, body)
	}
	status, body = send(t, own, "POST", a.URL+"/api/v1/municipalities/0784/training-records", js, `{"person":"Uus Töötaja","role":"employee","training_id":`+itoa(hygiene.ID)+`,"completed_on":"`+today+`"}`)
	if status != http.StatusCreated || !strings.Contains(body, `"expires_on":"`+training.Expiry(today, 24)+`"`) {
		t.Errorf("a record: %d %s", status, body)
	}
	// Another municipality's editor cannot remove Tallinn's record, even by its id.
	rs, _ := a.store.TrainingRecords(context.Background(), "0784")
	tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
	if status, _ := send(t, tartu, "DELETE", a.URL+"/api/v1/municipalities/0793/training-records/"+itoa(rs[0].ID), js, ""); status != http.StatusNotFound {
		t.Errorf("Tartu removing Tallinn's record through its own: %d", status)
	}
	if status, _ := send(t, own, "DELETE", a.URL+"/api/v1/municipalities/0784/training-records/"+itoa(rs[0].ID), js, ""); status != http.StatusNoContent {
		t.Errorf("removing a record: %d", status)
	}
	// The desk shows the certificate that expires soon.
	if status, body := get(t, own, a.URL+"/api/v1/desk"); status != http.StatusOK || !strings.Contains(body, `"training_expiring"`) {
		t.Errorf("desk: %d %s", status, body)
	}
}

// TestTrainingExpiryNotice: the job tells each municipality's editors of their own
// expiring certificates, once; readers hear nothing.
func TestTrainingExpiryNotice(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		trainingFixture(t, a)
		tallinn := a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")
		tartu := a.user(t, "it@tartu.test", auth.RoleEditor, "0793")
		reader := a.user(t, "lugeja@ministeerium.test", auth.RoleReader, "")
		for range 2 {
			if err := jobs.EmitTrainingExpiry(context.Background(), a.store, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		notices := func(u auth.User) []notify.Notification {
			ns, _, _, err := a.store.Notifications(context.Background(), u.ID, 50, 0)
			if err != nil {
				t.Fatal(err)
			}
			var out []notify.Notification
			for _, n := range ns {
				if n.Kind == notify.TrainingExpiring {
					out = append(out, n)
				}
			}
			return out
		}
		own := notices(tallinn)
		if len(own) != 2 || !strings.Contains(own[0].Reason, trainingMarker("0784")) || own[0].Path() != "/municipalities/0784/training#expiring" {
			t.Errorf("Tallinn's notices: %+v", own)
		}
		for _, n := range notices(tartu) {
			if strings.Contains(n.Reason, trainingMarker("0784")) {
				t.Errorf("Tartu told of Tallinn's staff: %+v", n)
			}
		}
		if len(notices(tartu)) != 2 || len(notices(reader)) != 0 {
			t.Errorf("Tartu %d, reader %d notices", len(notices(tartu)), len(notices(reader)))
		}
	})
}

// TestTrainingAwarenessInAssessment: the self-assessment's awareness module (ORP.3) shows
// the municipality's training coverage on the round's deadline, computed from the
// records, with a link to them; other modules do not.
func TestTrainingAwarenessInAssessment(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		trainingFixture(t, a)
		rs := securityFixture(t, a)
		own := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
		base := "/security/rounds/" + itoa(rs.published.ID) + "/municipalities/0784/modules/"
		status, body := get(t, own, a.URL+base+"ORP.3")
		if status != http.StatusOK || !strings.Contains(body, `class="awareness"`) || !strings.Contains(body, "on 1 isikut 2-st") ||
			!strings.Contains(body, `href="/municipalities/0784/training"`) {
			t.Errorf("ORP.3: %d\n%s", status, readableText(body))
		}
		if _, body := get(t, own, a.URL+base+"ISMS.1"); strings.Contains(body, `class="awareness"`) {
			t.Error("ISMS.1 shows the training coverage")
		}
	})
}
