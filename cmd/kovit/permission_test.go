package main

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/sqlstore/sqlstoretest"
)

// Who may change what, tested over HTTP for every state-changing route of the UI and the
// API. Later modules add their routes to permissionCases; the test fails for a
// state-changing route that has no case.

type scope int

const (
	scopePublic       scope = iota // anyone: sign-in, language choice
	scopeSelf                      // any signed-in user, on their own account
	scopeMunicipality              // admins, coordinators and the municipality's own editors
	scopeNational                  // admins and coordinators
	scopeAdmin                     // admins only
)

type permissionCase struct {
	scope  scope
	method string
	path   string // concrete path; {target} is the id of a user other than the actor
	ctype  string
	body   string // {org0784} is the id of Tallinn's organisation, in the path too
}

func permissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	js := "application/json"
	return map[string]permissionCase{
		"POST /lang":                            {scopePublic, "POST", "/lang", form, "lang=en"},
		"POST /sign-in":                         {scopePublic, "POST", "/sign-in", form, ""},
		"POST /sign-out":                        {scopePublic, "POST", "/sign-out", form, ""},
		"POST /account/password":                {scopeSelf, "POST", "/account/password", form, "current=x&new=uus-parool-123&again=uus-parool-123"},
		"POST /account/tokens":                  {scopeSelf, "POST", "/account/tokens", form, "name=skript"},
		"POST /account/tokens/{id}/revoke":      {scopeSelf, "POST", "/account/tokens/{token}/revoke", form, ""},
		"POST /municipalities/{ehak}/edit":      {scopeMunicipality, "POST", "/municipalities/0784/edit", form, "version=1&contact_name=Mallory"},
		"PATCH /api/v1/municipalities/{ehak}":   {scopeMunicipality, "PATCH", "/api/v1/municipalities/0784", js, `{"contact":{"name":"Mallory"},"version":1}`},
		"POST /admin/users":                     {scopeAdmin, "POST", "/admin/users", form, "email=new@kovit.test&name=New&role=admin"},
		"POST /admin/users/{id}":                {scopeAdmin, "POST", "/admin/users/{target}", form, "name=Hacked&role=admin&active=on&version=1"},
		"POST /admin/users/{id}/reset-password": {scopeAdmin, "POST", "/admin/users/{target}/reset-password", form, ""},
		"POST /api/v1/users":                    {scopeAdmin, "POST", "/api/v1/users", js, `{"email":"new@kovit.test","name":"New","role":"admin"}`},
		"PATCH /api/v1/users/{id}":              {scopeAdmin, "PATCH", "/api/v1/users/{target}", js, `{"name":"Hacked","role":"admin","active":true,"version":1}`},

		"PUT /api/v1/matrix/{ehak}/{code}":         {scopeMunicipality, "PUT", "/api/v1/matrix/0784/SOC-001", js, `{"offering":"not_applicable","version":0}`},
		"POST /api/v1/matrix/{ehak}/{code}/review": {scopeNational, "POST", "/api/v1/matrix/0784/SOC-001/review", js, `{"verification":"verified","version":1}`},
		"POST /api/v1/services":                    {scopeNational, "POST", "/api/v1/services", js, `{"code":"GOV-900","name_et":"Uus","area":"Valitsemine"}`},
		"PATCH /api/v1/services/{code}":            {scopeNational, "PATCH", "/api/v1/services/SOC-001", js, `{"retired":true,"version":1}`},
		// An editor may import, but only rows of their own municipality: this file's row is
		// of 0784, which the editor of another municipality is refused.
		"POST /eservices/import": {scopeMunicipality, "POST", "/eservices/import", "multipart/form-data; boundary=kovit", importBody},

		// The e-service pages: a cell of 0784 is its editors' to fill; review, catalogue,
		// criteria and snapshots are the coordinators'.
		"POST /eservices/{ehak}/{code}":        {scopeMunicipality, "POST", "/eservices/0784/SOC-001", form, "offering=not_applicable&version=0"},
		"POST /eservices/{ehak}/{code}/review": {scopeNational, "POST", "/eservices/0784/SOC-001/review", form, "verification=verified&version=1"},
		"POST /eservices/catalogue/new":        {scopeNational, "POST", "/eservices/catalogue/new", form, "code=GOV-901&name_et=Uus&area=Valitsemine"},
		"POST /eservices/catalogue/{code}":     {scopeNational, "POST", "/eservices/catalogue/SOC-001", form, "name_et=Uus&area=Muu&retired=on&version=1"},
		"POST /eservices/criteria/{id}":        {scopeNational, "POST", "/eservices/criteria/1", form, "text_et=Muudetud"},
		"POST /eservices/snapshots":            {scopeNational, "POST", "/eservices/snapshots", form, ""},

		// The action plan: strategy 1 is a seeded national one; an unknown activity is
		// refused as a national one would be, and a participant is its municipality's.
		// A new strategy is Tallinn's own plan, which Tartu's editor may not make, or a
		// national one, which no editor may.
		"POST /plan":                                     {scopeMunicipality, "POST", "/plan", form, "title_et=Uus&start_year=2026&end_year=2030&owner_id={org0784}"},
		"POST /plan, national":                           {scopeNational, "POST", "/plan", form, "title_et=Uus&start_year=2026&end_year=2030&owner_id=0"},
		"POST /plan/{id}/nodes":                          {scopeNational, "POST", "/plan/1/nodes", form, "kind=goal&code=9&title_et=Uus"},
		"POST /plan/strategies/{id}/edit":                {scopeNational, "POST", "/plan/strategies/1/edit", form, "title_et=Uus&start_year=2026&end_year=2030&status=draft&stale_after_days=30&version=1"},
		"POST /plan/activities/{id}/edit":                {scopeNational, "POST", "/plan/activities/999999/edit", form, "status=done&version=1"},
		"POST /plan/activities/{id}/participants":        {scopeNational, "POST", "/plan/activities/999999/participants", form, "ehak=0784"},
		"POST /plan/activities/{id}/participants/{ehak}": {scopeMunicipality, "POST", "/plan/activities/999999/participants/0784", form, "status=done&version=1"},

		// The needs pages: 999999 is no need, consolidated need, round or measure; a missing
		// one is refused as another municipality's or a national record would be.
		"POST /needs/new":                                 {scopeMunicipality, "POST", "/needs/new", form, "municipality_ehak=0784&title=Uus&category=records"},
		"POST /needs/import":                              {scopeMunicipality, "POST", "/needs/import", form, needImportForm},
		"POST /needs/{id}/edit":                           {scopeMunicipality, "POST", "/needs/999999/edit", form, "title=Uus&category=records&version=1"},
		"POST /needs/{id}/transitions":                    {scopeMunicipality, "POST", "/needs/999999/transitions", form, "to=submitted&version=1"},
		"POST /needs/{id}/suggestions/{other}/{decision}": {scopeNational, "POST", "/needs/999999/suggestions/999998/accept", form, ""},
		"POST /rounds":                                    {scopeNational, "POST", "/rounds", form, "title=Voor&deadline=2030-01-01"},
		"POST /rounds/{id}/remind":                        {scopeNational, "POST", "/rounds/999999/remind", form, ""},
		"POST /rounds/{id}/edit":                          {scopeNational, "POST", "/rounds/1/edit", form, "title=Voor&deadline=2030-01-01&version=1"},
		"POST /consolidated":                              {scopeNational, "POST", "/consolidated", form, "title=Koond&category=records"},
		"POST /consolidated/{id}/edit":                    {scopeNational, "POST", "/consolidated/999999/edit", form, "title=Koond&category=records&version=1"},
		"POST /consolidated/{id}/endorse":                 {scopeMunicipality, "POST", "/consolidated/999999/endorse", form, "ehak=0784"},
		"POST /consolidated/{id}/measure":                 {scopeNational, "POST", "/consolidated/999999/measure", form, "measure_id=1&version=1"},
		"POST /consolidated/{id}/needs":                   {scopeNational, "POST", "/consolidated/1/needs", form, "need_id=1"},
		"POST /consolidated/{id}/projects":                {scopeNational, "POST", "/consolidated/999999/projects", form, "name=Projekt"},
		"POST /consolidated/{id}/projects/{project}":      {scopeNational, "POST", "/consolidated/999999/projects/1", form, "name=Projekt&status=done&version=1"},
		"POST /priorities/weights":                        {scopeNational, "POST", "/priorities/weights", form, "municipalities=5&population=1&strategy_fit=1&urgency=1&cost_efficiency=1&version=1"},
		"POST /measures":                                  {scopeNational, "POST", "/measures", form, "name=Meede&start_year=2026&end_year=2027&status=proposed"},
		"POST /measures/{id}/edit":                        {scopeNational, "POST", "/measures/999999/edit", form, "name=Meede&start_year=2026&end_year=2027&status=proposed&version=1"},
		// Editing the tree, tasks and organisations: node 1 is in a national strategy, an
		// unknown task is refused as a national one would be, organisations are the coordinators'.
		"POST /plan/nodes/{id}/edit":         {scopeNational, "POST", "/plan/nodes/1/edit", form, "code=9&title_et=Uus&weight=1&version=1"},
		"POST /plan/nodes/{id}/move":         {scopeNational, "POST", "/plan/nodes/1/move", form, "direction=down&version=1"},
		"POST /plan/nodes/{id}/delete":       {scopeNational, "POST", "/plan/nodes/1/delete", form, "version=1"},
		"POST /plan/activities/{id}/tasks":   {scopeNational, "POST", "/plan/activities/999999/tasks", form, "title_et=Uus"},
		"POST /plan/tasks/{id}/edit":         {scopeNational, "POST", "/plan/tasks/999999/edit", form, "title_et=Uus&state=done&version=1"},
		"POST /plan/tasks/{id}/delete":       {scopeNational, "POST", "/plan/tasks/999999/delete", form, "version=1"},
		"POST /plan/organisations":           {scopeNational, "POST", "/plan/organisations", form, "kind=ministry&name_et=Uus"},
		"POST /plan/organisations/{id}/edit": {scopeNational, "POST", "/plan/organisations/1/edit", form, "kind=ministry&name_et=Uus&version=1"},

		"POST /api/v1/strategies":                         {scopeNational, "POST", "/api/v1/strategies", js, `{"title_et":"Uus","start_year":2026,"end_year":2030,"status":"draft"}`},
		"PATCH /api/v1/strategies/{id}":                   {scopeNational, "PATCH", "/api/v1/strategies/1", js, `{"title_et":"Muudetud","version":1}`},
		"POST /api/v1/strategies/{id}/nodes":              {scopeNational, "POST", "/api/v1/strategies/1/nodes", js, `{"kind":"goal","code":"9","title_et":"Uus"}`},
		"PATCH /api/v1/nodes/{id}":                        {scopeNational, "PATCH", "/api/v1/nodes/1", js, `{"title_et":"Muudetud","version":1}`},
		"PUT /api/v1/activities/{id}/participants/{ehak}": {scopeMunicipality, "PUT", "/api/v1/activities/999999/participants/0784", js, `{"status":"done","version":1}`},
		"POST /api/v1/activities/{id}/tasks":              {scopeNational, "POST", "/api/v1/activities/999999/tasks", js, `{"title_et":"Uus"}`},
		"PATCH /api/v1/tasks/{id}":                        {scopeNational, "PATCH", "/api/v1/tasks/999999", js, `{"state":"done","version":1}`},
		// A plan import changes a strategy's tree: strategy 1 is national, the coordinators'.
		"POST /plan/strategies/{id}/import": {scopeNational, "POST", "/plan/strategies/1/import", "multipart/form-data; boundary=kovit", planImportBody},
		// Progress updates and reports: an unknown activity or update is refused as a
		// national one would be; reports are the coordinators'.
		"POST /plan/activities/{id}/updates":   {scopeNational, "POST", "/plan/activities/999999/updates", form, "body=Edenes&date=2026-06-01"},
		"POST /plan/updates/{id}/edit":         {scopeNational, "POST", "/plan/updates/999999/edit", form, "body=Muudetud&date=2026-06-01&version=1"},
		"POST /plan/updates/{id}/delete":       {scopeNational, "POST", "/plan/updates/999999/delete", form, "version=1"},
		"POST /plan/strategies/{id}/reports":   {scopeNational, "POST", "/plan/strategies/1/reports", form, "title_et=Aruanne&period_start=2026-01-01&period_end=2026-12-31"},
		"POST /plan/reports/{id}/complete":     {scopeNational, "POST", "/plan/reports/999999/complete", form, "version=1"},
		"POST /plan/reports/{id}/delete":       {scopeNational, "POST", "/plan/reports/999999/delete", form, "version=1"},
		"POST /api/v1/activities/{id}/updates": {scopeNational, "POST", "/api/v1/activities/999999/updates", js, `{"body":"Edenes","date":"2026-06-01T00:00:00Z"}`},
		"POST /api/v1/reports":                 {scopeNational, "POST", "/api/v1/reports", js, `{"strategy_id":1,"title_et":"Aruanne","period_start":"2026-01-01T00:00:00Z","period_end":"2026-12-31T00:00:00Z"}`},
		"POST /api/v1/reports/{id}/complete":   {scopeNational, "POST", "/api/v1/reports/999999/complete", js, `{"version":1}`},
		// Indicators are their strategy's: an unknown indicator or value is refused as a
		// national strategy's would be.
		"POST /plan/strategies/{id}/indicators": {scopeNational, "POST", "/plan/strategies/1/indicators", form, "name_et=Uus&better=higher"},
		"POST /plan/indicators/{id}/edit":       {scopeNational, "POST", "/plan/indicators/999999/edit", form, "name_et=Uus&better=higher&version=1"},
		"POST /plan/indicators/{id}/delete":     {scopeNational, "POST", "/plan/indicators/999999/delete", form, "version=1"},
		"POST /plan/indicators/{id}/values":     {scopeNational, "POST", "/plan/indicators/999999/values", form, "value=1&date=2026-06-30"},
		"POST /plan/values/{id}/delete":         {scopeNational, "POST", "/plan/values/999999/delete", form, "version=1"},
		"POST /api/v1/indicators":               {scopeNational, "POST", "/api/v1/indicators", js, `{"strategy_id":1,"name_et":"Uus","direction":"higher"}`},
		"PATCH /api/v1/indicators/{id}":         {scopeNational, "PATCH", "/api/v1/indicators/999999", js, `{"name_et":"Uus","version":1}`},
		"POST /api/v1/indicators/{id}/values":   {scopeNational, "POST", "/api/v1/indicators/999999/values", js, `{"value":1,"date":"2026-06-30T00:00:00Z"}`},
		// Needs (issue 6): need 1 is a draft of 0784 (needFixture); the rest is the
		// coordinators', refused before the record is looked up.
		"POST /api/v1/needs":                                {scopeMunicipality, "POST", "/api/v1/needs", js, `{"municipality_ehak":"0784","title":"Uus","category":"other"}`},
		"PATCH /api/v1/needs/{id}":                          {scopeMunicipality, "PATCH", "/api/v1/needs/1", js, `{"title":"Muudetud","version":1}`},
		"POST /api/v1/needs/{id}/transitions":               {scopeMunicipality, "POST", "/api/v1/needs/1/transitions", js, `{"to":"submitted","version":1}`},
		"POST /api/v1/needs/{id}/similar":                   {scopeNational, "POST", "/api/v1/needs/1/similar", js, `{"other_id":2,"decision":"dismiss"}`},
		"POST /api/v1/consolidated-needs":                   {scopeNational, "POST", "/api/v1/consolidated-needs", js, `{"title":"Uus","category":"other"}`},
		"PATCH /api/v1/consolidated-needs/{id}":             {scopeNational, "PATCH", "/api/v1/consolidated-needs/1", js, `{"published":true,"version":1}`},
		"POST /api/v1/consolidated-needs/{id}/needs":        {scopeNational, "POST", "/api/v1/consolidated-needs/1/needs", js, `{"need_ids":[1]}`},
		"POST /api/v1/consolidated-needs/{id}/endorsements": {scopeMunicipality, "POST", "/api/v1/consolidated-needs/1/endorsements", js, `{"municipality_ehak":"0784"}`},
		"PUT /api/v1/priority-weights":                      {scopeNational, "PUT", "/api/v1/priority-weights", js, `{"municipalities":5,"population":1,"strategy_fit":1,"urgency":1,"cost_efficiency":1,"version":1}`},
		"POST /api/v1/measures":                             {scopeNational, "POST", "/api/v1/measures", js, `{"name":"Uus","start_year":2021,"end_year":2027,"budget":1}`},
		"PATCH /api/v1/measures/{id}":                       {scopeNational, "PATCH", "/api/v1/measures/1", js, `{"published":true,"version":1}`},
		"POST /api/v1/measures/{id}/mapping":                {scopeNational, "POST", "/api/v1/measures/1/mapping", js, `{"consolidated_need_id":1,"mapped":true,"version":1}`},
		"POST /api/v1/rounds":                               {scopeNational, "POST", "/api/v1/rounds", js, `{"title":"IKT 2027","deadline":"2026-12-31"}`},
		"PATCH /api/v1/rounds/{id}":                         {scopeNational, "PATCH", "/api/v1/rounds/1", js, `{"open":false,"version":1}`},
		"POST /api/v1/projects":                             {scopeNational, "POST", "/api/v1/projects", js, `{"consolidated_id":1,"name":"Uus"}`},
		"PATCH /api/v1/projects/{id}":                       {scopeNational, "PATCH", "/api/v1/projects/1", js, `{"status":"done","version":1}`},
		"POST /api/v1/needs/import":                         {scopeMunicipality, "POST", "/api/v1/needs/import", "multipart/form-data; boundary=kovit", needImportBody},
		// Notifications (issue 12): each user's own; a mail's settings link is its own
		// permission (notify_test.go tries a changed one).
		"POST /account/notifications":          {scopeSelf, "POST", "/account/notifications", form, "lang=en&deliveries.cell_returned=never"},
		"POST /notifications/settings/{token}": {scopePublic, "POST", "/notifications/settings/1.forged", form, "lang=en"},
		"POST /api/v1/notifications/read":      {scopeSelf, "POST", "/api/v1/notifications/read", js, `{"ids":[]}`},
		"PUT /api/v1/account/notifications":    {scopeSelf, "PUT", "/api/v1/account/notifications", js, `{"lang":"en"}`},
		// Fast entry (issue 12): 0784's one-page form and its confirmations are its editors'.
		"POST /municipalities/{ehak}/eservices/edit":    {scopeMunicipality, "POST", "/municipalities/0784/eservices/edit", form, "offering.SOC-001=not_applicable&version.SOC-001=0"},
		"POST /municipalities/{ehak}/eservices/confirm": {scopeMunicipality, "POST", "/municipalities/0784/eservices/confirm", form, "area=Sotsiaalhoolekanne"},
		// An unknown activity is refused as a national one would be.
		"POST /api/v1/activities/{id}/participants": {scopeNational, "POST", "/api/v1/activities/999999/participants", js, `{"all":true}`},
	}
}

