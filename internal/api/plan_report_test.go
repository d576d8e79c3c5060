package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestReportAPI posts a progress update, opens and completes a report and compares it
// with an open one, checking the refusals on the way.
func TestReportAPI(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		f := newPlanFixture(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		_, reader := s.user(auth.RoleReader, "")
		updates := fmt.Sprintf("/api/v1/activities/%d/updates", f.activity.ID)

		if r := s.do(req{method: "POST", path: updates, token: reader, body: `{"body":"x","date":"2026-06-01T00:00:00Z"}`}); r.status != http.StatusForbidden {
			t.Errorf("a reader who is no contact posts: %d", r.status)
		}
		if p := s.do(req{method: "POST", path: updates, token: coord, body: `{"body":"","date":"2026-06-01T00:00:00Z"}`}).problem(t, http.StatusUnprocessableEntity); len(p.Errors) != 1 || p.Errors[0].Field != "body" {
			t.Errorf("empty body: %+v", p)
		}
		r := s.do(req{method: "POST", path: updates, token: coord, body: `{"body":"Edeneb hästi.","date":"2026-06-01T00:00:00Z"}`})
		var posted plan.ProgressUpdate
		if r.status != http.StatusCreated {
			t.Fatalf("post: %d %s", r.status, r.body)
		}
		r.decode(t, &posted)
		var timeline struct {
			Items []plan.ProgressUpdate `json:"items"`
			Total int                   `json:"total"`
		}
		s.get(updates, "", &timeline)
		if timeline.Total != 1 || timeline.Items[0].ID != posted.ID || timeline.Items[0].Body != "Edeneb hästi." {
			t.Errorf("timeline %+v", timeline)
		}

		open := fmt.Sprintf(`{"strategy_id":%d,"title_et":"2026. aasta aruanne","period_start":"2026-01-01T00:00:00Z","period_end":"2026-12-31T00:00:00Z"}`, f.seed.ID)
		if r := s.do(req{method: "POST", path: "/api/v1/reports", token: reader, body: open}); r.status != http.StatusForbidden {
			t.Errorf("a reader opens a report: %d", r.status)
		}
		if p := s.do(req{method: "POST", path: "/api/v1/reports", token: coord, body: `{"strategy_id":999999,"title_et":"x","period_start":"2026-01-01T00:00:00Z","period_end":"2026-12-31T00:00:00Z"}`}).problem(t, http.StatusUnprocessableEntity); p.Errors[0].Field != "strategy_id" {
			t.Errorf("unknown strategy: %+v", p)
		}
		var first, second plan.Report
		for _, rep := range []*plan.Report{&first, &second} {
			r := s.do(req{method: "POST", path: "/api/v1/reports", token: coord, body: open})
			if r.status != http.StatusCreated || r.header.Get("Location") == "" {
				t.Fatalf("open: %d %s", r.status, r.body)
			}
			r.decode(t, rep)
		}
		complete := fmt.Sprintf("/api/v1/reports/%d/complete", first.ID)
		r = s.do(req{method: "POST", path: complete, token: coord, body: `{"version":1}`})
		var done api.ReportDetail
		if r.status != http.StatusOK {
			t.Fatalf("complete: %d %s", r.status, r.body)
		}
		r.decode(t, &done)
		if done.Live || done.Report.Status != plan.ReportComplete || done.Report.Frozen != nil || len(done.State.Nodes) == 0 {
			t.Errorf("completed %+v", done.Report)
		}
		if p := s.do(req{method: "POST", path: complete, token: coord, body: `{"version":2}`}).problem(t, http.StatusConflict); p.Code != "conflict" {
			t.Errorf("complete again: %+v", p)
		}

		// The plan moves on; the public reads the frozen report without internal notes.
		act := f.activity
		act.Status, act.Completion = plan.Done, 100
		if _, err := store.UpdateNode(auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true}), act); err != nil {
			t.Fatal(err)
		}
		var public api.ReportDetail
		s.get(fmt.Sprintf("/api/v1/reports/%d", first.ID), "", &public)
		for _, n := range public.State.Nodes {
			if n.InternalNote != "" {
				t.Errorf("public report shows the internal note of %s", n.Code)
			}
			if n.ID == act.ID && n.Status != plan.InProgress {
				t.Errorf("frozen activity moved on: %+v", n)
			}
		}
		var c api.ReportComparison
		s.get(fmt.Sprintf("/api/v1/reports/%d/compare/%d", second.ID, first.ID), "", &c)
		if c.From.ID != first.ID || len(c.Comparison.StatusChanges) != 1 || c.Comparison.StatusChanges[0].To != plan.Done {
			t.Errorf("comparison from %d: %+v", c.From.ID, c.Comparison.StatusChanges)
		}
		var listed struct {
			Items []plan.Report `json:"items"`
			Total int           `json:"total"`
		}
		s.get(fmt.Sprintf("/api/v1/reports?strategy=%d", f.seed.ID), "", &listed)
		if listed.Total != 2 || listed.Items[0].Frozen != nil {
			t.Errorf("list %+v", listed)
		}
	})
}
