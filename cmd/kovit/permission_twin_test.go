package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// Every rule on both surfaces: a page and its API twin (the same list, record, export or
// change) must give each kind of user the same decision, allowed or refused, and a list
// the same records. The page matrices above say what each decision is; this one catches a
// surface that asks the policy differently from its twin.

// twinRequest is one surface's form of a request: a route as the route list names it and
// a concrete path ({draft}, {s}, … are fixture ids) with its body.
type twinRequest struct {
	route, path, ctype, body string
}

// twinPair is a page and its API twin. marks are fixture texts a read shows exactly when
// its twin shows them. filtered twins are a record's page and a list that leaves the
// record out where the page refuses it: they agree on what they show, not on the status.
type twinPair struct {
	page, api twinRequest
	marks     []string
	filtered  bool
}

func (p twinPair) name() string { return p.page.path + " ↔ " + p.api.path }

// twinReads pairs the GET routes. The plan's are given once per strategy ({s} a national
// draft, then Tallinn's own draft plan).
func twinReads() []twinPair {
	g := func(route, path string) twinRequest { return twinRequest{route: "GET " + route, path: path} }
	same := func(page, api string, marks ...string) twinPair {
		return twinPair{page: g(page, page), api: g("/api/v1"+api, "/api/v1"+api), marks: marks}
	}
	at := func(pageRoute, page, apiRoute, api string, marks ...string) twinPair {
		return twinPair{page: g(pageRoute, page), api: g(apiRoute, api), marks: marks}
	}
	filtered := func(p twinPair) twinPair { p.filtered = true; return p }
	cons := []string{publicCon, internalCon}
	measures := []string{publicMeasure, internalMeasure}
	pairs := []twinPair{
		same("/needs", "/needs", allNeedTitles...),
		same("/needs.csv", "/needs.csv", allNeeds...),
		same("/needs.xlsx", "/needs.xlsx", allNeeds...),
		at("/needs/{id}", "/needs/{draft}", "/api/v1/needs/{id}", "/api/v1/needs/{draft}", draftEmail),
		at("/needs/{id}", "/needs/{returned}", "/api/v1/needs/{id}", "/api/v1/needs/{returned}", returnedEmail),
		at("/needs/{id}", "/needs/{submitted}", "/api/v1/needs/{id}", "/api/v1/needs/{submitted}", submittedEmail),
		same("/rounds", "/rounds", "IKT vajadused 2027"),
		at("/rounds/{id}", "/rounds/{round}", "/api/v1/rounds/{id}", "/api/v1/rounds/{round}", "IKT vajadused 2027"),
		same("/consolidated", "/consolidated-needs", cons...),
		same("/consolidated.csv", "/consolidated-needs.csv", cons...),
		same("/consolidated.xlsx", "/consolidated-needs.xlsx", cons...),
		at("/consolidated/{id}", "/consolidated/{pub}", "/api/v1/consolidated-needs/{id}", "/api/v1/consolidated-needs/{pub}", publicCon),
		at("/consolidated/{id}", "/consolidated/{internal}", "/api/v1/consolidated-needs/{id}", "/api/v1/consolidated-needs/{internal}", internalCon),
		same("/priorities", "/priorities", cons...),
		same("/measures", "/measures", measures...),
		same("/measures.csv", "/measures.csv", measures...),
		same("/measures.xlsx", "/measures.xlsx", measures...),
		at("/measures/{id}", "/measures/{pubm}", "/api/v1/measures/{id}", "/api/v1/measures/{pubm}", publicMeasure),
		at("/measures/{id}", "/measures/{internalm}", "/api/v1/measures/{id}", "/api/v1/measures/{internalm}", internalMeasure),
		at("/measures/{id}/proposal", "/measures/{pubm}/proposal", "/api/v1/measures/{id}/proposal", "/api/v1/measures/{pubm}/proposal", publicMeasure, publicCon),
		at("/measures/{id}/proposal.xlsx", "/measures/{pubm}/proposal.xlsx", "/api/v1/measures/{id}/proposal.xlsx", "/api/v1/measures/{pubm}/proposal.xlsx", publicMeasure, publicCon),
		same("/municipalities", "/municipalities", "Tallinn"),
		at("/municipalities/{ehak}", "/municipalities/0784", "/api/v1/municipalities/{ehak}", "/api/v1/municipalities/0784", "Tallinn"),
		at("/eservices/{ehak}/{code}", "/eservices/0784/SOC-001", "/api/v1/matrix/{ehak}/{code}", "/api/v1/matrix/0784/SOC-001"),
		at("/eservices/services/{code}", "/eservices/services/SOC-001", "/api/v1/services/{code}", "/api/v1/services/SOC-001"),
		at("/admin/users", "/admin/users", "/api/v1/users", "/api/v1/users"),
		at("/admin/users/{id}", "/admin/users/{target}", "/api/v1/users/{id}", "/api/v1/users/{target}"),
		at("/admin/audit", "/admin/audit", "/api/v1/audit-events", "/api/v1/audit-events"),
		same("/counties", "/counties"),
		at("/counties/{ehak}", "/counties/0079", "/api/v1/counties/{ehak}", "/api/v1/counties/0079", "Tartu"),
		at("/municipalities/{ehak}/eservices", "/municipalities/0784/eservices", "/api/v1/municipalities/{ehak}/services", "/api/v1/municipalities/0784/services"),
		at("/eservices", "/eservices", "/api/v1/matrix", "/api/v1/matrix"),
		at("/eservices/scale", "/eservices/scale", "/api/v1/maturity-scale", "/api/v1/maturity-scale"),
		at("/eservices/services/{code}", "/eservices/services/SOC-001", "/api/v1/services/{code}/adoption", "/api/v1/services/SOC-001/adoption"),
		at("/eservices/services/{code}", "/eservices/services/SOC-001", "/api/v1/services/{code}/forecast", "/api/v1/services/SOC-001/forecast"),
		at("/account", "/account", "/api/v1/me", "/api/v1/me"),
		at("/needs/{id}", "/needs/{submitted}", "/api/v1/needs/{id}/similar", "/api/v1/needs/{submitted}/similar"),
		at("/needs/{id}", "/needs/{draft}", "/api/v1/needs/{id}/trace", "/api/v1/needs/{draft}/trace"),
		at("/needs/{id}", "/needs/{submitted}", "/api/v1/needs/{id}/trace", "/api/v1/needs/{submitted}/trace"),
		same("/plan/attention", "/attention", "{stems}"),
		at("/plan", "/plan", "/api/v1/strategies", "/api/v1/strategies", "{stems}"),
		same("/notifications", "/notifications"),
		at("/account/notifications", "/account/notifications", "/api/v1/account/notifications", "/api/v1/account/notifications"),
		// The desk (desk_test.go): the needs each user's desk lists.
		same("/desk", "/desk", allNeedTitles...),
		// What the user follows: listed on the notification settings page.
		at("/account/notifications", "/account/notifications", "/api/v1/follows", "/api/v1/follows"),
	}
	for _, s := range []string{"{s}", "{s2}"} {
		stem := "{stem}"
		if s == "{s2}" {
			stem = "{stem2}"
		}
		n := strings.NewReplacer("{s}", s, "{a}", strings.Replace(s, "s", "a", 1), "{i}", strings.Replace(s, "s", "i", 1),
			"{r}", strings.Replace(s, "s", "r", 1), "{q}", strings.Replace(s, "s", "q", 1))
		pairs = append(pairs,
			at("/plan/{id}", n.Replace("/plan/{s}"), "/api/v1/strategies/{id}", n.Replace("/api/v1/strategies/{s}"), stem),
			at("/plan/{id}", n.Replace("/plan/{s}"), "/api/v1/strategies/{id}/tree", n.Replace("/api/v1/strategies/{s}/tree"), stem),
			at("/plan/{id}", n.Replace("/plan/{s}"), "/api/v1/activities", n.Replace("/api/v1/activities?strategy={s}"), stem),
			at("/plan/{id}", n.Replace("/plan/{s}"), "/api/v1/indicators", n.Replace("/api/v1/indicators?strategy={s}")),
			at("/plan/activities/{id}", n.Replace("/plan/activities/{a}"), "/api/v1/activities/{id}/updates", n.Replace("/api/v1/activities/{a}/updates")),
			filtered(at("/plan/strategies/{id}/reports", n.Replace("/plan/strategies/{s}/reports"), "/api/v1/reports", n.Replace("/api/v1/reports?strategy={s}"), stem)),
			at("/plan/activities/{id}", n.Replace("/plan/activities/{a}"), "/api/v1/activities/{id}", n.Replace("/api/v1/activities/{a}"), stem),
			at("/plan/reports/{id}", n.Replace("/plan/reports/{r}"), "/api/v1/reports/{id}", n.Replace("/api/v1/reports/{r}"), stem),
			at("/plan/reports/{a}/compare/{b}", n.Replace("/plan/reports/{q}/compare/{r}"), "/api/v1/reports/{a}/compare/{b}", n.Replace("/api/v1/reports/{q}/compare/{r}"), stem),
			at("/plan/indicators/{id}", n.Replace("/plan/indicators/{i}"), "/api/v1/indicators/{id}", n.Replace("/api/v1/indicators/{i}"), stem),
		)
	}
	pairs = append(pairs, landscapeTwinReads()...)
	pairs = append(pairs, trainingTwinReads()...)
	pairs = append(pairs, trainingImportTwinReads()...)
	pairs = append(pairs, trainingCountedTwinReads()...)
	return append(pairs, adviceTwinReads()...)
}

