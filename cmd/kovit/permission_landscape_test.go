package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

// landscapePermissionCases are the permission matrix's cases of the catalogue and the
// landscapes (issue 13). Proposing a solution is every editor's, so only the public is
// refused it there (a reader's refusal is TestLandscapePages'); 999999 is no row, refused
// as another municipality's would be.
func landscapePermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	js := "application/json"
	return map[string]permissionCase{
		"POST /solutions/new":                            {scopeSelf, "POST", "/solutions/new", form, "name=Uus&kind=shared&area=other"},
		"POST /solutions/{id}/edit":                      {scopeNational, "POST", "/solutions/1/edit", form, "name=Muudetud&kind=shared&area=other&version=1"},
		"POST /solutions/{id}/accept":                    {scopeNational, "POST", "/solutions/1/accept", form, "version=1"},
		"POST /solutions/{id}/merge":                     {scopeNational, "POST", "/solutions/1/merge", form, "into=2&version=1"},
		"POST /municipalities/{ehak}/landscape":          {scopeMunicipality, "POST", "/municipalities/0784/landscape", form, "solution_id=1&status=production"},
		"POST /municipalities/{ehak}/landscape/confirm":  {scopeMunicipality, "POST", "/municipalities/0784/landscape/confirm", form, ""},
		"POST /municipalities/{ehak}/landscape/sign-off": {scopeMunicipality, "POST", "/municipalities/0784/landscape/sign-off", form, ""},
		"POST /municipalities/{ehak}/landscape/import":   {scopeMunicipality, "POST", "/municipalities/0784/landscape/import", "multipart/form-data; boundary=kovit", landscapeImportBody},
		"POST /landscape/rows/{id}":                      {scopeMunicipality, "POST", "/landscape/rows/999999", form, "solution_id=1&status=stopped&version=1"},
		"POST /advisories":                               {scopeNational, "POST", "/advisories", form, "solution=1&title=Uuendage"},
		"POST /advisories/{id}/handled/{ehak}":           {scopeMunicipality, "POST", "/advisories/999999/handled/0784", form, ""},
		"POST /municipalities/{ehak}/records":            {scopeMunicipality, "POST", "/municipalities/0784/records", form, "dhx=none&version=0"},
		"POST /municipalities/{ehak}/records/review":     {scopeNational, "POST", "/municipalities/0784/records/review", form, "verification=verified&version=1"},
		"PUT /api/v1/records-profiles/{ehak}":            {scopeMunicipality, "PUT", "/api/v1/records-profiles/0784", js, `{"dhx":"none","version":0}`},
		"POST /api/v1/records-profiles/{ehak}/review":    {scopeNational, "POST", "/api/v1/records-profiles/0784/review", js, `{"verification":"verified","version":1}`},
		"POST /practices/new":                            {scopeSelf, "POST", "/practices/new", form, "title=Uus&summary=Lühidalt&municipalities=0784"},
		"POST /practices/{id}/status":                    {scopeNational, "POST", "/practices/999999/status", form, "status=published&version=1"},
		"POST /practices/{id}/adopt/{ehak}":              {scopeMunicipality, "POST", "/practices/999999/adopt/0784", form, "differences=x"},
		"POST /api/v1/practices":                         {scopeSelf, "POST", "/api/v1/practices", js, `{"title":"Uus","summary":"Lühidalt","municipalities":["0784"]}`},
		"PATCH /api/v1/practices/{id}":                   {scopeNational, "PATCH", "/api/v1/practices/999999", js, `{"status":"published","version":1}`},
		"POST /api/v1/adoptions":                         {scopeMunicipality, "POST", "/api/v1/adoptions", js, `{"practice_id":999999,"municipality_ehak":"0784"}`},
		"POST /api/v1/solutions":                         {scopeSelf, "POST", "/api/v1/solutions", js, `{"name":"Uus","kind":"shared"}`},
		"PATCH /api/v1/solutions/{id}":                   {scopeNational, "PATCH", "/api/v1/solutions/1", js, `{"name":"Muudetud","version":1}`},
		"POST /api/v1/solutions/{id}/decision":           {scopeNational, "POST", "/api/v1/solutions/1/decision", js, `{"decision":"merge","into":2,"version":1}`},
		"POST /api/v1/landscape":                         {scopeMunicipality, "POST", "/api/v1/landscape", js, `{"municipality_ehak":"0784","solution_id":1}`},
		"PATCH /api/v1/landscape/{id}":                   {scopeMunicipality, "PATCH", "/api/v1/landscape/999999", js, `{"status":"stopped","version":1}`},
		"POST /api/v1/landscape/sign-offs":               {scopeMunicipality, "POST", "/api/v1/landscape/sign-offs", js, `{"municipality_ehak":"0784"}`},
	}
}

