package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// Writing does not get round reading: a change under an activity of a plan the actor may
// not read (Tartu's draft, in which Tallinn takes part and Tallinn's editor is a contact)
// is answered as a change under an unknown activity, and changes nothing; and linking to
// such an activity is refused as linking to an unknown one, so no answer tells which ids
// exist. An activity contributes only to a national one.
func TestPlanWritesNeedRead(t *testing.T) {
	onEngines(t, testPlanWritesNeedRead)
}

func testPlanWritesNeedRead(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	tallinnUser := a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")
	national := newReadFixture(t, a, ctx, "Riigikava", plan.Adopted, "")
	tartuDraft := newReadFixture(t, a, ctx, "Tartumustand", plan.Draft, "0793")
	tartuAdopted := newReadFixture(t, a, ctx, "Tartukava", plan.Adopted, "0793")
	own := newReadFixture(t, a, ctx, "Tallinnakava", plan.Draft, "0784")
	secret, err := a.store.Node(ctx, tartuDraft.a)
	if err != nil {
		t.Fatal(err)
	}
	secret.ContactIDs = []int64{tallinnUser.ID}
	if _, err := a.store.UpdateNode(ctx, secret); err != nil {
		t.Fatal(err)
	}
	form, js := "application/x-www-form-urlencoded", "application/json"
	tallinn := a.as(t, tallinnUser)
	actors := map[string]*http.Client{"anonymous": a.client(t), "a reader": a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, "")),
		"Tallinn's editor": tallinn}
	state := func() string {
		tree, err := a.store.StrategyTree(ctx, tartuDraft.s)
		if err != nil {
			t.Fatal(err)
		}
		ups, err := a.store.ProgressUpdates(ctx, tartuDraft.a)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal([]any{tree.Participants, ups})
		return string(b)
	}
	for _, c := range []struct{ method, path, ctype, body string }{
		{"PUT", "/api/v1/activities/{a}/participants/0784", js, `{"status":"done","completion":100,"version":1}`},
		{"POST", "/plan/activities/{a}/participants/0784", form, "status=done&completion=100&version=1"},
		{"POST", "/api/v1/activities/{a}/updates", js, `{"body":"Edenes","date":"2026-06-01T00:00:00Z"}`},
		{"POST", "/plan/activities/{a}/updates", form, "body=Edenes&date=2026-06-01"},
	} {
		for name, client := range actors {
			before := state()
			unknown, _ := send(t, client, c.method, a.URL+strings.ReplaceAll(c.path, "{a}", "999999"), c.ctype, c.body)
			got, body := send(t, client, c.method, a.URL+tartuDraft.path(c.path), c.ctype, c.body)
			if got != unknown || got < 400 {
				t.Errorf("%s %s as %s: %d, want %d as for an unknown activity\n%.300s", c.method, c.path, name, got, unknown, body)
			}
			if after := state(); after != before {
				t.Errorf("%s %s as %s changed Tartu's draft:\n%s\n%s", c.method, c.path, name, before, after)
			}
		}
	}

	// Links from Tallinn's own plan, by its editor: to Tartu's draft as to no activity.
	answer := func(method, path, body string) (int, string) {
		st, b := send(t, tallinn, method, a.URL+path, js, body)
		var p struct{ Errors []struct{ Field, Key string } }
		json.Unmarshal([]byte(b), &p)
		return st, fmt.Sprint(p.Errors)
	}
	ownNode := func() plan.Node {
		n, err := a.store.Node(ctx, own.a)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, link := range []string{`{"related_ids":[%s],"version":%d}`, `{"contributes_to":%s,"version":%d}`} {
		v := ownNode().Version
		path := "/api/v1/nodes/" + itoa(own.a)
		st, problems := answer("PATCH", path, fmt.Sprintf(link, itoa(tartuDraft.a), v))
		wantSt, wantProblems := answer("PATCH", path, fmt.Sprintf(link, "999999", v))
		if st != wantSt || problems != wantProblems || st != http.StatusUnprocessableEntity {
			t.Errorf("PATCH %s: %d %s to Tartu's draft; %d %s to no activity", link, st, problems, wantSt, wantProblems)
		}
	}
	newNode := func(related string) string {
		return `{"kind":"goal","code":"L` + related + `","title_et":"Uus","related_ids":[` + related + `]}`
	}
	path := "/api/v1/strategies/" + itoa(own.s) + "/nodes"
	if st, p := answer("POST", path, newNode(itoa(tartuDraft.a))); st != http.StatusUnprocessableEntity {
		t.Errorf("POST a node related to Tartu's draft: %d %s", st, p)
	} else if wantSt, wantP := answer("POST", path, newNode("999999")); wantSt != st || wantP != p {
		t.Errorf("POST a node related to Tartu's draft: %d %s; to no activity %d %s", st, p, wantSt, wantP)
	}
	webEdit := func(field, id string) int {
		st, _ := postForm(t, tallinn, a.URL+"/plan/activities/"+itoa(own.a)+"/edit", url.Values{
			"version": {itoa(int64(ownNode().Version))}, "status": {"not_started"}, "completion": {"0"}, "weight": {"1"}, field: {id}})
		return st
	}
	for _, field := range []string{"related_ids", "contributes_to"} {
		if st, unknown := webEdit(field, itoa(tartuDraft.a)), webEdit(field, "999999"); st != unknown || st != http.StatusUnprocessableEntity {
			t.Errorf("the activity form's %s to Tartu's draft: %d; to no activity %d", field, st, unknown)
		}
	}
	if n := ownNode(); len(n.RelatedIDs) != 0 || n.ContributesTo != nil {
		t.Errorf("a refused link was saved: %+v", n)
	}

	// Only a national activity takes contributions; a readable municipal one is refused.
	v := ownNode().Version
	if st, p := answer("PATCH", "/api/v1/nodes/"+itoa(own.a), fmt.Sprintf(`{"contributes_to":%d,"version":%d}`, tartuAdopted.a, v)); st != http.StatusUnprocessableEntity ||
		!strings.Contains(p, "contributes_national") {
		t.Errorf("contributing to Tartu's adopted plan: %d %s", st, p)
	}
	if st, p := answer("PATCH", "/api/v1/nodes/"+itoa(own.a), fmt.Sprintf(`{"contributes_to":%d,"related_ids":[%d],"version":%d}`, national.a, tartuAdopted.a, v)); st != http.StatusOK {
		t.Errorf("contributing to a national activity, related to a readable one: %d %s", st, p)
	}
}

