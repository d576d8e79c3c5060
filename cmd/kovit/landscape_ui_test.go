package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/landscape"
)

// TestLandscapePages: Elva's editor declares two solutions and its lead signs off the
// landscape; a reader may not propose; an editor proposes a missing solution, which a
// coordinator merges with its every row; the landscape's export imports back, and a bad
// sheet saves nothing and names its row and column.
func TestLandscapePages(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		find := func(name string) landscape.Solution {
			t.Helper()
			list, _, err := a.store.ListSolutions(ctx, landscape.SolutionFilter{Query: name})
			if err != nil || len(list) == 0 {
				t.Fatalf("%s: %v %v", name, list, err)
			}
			return list[0]
		}
		volis, amphora := find("VOLIS"), find("Amphora")
		editorUser := a.user(t, "it@elva.test", auth.RoleEditor, "0171")
		editor := a.as(t, editorUser)
		for _, id := range []int64{volis.ID, amphora.ID} {
			st, body := postForm(t, editor, a.URL+"/municipalities/0171/landscape", url.Values{"solution_id": {itoa(id)}, "status": {"production"}, "business_owner": {"Kantselei"}})
			if st != http.StatusSeeOther {
				t.Fatalf("declare %d: %d %.300s", id, st, body)
			}
		}
		st, body := postForm(t, editor, a.URL+"/municipalities/0171/landscape", url.Values{"solution_id": {itoa(volis.ID)}, "status": {"production"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "juba olemas") {
			t.Errorf("a second row of VOLIS: %d", st)
		}
		if st, _ := postForm(t, editor, a.URL+"/municipalities/0171/landscape/sign-off", nil); st != http.StatusForbidden {
			t.Errorf("an editor who is no lead signs off: %d", st)
		}
		if _, err := a.store.SetLead(auth.WithUser(ctx, &editorUser), editorUser.ID, true); err != nil {
			t.Fatal(err)
		}
		if st, _ := postForm(t, editor, a.URL+"/municipalities/0171/landscape/sign-off", nil); st != http.StatusSeeOther {
			t.Fatalf("the lead signs off: %d", st)
		}
		reader := a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, ""))
		st, body = get(t, reader, a.URL+"/municipalities/0171/landscape")
		if st != http.StatusOK || !strings.Contains(body, "it@elva.test") || !strings.Contains(body, "Amphora") {
			t.Errorf("the landscape as a reader: %d, signed off by the lead and both rows expected", st)
		}
		if st, _ := get(t, a.client(t), a.URL+"/municipalities/0171/landscape"); st != http.StatusSeeOther {
			t.Errorf("the public reads a landscape: %d, want the sign-in", st)
		}
		if st, body := get(t, a.client(t), a.URL+"/solutions/"+itoa(volis.ID)); st != http.StatusOK || strings.Contains(body, "Elva vald") {
			t.Errorf("the public's solution page names its users: %d", st)
		}
		if st, body := get(t, reader, a.URL+"/solutions/"+itoa(volis.ID)); st != http.StatusOK || !strings.Contains(body, "Elva vald") {
			t.Errorf("who else runs VOLIS, as a reader: %d", st)
		}

		if st, _ := postForm(t, reader, a.URL+"/solutions/new", url.Values{"name": {"Uus"}, "kind": {"shared"}}); st != http.StatusForbidden {
			t.Errorf("a reader proposes: %d", st)
		}
		st, _ = postForm(t, editor, a.URL+"/solutions/new", url.Values{"name": {"Webdesktop 2"}, "kind": {"commercial"}, "area": {"records"}})
		if st != http.StatusSeeOther {
			t.Fatalf("propose: %d", st)
		}
		prop := find("Webdesktop 2")
		if prop.State != landscape.Proposed || prop.ProposedBy != "0171" {
			t.Fatalf("proposal: %+v", prop)
		}
		if st, _ := get(t, a.client(t), a.URL+"/solutions/"+itoa(prop.ID)); st != http.StatusNotFound {
			t.Errorf("the public reads a proposal: %d", st)
		}
		if st, _ := postForm(t, editor, a.URL+"/municipalities/0171/landscape", url.Values{"solution_id": {itoa(prop.ID)}, "status": {"piloting"}}); st != http.StatusSeeOther {
			t.Fatalf("declare the proposal: %d", st)
		}
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		webdesktop := find("WebDesktop")
		if st, body := postForm(t, coord, a.URL+"/solutions/"+itoa(prop.ID)+"/merge", url.Values{"into": {itoa(webdesktop.ID)}, "version": {"1"}}); st != http.StatusSeeOther {
			t.Fatalf("merge: %d %.300s", st, body)
		}
		rows, _, err := a.store.ListRows(ctx, landscape.RowFilter{SolutionID: webdesktop.ID})
		if err != nil || len(rows) != 1 || rows[0].MunicipalityEHAK != "0171" {
			t.Fatalf("Elva's row after the merge: %+v %v", rows, err)
		}

		// Export, change a status, import back: all rows come back, the change lands.
		_, csv := get(t, editor, a.URL+"/municipalities/0171/landscape.csv")
		csv = strings.Replace(csv, ";piloting;", ";production;", 1)
		if st, body := uploadSheet(t, editor, a.URL+"/municipalities/0171/landscape/import", "l.csv", csv); st != http.StatusSeeOther {
			t.Fatalf("import the export: %d %.500s", st, body)
		}
		if r, _ := a.store.Row(ctx, rows[0].ID); r.Status != landscape.Production || len(r.History) != 2 {
			t.Errorf("after the import: %+v", r)
		}
		bad := "Lahendus;Olek;Tarkvara versioon\nEHR;production;\nKeegi;production;\n"
		st, body = uploadSheet(t, editor, a.URL+"/municipalities/0171/landscape/import", "l.csv", bad)
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "<td>3</td><td><code>Lahendus</code>") {
			t.Errorf("a bad sheet: %d %.2000s", st, body)
		}
		if _, n, _ := a.store.ListRows(ctx, landscape.RowFilter{MunicipalityEHAK: "0171"}); n != 3 {
			t.Errorf("a refused import saved rows: %d", n)
		}
	})
}