// twinWrites pairs the state-changing routes. A change to an existing record carries a
// stale version (999), so whoever is let through gets a conflict and nothing changes;
// a new record is made by each actor let through, which no later decision depends on.
func twinWrites() []twinPair {
	form, js := "application/x-www-form-urlencoded", "application/json"
	p := func(route, path, body string) twinRequest {
		return twinRequest{route: route, path: path, ctype: form, body: body}
	}
	j := func(route, path, body string) twinRequest {
		return twinRequest{route: route, path: path, ctype: js, body: body}
	}
	multipart := "multipart/form-data; boundary=kovit"
	var pairs []twinPair
	add := func(page, api twinRequest) { pairs = append(pairs, twinPair{page: page, api: api}) }

	add(p("POST /municipalities/{ehak}/edit", "/municipalities/0784/edit", "version=999&contact_name=Mallory"),
		j("PATCH /api/v1/municipalities/{ehak}", "/api/v1/municipalities/0784", `{"contact":{"name":"Mallory"},"version":999}`))
	add(p("POST /eservices/{ehak}/{code}", "/eservices/0784/SOC-001", "offering=not_applicable&version=999"),
		j("PUT /api/v1/matrix/{ehak}/{code}", "/api/v1/matrix/0784/SOC-001", `{"offering":"not_applicable","version":999}`))
	add(p("POST /eservices/{ehak}/{code}/review", "/eservices/0784/SOC-001/review", "verification=verified&version=999"),
		j("POST /api/v1/matrix/{ehak}/{code}/review", "/api/v1/matrix/0784/SOC-001/review", `{"verification":"verified","version":999}`))
	add(p("POST /eservices/catalogue/new", "/eservices/catalogue/new", "code=GOV-901&name_et=Uus&area=Valitsemine"),
		j("POST /api/v1/services", "/api/v1/services", `{"code":"GOV-902","name_et":"Uus","area":"Valitsemine"}`))
	add(p("POST /eservices/catalogue/{code}", "/eservices/catalogue/SOC-001", "name_et=Uus&area=Muu&version=999"),
		j("PATCH /api/v1/services/{code}", "/api/v1/services/SOC-001", `{"name_et":"Uus","version":999}`))
	add(p("POST /admin/users", "/admin/users", "email=new1@kovit.test&name=New&role=reader"),
		j("POST /api/v1/users", "/api/v1/users", `{"email":"new2@kovit.test","name":"New","role":"reader"}`))
	add(p("POST /admin/users/{id}", "/admin/users/{target}", "name=Hacked&role=reader&active=on&version=999"),
		j("PATCH /api/v1/users/{id}", "/api/v1/users/{target}", `{"name":"Hacked","version":999}`))

	add(p("POST /plan", "/plan", "title_et=Uus&start_year=2026&end_year=2030&owner_id=0"),
		j("POST /api/v1/strategies", "/api/v1/strategies", `{"title_et":"Uus","start_year":2026,"end_year":2030,"status":"draft"}`))
	for _, s := range []string{"{s}", "{s2}"} {
		n := strings.NewReplacer("{s}", s, "{a}", strings.Replace(s, "s", "a", 1), "{i}", strings.Replace(s, "s", "i", 1),
			"{q}", strings.Replace(s, "s", "q", 1), "{t}", strings.Replace(s, "s", "t", 1))
		add(p("POST /plan/strategies/{id}/edit", n.Replace("/plan/strategies/{s}/edit"), "title_et=Uus&start_year=2026&end_year=2030&status=draft&stale_after_days=30&version=999"),
			j("PATCH /api/v1/strategies/{id}", n.Replace("/api/v1/strategies/{s}"), `{"title_et":"Muudetud","version":999}`))
		add(p("POST /plan/{id}/nodes", n.Replace("/plan/{s}/nodes"), "kind=goal&code=98&title_et=Uus"),
			j("POST /api/v1/strategies/{id}/nodes", n.Replace("/api/v1/strategies/{s}/nodes"), `{"kind":"goal","code":"99","title_et":"Uus"}`))
		add(p("POST /plan/nodes/{id}/edit", n.Replace("/plan/nodes/{a}/edit"), "code=9&title_et=Uus&weight=1&version=999"),
			j("PATCH /api/v1/nodes/{id}", n.Replace("/api/v1/nodes/{a}"), `{"title_et":"Muudetud","version":999}`))
		add(p("POST /plan/activities/{id}/participants/{ehak}", n.Replace("/plan/activities/{a}/participants/0784"), "status=done&version=999"),
			j("PUT /api/v1/activities/{id}/participants/{ehak}", n.Replace("/api/v1/activities/{a}/participants/0784"), `{"status":"done","version":999}`))
		add(p("POST /plan/activities/{id}/participants", n.Replace("/plan/activities/{a}/participants"), "county=9999"),
			j("POST /api/v1/activities/{id}/participants", n.Replace("/api/v1/activities/{a}/participants"), `{"county":"9999"}`))
		add(p("POST /plan/activities/{id}/tasks", n.Replace("/plan/activities/{a}/tasks"), "title_et=Uus"),
			j("POST /api/v1/activities/{id}/tasks", n.Replace("/api/v1/activities/{a}/tasks"), `{"title_et":"Uus"}`))
		add(p("POST /plan/tasks/{id}/edit", n.Replace("/plan/tasks/{t}/edit"), "title_et=Uus&state=done&version=999"),
			j("PATCH /api/v1/tasks/{id}", n.Replace("/api/v1/tasks/{t}"), `{"state":"done","version":999}`))
		add(p("POST /plan/activities/{id}/updates", n.Replace("/plan/activities/{a}/updates"), "body=Edenes&date=2026-06-01"),
			j("POST /api/v1/activities/{id}/updates", n.Replace("/api/v1/activities/{a}/updates"), `{"body":"Edenes","date":"2026-06-01T00:00:00Z"}`))
		add(p("POST /plan/strategies/{id}/reports", n.Replace("/plan/strategies/{s}/reports"), "title_et=Aruanne&period_start=2026-01-01&period_end=2026-12-31"),
			j("POST /api/v1/reports", "/api/v1/reports", n.Replace(`{"strategy_id":{s},"title_et":"Aruanne","period_start":"2026-01-01T00:00:00Z","period_end":"2026-12-31T00:00:00Z"}`)))
		add(p("POST /plan/reports/{id}/complete", n.Replace("/plan/reports/{q}/complete"), "version=999"),
			j("POST /api/v1/reports/{id}/complete", n.Replace("/api/v1/reports/{q}/complete"), `{"version":999}`))
		add(p("POST /plan/strategies/{id}/indicators", n.Replace("/plan/strategies/{s}/indicators"), "name_et=Uus&better=higher"),
			j("POST /api/v1/indicators", "/api/v1/indicators", n.Replace(`{"strategy_id":{s},"name_et":"Uus","direction":"higher"}`)))
		add(p("POST /plan/indicators/{id}/edit", n.Replace("/plan/indicators/{i}/edit"), "name_et=Uus&better=higher&version=999"),
			j("PATCH /api/v1/indicators/{id}", n.Replace("/api/v1/indicators/{i}"), `{"name_et":"Uus","version":999}`))
		add(p("POST /plan/indicators/{id}/values", n.Replace("/plan/indicators/{i}/values"), "value=1&date=2026-06-30"),
			j("POST /api/v1/indicators/{id}/values", n.Replace("/api/v1/indicators/{i}/values"), `{"value":1,"date":"2026-06-30T00:00:00Z"}`))
	}

	add(p("POST /needs/new", "/needs/new", "municipality_ehak=0784&title=Uus&category=records"),
		j("POST /api/v1/needs", "/api/v1/needs", `{"municipality_ehak":"0784","title":"Uus","category":"records"}`))
	add(twinRequest{route: "POST /needs/import", path: "/needs/import", ctype: form, body: needImportForm},
		twinRequest{route: "POST /api/v1/needs/import", path: "/api/v1/needs/import", ctype: multipart, body: needImportBody})
	for _, n := range []string{"{draft}", "{returned}", "{submitted}"} {
		add(p("POST /needs/{id}/edit", "/needs/"+n+"/edit", "title=Uus&category=records&version=999"),
			j("PATCH /api/v1/needs/{id}", "/api/v1/needs/"+n, `{"title":"Muudetud","version":999}`))
	}
	// The municipality's own move (submit) and a review move (return).
	add(p("POST /needs/{id}/transitions", "/needs/{draft}/transitions", "to=submitted&version=999"),
		j("POST /api/v1/needs/{id}/transitions", "/api/v1/needs/{draft}/transitions", `{"to":"submitted","version":999}`))
	add(p("POST /needs/{id}/transitions", "/needs/{submitted}/transitions", "to=returned&reason=Miks&version=999"),
		j("POST /api/v1/needs/{id}/transitions", "/api/v1/needs/{submitted}/transitions", `{"to":"returned","reason":"Miks","version":999}`))
	add(p("POST /needs/{id}/suggestions/{other}/{decision}", "/needs/{submitted}/suggestions/{returned}/dismiss", ""),
		j("POST /api/v1/needs/{id}/similar", "/api/v1/needs/{submitted}/similar", `{"other_id":{returned},"decision":"dismiss"}`))
	add(p("POST /rounds", "/rounds", "title=Voor&deadline=2030-01-01"),
		j("POST /api/v1/rounds", "/api/v1/rounds", `{"title":"Voor","deadline":"2030-01-01"}`))
	add(p("POST /rounds/{id}/edit", "/rounds/{round}/edit", "title=Voor&deadline=2030-01-01&version=999"),
		j("PATCH /api/v1/rounds/{id}", "/api/v1/rounds/{round}", `{"open":false,"version":999}`))
	add(p("POST /consolidated", "/consolidated", "title=Koond&category=records"),
		j("POST /api/v1/consolidated-needs", "/api/v1/consolidated-needs", `{"title":"Koond","category":"records"}`))
	add(p("POST /consolidated/{id}/edit", "/consolidated/{pub}/edit", "title=Koond&category=records&version=999"),
		j("PATCH /api/v1/consolidated-needs/{id}", "/api/v1/consolidated-needs/{pub}", `{"published":true,"version":999}`))
	add(p("POST /consolidated/{id}/endorse", "/consolidated/{pub}/endorse", "ehak=0784"),
		j("POST /api/v1/consolidated-needs/{id}/endorsements", "/api/v1/consolidated-needs/{pub}/endorsements", `{"municipality_ehak":"0784"}`))
	add(p("POST /consolidated/{id}/measure", "/consolidated/{internal}/measure", "measure_id={internalm}&version=999"),
		j("POST /api/v1/measures/{id}/mapping", "/api/v1/measures/{internalm}/mapping", `{"consolidated_need_id":{internal},"mapped":true,"version":999}`))
	add(p("POST /consolidated/{id}/projects", "/consolidated/{pub}/projects", "name=Projekt"),
		j("POST /api/v1/projects", "/api/v1/projects", `{"consolidated_id":{pub},"name":"Projekt"}`))
	add(p("POST /consolidated/{id}/projects/{project}", "/consolidated/{internal}/projects/{project}", "name=Projekt&status=done&version=999"),
		j("PATCH /api/v1/projects/{id}", "/api/v1/projects/{project}", `{"status":"done","version":999}`))
	add(p("POST /priorities/weights", "/priorities/weights", "municipalities=5&population=1&strategy_fit=1&urgency=1&cost_efficiency=1&version=999"),
		j("PUT /api/v1/priority-weights", "/api/v1/priority-weights", `{"municipalities":5,"population":1,"strategy_fit":1,"urgency":1,"cost_efficiency":1,"version":999}`))
	add(p("POST /measures", "/measures", "name=Meede&start_year=2026&end_year=2027&status=proposed"),
		j("POST /api/v1/measures", "/api/v1/measures", `{"name":"Uus","start_year":2021,"end_year":2027,"budget":1}`))
	add(p("POST /measures/{id}/edit", "/measures/{pubm}/edit", "name=Meede&start_year=2026&end_year=2027&status=proposed&version=999"),
		j("PATCH /api/v1/measures/{id}", "/api/v1/measures/{pubm}", `{"published":true,"version":999}`))
	add(p("POST /account/notifications", "/account/notifications", "lang=et"),
		j("PUT /api/v1/account/notifications", "/api/v1/account/notifications", `{"lang":"et"}`))
	// Following: each signed-in user's own, the public refused.
	add(p("POST /follows", "/follows", "kind=municipality&id=0784&back=/desk"),
		j("PUT /api/v1/follows/{kind}/{id}", "/api/v1/follows/municipality/0784", ""))
	add(p("POST /follows/delete", "/follows/delete", "kind=municipality&id=0784&back=/desk"),
		j("DELETE /api/v1/follows/{kind}/{id}", "/api/v1/follows/municipality/0784", ""))
	// Last, as it moves the submitted need into the unpublished consolidated need.
	add(p("POST /consolidated/{id}/needs", "/consolidated/{internal}/needs", "need_id={submitted}"),
		j("POST /api/v1/consolidated-needs/{id}/needs", "/api/v1/consolidated-needs/{internal}/needs", `{"need_ids":[{submitted}]}`))
	pairs = append(pairs, landscapeTwinWrites()...)
	pairs = append(pairs, trainingTwinWrites()...)
	pairs = append(pairs, trainingImportTwinWrites()...)
	pairs = append(pairs, trainingCountedTwinWrites()...)
	return append(append(pairs, adviceTwinWrites()...), positionPointTwinWrites()...)
}