// landscapeImportBody is a one-row landscape sheet that would declare the first solution.
const landscapeImportBody = "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
	"Lahendus;Olek\r\n1;production\r\n--kovit--\r\n"

// TestLandscapeCostsDoNotLeak crawls every page and API answer that takes no more than a
// municipality, a solution or a row, as the public, a reader and another municipality's
// editor: Tallinn's contract (its type and costs) reaches none of them, while Tallinn's
// editor and a coordinator see it on the landscape page.
func TestLandscapeCostsDoNotLeak(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		coord := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
		cctx := auth.WithUser(ctx, &coord)
		sols, _, err := a.store.ListSolutions(ctx, landscape.SolutionFilter{Query: "VOLIS"})
		if err != nil || len(sols) == 0 {
			t.Fatal(sols, err)
		}
		yearly, once := kovit.Money(98765432), kovit.Money(1234567)
		row, err := a.store.CreateRow(cctx, landscape.Row{MunicipalityEHAK: "0784", SolutionID: sols[0].ID, Status: landscape.Production,
			ContractType: "SALAJANE-LEPING", ContractEnd: "2031-03-17", YearlyCost: &yearly, OneOffCost: &once})
		if err != nil {
			t.Fatal(err)
		}
		secrets := []string{"SALAJANE-LEPING", "987654", "987 654", "12345,67", "12345.67", "12 345,67", "17.03.2031", "2031-03-17"}
		vars := strings.NewReplacer("{ehak}", "0784", "{id}", itoa(row.ID), "{code}", "SOC-001")
		var paths []string
		for _, r := range a.routes {
			method, path, _ := strings.Cut(r, " ")
			if method != "GET" || strings.Contains(vars.Replace(path), "{") {
				continue
			}
			paths = append(paths, vars.Replace(path))
		}
		paths = append(paths, "/solutions/"+itoa(sols[0].ID), "/api/v1/solutions/"+itoa(sols[0].ID))
		actors := map[string]*http.Client{"the public": a.client(t), "a reader": a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, "")),
			"Tartu's editor": a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))}
		for name, c := range actors {
			for _, p := range paths {
				_, body := get(t, c, a.URL+p)
				for _, s := range secrets {
					if strings.Contains(body, s) {
						t.Errorf("%s reads %q on %s", name, s, p)
					}
				}
			}
		}
		// The crawl reads the rows themselves, so the test would see a leak.
		if st, body := get(t, actors["a reader"], a.URL+"/municipalities/0784/landscape"); st != http.StatusOK || !strings.Contains(body, "VOLIS") {
			t.Errorf("a reader's landscape page: %d", st)
		}
		want := map[string]string{"/municipalities/0784/landscape": "17.03.2031", "/api/v1/landscape/" + itoa(row.ID): "SALAJANE-LEPING",
			"/municipalities/0784/landscape.csv": "SALAJANE-LEPING", "/landscape/rows/" + itoa(row.ID): "SALAJANE-LEPING"}
		for name, c := range map[string]*http.Client{"Tallinn's editor": a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")), "a coordinator": a.as(t, coord)} {
			for p, marker := range want {
				if _, body := get(t, c, a.URL+p); !strings.Contains(body, marker) {
					t.Errorf("%s does not see Tallinn's contract on %s", name, p)
				}
			}
		}
	})
}
