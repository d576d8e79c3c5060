package main

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/need"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The needs module's smaller journeys over HTTP, on both engines: a need returned for
// changes, edited and submitted again, with its history on the editor's page; dismissing
// a suggested duplicate over the API and on the page; and the pages with nothing to list.
func TestNeedJourneys(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			et, err := i18n.Load()
			if err != nil {
				t.Fatal(err)
			}
			l := et.Printer("et")
			// Before anything is stored, every list says it has nothing.
			t.Run("empty", func(t *testing.T) { testNeedEmptyStates(t, a, l) })
			coord := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
			t.Run("return", func(t *testing.T) { testNeedReturnLoop(t, a, coord, l) })
			t.Run("dismiss", func(t *testing.T) { testNeedDismiss(t, a, coord, l) })
		})
	}
}

func testNeedEmptyStates(t *testing.T, a *testApp, l *i18n.Printer) {
	coord := a.as(t, a.user(t, "tuhi@kovit.test", auth.RoleCoordinator, ""))
	empty := func(key string) string { return `<p class="empty">` + html.EscapeString(l.T(key)) + `</p>` }
	report := html.EscapeString(l.T("needui.export.report_note"))
	for _, c := range []struct {
		client *http.Client
		who    string
		path   string
		want   []string
	}{
		{coord, "coordinator", "/needs", []string{empty("needui.list.none"), html.EscapeString(l.T("needui.export.needs_note"))}},
		{coord, "coordinator", "/rounds", []string{empty("needui.rounds.none")}},
		{coord, "coordinator", "/consolidated", []string{empty("needui.consolidated.none"), empty("needui.consolidated.no_candidates"), report}},
		{coord, "coordinator", "/measures", []string{empty("needui.measures.none"), report}},
		{coord, "coordinator", "/priorities", []string{empty("needui.consolidated.none")}},
		{a.client(t), "the public", "/consolidated", []string{empty("needui.consolidated.none"), report}},
		{a.client(t), "the public", "/measures", []string{empty("needui.measures.none"), report}},
	} {
		status, body := get(t, c.client, a.URL+c.path)
		if status != http.StatusOK {
			t.Errorf("%s for %s: %d", c.path, c.who, status)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s for %s lacks %s", c.path, c.who, w)
			}
		}
		if strings.Contains(body, `<table class="data">`) {
			t.Errorf("%s for %s shows a table with nothing to list", c.path, c.who)
		}
	}
}

// testNeedReturnLoop: Tartu submits, the coordinator returns the need with a reason,
// Tartu's editor reads why on its page, edits the need and submits it again; the
// history names who made each move and why.
func testNeedReturnLoop(t *testing.T, a *testApp, coord *http.Client, l *i18n.Printer) {
	ctx := context.Background()
	mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
	editor := a.as(t, mari)
	status, loc := postTo(t, editor, a.URL+"/needs/new", url.Values{"title": {"Veebilehe uuendus"}, "category": {"eservice"}, "urgency": {"medium"}})
	if status != http.StatusSeeOther {
		t.Fatalf("new need: %d", status)
	}
	page := "/needs/" + itoa(idIn(t, loc))
	move := func(c *http.Client, to, reason string, version int) {
		t.Helper()
		if status, _ := postTo(t, c, a.URL+page+"/transitions", url.Values{"to": {to}, "reason": {reason}, "version": {fmt.Sprint(version)}}); status != http.StatusSeeOther {
			t.Fatalf("move to %s: %d", to, status)
		}
	}
	move(editor, "submitted", "", 1)
	// Submitted, it is no longer the editor's to change.
	if status, _ := postForm(t, editor, a.URL+page+"/edit", url.Values{"title": {"X"}, "category": {"eservice"}, "version": {"2"}}); status != http.StatusForbidden {
		t.Errorf("editing a submitted need: %d, want 403", status)
	}
	move(coord, "returned", "Lisage maksumus ja ajaraam", 2)
	_, body := get(t, editor, a.URL+page)
	if !strings.Contains(body, html.EscapeString(l.T("need.state.returned"))+"</span> — Lisage maksumus ja ajaraam") ||
		!strings.Contains(body, `action="`+page+`/edit"`) {
		t.Fatalf("the editor does not see why the need came back, or cannot edit it:\n%.4000s", body)
	}
	// The editor adds what was asked and submits again.
	if status, _ := postTo(t, editor, a.URL+page+"/edit", url.Values{"title": {"Veebilehe uuendus"}, "category": {"eservice"}, "urgency": {"medium"},
		"cost": {"15000"}, "timeframe": {"2027"}, "version": {"3"}}); status != http.StatusSeeOther {
		t.Fatalf("editing the returned need: %d", status)
	}
	move(editor, "submitted", "Maksumus lisatud", 4)
	n, err := a.store.Need(ctx, idIn(t, page))
	if err != nil || n.State != need.Submitted || n.Cost == nil || *n.Cost != 1500000 || n.Timeframe != "2027" || n.Version != 5 {
		t.Fatalf("resubmitted need %+v %v", n, err)
	}
	// The history on the editor's page: every move with who made it and why, in order.
	_, body = get(t, editor, a.URL+page)
	history := body[strings.Index(body, `id="history-h"`):]
	rows := strings.Split(history, "<tr>")[2:] // after the header row
	want := [][]string{
		{mari.Name, l.T("need.state.draft")},
		{mari.Name, l.T("need.state.draft") + " → " + l.T("need.state.submitted")},
		{"kati@kovit.test", l.T("need.state.submitted") + " → " + l.T("need.state.returned"), "Lisage maksumus ja ajaraam"},
		{mari.Name, l.T("need.state.returned") + " → " + l.T("need.state.submitted"), "Maksumus lisatud"},
	}
	if len(rows) != len(want) {
		t.Fatalf("history has %d moves, want %d:\n%s", len(rows), len(want), history)
	}
	for i, w := range want {
		for _, cell := range w {
			if !strings.Contains(rows[i], "<td>"+html.EscapeString(cell)+"</td>") {
				t.Errorf("history row %d lacks %q:\n%s", i+1, cell, rows[i])
			}
		}
	}
	// The audit trail has the edit between the moves: newest first, the resubmission,
	// the edit that added the cost, the return and the first submission.
	evs, _, err := a.store.ListEvents(ctx, audit.Filter{Entity: "need", EntityID: itoa(n.ID), Action: audit.Update})
	if err != nil || len(evs) != 4 {
		t.Fatalf("the need's audit: %d events, %v", len(evs), err)
	}
	edit := evs[1]
	if edit.ActorName != mari.Name || !strings.Contains(string(edit.Before), `"cost":null`) || !strings.Contains(string(edit.After), `"cost":15000`) ||
		evs[2].ActorName != "kati@kovit.test" {
		t.Errorf("the edit's audit: %s by %s: %s → %s", edit.Action, edit.ActorName, edit.Before, edit.After)
	}
}

