package api_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/need"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/tabular"
)

func TestOpenAPINeedTransferSchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{"SurveyPreview": api.SurveyPreview{}, "CellError": tabular.RowError{}, "Proposal": need.Proposal{}})
}

// upload posts a survey file with the form fields given.
func upload(s *testServer, token, filename, content string, fields map[string]string) resp {
	s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", filename)
	fw.Write([]byte(content))
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	hr, _ := http.NewRequest("POST", s.url+"/api/v1/needs/import", &body)
	hr.Header.Set("Content-Type", mw.FormDataContentType())
	hr.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	return resp{res.StatusCode, res.Header, b.Bytes()}
}

const survey = "\ufeffOmavalitsus;Vajaduse pealkiri;Kategooria;Hinnanguline maksumus;Kiireloomulisus\r\n" +
	"Tartu linn;Dokumendihaldussüsteem;dokumendihaldus;12 000,50;kõrge\r\n" +
	"Tartu linn;Veebileht;e-teenus;;\r\n"

func TestNeedSurveyImport(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, tartu := s.user(auth.RoleEditor, "0793")
		_, tallinn := s.user(auth.RoleEditor, "0784")
		_, coord := s.user(auth.RoleCoordinator, "")
		var pre api.SurveyPreview
		r := upload(s, tartu, "kysitlus.csv", survey, nil)
		r.decode(t, &pre)
		if r.status != 200 || len(pre.Needs) != 2 || len(pre.Errors) != 0 || pre.Applied || pre.Mapping["Kategooria"] != need.FieldCategory {
			t.Fatalf("preview: %d %s", r.status, r.body)
		}
		var page needPage
		s.get("/api/v1/needs", coord, &page)
		if page.Total != 0 {
			t.Fatal("a preview stored needs")
		}
		// Another municipality's editor sees the rows as errors and may not apply them.
		upload(s, tallinn, "kysitlus.csv", survey, nil).decode(t, &pre)
		if len(pre.Errors) != 2 || pre.Errors[0].Key != "need.error.other_municipality" {
			t.Errorf("foreign rows: %+v", pre.Errors)
		}
		upload(s, tallinn, "kysitlus.csv", survey, map[string]string{"apply": "true"}).problem(t, 403)
		// A bad cell fails the whole import, named by row and column.
		bad := survey + "Tartu;;taevas;palju;\r\n" // Tartu alone is a city and a rural municipality
		p := upload(s, coord, "kysitlus.csv", bad, map[string]string{"apply": "true"}).problem(t, 422)
		if !slices.Equal(p.fields(), []string{"4.Omavalitsus", "4.Kategooria", "4.Hinnanguline maksumus", "4.Vajaduse pealkiri"}) {
			t.Errorf("bad cells: %v", p.fields())
		}
		// A mapping that leaves out a required field is refused.
		p = upload(s, coord, "kysitlus.csv", survey, map[string]string{"mapping": `{"Omavalitsus":"municipality_ehak","Vajaduse pealkiri":"title"}`}).problem(t, 422)
		if !slices.Equal(p.fields(), []string{"mapping.category"}) {
			t.Errorf("mapping: %v", p.fields())
		}
		r = upload(s, tartu, "kysitlus.csv", survey, map[string]string{"apply": "true"})
		r.decode(t, &pre)
		if r.status != 201 || !pre.Applied || pre.Needs[0].ID == 0 || *pre.Needs[0].Cost != 1200050 {
			t.Fatalf("apply: %d %s", r.status, r.body)
		}
		// The export reads back through the import.
		exp := s.do(req{path: "/api/v1/needs.csv", token: tartu})
		if exp.status != 200 || !strings.HasPrefix(exp.header.Get("Content-Type"), "text/csv") {
			t.Fatalf("export: %d %s", exp.status, exp.body)
		}
		header, rows, err := tabular.Read(bytes.NewReader(exp.body), "vajadused.csv")
		if err != nil || len(rows) != 2 {
			t.Fatalf("export read: %v %v", rows, err)
		}
		back, errs := need.ParseSurvey(header, rows, need.GuessMapping(header), map[string]string{"0793": "0793"}, func(string) error { return nil })
		if len(errs) > 0 || back[1].Title != "Dokumendihaldussüsteem" || *back[1].Cost != 1200050 {
			t.Errorf("read back %+v %v", back, errs)
		}
		for _, path := range []string{"/api/v1/needs.xlsx", "/api/v1/consolidated-needs.xlsx", "/api/v1/measures.csv"} {
			if r := s.do(req{path: path, token: coord}); r.status != 200 || len(r.body) == 0 {
				t.Errorf("%s: %d", path, r.status)
			}
		}
		s.do(req{path: "/api/v1/needs.csv"}).problem(t, 401)
		// The proposal of a measure with the imported needs behind it.
		ids := []int64{pre.Needs[0].ID, pre.Needs[1].ID}
		for _, id := range ids {
			s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/needs/%d/transitions", id), token: tartu, body: `{"to":"submitted","version":1}`})
		}
		var con need.Consolidated
		s.do(req{method: "POST", path: "/api/v1/consolidated-needs", token: coord, body: fmt.Sprintf(`{"title":"Koond","category":"records","need_ids":[%d,%d]}`, ids[0], ids[1])}).decode(t, &con)
		var m need.Measure
		s.do(req{method: "POST", path: "/api/v1/measures", token: coord, body: `{"name":"M","start_year":2026,"end_year":2027,"budget":100000}`}).decode(t, &m)
		s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/measures/%d/mapping", m.ID), token: coord, body: fmt.Sprintf(`{"consolidated_need_id":%d,"mapped":true,"version":%d}`, con.ID, con.Version)})
		var prop need.Proposal
		s.get(fmt.Sprintf("/api/v1/measures/%d/proposal", m.ID), coord, &prop)
		if len(prop.Ranked) != 1 || prop.Needs != 2 || !slices.Equal(prop.Cohort, []string{"0793"}) || prop.Budget.Cost != 1200050 {
			t.Errorf("proposal %+v", prop)
		}
		if r := s.do(req{path: fmt.Sprintf("/api/v1/measures/%d/proposal.xlsx", m.ID), token: coord}); r.status != 200 || !bytes.HasPrefix(r.body, []byte("PK")) {
			t.Errorf("proposal.xlsx: %d", r.status)
		}
	})
}
