package api_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/sqlstore/sqlstoretest"
)

// FuzzWriteBodies sends each input as the body of every POST, PUT and PATCH route, as an
// administrator (who may call them all) on records that exist, so that the body is read
// rather than refused first. Whatever the bytes, the answer is a success or a 4xx: never
// a 5xx, which is also what a panic turns into; and text that is not UTF-8 is never
// taken, as a form's is not. go test runs the seeds below.
func FuzzWriteBodies(f *testing.F) {
	for _, seed := range []string{
		`{}`,
		`{"version":1}`,
		`{"period_start":"2026-01-01","period_end":"2026-12-31T00:00:00Z","title_et":"Aruanne","strategy_id":1}`,
		`{"period_start":"0000-01-01T00:00:00Z","version":1}`,
		`{"start":"9999-12-31T23:59:59Z","end":"0001-01-01T00:00:00Z","version":1}`,
		`{"due":"2026-02-30T00:00:00Z","version":1}`,
		`{"deadline":"0000-01-01","opens_on":"2201-01-01","closes_on":"x","version":1}`,
		`{"cost":1e300,"municipality_ehak":"0793","title":"X","category":"records"}`,
		`{"planned_budget":1e300,"actual_budget":-1e400,"version":1}`,
		`{"value":1e309,"date":"2026-01-01T00:00:00Z"}`,
		`{"budget":"NaN","max_grant":"Infinity","co_financing":1e300}`,
		`{"version":1e309,"weight":-0}`,
		"{\"title\":\"\xff\xfe\",\"title_et\":\"\xc3\",\"name\":\"\xed\xa0\x80\"}",
		"{\"body\":\"Uudis \xff\",\"date\":\"2026-06-01T00:00:00Z\"}",
		`{"title":"\u0000","name_et":"\ud800"}`,
		`{"statuses":[{"key":"a","colour":"#000"},{"key":"a"},{"colour":` + "\"\xff\"" + `}]}`,
		`{"unknown":1,"webiste":"https://x.ee"}`,
		`{"contact":{"mail":"a@b.ee"},"version":1}`,
		`{"need_ids":[1,2,3,-1,9223372036854775807],"municipality_ehak":"0793"}`,
		`{"to":"submitted","version":1}`,
		`{"weights":{"x":1e300}}`,
		`null`, `[]`, `""`, `0`, `true`, ``, `{`, `{"a":}`, `{"version":1} {"version":1}`,
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
		strings.Repeat(`{"contact":`, 5000) + "{}" + strings.Repeat("}", 5000),
		`{"targets":[` + strings.Repeat(`{"value":1,"date":"2026-01-01T00:00:00Z"},`, 200) + `{}]}`,
	} {
		f.Add([]byte(seed))
	}
	store := sqlstoretest.New(f, "sqlite")
	s := newServer(f, store)
	_, admin := s.user(auth.RoleAdmin, "")
	other, _ := s.user(auth.RoleReader, "")
	create := func(path, body string) string {
		r := s.do(req{method: "POST", path: path, token: admin, body: body})
		var out struct{ ID int64 }
		if r.status != http.StatusCreated {
			f.Fatalf("POST %s: %d %s", path, r.status, r.body)
		}
		r.decode(f, &out)
		return fmt.Sprint(out.ID)
	}
	strategy := create("/api/v1/strategies", `{"title_et":"Kava","start_year":2026,"end_year":2030,"status":"draft"}`)
	goal := create("/api/v1/strategies/"+strategy+"/nodes", `{"kind":"goal","code":"1","title_et":"Eesmärk"}`)
	activity := create("/api/v1/strategies/"+strategy+"/nodes", `{"kind":"activity","code":"1.1","title_et":"Tegevus","parent_id":`+goal+`}`)
	consolidated := create("/api/v1/consolidated-needs", `{"title":"Koond","category":"records","need_ids":[]}`)
	// The record each route's {id} names, by the route's first segment.
	ids := map[string]string{
		"strategies": strategy, "nodes": activity, "activities": activity, "consolidated-needs": consolidated,
		"tasks":      create("/api/v1/activities/"+activity+"/tasks", `{"title_et":"Ülesanne","state":"not_started"}`),
		"reports":    create("/api/v1/reports", `{"strategy_id":`+strategy+`,"title_et":"Aruanne","period_start":"2026-01-01T00:00:00Z","period_end":"2026-12-31T00:00:00Z"}`),
		"indicators": create("/api/v1/indicators", `{"strategy_id":`+strategy+`,"name_et":"Näitaja","direction":"higher"}`),
		"needs":      create("/api/v1/needs", `{"municipality_ehak":"0793","title":"Vajadus","category":"records"}`),
		"measures":   create("/api/v1/measures", `{"name":"Meede","start_year":2021,"end_year":2027}`),
		"rounds":     create("/api/v1/rounds", `{"title":"Voor","deadline":"2027-03-01","open":true}`),
		"projects":   create("/api/v1/projects", `{"consolidated_id":`+consolidated+`,"name":"Projekt"}`),
		"users":      fmt.Sprint(other.ID),
		"inquiries":  create("/api/v1/inquiries", `{"municipality_ehak":"0793","topic":"law","subject":"Küsimus","question":"Kas?"}`),
		"kb":         create("/api/v1/kb", `{"title":"Kirje","answer":"Vastus","topic":"law"}`),
	}
	ids["comment-rounds"] = create("/api/v1/comment-rounds", `{"title":"Eelnõu","ministry":"RaM","received_on":"2026-03-20","ministry_deadline":"2026-04-10","public":true,"sections":[{"heading":"§ 1"}]}`)
	ids["positions"] = ids["comment-rounds"]
	var paths []string
	for _, rt := range api.New(api.Deps{}).Routes() {
		if rt.Method != "POST" && rt.Method != "PUT" && rt.Method != "PATCH" {
			continue
		}
		path := strings.NewReplacer("{ehak}", "0793", "{code}", "SOC-001", "{cid}", "1").Replace(rt.Pattern)
		first, _, _ := strings.Cut(strings.TrimPrefix(path, "/api/v1/"), "/")
		paths = append(paths, rt.Method+" "+strings.Replace(path, "{id}", ids[first], 1))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, route := range paths {
			method, path, _ := strings.Cut(route, " ")
			hr, err := http.NewRequest(method, s.url+path, bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			hr.Header.Set("Authorization", "Bearer "+admin)
			hr.Header.Set("Content-Type", "application/json")
			res, err := http.DefaultClient.Do(hr)
			if err != nil {
				t.Fatal(err)
			}
			answer, _ := io.ReadAll(io.LimitReader(res.Body, 2000))
			res.Body.Close()
			if res.StatusCode >= 500 || res.StatusCode < 200 || res.StatusCode >= 300 && res.StatusCode < 400 {
				t.Errorf("%s %s with %.200q: %d %s", method, path, body, res.StatusCode, answer)
			}
			if res.StatusCode < 300 && !utf8.Valid(body) {
				t.Errorf("%s %s took %.200q, which is not UTF-8: %d", method, path, body, res.StatusCode)
			}
		}
	})
}
