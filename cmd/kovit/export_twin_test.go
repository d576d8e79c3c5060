package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// downloadAs fetches u as c with one header set (none for ""), such as the pages'
// language cookie or the API's Accept-Language, and returns the Content-Disposition and
// the body.
func downloadAs(t *testing.T, c *http.Client, u, header, value string) (string, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if header != "" {
		req.Header.Set(header, value)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", u, res.StatusCode, b)
	}
	return res.Header.Get("Content-Disposition"), b
}

// workbookCells is every sheet of a workbook by name with its cells as read back.
func workbookCells(t *testing.T, data []byte) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, sheet := range f.GetSheetList() {
		if out[sheet], err = f.GetRows(sheet); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestExportTwinsAreIdentical: each export of the pages and its API twin send the same
// file in each language, CSV byte for byte and XLSX cell for cell (a workbook's zip
// stamps the time it was written), under the same file name.
func TestExportTwinsAreIdentical(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		needFixture(t, a) // a need in a round, a consolidated need, a measure
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		twins := []struct{ page, api string }{
			{"/needs", "/api/v1/needs"},
			{"/consolidated", "/api/v1/consolidated-needs"},
			{"/measures", "/api/v1/measures"},
		}
		for _, lang := range []string{"et", "en"} {
			for _, tw := range twins {
				for _, ext := range []string{".csv", ".xlsx"} {
					pageName, page := downloadAs(t, coord, a.URL+tw.page+ext, "Cookie", "lang="+lang)
					apiName, fromAPI := downloadAs(t, coord, a.URL+tw.api+ext, "Accept-Language", lang)
					if pageName != apiName {
						t.Errorf("%s%s in %s: file %q, its API twin %q", tw.page, ext, lang, pageName, apiName)
					}
					if ext == ".csv" && !bytes.Equal(page, fromAPI) {
						t.Errorf("%s.csv in %s differs from its API twin:\n%s\n---\n%s", tw.page, lang, page, fromAPI)
					}
					if ext == ".xlsx" {
						if diff := cmp.Diff(workbookCells(t, page), workbookCells(t, fromAPI)); diff != "" {
							t.Errorf("%s.xlsx in %s differs from its API twin (-page +api):\n%s", tw.page, lang, diff)
						}
					}
				}
			}
		}
		_, en := downloadAs(t, coord, a.URL+"/needs.csv", "Cookie", "lang=en")
		if !bytes.HasPrefix(en, []byte("\ufeffMunicipality;Title;")) || !bytes.Contains(en, []byte(";ID;State;Collection round\n")) {
			t.Errorf("the needs export in English:\n%s", en)
		}
	})
}

// TestEnglishExportImportRoundTrip: a plan and the needs exported with English headers
// import back unchanged, as the Estonian exports do.
func TestEnglishExportImportRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))

		st, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.CreateNode(ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk", TitleEn: "Goal"}); err != nil {
			t.Fatal(err)
		}
		nodes, events := planState(t, a, st.ID)
		_, csv := downloadAs(t, coord, a.URL+"/plan/strategies/"+itoa(st.ID)+"/export.csv", "Cookie", "lang=en")
		if !bytes.HasPrefix(csv, []byte("\ufeffcode;level;title_et;title_en;lead;")) {
			t.Fatalf("plan export in English:\n%s", csv)
		}
		if status, page := planUpload(t, coord, a, st.ID, "plan.csv", csv); status != http.StatusOK {
			t.Fatalf("plan import: %d\n%s", status, page)
		}
		if after, n := planState(t, a, st.ID); !cmp.Equal(nodes, after) || n != events {
			t.Errorf("the plan import changed nodes: %s", cmp.Diff(nodes, after))
		}

		cost := kovit.Money(123450)
		if _, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0793", Title: "Uus register", Description: "Kirjeldus",
			Category: need.CatSharedSystem, Cost: &cost, Urgency: need.UrgencyHigh, ServiceCodes: []string{"SOC-001"}}); err != nil {
			t.Fatal(err)
		}
		for _, ext := range []string{".csv", ".xlsx"} {
			_, needs := downloadAs(t, tartu, a.URL+"/api/v1/needs"+ext, "Accept-Language", "en")
			ctype, body := uploadForm(t, "needs"+ext, needs, map[string]string{"apply": "true"})
			status, resp := send(t, tartu, "POST", a.URL+"/api/v1/needs/import", ctype, body)
			var p api.SurveyPreview
			if status != http.StatusCreated || json.Unmarshal([]byte(resp), &p) != nil || len(p.Needs) == 0 {
				t.Fatalf("needs%s import: %d %s", ext, status, resp)
			}
			got := p.Needs[0]
			if got.Title != "Uus register" || got.Description != "Kirjeldus" || got.Category != need.CatSharedSystem || got.Cost == nil ||
				*got.Cost != cost || got.Urgency != need.UrgencyHigh || strings.Join(got.ServiceCodes, ",") != "SOC-001" {
				t.Errorf("needs%s imported back as %+v", ext, got)
			}
		}
	})
}
