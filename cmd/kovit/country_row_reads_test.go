package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/survey"
)

// TestCountryMunicipalityRowAPI: a municipality's row beside its peers in the API reads
// its own row by index and the peers' medians from the kept levels on a large country
// (Store.WholeCells 1), and answers exactly as with the whole matrix kept (Estonia).
func TestCountryMunicipalityRowAPI(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		scale, err := a.store.Scale(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, l := range scale {
			for _, c := range l.Criteria {
				ids = append(ids, c.ID)
			}
		}
		// Tartu and two other municipalities with different criteria met, so that the
		// levels and the groups' medians differ from 0.
		saved := map[string]eservice.Cell{}
		for _, c := range []struct {
			ehak, code string
			met        int
		}{{"0793", "SOC-001", len(ids)}, {"0793", "SOC-010", len(ids) / 2}, {"0793", "EDU-001", 1}, {"0784", "SOC-001", len(ids) / 2}, {"0141", "SOC-001", len(ids)}} {
			cell, err := a.store.SaveCell(ctx, c.ehak, c.code, eservice.CellInput{Offering: eservice.Offered, Met: ids[:c.met],
				URL: "https://www.example.ee/" + c.code})
			if err != nil {
				t.Fatal(err)
			}
			saved[c.ehak+c.code] = cell
		}
		large := startAppOn(t, a.store.DSN(), nil)
		large.store.WholeCells = 1
		for _, path := range []string{"/api/v1/municipalities/0793/services", "/api/v1/municipalities/0793/services?limit=5&offset=2",
			"/api/v1/municipalities/0141/services"} {
			w, l := getJSONBody(t, a, path), getJSONBody(t, large, path)
			if w != l {
				t.Errorf("%s: the large country's answer differs:\n%.600s\nwhole:\n%.600s", path, l, w)
			}
			var out api.MunicipalityServices
			if err := json.Unmarshal([]byte(l), &out); err != nil {
				t.Fatal(err)
			}
			if n := out.Peers[len(out.Peers)-1].Count; n != 79 {
				t.Errorf("%s: %d municipalities in the country's group, want 79", path, n)
			}
		}
		var tartu api.MunicipalityServices
		if err := json.Unmarshal([]byte(getJSONBody(t, large, "/api/v1/municipalities/0793/services?limit=500")), &tartu); err != nil {
			t.Fatal(err)
		}
		levels := map[string]int{}
		for _, c := range tartu.Items {
			levels[c.ServiceCode] = c.Level
		}
		if levels["SOC-001"] != saved["0793SOC-001"].Level || levels["SOC-001"] == 0 || levels["EDU-001"] != saved["0793EDU-001"].Level {
			t.Errorf("Tartu's row: %v, %+v", levels, tartu.Stats)
		}
	})
}

// TestCountrySurveyProposals: an approved survey response's proposals for the
// municipality's matrix come from its own row read by index on a large country, the same
// as with the whole matrix kept.
func TestCountrySurveyProposals(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		ctx := auth.WithUser(context.Background(), &coord)
		if _, err := a.store.SaveCell(ctx, "0793", "SOC-002", eservice.CellInput{Offering: eservice.NotOffered}); err != nil {
			t.Fatal(err)
		}
		qs, err := survey.ParseQuestions("services | service_grid | E-teenused | offered; not_offered | maps=matrix_offering\n")
		if err != nil {
			t.Fatal(err)
		}
		s := lastYearsSurvey(t, a, ctx, qs, map[string]survey.Answer{
			"services": {Grid: map[string]string{"SOC-001": "offered", "SOC-002": "not_offered"}}})
		editor := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		large := startAppOn(t, a.store.DSN(), nil)
		large.store.WholeCells = 1
		path := "/surveys/" + itoa(s.ID) + "/responses/0793"
		for name, app := range map[string]*testApp{"whole": a, "large": large} {
			_, body := get(t, app.as(t, editor), app.URL+path)
			if !strings.Contains(body, `value="SOC-001"`) || strings.Contains(body, `value="SOC-002"`) {
				t.Errorf("%s: want a proposal for SOC-001 only (SOC-002 is already not offered):\n%.3000s", name, body)
			}
		}
	})
}

// getJSONBody is an anonymous GET's body, failing the test unless it is 200.
func getJSONBody(t *testing.T, a *testApp, path string) string {
	t.Helper()
	resp, err := a.client(t).Get(a.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d\n%.500s", path, resp.StatusCode, b.String())
	}
	return b.String()
}
