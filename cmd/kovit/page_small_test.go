package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// The activity page says how progress and completion differ, shows an unset period and the
// system's updates in the page's language, and a failed update keeps no made-up date.
func TestActivityPageWording(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
		coord := a.as(t, coordUser)
		ctx := auth.WithUser(context.Background(), &coordUser)
		st, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Kava", StartYear: 2026, EndYear: 2030, Status: plan.Draft})
		if err != nil {
			t.Fatal(err)
		}
		goal, err := a.store.CreateNode(ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"})
		if err != nil {
			t.Fatal(err)
		}
		act, err := a.store.CreateNode(ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Hange", Completion: 3})
		if err != nil {
			t.Fatal(err)
		}
		day := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		if _, err := a.store.PostProgressUpdate(context.Background(), plan.ProgressUpdate{ActivityID: act.ID, Body: "Automaatne", Date: day}); err != nil {
			t.Fatal(err)
		}
		actURL := a.URL + "/plan/activities/" + itoa(act.ID)
		_, page := get(t, coord, actURL)
		for _, want := range []string{"märgitud tegevuse enda kohta", "arvutatud: tegevuse valmidus", "3\u00a0%",
			"<dt>Periood</dt><dd>pole märgitud</dd>", "Postitas süsteem"} {
			if !strings.Contains(page, want) {
				t.Errorf("the activity page lacks %q", want)
			}
		}
		for _, bad := range []string{"…", "Postitas system"} {
			if strings.Contains(page, bad) {
				t.Errorf("the activity page shows %q", bad)
			}
		}
		status, page := postForm(t, coord, actURL+"/updates", url.Values{"body": {"Edenes"}, "date": {"31.02.2026"}, "version": {"0"}})
		if status != http.StatusUnprocessableEntity || strings.Contains(page, "0001-01-01") {
			t.Errorf("a bad date: %d, and the form shows 0001-01-01: %v", status, strings.Contains(page, "0001-01-01"))
		}
	})
}

// An indicator in per cent reads "5 %" with a no-break space, as every percentage does.
func TestIndicatorPercent(t *testing.T) {
	a := startApp(t, "sqlite")
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	st, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Kava", StartYear: 2026, EndYear: 2030, Status: plan.Draft})
	if err != nil {
		t.Fatal(err)
	}
	ind, err := a.store.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Osakaal", Unit: "%",
		Better: plan.HigherIsBetter, Baseline: &plan.Point{Value: 5, Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		Targets: []plan.Point{{Value: 20, Date: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}, {Value: 40, Date: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)}}})
	if err != nil {
		t.Fatal(err)
	}
	_, page := get(t, a.as(t, coordUser), a.URL+"/plan/indicators/"+itoa(ind.ID))
	if !strings.Contains(page, "5\u00a0% (01.01.2025)") || strings.Contains(page, "5 %") {
		t.Errorf("the indicator page does not show the baseline as 5\u00a0%%:\n%.3000s", page)
	}
	// Its chart names the targets once in the legend and shows the unit.
	if n := strings.Count(page, ">Siht<"); n != 1 || !strings.Contains(page, `<text x="2" y="12">%</text>`) {
		t.Errorf("the chart's legend names the target %d times, or the chart lacks its unit", n)
	}
}