// A municipality's change log names its staff and keeps their earlier contact details:
// it is for coordinators and the municipality's own editors, not for the public, readers
// or other municipalities' editors. Past 50 entries it pages like any list.
func TestMunicipalityHistoryReaders(t *testing.T) {
	onEngines(t, testMunicipalityHistoryReaders)
}

func testMunicipalityHistoryReaders(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	for i := range 55 {
		m, err := a.store.Municipality(ctx, "0784")
		if err != nil {
			t.Fatal(err)
		}
		d := municipality.Details{Contact: municipality.Contact{Name: fmt.Sprintf("Endine Töötaja %d", i), Email: "endine@tallinn.test"}, Version: m.Version}
		if _, err := a.store.UpdateDetails(ctx, "0784", d); err != nil {
			t.Fatal(err)
		}
	}
	path := a.URL + "/municipalities/0784/history"
	for name, c := range map[string]struct {
		client *http.Client
		status int
	}{
		"anonymous":        {a.client(t), http.StatusSeeOther},
		"a reader":         {a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, "")), http.StatusForbidden},
		"Tartu's editor":   {a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793")), http.StatusForbidden},
		"Tallinn's editor": {a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")), http.StatusOK},
		"a coordinator":    {a.as(t, coordUser), http.StatusOK},
	} {
		st, body := get(t, c.client, path)
		if st != c.status || strings.Contains(body, "Endine Töötaja") != (c.status == http.StatusOK) {
			t.Errorf("history as %s: %d, shows the staff %v; want %d", name, st, strings.Contains(body, "Endine Töötaja"), c.status)
		}
		if _, page := get(t, c.client, a.URL+"/municipalities/0784"); strings.Contains(page, "/municipalities/0784/history") != (c.status == http.StatusOK) {
			t.Errorf("the municipality page as %s links the history: %v", name, strings.Contains(page, "/municipalities/0784/history"))
		}
		if c.status != http.StatusOK {
			continue
		}
		// 55 changes and the load: the first page shows 50 and links the next.
		if !strings.Contains(body, "Kuvatakse 1–50, kokku 56") || !strings.Contains(body, "offset=50") {
			t.Errorf("history as %s: the first page does not page:\n%.3000s", name, body[max(0, strings.Index(body, "pager")-200):])
		}
		if _, next := get(t, c.client, path+"?offset=50"); !strings.Contains(next, "Kuvatakse 51–56, kokku 56") {
			t.Errorf("history as %s: the second page:\n%.2000s", name, next)
		}
	}
}

