package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// TestFormulaTextRoundTrip: text starting with = or - comes out of a CSV export behind an
// apostrophe, and the matrix, plan and needs imports read it back as it was.
func TestFormulaTextRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))

		for code, system := range map[string]string{"SOC-001": "=SUM(A1)", "SOC-002": "-Spokus"} {
			if _, err := a.store.SaveCell(ctx, "0793", code, eservice.CellInput{Offering: eservice.Offered, System: system}); err != nil {
				t.Fatal(err)
			}
		}
		before, events := matrixState(t, a)
		matrix := download(t, a, "/eservices/matrix.csv?municipality=0793")
		if !bytes.Contains(matrix, []byte(";'=SUM(A1);")) || !bytes.Contains(matrix, []byte(";'-Spokus;")) {
			t.Fatalf("matrix export:\n%.1000s", matrix)
		}
		if status, page := upload(t, coord, a, "m.csv", matrix); status != http.StatusOK {
			t.Fatalf("matrix import: %d\n%s", status, page)
		}
		if after, n := matrixState(t, a); !cmp.Equal(before, after) || n != events {
			t.Errorf("the matrix import changed cells: %s", cmp.Diff(before, after))
		}

		st, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.CreateNode(ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "=1+1", TitleEn: "-minus"}); err != nil {
			t.Fatal(err)
		}
		nodes, events := planState(t, a, st.ID)
		csv := download(t, a, "/plan/strategies/"+itoa(st.ID)+"/export.csv")
		if !bytes.Contains(csv, []byte(";'=1+1;'-minus;")) {
			t.Fatalf("plan export:\n%s", csv)
		}
		if status, page := planUpload(t, coord, a, st.ID, "kava.csv", csv); status != http.StatusOK || !strings.Contains(page, "0 rida lisati, 0 muudeti, 1 jäi samaks") {
			t.Fatalf("plan import: %d\n%s", status, page)
		}
		if after, n := planState(t, a, st.ID); !cmp.Equal(nodes, after) || n != events {
			t.Errorf("the plan import changed nodes: %s", cmp.Diff(nodes, after))
		}

		if _, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0793", Title: "=Kallis", Description: "-lühike", Category: need.CatOther}); err != nil {
			t.Fatal(err)
		}
		_, needs := get(t, tartu, a.URL+"/api/v1/needs.csv")
		if !strings.Contains(needs, ";'=Kallis;'-lühike;") {
			t.Fatalf("needs export:\n%s", needs)
		}
		ctype, body := uploadForm(t, "vajadused.csv", []byte(needs), map[string]string{"apply": "true"})
		status, resp := send(t, tartu, "POST", a.URL+"/api/v1/needs/import", ctype, body)
		var p api.SurveyPreview
		if status != http.StatusCreated || json.Unmarshal([]byte(resp), &p) != nil || len(p.Needs) != 1 {
			t.Fatalf("needs import: %d %s", status, resp)
		}
		if n, err := a.store.Need(context.Background(), p.Needs[0].ID); err != nil || n.Title != "=Kallis" || n.Description != "-lühike" {
			t.Errorf("imported need %q %q %v", n.Title, n.Description, err)
		}
	})
}
