package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

// The action plan's export and import, the needs-attention pages and the municipality
// page's joint activities, over HTTP on every engine.

// planUpload posts a file to a strategy's import form.
func planUpload(t *testing.T, c *http.Client, a *testApp, id int64, filename string, data []byte) (int, string) {
	t.Helper()
	ct, body := uploadForm(t, filename, data, nil)
	return send(t, c, "POST", a.URL+"/plan/strategies/"+itoa(id)+"/import", ct, body)
}

// jointPlan makes an adopted national strategy with a goal, a direction and a joint
// activity of Tartu (overdue since 2020) and Tallinn, and a draft with an activity of Tartu.
func jointPlan(t *testing.T, a *testApp) (adopted, draft plan.Strategy) {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	var err error
	if adopted, err = a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Ühine kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}); err != nil {
		t.Fatal(err)
	}
	if draft, err = a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Salajane kava", StartYear: 2026, EndYear: 2030, Status: plan.Draft}); err != nil {
		t.Fatal(err)
	}
	lead, err := a.store.CreateOrganisation(ctx, plan.Organisation{Kind: plan.Association, NameEt: "Liit"})
	if err != nil {
		t.Fatal(err)
	}
	node := func(n plan.Node) plan.Node {
		t.Helper()
		out, err := a.store.CreateNode(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	start, due := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 31, 0, 0, 0, 0, time.UTC)
	goal := node(plan.Node{StrategyID: adopted.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"})
	dir := node(plan.Node{StrategyID: adopted.ID, ParentID: &goal.ID, Kind: plan.Direction, Code: "1.1", TitleEt: "Suund"})
	act := node(plan.Node{StrategyID: adopted.ID, ParentID: &dir.ID, Kind: plan.Activity, Code: "1.1.1", TitleEt: "Ühine teenus",
		TitleEn: "Joint service", LeadOrgID: &lead.ID, Start: &start, Status: plan.InProgress, Completion: 40})
	for _, ehak := range []string{"0793", "0784"} {
		if _, err := a.store.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: ehak, Due: &due}); err != nil {
			t.Fatal(err)
		}
	}
	hidden := node(plan.Node{StrategyID: draft.ID, Kind: plan.Activity, Code: "1", TitleEt: "Mustandi tegevus"})
	if _, err := a.store.AddParticipant(ctx, plan.Participant{ActivityID: hidden.ID, MunicipalityEHAK: "0793"}); err != nil {
		t.Fatal(err)
	}
	return adopted, draft
}

// planState is what an import that changes nothing must leave as it was.
func planState(t *testing.T, a *testApp, id int64) ([]plan.Node, int) {
	t.Helper()
	tree, err := a.store.StrategyTree(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	_, n := matrixState(t, a)
	return tree.Nodes, n
}

func TestPlanExportImportOverHTTP(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		st, draft := jointPlan(t, a)
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
		base := "/plan/strategies/" + itoa(st.ID)
		before, events := planState(t, a, st.ID)

		csv := download(t, a, base+"/export.csv")
		want := "\ufeffkood;tase;pealkiri;pealkiri inglise keeles;juht;partnerid;algus;lõpp;staatus;valmidus %;viimati muudetud;versioon\n"
		if !bytes.HasPrefix(csv, []byte(want)) || !bytes.Contains(csv, []byte("1.1.1;activity;Ühine teenus;Joint service;Liit;;01.02.2026;;in_progress;40;")) {
			t.Fatalf("export:\n%s", csv)
		}
		// The same plan as an Estonian spreadsheet saves it: status by name, a decimal comma.
		estonian := "\ufeffkood;tase;pealkiri;pealkiri inglise keeles;juht;partnerid;algus;lõpp;staatus;valmidus %\r\n" +
			"1;eesmärk;Eesmärk;;;;;;;\r\n1.1;tegevussuund;Suund;;;;;;;\r\n1.1.1;tegevus;Ühine teenus;Joint service;Liit;;1.2.2026;;töös;40,0\r\n"
		for _, file := range []struct {
			name string
			data []byte
		}{{"kava.csv", csv}, {"kava.xlsx", download(t, a, base+"/export.xlsx")}, {"eesti.csv", []byte(estonian)}} {
			status, page := planUpload(t, coord, a, st.ID, file.name, file.data)
			if status != http.StatusOK || !strings.Contains(page, "0 rida lisati, 0 muudeti, 3 jäi samaks") {
				t.Fatalf("%s: %d\n%s", file.name, status, page)
			}
			after, n := planState(t, a, st.ID)
			if diff := cmp.Diff(before, after); diff != "" || n != events {
				t.Errorf("%s: import changed the plan (-before +after)\n%s\naudit %d → %d", file.name, diff, events, n)
			}
		}

		// A change, a new activity and two bad rows: nothing is saved, every problem shown.
		bad := string(csv) + "1.1.2;activity;Uus;;Keegi;;31.02.2026;;;\n2.1;activity;Orb;;;;;;;\n"
		status, page := planUpload(t, coord, a, st.ID, "vigane.csv", []byte(bad))
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad file: %d\n%s", status, page)
		}
		for _, want := range []string{"<td>5</td><td><code>juht</code></td>", "<td>5</td><td><code>algus</code></td>", "<td>6</td><td><code>kood</code></td>"} {
			if !strings.Contains(page, want) {
				t.Errorf("bad file: no problem %s", want)
			}
		}
		if after, n := planState(t, a, st.ID); !cmp.Equal(before, after) || n != events {
			t.Error("a refused import changed the plan")
		}
		good := strings.Replace(string(csv), "Ühine teenus", "Ühine teenus 2", 1) + "1.1.2;activity;Uus;;;;;;;\n"
		if status, page := planUpload(t, coord, a, st.ID, "hea.csv", []byte(good)); status != http.StatusOK || !strings.Contains(page, "1 rida lisati, 1 muudeti, 2 jäi samaks") {
			t.Fatalf("good file: %d\n%s", status, page)
		}
		if _, n := planState(t, a, st.ID); n != events+2 {
			t.Errorf("audit %d → %d, want 2 more", events, n)
		}

		// Who may: the tree links to the import for a coordinator; an editor is refused a
		// national plan; the public cannot export a draft.
		if _, page := get(t, coord, a.URL+"/plan/"+itoa(st.ID)); !strings.Contains(page, `href="`+base+`/import"`) || !strings.Contains(page, `href="`+base+`/export.xlsx"`) {
			t.Error("the tree page does not link to export and import")
		}
		if st, _ := get(t, tartu, a.URL+base+"/import"); st != http.StatusForbidden {
			t.Errorf("an editor opens a national plan's import: %d", st)
		}
		if st, _ := get(t, a.client(t), a.URL+"/plan/strategies/"+itoa(draft.ID)+"/export.csv"); st != http.StatusNotFound {
			t.Errorf("the public exports a draft: %d", st)
		}
		if st, page := get(t, coord, a.URL+"/plan/strategies/"+itoa(draft.ID)+"/import"); st != http.StatusOK ||
			!strings.Contains(page, `<label for="f-file">Fail</label>`) || !strings.Contains(page, `<button type="submit">Impordi</button>`) {
			t.Errorf("import form: %d", st)
		}
	})
}

func TestAttentionPagesAndAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		st, _ := jointPlan(t, a)
		reader := a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, ""))
		tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
		public := a.client(t)

		status, page := get(t, reader, a.URL+"/plan/attention")
		if status != http.StatusOK || !strings.Contains(page, "Tähtaja ületanud osalused (2)") || !strings.Contains(page, "Tartu linn") ||
			!strings.Contains(page, `href="/plan/activities/`) {
			t.Errorf("attention page: %d\n%.3000s", status, page)
		}
		if _, page := get(t, reader, a.URL+"/plan/attention?strategy=999999"); !strings.Contains(page, "Praegu ei vaja midagi tähelepanu.") {
			t.Error("an unknown strategy's attention page is not empty")
		}
		if status, _ := get(t, public, a.URL+"/plan/attention"); status == http.StatusOK {
			t.Error("the public sees the attention page")
		}
		status, page = get(t, tartu, a.URL+"/municipalities/0793/attention")
		if status != http.StatusOK || !strings.Contains(page, "Tähtaja ületanud osalused (1)") || strings.Contains(page, "Tallinn") {
			t.Errorf("Tartu's attention page: %d\n%.3000s", status, page)
		}
		if status, _ := get(t, public, a.URL+"/municipalities/0793/attention"); status == http.StatusOK {
			t.Error("the public sees a municipality's attention page")
		}

		var got struct {
			Items []plan.AttentionItem `json:"items"`
			Total int                  `json:"total"`
		}
		status, body := get(t, reader, a.URL+"/api/v1/attention?municipality=0784")
		if err := json.Unmarshal([]byte(body), &got); err != nil || status != http.StatusOK || got.Total != 1 ||
			got.Items[0].MunicipalityEHAK != "0784" || got.Items[0].StrategyID != st.ID || got.Items[0].ActivityCode != "1.1.1" {
			t.Errorf("API: %d %s", status, body)
		}
		if status, _ := get(t, reader, a.URL+"/api/v1/attention?municipality=0000"); status != http.StatusUnprocessableEntity {
			t.Errorf("API, unknown municipality: %d", status)
		}
		if status, _ := get(t, public, a.URL+"/api/v1/attention"); status != http.StatusUnauthorized {
			t.Errorf("API, anonymous: %d", status)
		}

		// The municipality page lists its joint activities; the draft's only when signed in.
		_, page = get(t, public, a.URL+"/municipalities/0793")
		if !strings.Contains(page, "Ühistegevused") || !strings.Contains(page, "Ühine teenus") || strings.Contains(page, "Mustandi tegevus") ||
			!strings.Contains(page, "1 osalus on tähtaja ületanud.") {
			t.Errorf("public municipality page:\n%.4000s", page)
		}
		if _, page := get(t, tartu, a.URL+"/municipalities/0793"); !strings.Contains(page, "Mustandi tegevus") || !strings.Contains(page, `href="/municipalities/0793/attention"`) {
			t.Error("a signed-in user's municipality page lacks the draft's activity or the attention link")
		}
		if _, page := get(t, public, a.URL+"/municipalities/0296"); !strings.Contains(page, "ei osale praegu üheski ühistegevuses") {
			t.Error("a municipality without joint activities has no empty state")
		}
	})
}