// testNeedDismiss: three municipalities' similar needs; a dismissed pair is not
// suggested again either way, over the API and on the page.
func testNeedDismiss(t *testing.T, a *testApp, coord *http.Client, l *i18n.Printer) {
	ctx := context.Background()
	x := submittedNeed(t, a, "0171", "Kaugtöö turvalise ühenduse lahendus", need.CatSecurity, 10000)
	y := submittedNeed(t, a, "0899", "Kaugtöö turvaline ühendus", need.CatSecurity, 20000)
	z := submittedNeed(t, a, "0567", "Turvalise kaugtöö ühenduse lahendus", need.CatSecurity, 30000)
	similar := func(id int64) string {
		t.Helper()
		status, body := get(t, coord, a.URL+"/api/v1/needs/"+itoa(id)+"/similar")
		if status != http.StatusOK {
			t.Fatalf("similar: %d %s", status, body)
		}
		return body
	}
	named := func(body string, n need.Need) bool { return strings.Contains(body, `"id":`+itoa(n.ID)+`,`) }
	if body := similar(x.ID); !named(body, y) || !named(body, z) {
		t.Fatalf("x's suggestions lack y or z: %s", body)
	}
	decide := func(body string) (int, string) {
		return send(t, coord, "POST", a.URL+"/api/v1/needs/"+itoa(x.ID)+"/similar", "application/json", body)
	}
	if status, body := decide(`{"other_id":999999,"decision":"dismiss"}`); status != http.StatusUnprocessableEntity || !strings.Contains(body, `"other_id"`) {
		t.Errorf("dismissing an unknown need: %d %s", status, body)
	}
	if status, body := decide(`{"other_id":` + itoa(y.ID) + `,"decision":"dismiss"}`); status != http.StatusNoContent {
		t.Fatalf("dismiss over the API: %d %s", status, body)
	}
	if body := similar(x.ID); named(body, y) || !named(body, z) {
		t.Errorf("after dismissing y, x's suggestions: %s", body)
	}
	if body := similar(y.ID); named(body, x) {
		t.Errorf("the dismissed pair is suggested the other way: %s", body)
	}
	evs, _, err := a.store.ListEvents(ctx, audit.Filter{Entity: "need_suggestion"})
	if err != nil || len(evs) != 1 {
		t.Errorf("the dismissal's audit: %+v %v", evs, err)
	}
	// On the page: z is offered with a dismiss button; dismissing it leaves none.
	page := "/needs/" + itoa(x.ID)
	dismiss := page + "/suggestions/" + itoa(z.ID) + "/dismiss"
	if _, body := get(t, coord, a.URL+page); !strings.Contains(body, `action="`+dismiss+`"`) || strings.Contains(body, y.Title) {
		t.Fatalf("the page's suggestions:\n%.4000s", body)
	}
	if status, loc := postTo(t, coord, a.URL+dismiss, nil); status != http.StatusSeeOther || !strings.HasPrefix(loc, page) {
		t.Fatalf("dismiss on the page: %d %s", status, loc)
	}
	_, body := get(t, coord, a.URL+page)
	if strings.Contains(body, z.Title) || !strings.Contains(body, html.EscapeString(l.T("needui.similar.none"))) ||
		!strings.Contains(body, html.EscapeString(l.T("needui.flash.dismissed"))) {
		t.Errorf("after dismissing z on the page:\n%.4000s", body)
	}
	if body := similar(z.ID); named(body, x) || !named(body, y) {
		t.Errorf("z's suggestions after the page's dismissal: %s", body)
	}
}
