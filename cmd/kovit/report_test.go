package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/plan"
)

// Progress updates and periodic reports end to end on each engine: an activity's contact
// posts on its timeline and others may not; a coordinator opens a report, completes it,
// and the frozen report keeps its state while the plan moves on; two reports compare.

func TestReportJourney(t *testing.T) {
	onEngines(t, testReportJourney)
}

func testReportJourney(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	contactUser := a.user(t, "contact@kovit.test", auth.RoleReader, "")
	coord, contact := a.as(t, coordUser), a.as(t, contactUser)
	tallinn := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	public := a.client(t)
	ctx := auth.WithUser(context.Background(), &coordUser)

	st, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Aruandekava", StartYear: 2026, EndYear: 2030, Status: plan.Draft})
	if err != nil {
		t.Fatal(err)
	}
	goal, err := a.store.CreateNode(ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"})
	if err != nil {
		t.Fatal(err)
	}
	act, err := a.store.CreateNode(ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1.1",
		TitleEt: "Ühine hange", ContactIDs: []int64{contactUser.ID}, InternalNote: "Salajane märkus"})
	if err != nil {
		t.Fatal(err)
	}
	for _, ehak := range []string{"0793", "0784"} {
		if _, err := a.store.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: ehak}); err != nil {
			t.Fatal(err)
		}
	}
	actURL := a.URL + "/plan/activities/" + itoa(act.ID)
	updates := func() []plan.ProgressUpdate {
		t.Helper()
		list, err := a.store.ProgressUpdates(context.Background(), act.ID)
		if err != nil {
			t.Fatal(err)
		}
		return list
	}

	// The contact posts; an editor of a national plan's municipality may not; an empty
	// post is re-rendered with the problem and nothing is stored.
	if st, body := postForm(t, contact, actURL+"/updates", url.Values{"body": {""}, "date": {"2026-06-01"}}); st != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "error-summary") {
		t.Errorf("empty update: %d", st)
	}
	if st, _ := postForm(t, tallinn, actURL+"/updates", url.Values{"body": {"Võõras"}, "date": {"2026-06-01"}}); st != http.StatusForbidden {
		t.Errorf("an editor posts on a national activity: %d, want 403", st)
	}
	if len(updates()) != 0 {
		t.Fatal("a refused post was stored")
	}
	if st, body := postForm(t, contact, actURL+"/updates", url.Values{"body": {"Hange on välja kuulutatud."}, "date": {"2026-06-01"}}); st != http.StatusSeeOther {
		t.Fatalf("contact posts: %d %.300s", st, body)
	}
	up := updates()[0]
	if _, page := get(t, coord, actURL); !strings.Contains(page, "Hange on välja kuulutatud.") || !strings.Contains(page, `action="/plan/updates/`+itoa(up.ID)+`/edit"`) {
		t.Errorf("the activity page lacks the update or the coordinator's edit form:\n%s", page[strings.Index(page, "updates-h"):][:2500])
	}
	if _, page := get(t, tallinn, actURL); strings.Contains(page, `action="/plan/updates/`) || strings.Contains(page, `action="`+"/plan/activities/"+itoa(act.ID)+`/updates"`) {
		t.Error("the activity page offers an outsider the update forms")
	}
	editURL := a.URL + "/plan/updates/" + itoa(up.ID) + "/edit"
	if st, _ := postForm(t, tallinn, editURL, url.Values{"body": {"Rikutud"}, "date": {"2026-06-01"}, "version": {"1"}}); st != http.StatusForbidden {
		t.Errorf("an outsider edits the update: %d, want 403", st)
	}
	if st, _ := postForm(t, contact, editURL, url.Values{"body": {"Hange kuulutati välja 1. juunil."}, "date": {"2026-06-01"}, "version": {"1"}}); st != http.StatusSeeOther {
		t.Errorf("the author edits: %d", st)
	}
	if st, body := postForm(t, contact, editURL, url.Values{"body": {"Vana versioon"}, "date": {"2026-06-01"}, "version": {"1"}}); st != http.StatusConflict ||
		!strings.Contains(body, "Vana versioon") {
		t.Errorf("stale edit: %d, want 409 keeping the text", st)
	}
	if got := updates(); len(got) != 1 || got[0].Body != "Hange kuulutati välja 1. juunil." || got[0].Version != 2 {
		t.Errorf("after the edits: %+v", got)
	}

	// A coordinator opens a report: a bad period is shown on the form, a good one opens.
	reportsURL := a.URL + "/plan/strategies/" + itoa(st.ID) + "/reports"
	if st, body := postForm(t, coord, reportsURL, url.Values{"title_et": {"2026"}, "period_start": {"2026-12-31"}, "period_end": {"2026-01-01"}}); st != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "error-summary") {
		t.Errorf("backwards period: %d", st)
	}
	if st, _ := postForm(t, tallinn, reportsURL, url.Values{"title_et": {"2026"}, "period_start": {"2026-01-01"}, "period_end": {"2026-12-31"}}); st != http.StatusForbidden {
		t.Errorf("an editor opens a report: %d, want 403", st)
	}
	open := func(title string) (plan.Report, string) {
		t.Helper()
		res, err := coord.PostForm(reportsURL, url.Values{"title_et": {title}, "period_start": {"2026-01-01"}, "period_end": {"2026-12-31"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/plan/reports/") {
			t.Fatalf("open report: %d %s", res.StatusCode, loc)
		}
		list, _, err := a.store.ListReports(context.Background(), plan.ReportFilter{StrategyID: st.ID})
		if err != nil {
			t.Fatal(err)
		}
		return list[0], a.URL + loc
	}
	first, firstURL := open("2026. aasta aruanne")
	_, page := get(t, coord, firstURL)
	for _, want := range []string{"Elav seis", "Märgi lõpetatuks", `id="complete-report"`, "Ühine hange", "Salajane märkus"} {
		if !strings.Contains(page, want) {
			t.Errorf("open report page lacks %q", want)
		}
	}
	if st, _ := get(t, public, firstURL); st != http.StatusNotFound {
		t.Errorf("the public opens a draft's report: %d, want 404", st)
	}
	if st, _ := postForm(t, tallinn, firstURL+"/complete", url.Values{"version": {"1"}}); st != http.StatusForbidden {
		t.Errorf("an editor completes: %d, want 403", st)
	}
	if st, body := postForm(t, coord, firstURL+"/complete", url.Values{"version": {"1"}}); st != http.StatusSeeOther {
		t.Fatalf("complete: %d %.300s", st, body)
	}
	if st, _ := postForm(t, coord, firstURL+"/complete", url.Values{"version": {"2"}}); st != http.StatusConflict {
		t.Errorf("completing again: %d, want 409", st)
	}
	if st, _ := postForm(t, coord, firstURL+"/delete", url.Values{"version": {"2"}}); st != http.StatusConflict {
		t.Errorf("deleting a complete report: %d, want 409", st)
	}
	_, frozenPage := get(t, coord, firstURL)
	if !strings.Contains(frozenPage, "Külmutatud seis") || strings.Contains(frozenPage, `id="complete-report"`) {
		t.Error("the complete report is not labelled frozen, or still offers completion")
	}

	// The plan moves on: Tallinn finishes its part and the activity is renamed. The frozen
	// report does not change; a second, open report shows the change, and they compare.
	parts, _ := a.store.Participants(ctx, plan.ParticipantFilter{ActivityID: act.ID, MunicipalityEHAK: "0784"})
	part := parts[0]
	part.Status = plan.Done
	if _, err := a.store.UpdateParticipant(ctx, part); err != nil {
		t.Fatal(err)
	}
	node, _ := a.store.Node(ctx, act.ID)
	node.TitleEt = "Ühine hange (uus nimi)"
	if _, err := a.store.UpdateNode(ctx, node); err != nil {
		t.Fatal(err)
	}
	if _, again := get(t, coord, firstURL); strings.Contains(again, "uus nimi") || !strings.Contains(again, "Ühine hange") {
		t.Error("the frozen report shows the later change")
	}
	second, secondURL := open("Vahearuanne")
	if _, page := get(t, coord, secondURL); !strings.Contains(page, "uus nimi") || !strings.Contains(page, `id="compare-form"`) {
		t.Error("the open report does not show the live state or the compare form")
	}
	res, err := coord.Get(secondURL + "?compare_with=" + itoa(first.ID))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/plan/reports/"+itoa(second.ID)+"/compare/"+itoa(first.ID) {
		t.Fatalf("compare form: %d %s", res.StatusCode, loc)
	}
	_, cmpPage := get(t, coord, a.URL+"/plan/reports/"+itoa(second.ID)+"/compare/"+itoa(first.ID))
	for _, want := range []string{`id="participant-changes"`, "Tallinn", `id="progress-changes"`, "&#43;50 protsendipunkti"} {
		if !strings.Contains(cmpPage, want) {
			t.Errorf("comparison lacks %q:\n%s", want, cmpPage[strings.Index(cmpPage, "progress-h"):][:1500])
		}
	}

	// Adopted, the reports are public without the internal note, on the page and the API.
	s, _ := a.store.Strategy(ctx, st.ID)
	s.Status = plan.Adopted
	if _, err := a.store.UpdateStrategy(ctx, s); err != nil {
		t.Fatal(err)
	}
	if st, page := get(t, public, firstURL); st != http.StatusOK || strings.Contains(page, "Salajane märkus") || !strings.Contains(page, "Ühine hange") {
		t.Errorf("public report: %d, or the internal note shows", st)
	}
	st2, body := get(t, public, a.URL+"/api/v1/reports/"+itoa(first.ID))
	var d api.ReportDetail
	if err := json.Unmarshal([]byte(body), &d); err != nil || st2 != http.StatusOK || d.Live || len(d.State.Nodes) != 2 ||
		d.State.Nodes[1].InternalNote != "" || d.State.Nodes[1].TitleEt != "Ühine hange" {
		t.Errorf("API report: %d %v %.300s", st2, err, body)
	}
	st2, body = get(t, public, a.URL+"/api/v1/reports/"+itoa(first.ID)+"/compare/"+itoa(second.ID))
	var c api.ReportComparison
	if err := json.Unmarshal([]byte(body), &c); err != nil || st2 != http.StatusOK || c.From.ID != first.ID || len(c.Comparison.ParticipantChanges) != 1 {
		t.Errorf("API comparison: %d %v %.300s", st2, err, body)
	}
	if st, _ := postForm(t, coord, secondURL+"/delete", url.Values{"version": {"1"}}); st != http.StatusSeeOther {
		t.Errorf("deleting the open report: %d", st)
	}
}
