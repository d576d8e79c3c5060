package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/landscape"
	"kovit/internal/security"
	"kovit/internal/training"
)

// openTallinnRound opens a round of the 2023 catalogue (no measures imported: answers at
// module level) and starts Tallinn's assessment; it returns the assessment's page address.
func openTallinnRound(t *testing.T, a *testApp) (security.Round, string) {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	now := time.Now()
	rd, err := a.store.CreateSecurityRound(ctx, security.Round{Title: "E-ITS 2026", Year: 2023, Deadline: security.Day(now.AddDate(0, 0, 7)),
		CorrectionUntil: security.Day(now.AddDate(0, 0, 14)), PublishOn: security.Day(now.AddDate(0, 0, 30))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.StartSecurityAssessment(ctx, rd.ID, "0784"); err != nil {
		t.Fatal(err)
	}
	return rd, "/security/rounds/" + itoa(rd.ID) + "/municipalities/0784"
}

// TestAwarenessStatusComputed: the awareness module's (ORP.3) status is set from the
// training records, not typed. Tallinn's records cover one of two people, so a typed
// "implemented" is saved as "partly" with the figures as evidence, on the page and the
// API; the page's button sets it at once; each save is in the audit trail.
func TestAwarenessStatusComputed(t *testing.T) {
	onEngines(t, testAwarenessStatusComputed)
}

func testAwarenessStatusComputed(t *testing.T, engine string) {
	a := startApp(t, engine)
	trainingFixture(t, a)
	rd, base := openTallinnRound(t, a)
	own := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	ctx := context.Background()
	page := base + "/modules/" + training.AwarenessModule
	if st, body := get(t, own, a.URL+page); st != http.StatusOK || !strings.Contains(body, "arvutatud koolituste registrist") {
		t.Fatalf("the awareness page: %d %.2000s", st, readable(t, body))
	}
	stored := func() security.Answer {
		_, answers, err := a.store.SecurityAssessment(ctx, rd.ID, "0784")
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range answers {
			if x.ModuleCode == training.AwarenessModule && x.MeasureCode == "" {
				return x
			}
		}
		return security.Answer{}
	}
	due := security.Day(time.Now().AddDate(0, 2, 0))
	st, body := postForm(t, own, a.URL+page, url.Values{"applies": {"yes"}, "status": {"implemented"}, "evidence": {"kinnitan"}, "version": {"0"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "f-"+training.AwarenessModule+"-owner") {
		t.Errorf("a typed 'implemented' without an owner: %d (the computed 'partly' needs one)", st)
	}
	if got := stored(); got.Status != "" {
		t.Fatalf("a refused save stored %+v", got)
	}
	st, _ = postForm(t, own, a.URL+page, url.Values{"applies": {"yes"}, "status": {"implemented"}, "owner": {"Mari"}, "due": {due}, "version": {"0"}})
	got := stored()
	if st != http.StatusSeeOther || got.Status != security.Partly || !strings.Contains(got.Justification, "1 isikut 2-st") ||
		!strings.HasSuffix(got.Evidence, "/municipalities/0784/training") {
		t.Errorf("the page's save: %d %+v", st, got)
	}
	var saved security.Answer
	st, body = send(t, own, "PUT", a.URL+"/api/v1/assessments/"+itoa(rd.ID)+"/0784/answers", "application/json",
		`{"module_code":"ORP.3","applies":true,"status":"implemented","evidence":"x","owner":"Mari","due":"`+due+`","version":`+itoa(int64(got.Version))+`}`)
	if st != http.StatusOK || !strings.Contains(body, `"status":"partly"`) {
		t.Errorf("the API's save: %d %s %+v", st, body, saved)
	}
	// The button sets it from the records once more.
	got = stored()
	if st, body := postForm(t, own, a.URL+page+"/awareness", url.Values{"owner": {"Mari"}, "due": {due}}); st != http.StatusSeeOther {
		t.Errorf("the computed status's button: %d %.2000s", st, readable(t, body))
	}
	if after := stored(); after.Status != security.Partly || after.Version != got.Version+1 {
		t.Errorf("after the button: %+v", after)
	}
	events, n, err := a.store.ListEvents(ctx, audit.Filter{Entity: audit.KindSecurityAnswer, EntityID: itoa(got.ID)})
	if err != nil || n != 3 || !strings.Contains(string(events[0].After), `"partly"`) {
		t.Errorf("the audit trail: %d events %v", n, err)
	}
	tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
	if st, _ := postForm(t, tartu, a.URL+page+"/awareness", url.Values{"owner": {"Mallory"}, "due": {due}}); st < 400 {
		t.Errorf("Tartu's editor set Tallinn's status: %d", st)
	}
}

// TestAssessmentHistoryShown: the changes of Tallinn's answers are on its module page and
// its assessment's history page (and the API's), for its editor and the coordinators;
// Tartu's editor and a reader get neither.
func TestAssessmentHistoryShown(t *testing.T) {
	onEngines(t, testAssessmentHistoryShown)
}

func testAssessmentHistoryShown(t *testing.T, engine string) {
	a := startApp(t, engine)
	rd, base := openTallinnRound(t, a)
	own := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	due := security.Day(time.Now().AddDate(0, 2, 0))
	if st, _ := postForm(t, own, a.URL+base+"/modules/ISMS.1", url.Values{"applies": {"yes"}, "status": {"not_implemented"},
		"justification": {"HISTORY-MARK eelarve puudub"}, "owner": {"Mari"}, "due": {due}, "version": {"0"}}); st != http.StatusSeeOther {
		t.Fatalf("answer: %d", st)
	}
	if st, _ := postForm(t, own, a.URL+base+"/modules/ISMS.1", url.Values{"applies": {"yes"}, "status": {"implemented"},
		"evidence": {"https://tallinn.ee/isms"}, "version": {"1"}}); st != http.StatusSeeOther {
		t.Fatalf("second answer: %d", st)
	}
	coord := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
	api := "/api/v1/assessments/" + itoa(rd.ID) + "/0784/history"
	for who, c := range map[string]*http.Client{"Tallinn's editor": own, "a coordinator": coord} {
		for _, path := range []string{base + "/modules/ISMS.1", base + "/history", api, api + "?module=ISMS.1"} {
			st, body := get(t, c, a.URL+path)
			if st != http.StatusOK || !strings.Contains(body, "HISTORY-MARK") {
				t.Errorf("%s as %s: %d, no change shown", path, who, st)
			}
		}
	}
	if _, body := get(t, own, a.URL+api+"?module=CON.3"); !strings.Contains(body, `"total":0`) {
		t.Errorf("another module's history: %s", body)
	}
	if _, body := get(t, own, a.URL+base+"/history"); !strings.Contains(body, "Rakendamata") || !strings.Contains(body, "https://tallinn.ee/isms") {
		t.Errorf("the history does not read as the form: %.3000s", readable(t, body))
	}
	for who, c := range map[string]*http.Client{"Tartu's editor": a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793")),
		"a reader": a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, "")), "the public": a.client(t)} {
		for _, path := range []string{base + "/history", api} {
			if st, body := get(t, c, a.URL+path); st == http.StatusOK || strings.Contains(body, "HISTORY-MARK") {
				t.Errorf("%s as %s: %d", path, who, st)
			}
		}
	}
}

// TestModuleSystems: Tallinn's editor names two systems of Tallinn's landscape for a
// module, on the page and the API; a system of Tartu's landscape is refused naming the
// field, changing nothing; the landscape row's page lists the module to Tallinn's editor
// but not to a reader; the change is in the assessment's history.
func TestModuleSystems(t *testing.T) {
	onEngines(t, testModuleSystems)
}

func testModuleSystems(t *testing.T, engine string) {
	a := startApp(t, engine)
	rd, base := openTallinnRound(t, a)
	ctx := context.Background()
	sols, _, err := a.store.ListSolutions(ctx, landscape.SolutionFilter{Limit: 3})
	if err != nil || len(sols) < 2 {
		t.Fatal(sols, err)
	}
	var tallinn []landscape.Row
	for _, s := range sols[:2] {
		r, err := a.store.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0784", SolutionID: s.ID})
		if err != nil {
			t.Fatal(err)
		}
		tallinn = append(tallinn, r)
	}
	tartu, err := a.store.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0793", SolutionID: sols[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	own := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	page := a.URL + base + "/modules/ISMS.1"
	if st, body := get(t, own, page); st != http.StatusOK || !strings.Contains(body, `id="f-system-`+itoa(tallinn[1].ID)+`"`) || strings.Contains(body, `id="f-system-`+itoa(tartu.ID)+`"`) {
		t.Fatalf("the module page's systems: %d %.800s", st, body[strings.Index(body, "<main"):])
	}
	if st, _ := postForm(t, own, page+"/systems", url.Values{"system": {itoa(tallinn[0].ID), itoa(tartu.ID)}}); st != http.StatusUnprocessableEntity {
		t.Errorf("Tartu's system for Tallinn's module: %d", st)
	}
	if got, _ := a.store.ModuleSystems(ctx, rd.ID, "0784", "ISMS.1"); len(got) != 0 {
		t.Errorf("a refused choice saved %v", got)
	}
	if st, _ := postForm(t, own, page+"/systems", url.Values{"system": {itoa(tallinn[0].ID), itoa(tallinn[1].ID)}}); st != http.StatusSeeOther {
		t.Errorf("Tallinn's systems: %d", st)
	}
	if got, _ := a.store.ModuleSystems(ctx, rd.ID, "0784", "ISMS.1"); len(got) != 2 {
		t.Errorf("saved %v", got)
	}
	st, body := send(t, own, "PUT", a.URL+"/api/v1/assessments/"+itoa(rd.ID)+"/0784/modules/ISMS.1/systems", "application/json", `{"systems":[`+itoa(tallinn[1].ID)+`]}`)
	if st != http.StatusOK || body != `{"systems":[`+itoa(tallinn[1].ID)+`]}`+"\n" {
		t.Errorf("the API: %d %s", st, body)
	}
	row := a.URL + "/landscape/rows/" + itoa(tallinn[1].ID)
	if st, body := get(t, own, row); st != http.StatusOK || !strings.Contains(body, base+"/modules/ISMS.1") {
		t.Errorf("the row's page as Tallinn's editor: %d", st)
	}
	reader := a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, ""))
	if _, body := get(t, reader, row); strings.Contains(body, "/modules/ISMS.1") {
		t.Error("a reader sees which modules name Tallinn's system")
	}
	if _, body := get(t, own, a.URL+base+"/history"); !strings.Contains(body, "Moodulit puudutavad süsteemid") {
		t.Error("the systems' change is not in the history")
	}
}