// importBody is a one-row matrix file as a browser uploads it.
const importBody = "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
	"ehak;service_code;offering;criteria_met;url;system;evidence_url;evidence_checked_on\r\n0784;SOC-001;not_applicable;;;;;\r\n--kovit--\r\n"

// planImportBody is a one-row action plan file that would add a goal.
const planImportBody = "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
	"kood;tase;pealkiri;pealkiri inglise keeles;juht;partnerid;algus;lõpp;staatus;valmidus %\r\n99;goal;Uus;;;;;;;\r\n--kovit--\r\n"

// needImportForm is the apply step of a survey import with one row of 0784.
const needImportForm = `table=%7B%22header%22%3A%5B%22KOV%22%2C%22Pealkiri%22%2C%22Kategooria%22%5D%2C%22rows%22%3A%5B%5B%220784%22%2C%22X%22%2C%22records%22%5D%5D%7D` +
	"&map_0=municipality_ehak&map_1=title&map_2=category&step=apply"

func TestPermissionMatrix(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { testPermissionMatrix(t, engine) })
	}
}

func testPermissionMatrix(t *testing.T, engine string) {
	a := startApp(t, engine)
	ctx := context.Background()
	cases := permissionCases()
	maps.Copy(cases, onboardPermissionCases())
	maps.Copy(cases, memberPermissionCases())
	maps.Copy(cases, securityPermissionCases())
	maps.Copy(cases, advicePermissionCases())
	maps.Copy(cases, consultPermissionCases())
	maps.Copy(cases, surveyPermissionCases())
	maps.Copy(cases, edemocracyPermissionCases())
	maps.Copy(cases, landscapePermissionCases())
	maps.Copy(cases, recordsScalePermissionCases())
	maps.Copy(cases, solutionGridPermissionCases())
	maps.Copy(cases, practiceEditPermissionCases())
	maps.Copy(cases, positionPointPermissionCases())
	maps.Copy(cases, trainingPermissionCases())
	maps.Copy(cases, commenterPermissionCases())
	maps.Copy(cases, trainingImportPermissionCases())
	maps.Copy(cases, surveyIndicatorPermissionCases())
	maps.Copy(cases, trainingCountedPermissionCases())
	for _, r := range a.routes {
		method := strings.Fields(r)[0]
		if method != "GET" && method != "HEAD" {
			if _, ok := cases[r]; !ok {
				t.Errorf("state-changing route %q has no permission case", r)
			}
		}
	}

	editor := a.user(t, "editor@tartu.test", auth.RoleEditor, "0793")
	reader := a.user(t, "reader@ministry.test", auth.RoleReader, "")
	coordinator := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	needFixture(t, a)
	target := a.user(t, "target@kovit.test", auth.RoleReader, "")
	org0784 := municipalityOrg(t, a, "0784")
	// A token owned by the target, which nobody else may revoke.
	_, prefix, hash := auth.GenerateToken()
	tok, err := a.store.CreateToken(ctx, target.ID, "target's", prefix, hash)
	if err != nil {
		t.Fatal(err)
	}

	actors := []struct {
		name   string
		client *http.Client
		// denied says whether this actor must be refused for a scope, and with which status.
		denied func(scope) int
	}{
		{"anonymous", a.client(t), func(s scope) int {
			if s == scopePublic {
				return 0
			}
			return http.StatusUnauthorized
		}},
		{"editor of another municipality", a.as(t, editor), func(s scope) int {
			if s == scopeMunicipality || s == scopeNational || s == scopeAdmin {
				return http.StatusForbidden
			}
			return 0
		}},
		{"reader", a.as(t, reader), func(s scope) int {
			if s == scopeMunicipality || s == scopeNational || s == scopeAdmin {
				return http.StatusForbidden
			}
			return 0
		}},
		{"coordinator", a.as(t, coordinator), func(s scope) int {
			if s == scopeAdmin {
				return http.StatusForbidden
			}
			return 0
		}},
	}
	for pattern, c := range cases {
		for _, actor := range actors {
			want := actor.denied(c.scope)
			if want == 0 {
				continue
			}
			before := snapshot(t, a)
			ids := strings.NewReplacer("{target}", strconv.FormatInt(target.ID, 10), "{token}", strconv.FormatInt(tok.ID, 10), "{org0784}", itoa(org0784))
			got, body := send(t, actor.client, c.method, a.URL+ids.Replace(c.path), c.ctype, ids.Replace(c.body))
			if got != want {
				t.Errorf("%s as %s: status %d, want %d\n%.300s", pattern, actor.name, got, want, body)
			}
			if after := snapshot(t, a); after != before {
				t.Errorf("%s as %s changed data:\nbefore %s\nafter  %s", pattern, actor.name, before, after)
			}
		}
	}

	// Revoking someone else's token is not found for everyone but its owner.
	before := snapshot(t, a)
	if got, _ := send(t, actors[3].client, "POST", a.URL+"/account/tokens/"+strconv.FormatInt(tok.ID, 10)+"/revoke", "application/x-www-form-urlencoded", ""); got != http.StatusNotFound {
		t.Errorf("revoking another's token: %d, want 404", got)
	}
	if snapshot(t, a) != before {
		t.Error("revoking another's token changed data")
	}

	// A personal API token may not make another token, change the password or revoke a
	// token, even its owner's: revoking a leaked token must end its holder's access.
	bearer, prefix, hash := auth.GenerateToken()
	if _, err := a.store.CreateToken(ctx, target.ID, "bearer", prefix, hash); err != nil {
		t.Fatal(err)
	}
	pw := "current=parool-target@kovit.test&new=uus-parool-123&again=uus-parool-123"
	for _, c := range []struct{ path, body string }{
		{"/account/tokens", "name=skript"},
		{"/account/password", pw},
		{"/account/tokens/" + strconv.FormatInt(tok.ID, 10) + "/revoke", ""},
	} {
		before := snapshot(t, a)
		got, body := send(t, a.client(t), "POST", a.URL+c.path, "application/x-www-form-urlencoded", c.body, "Authorization", "Bearer "+bearer)
		if got != http.StatusForbidden {
			t.Errorf("POST %s with a Bearer token: %d, want 403\n%.300s", c.path, got, body)
		}
		if snapshot(t, a) != before {
			t.Errorf("POST %s with a Bearer token changed data", c.path)
		}
	}
}

// snapshot sums up what a refused request must not change: the records a case targets
// and the size of the audit trail, which every change to any record grows.
func snapshot(t *testing.T, a *testApp) string {
	t.Helper()
	ctx := context.Background()
	m, err := a.store.Municipality(ctx, "0784")
	if err != nil {
		t.Fatal(err)
	}
	users, _, err := a.store.ListUsers(ctx, auth.UserFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for i := range users {
		users[i].LastSignInAt = nil // signing in is not a change to guard against
	}
	_, events, err := a.store.ListEvents(ctx, audit.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal([]any{m, users, events})
	return string(b)
}