// uploadSheet posts a file as a browser's file field does.
func uploadSheet(t *testing.T, c *http.Client, u, name, content string) (int, string) {
	t.Helper()
	body := "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--kovit--\r\n"
	return send(t, c, http.MethodPost, u, "multipart/form-data; boundary=kovit", body)
}

// TestLandscapeMatrix: signed-in users see who runs which shared solution within a peer
// group; the public sees only how many.
func TestLandscapeMatrix(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		list, _, err := a.store.ListSolutions(ctx, landscape.SolutionFilter{Query: "VOLIS"})
		if err != nil || len(list) != 1 {
			t.Fatal(list, err)
		}
		for _, ehak := range []string{"0171", "0793"} {
			if _, err := a.store.CreateRow(ctx, landscape.Row{MunicipalityEHAK: ehak, SolutionID: list[0].ID}); err != nil {
				t.Fatal(err)
			}
		}
		reader := a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, ""))
		st, body := get(t, reader, a.URL+"/landscape?county=0079")
		if st != http.StatusOK || !strings.Contains(body, "Elva vald") || !strings.Contains(body, `class="status-production"`) || strings.Contains(body, "Tallinn") {
			t.Errorf("Tartu county's matrix as a reader: %d", st)
		}
		st, body = get(t, a.client(t), a.URL+"/landscape")
		if st != http.StatusOK || strings.Contains(body, "Elva vald") || !strings.Contains(body, `<td class="num">2</td>`) {
			t.Errorf("the matrix as the public: %d", st)
		}
		if st, _ := get(t, reader, a.URL+"/landscape?band=many"); st != http.StatusUnprocessableEntity {
			t.Errorf("an unknown band: %d", st)
		}
	})
}