// A round's deadline and a measure's application period read as Estonian dates.
func TestNeedDatesInEstonian(t *testing.T) {
	a := startApp(t, "sqlite")
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	r, err := a.store.CreateRound(ctx, need.Round{Title: "Voor", Deadline: "2026-12-31", Open: true})
	if err != nil {
		t.Fatal(err)
	}
	m, err := a.store.CreateMeasure(ctx, need.Measure{Name: "Meede", StartYear: 2027, EndYear: 2027, Budget: 100,
		OpensOn: "2027-01-15", ClosesOn: "2027-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	coord := a.as(t, coordUser)
	for _, c := range []struct{ path, want, iso string }{
		{"/rounds", "<td>31.12.2026</td>", ">2026-12-31"},
		{"/rounds/" + itoa(r.ID), "</strong> 31.12.2026 ·", "</strong> 2026-12-31"},
		{"/measures/" + itoa(m.ID), "<dd>15.01.2027 – 31.03.2027</dd>", "2027-01-15 –"},
		{"/measures/" + itoa(m.ID) + "/proposal", "<dd>15.01.2027 – 31.03.2027</dd>", "2027-01-15 –"},
	} {
		_, page := get(t, coord, a.URL+c.path)
		if !strings.Contains(page, c.want) || strings.Contains(page, c.iso) {
			t.Errorf("%s lacks %q or shows the ISO date", c.path, c.want)
		}
	}
}

// A municipality's own median over time is headed as its own, and one with nothing filled
// says so instead of showing a median of 0,0.
func TestMunicipalityMedianWording(t *testing.T) {
	a := startApp(t, "sqlite")
	fillCells(t, a)
	if err := a.store.TakeSnapshot(context.Background(), "2026-10"); err != nil {
		t.Fatal(err)
	}
	c := a.client(t)
	_, page := get(t, c, a.URL+"/municipalities/0793/eservices")
	history := page[strings.Index(page, `id="history-h"`):]
	if !strings.Contains(history, `<th scope="col" class="num">Mediaantase</th>`) || strings.Contains(history, "Rühma mediaan") {
		t.Errorf("the history table is not headed as the municipality's own median:\n%.1500s", history)
	}
	for _, path := range []string{"/municipalities/0303/eservices", "/municipalities/0303"} {
		_, page := get(t, c, a.URL+path)
		if !strings.Contains(page, "Mediaantase: andmeid veel pole") || strings.Contains(page, "0,0</strong> mediaantase") {
			t.Errorf("%s shows a median for a municipality with nothing filled", path)
		}
	}
}

// A cell page lists the criteria once: as checkboxes to an editor, read-only to others.
func TestCellCriteriaOnce(t *testing.T) {
	a := startApp(t, "sqlite")
	fillCells(t, a)
	editor := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
	for _, c := range []struct {
		name       string
		client     *http.Client
		list, form bool
	}{{"editor", editor, false, true}, {"public", a.client(t), true, false}} {
		_, page := get(t, c.client, a.URL+"/eservices/0793/SOC-001")
		if list, form := strings.Contains(page, `class="checklist"`), strings.Contains(page, `name="met"`); list != c.list || form != c.form {
			t.Errorf("%s: read-only list %v, checkboxes %v; want %v, %v", c.name, list, form, c.list, c.form)
		}
	}
}

// A mistyped address or a reloaded form address gets kovit's own page in the user's
// language, with the navigation; under /api/v1/ a problem document.
func TestUnknownAddressPages(t *testing.T) {
	a := startApp(t, "sqlite")
	c := a.client(t)
	english := a.client(t)
	u, _ := url.Parse(a.URL)
	english.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en"}})
	for _, tc := range []struct {
		client       *http.Client
		method, path string
		status       int
		allow, want  string
	}{
		{c, "GET", "/no-such-page", 404, "", "Sellel aadressil pole lehte."},
		{c, "GET", "/municipalities/", 404, "", "Sellel aadressil pole lehte."},
		{c, "GET", "/municipalities/0793/", 404, "", "Sellel aadressil pole lehte."},
		{c, "GET", "/metrics", 404, "", "Sellel aadressil pole lehte."}, // as if it were not there
		{english, "GET", "/no-such-page", 404, "", "There is no page at this address."},
		{c, "GET", "/plan/activities/16/updates", 405, "POST", "Seda aadressi ei saa otse avada"},
		{english, "GET", "/account/password", 405, "POST", "This address cannot be opened directly"},
		{c, "PUT", "/municipalities", 405, "GET, HEAD", "See aadress ei luba seda meetodit."},
	} {
		req, _ := http.NewRequest(tc.method, a.URL+tc.path, nil)
		res, err := tc.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b := new(strings.Builder)
		io.Copy(b, res.Body)
		res.Body.Close()
		page := b.String()
		lang := "et"
		if tc.client == english {
			lang = "en"
		}
		if res.StatusCode != tc.status || res.Header.Get("Allow") != tc.allow || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%s %s: %d, Allow %q, %s; want %d, Allow %q, HTML", tc.method, tc.path, res.StatusCode,
				res.Header.Get("Allow"), res.Header.Get("Content-Type"), tc.status, tc.allow)
		}
		for _, want := range []string{`<html lang="` + lang + `">`, "<title>", `<nav aria-label=`, `<main id="main"`, tc.want} {
			if !strings.Contains(page, want) {
				t.Errorf("%s %s lacks %q", tc.method, tc.path, want)
			}
		}
	}
	status, body := get(t, c, a.URL+"/api/v1/no-such-thing")
	if status != 404 || !strings.Contains(body, `"code":"not_found"`) {
		t.Errorf("an unknown API address: %d %s", status, body)
	}
}

// The real strategies' goals read in Estonian where the source has Estonian wording; a goal
// known only in English is marked lang="en", in the tree and in the choice lists alike.
func TestSeededGoalsLanguage(t *testing.T) {
	a := startApp(t, "sqlite")
	c := a.client(t)
	_, page := get(t, c, a.URL+"/plan/3") // the 2020–2023 plan: goal I in English only
	for _, want := range []string{
		`<span lang="en">E-services that municipalities provide to their residents (goal wording only partly known)</span>`,
		`lang="en">I E-services that municipalities provide to their residents (goal wording only partly known)</option>`,
		`>III Omavalitsuste IKT areng on koordineeritud</option>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the strategy page lacks %s", want)
		}
	}
	if strings.Contains(page, `>I <span lang="en">`) || strings.Contains(page, `Municipal ICT development is coordinated</`) {
		t.Error("the strategy page puts markup in an option or English where Estonian is known")
	}
}
