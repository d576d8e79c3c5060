package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/need"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestOpenAPINeedSchemasMatchGoTypes(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{
		"Need": need.Need{}, "NeedEvent": need.Event{}, "NeedDetail": api.NeedDetail{}, "Transition": need.Transition{},
		"SuggestionDecision": api.SuggestionDecision{}, "Suggestion": need.Suggestion{}, "Figures": need.Figures{},
		"Consolidated": need.Consolidated{}, "NewConsolidated": api.NewConsolidated{}, "NeedLinks": api.NeedLinks{},
		"EndorsementRequest": api.EndorsementRequest{}, "ConsolidatedDetail": api.ConsolidatedDetail{}, "Weights": need.Weights{},
		"Part": need.Part{}, "Ranked": need.Ranked{}, "Eligibility": need.Eligibility{}, "Measure": need.Measure{},
		"Mapping": api.Mapping{}, "BudgetLine": need.BudgetLine{}, "Budget": need.Budget{}, "MeasureTrace": need.MeasureTrace{},
		"Round": need.Round{}, "DashboardRow": need.DashboardRow{}, "Dashboard": need.Dashboard{}, "RoundDetail": api.RoundDetail{},
		"Project": need.Project{}, "TraceActivity": need.Activity{}, "Trace": need.Trace{},
	})
}

type needPage struct {
	Items []need.Need `json:"items"`
	Total int         `json:"total"`
}