// apiOnly are the API routes without a page twin, and why; every other API route must
// stand in a twin pair, so a new module's API comes with its pages' decisions checked.
var apiOnly = map[string]string{
	"GET /api/v1/services":             "the public list of services is the matrix's rows (GET /api/v1/matrix ↔ /eservices); /eservices/catalogue is the coordinators' editing list",
	"GET /api/v1/priority-weights":     "the page shows the weights only in the coordinators' form on /priorities, and to everyone each criterion's points in the ranking",
	"GET /api/v1/measures/{id}/budget": "a part of the measure's page for signed-in users, whose twin is GET /api/v1/measures/{id}",
	"GET /api/v1/measures/{id}/trace":  "a part of the measure's page, whose twin is GET /api/v1/measures/{id}",
	"GET /api/v1/cpsv-ap.jsonld":       "a machine-readable catalogue with no page",
	"GET /api/v1/cpsv-ap.ttl":          "a machine-readable catalogue with no page",
	"GET /api/v1/openapi.json":         "the API's own description",
	"POST /api/v1/notifications/read":  "the page marks the notifications it shows read when it is opened (GET /notifications)",
}

// decision is what a response says of the request's permission.
type decision string

const (
	allowed decision = "allowed"
	refused decision = "refused"
)

// decide reads a response: refused when it is 401, 403 or 404 (a record hidden from the
// user) or a page sending the user to sign in; allowed for every other answer short of
// a fault (a conflict or a bad field means the policy let the request through).
func decide(status int, location string) (decision, error) {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusNotFound:
		return refused, nil
	case status == http.StatusSeeOther && strings.HasPrefix(location, "/sign-in"):
		return refused, nil
	case status >= 500:
		return "", fmt.Errorf("status %d", status)
	}
	return allowed, nil
}