// The contact picker of a municipality's own plan offers only who may be its contacts, its
// editors and the coordinators, by name: an editor does not harvest every account's name
// and e-mail address. Naming another account by id is refused as an unknown one is.
func TestContactPickerOffersContactsOnly(t *testing.T) {
	onEngines(t, testContactPicker)
}

func testContactPicker(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "koordinaator@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	own := newReadFixture(t, a, ctx, "Tallinnakava", plan.Draft, "0784")
	tallinn := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	colleague := a.user(t, "kolleeg@tallinn.test", auth.RoleEditor, "0784")
	stranger := a.user(t, "it@tartu.test", auth.RoleEditor, "0793")
	ministry := a.user(t, "lugeja@ministeerium.test", auth.RoleReader, "")

	_, page := get(t, tallinn, a.URL+"/plan/activities/"+itoa(own.a))
	picker := page[max(0, strings.Index(page, `name="contact_ids"`)):]
	for _, u := range []auth.User{colleague, coordUser} {
		if !strings.Contains(picker, `value="`+itoa(u.ID)+`"`) || !strings.Contains(picker, u.Name) {
			t.Errorf("the picker does not offer %s", u.Email)
		}
	}
	for _, u := range []auth.User{stranger, ministry} {
		if strings.Contains(picker, `value="`+itoa(u.ID)+`"`) || strings.Contains(picker, u.Name) {
			t.Errorf("the picker offers %s, who may not be a contact of Tallinn's plan", u.Email)
		}
	}
	if strings.Contains(picker, "&lt;kolleeg@tallinn.test&gt;") || strings.Contains(picker, "&lt;koordinaator@kovit.test&gt;") {
		t.Error("the picker shows an editor the accounts' e-mail addresses")
	}

	n, err := a.store.Node(ctx, own.a)
	if err != nil {
		t.Fatal(err)
	}
	answer := func(id int64) (int, string) {
		st, body := send(t, tallinn, "PATCH", a.URL+"/api/v1/nodes/"+itoa(own.a), "application/json",
			fmt.Sprintf(`{"contact_ids":[%d],"version":%d}`, id, n.Version))
		var p struct{ Errors []struct{ Field, Key string } }
		json.Unmarshal([]byte(body), &p)
		return st, fmt.Sprint(p.Errors)
	}
	unknownSt, unknown := answer(999999)
	for _, u := range []auth.User{stranger, ministry} {
		if st, p := answer(u.ID); st != unknownSt || p != unknown || st != http.StatusUnprocessableEntity {
			t.Errorf("%s as a contact: %d %s; an unknown account %d %s", u.Email, st, p, unknownSt, unknown)
		}
	}
	webSt, _ := postForm(t, tallinn, a.URL+"/plan/activities/"+itoa(own.a)+"/edit", url.Values{"version": {itoa(int64(n.Version))},
		"status": {"not_started"}, "completion": {"0"}, "weight": {"1"}, "contact_ids": {itoa(stranger.ID)}})
	if webSt != http.StatusUnprocessableEntity {
		t.Errorf("the form naming Tartu's editor as a contact: %d, want 422", webSt)
	}
	if st, p := answer(colleague.ID); st != http.StatusOK {
		t.Errorf("a colleague as a contact: %d %s", st, p)
	}
}