func TestNeedsAPI(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, tartu := s.user(auth.RoleEditor, "0793")
		_, tallinn := s.user(auth.RoleEditor, "0784")
		_, reader := s.user(auth.RoleReader, "")
		_, coord := s.user(auth.RoleCoordinator, "")

		create := func(token, ehak, title string) need.Need {
			t.Helper()
			r := s.do(req{method: "POST", path: "/api/v1/needs", token: token,
				body: fmt.Sprintf(`{"municipality_ehak":%q,"title":%q,"category":"records","cost":"12000,50","service_codes":["SOC-001"]}`, ehak, title)})
			if r.status != http.StatusCreated {
				t.Fatalf("create: %d %s", r.status, r.body)
			}
			var n need.Need
			r.decode(t, &n)
			return n
		}
		move := func(token string, n need.Need, body string) resp {
			return s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/needs/%d/transitions", n.ID), token: token, body: body})
		}
		a := create(tartu, "0793", "Dokumendihaldussüsteemi uuendamine")
		b := create(tallinn, "0784", "Dokumendihaldussüsteemide uuendamine")
		if a.State != need.Draft || *a.Cost != 1200050 {
			t.Errorf("created %+v", a)
		}
		// Input errors name the field.
		p := s.do(req{method: "POST", path: "/api/v1/needs", token: tartu, body: `{"municipality_ehak":"0793","title":"","category":"wish"}`}).problem(t, 422)
		if !slices.Equal(p.fields(), []string{"title", "category"}) {
			t.Errorf("fields %v", p.fields())
		}
		s.do(req{method: "POST", path: "/api/v1/needs", token: tartu, body: `{"municipality_ehak":"0784","title":"X","category":"other"}`}).problem(t, 403)
		// Editors see only their own; readers no drafts, and edit nothing.
		var list needPage
		s.get("/api/v1/needs", tartu, &list)
		if list.Total != 1 || list.Items[0].ID != a.ID {
			t.Errorf("editor's list %+v", list)
		}
		s.get("/api/v1/needs?q=dokumendihaldussüsteem", reader, &list)
		if list.Total != 0 {
			t.Errorf("reader's search found %d drafts", list.Total)
		}
		s.do(req{path: fmt.Sprintf("/api/v1/needs/%d", a.ID), token: reader}).problem(t, 403)
		s.do(req{path: fmt.Sprintf("/api/v1/needs/%d", b.ID), token: tartu}).problem(t, 403)
		s.do(req{path: "/api/v1/needs"}).problem(t, 401)
		s.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/needs/%d", a.ID), token: reader, body: `{"title":"X","version":1}`}).problem(t, 403)
		// Editing, then submitting; a submitted need is no longer the editor's to edit.
		r := s.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/needs/%d", a.ID), token: tartu, body: `{"urgency":"high","version":1}`})
		r.decode(t, &a)
		if r.status != 200 || a.Urgency != need.UrgencyHigh || a.Title == "" {
			t.Fatalf("patch: %d %s", r.status, r.body)
		}
		s.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/needs/%d", a.ID), token: tartu, body: `{"state":"done","version":2}`}).problem(t, 422)
		move(tartu, a, `{"to":"submitted","version":2}`).decode(t, &a)
		move(tallinn, b, `{"to":"submitted","version":1}`).decode(t, &b)
		// Submitted, they are the ministry's to read.
		s.get("/api/v1/needs?q=dokumendihaldussüsteem", reader, &list)
		if list.Total != 2 {
			t.Errorf("reader's search found %d submitted needs, want 2", list.Total)
		}
		if r := s.do(req{path: fmt.Sprintf("/api/v1/needs/%d", a.ID), token: reader}); r.status != 200 {
			t.Errorf("reader reads a submitted need: %d", r.status)
		}
		s.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/needs/%d", a.ID), token: tartu, body: `{"title":"X","version":3}`}).problem(t, 403)
		if p := move(tartu, a, `{"to":"rejected","reason":"ise","version":3}`).problem(t, 403); p.Code != "forbidden" {
			t.Errorf("editor rejecting: %+v", p)
		}
		if p := move(coord, a, `{"to":"rejected","version":3}`).problem(t, 422); !slices.Equal(p.fields(), []string{"reason"}) {
			t.Errorf("reject without reason: %v", p.fields())
		}
		if p := move(coord, a, `{"to":"funded","version":3}`).problem(t, 422); !slices.Equal(p.fields(), []string{"to"}) {
			t.Errorf("illegal move: %v", p.fields())
		}
		// Suggestions, and accepting one into a consolidated need.
		var sugg struct{ Items []need.Suggestion }
		s.get(fmt.Sprintf("/api/v1/needs/%d/similar", a.ID), coord, &sugg)
		if len(sugg.Items) != 1 || sugg.Items[0].Need.ID != b.ID || sugg.Items[0].Score < 0.5 {
			t.Fatalf("suggestions %+v", sugg)
		}
		s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/needs/%d/similar", a.ID), token: tartu, body: fmt.Sprintf(`{"other_id":%d,"decision":"accept"}`, b.ID)}).problem(t, 403)
		var con need.Consolidated
		r = s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/needs/%d/similar", a.ID), token: coord, body: fmt.Sprintf(`{"other_id":%d,"decision":"accept"}`, b.ID)})
		r.decode(t, &con)
		if r.status != 200 || len(con.Figures.Cohort) != 2 || con.Published {
			t.Fatalf("accept: %d %s", r.status, r.body)
		}
		// The public sees only what is published.
		var cons struct{ Items []need.Consolidated }
		s.get("/api/v1/consolidated-needs", "", &cons)
		if len(cons.Items) != 0 {
			t.Errorf("the public sees an unpublished consolidated need")
		}
		s.do(req{path: fmt.Sprintf("/api/v1/consolidated-needs/%d", con.ID)}).problem(t, 404)
		r = s.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/consolidated-needs/%d", con.ID), token: coord, body: `{"published":true,"strategy_fit":4,"version":1}`})
		if r.status != 200 {
			t.Fatalf("publish: %d %s", r.status, r.body)
		}
		s.get("/api/v1/consolidated-needs", "", &cons)
		if len(cons.Items) != 1 {
			t.Errorf("the public does not see a published consolidated need")
		}
		r = s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/consolidated-needs/%d/endorsements", con.ID), token: tartu, body: `{"municipality_ehak":"0793"}`})
		if r.status != 200 {
			t.Errorf("endorse: %d %s", r.status, r.body)
		}
		s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/consolidated-needs/%d/endorsements", con.ID), token: tartu, body: `{"municipality_ehak":"0793"}`}).problem(t, 422)
		var ranked struct{ Items []need.Ranked }
		s.get("/api/v1/consolidated-needs?sort=priority", "", &ranked)
		if len(ranked.Items) != 1 || ranked.Items[0].Rank != 1 || len(ranked.Items[0].Breakdown) != 5 {
			t.Errorf("ranked %+v", ranked)
		}
		// A measure, the mapping and the budget view.
		var m need.Measure
		r = s.do(req{method: "POST", path: "/api/v1/measures", token: coord, body: `{"name":"Digipööre","start_year":2021,"end_year":2027,"budget":100000,"max_grant":5000,"co_financing":15,"eligibility":{"types":["linn"],"categories":["records"]}}`})
		r.decode(t, &m)
		if r.status != 201 {
			t.Fatalf("measure: %d %s", r.status, r.body)
		}
		s.do(req{path: fmt.Sprintf("/api/v1/measures/%d", m.ID)}).problem(t, 404)
		r = s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/measures/%d/mapping", m.ID), token: coord, body: fmt.Sprintf(`{"consolidated_need_id":%d,"mapped":true,"version":2}`, con.ID)})
		if r.status != 200 {
			t.Fatalf("mapping: %d %s", r.status, r.body)
		}
		var bud need.Budget
		s.do(req{path: fmt.Sprintf("/api/v1/measures/%d/budget", m.ID)}).problem(t, 401)
		s.get(fmt.Sprintf("/api/v1/measures/%d/budget", m.ID), reader, &bud)
		if bud.Cost != 2400100 || bud.Grants != 1000000 || len(bud.Lines) != 2 {
			t.Errorf("budget %+v", bud)
		}
		var tr need.Trace
		s.get(fmt.Sprintf("/api/v1/needs/%d/trace", a.ID), tartu, &tr)
		if tr.Consolidated == nil || tr.Measure == nil || tr.Measure.ID != m.ID || len(tr.Events) != 3 {
			t.Errorf("trace %+v", tr)
		}
	})
}