// twinDisagreements compares a page's and its twin's answers for one actor.
func twinDisagreements(p twinPair, pageDecision, apiDecision decision, pageBody, apiBody string) []string {
	if p.filtered {
		if pageDecision == refused {
			pageBody = ""
		}
		if apiDecision == refused {
			apiBody = ""
		}
		pageDecision, apiDecision = allowed, allowed
	}
	if pageDecision != apiDecision {
		return []string{fmt.Sprintf("the page is %s, the API %s", pageDecision, apiDecision)}
	}
	var out []string
	if pageDecision == allowed {
		for _, m := range p.marks {
			if a, b := strings.Contains(pageBody, m), strings.Contains(apiBody, m); a != b {
				out = append(out, fmt.Sprintf("%q shown on the page %v, by the API %v", m, a, b))
			}
		}
	}
	return out
}

// TestTwinDisagreementsFound keeps the comparison able to fail.
func TestTwinDisagreementsFound(t *testing.T) {
	p := twinPair{marks: []string{internalCon}}
	for _, c := range []struct {
		page, api         decision
		pageBody, apiBody string
		want              int
	}{
		{allowed, allowed, internalCon, internalCon, 0},
		{refused, refused, "", "", 0},
		{allowed, refused, "", "", 1},
		{refused, allowed, "", "", 1},
		{allowed, allowed, "", internalCon, 1},
	} {
		if got := twinDisagreements(p, c.page, c.api, c.pageBody, c.apiBody); len(got) != c.want {
			t.Errorf("%s/%s: %v, want %d disagreements", c.page, c.api, got, c.want)
		}
	}
	p.filtered = true
	if got := twinDisagreements(p, refused, allowed, "", "[]"); len(got) != 0 {
		t.Errorf("a refused page and a list without the record disagree: %v", got)
	}
	if got := twinDisagreements(p, refused, allowed, "", internalCon); len(got) != 1 {
		t.Errorf("a refused page and a list with the record agree: %v", got)
	}
	if d, _ := decide(http.StatusSeeOther, "/sign-in?next=%2Fneeds"); d != refused {
		t.Errorf("a page sending the user to sign in is %s", d)
	}
	if d, _ := decide(http.StatusSeeOther, "/needs/1"); d != allowed {
		t.Errorf("a page saved and sending the user on is %s", d)
	}
}

func TestPermissionTwins(t *testing.T) { onEngines(t, testPermissionTwins) }

func testPermissionTwins(t *testing.T, engine string) {
	a := startApp(t, engine)
	routes := map[string]bool{}
	for _, r := range a.routes {
		routes[r] = true
	}
	secReads, secWrites := securityTwins()
	edReads, edWrites := edemocracyTwins()
	reads := append(append(append(append(twinReads(), consultTwinReads()...), surveyTwinReads()...), edReads...), secReads...)
	writes := append(append(append(append(twinWrites(), consultTwinWrites()...), surveyTwinWrites()...), edWrites...), secWrites...)
	paired := map[string]bool{}
	for _, p := range append(append([]twinPair{}, reads...), writes...) {
		for _, r := range []string{p.page.route, p.api.route} {
			if !routes[r] {
				t.Errorf("twin %s: no route %q", p.name(), r)
			}
		}
		paired[p.api.route] = true
	}
	for _, r := range a.routes {
		_, only := apiOnly[r]
		if strings.Contains(r, " /api/v1/") && !paired[r] && !only {
			t.Errorf("API route %q has no page twin in twinReads or twinWrites, nor a reason in apiOnly", r)
		}
		if only && paired[r] {
			t.Errorf("API route %q is both paired and in apiOnly", r)
		}
	}

	consultIDs, _ := consultFixture(t, a)
	ids := replacers{needReadFixture(t, a), consultIDs, surveyFixture(t, a)}
	sec := securityFixture(t, a)
	adviceFixture(t, a)
	coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	national := newReadFixture(t, a, ctx, "Riigimustand", plan.Draft, "")
	tallinn := newReadFixture(t, a, ctx, "Tallinnamustand", plan.Draft, "0784")
	target := a.user(t, "target@kovit.test", auth.RoleReader, "")
	// A cell to review, so a review let through meets a stale version, not a missing cell.
	if _, err := a.store.SaveCell(ctx, "0784", "SOC-001", eservice.CellInput{Offering: eservice.Offered}); err != nil {
		t.Fatal(err)
	}
	var tasks [2]plan.Task
	for i, f := range []readFixture{national, tallinn} {
		var err error
		if tasks[i], err = a.store.CreateTask(ctx, plan.Task{ActivityID: f.a, TitleEt: f.stem + " teine ülesanne", State: plan.TaskInProgress}); err != nil {
			t.Fatal(err)
		}
	}
	// A project of the unpublished consolidated need, which holds no needs to move.
	cons, err := a.store.ListConsolidated(ctx, need.ConsolidatedFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var project need.Project
	for _, c := range cons {
		if c.Title == internalCon {
			if project, err = a.store.CreateProject(ctx, need.Project{ConsolidatedID: c.ID, Name: "Projekt"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	fill := strings.NewReplacer(
		"{s2}", itoa(tallinn.s), "{a2}", itoa(tallinn.a), "{i2}", itoa(tallinn.i), "{r2}", itoa(tallinn.r), "{q2}", itoa(tallinn.r2), "{t2}", itoa(tasks[1].ID),
		"{s}", itoa(national.s), "{a}", itoa(national.a), "{i}", itoa(national.i), "{r}", itoa(national.r), "{q}", itoa(national.r2), "{t}", itoa(tasks[0].ID),
		"{target}", itoa(target.ID), "{project}", itoa(project.ID), "{secpub}", itoa(sec.published.ID), "{sec}", itoa(sec.embargoed.ID))
	marks := strings.NewReplacer("{stem2}", tallinn.stem, "{stem}", national.stem)

	actors := []struct {
		name   string
		client *http.Client
	}{
		{"the public", a.client(t)},
		{"a reader", a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, ""))},
		{"another municipality's editor", a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))},
		{"the municipality's own editor", a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))},
		{"a coordinator", a.as(t, coordUser)},
		{"an admin", a.signedIn(t, "admin@kovit.test", "admin-parool-1")},
	}
	request := func(c *http.Client, r twinRequest) (decision, string) {
		t.Helper()
		path := ids.Replace(fill.Replace(r.path))
		req, err := http.NewRequest(strings.Fields(r.route)[0], a.URL+path, strings.NewReader(ids.Replace(fill.Replace(r.body))))
		if err != nil {
			t.Fatal(err)
		}
		if r.ctype != "" {
			req.Header.Set("Content-Type", r.ctype)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		d, err := decide(res.StatusCode, res.Header.Get("Location"))
		if err != nil {
			t.Errorf("%s %s: %v\n%.300s", r.route, path, err, b)
		}
		return d, readable(t, string(b))
	}
	// Reads first: the writes add records the lists would show.
	for _, p := range append(reads, writes...) {
		for i := range p.marks {
			p.marks[i] = marks.Replace(p.marks[i])
		}
		if p.marks != nil && len(p.marks) == 1 && p.marks[0] == "{stems}" {
			p.marks = []string{national.stem, tallinn.stem}
		}
		let := 0
		for _, actor := range actors {
			pd, pb := request(actor.client, p.page)
			ad, ab := request(actor.client, p.api)
			for _, d := range twinDisagreements(p, pd, ad, pb, ab) {
				t.Errorf("%s as %s: %s", p.name(), actor.name, d)
			}
			if pd == allowed {
				let++
			}
		}
		// A pair that refuses everyone, or a change that lets everyone through (say a bad
		// body answered before the policy is asked), compares nothing: its request is off.
		if let == 0 {
			t.Errorf("%s lets nobody through: fix its path or body", p.name())
		}
		if let == len(actors) && !strings.HasPrefix(p.page.route, "GET ") {
			t.Errorf("%s lets the public change data", p.name())
		}
	}
}
