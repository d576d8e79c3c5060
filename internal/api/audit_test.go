package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestAuditEvents(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		editor, editorToken := s.user(auth.RoleEditor, "0793")
		_, coordinator := s.user(auth.RoleCoordinator, "")
		_, reader := s.user(auth.RoleReader, "")
		body := `{"website": "https://www.tartu.ee", "version": 1}`
		if r := s.do(req{method: "PATCH", path: "/api/v1/municipalities/0793", token: editorToken, body: body}); r.status != http.StatusOK {
			t.Fatalf("save: %d %s", r.status, r.body)
		}

		type events struct {
			Items []audit.Event `json:"items"`
			Total int           `json:"total"`
			Limit int           `json:"limit"`
		}
		var tartu events
		s.get("/api/v1/audit-events?entity=municipality&entity_id=0793&action=update", coordinator, &tartu)
		if tartu.Total != 1 || len(tartu.Items) != 1 || tartu.Limit != 50 {
			t.Fatalf("Tartu's updates: %+v", tartu)
		}
		e := tartu.Items[0]
		var after struct{ Website string }
		if err := json.Unmarshal(e.After, &after); err != nil || e.ActorID == nil || *e.ActorID != editor.ID || after.Website != "https://www.tartu.ee" {
			t.Errorf("event %+v %v", e, err)
		}

		// The test store's clock starts at 2026-11-25 10:00 UTC, noon in Tallinn.
		tests := []struct {
			query string
			total int
		}{
			{fmt.Sprint("actor_id=", editor.ID), 1},
			{"entity=user&action=create", 3},
			{"entity=municipality&action=create&since=2026-11-25&until=2026-11-25", 79},
			{"entity=municipality&until=2026-11-24", 0},
			{"entity=municipality&since=2026-11-26", 0},
			{"entity=municipality&action=update&since=2026-11-25T10:00:00Z&until=2026-11-25T13:00:00%2B02:00", 1},
			{"entity=municipality&action=update&until=2026-11-25T10:00:00Z", 0},
		}
		for _, tt := range tests {
			var got events
			s.get("/api/v1/audit-events?"+tt.query, coordinator, &got)
			if got.Total != tt.total {
				t.Errorf("%s: total %d, want %d", tt.query, got.Total, tt.total)
			}
		}

		s.do(req{path: "/api/v1/audit-events", token: reader}).problem(t, http.StatusForbidden)
		s.do(req{path: "/api/v1/audit-events", token: editorToken}).problem(t, http.StatusForbidden)
		s.do(req{path: "/api/v1/audit-events"}).problem(t, http.StatusUnauthorized)

		bad := []struct {
			query  string
			fields []string
		}{
			{"since=yesterday&actor_id=me", []string{"actor_id", "since"}},
			{"since=25.11.2026", []string{"since"}},
			{"action=burn&limit=1000", []string{"action", "limit"}},
			{"since=2026-11-25&until=2026-11-01", []string{"until"}},
			{"entityid=0793", []string{"entityid"}},
		}
		for _, tt := range bad {
			p := s.do(req{path: "/api/v1/audit-events?" + tt.query, token: coordinator, lang: "en"}).problem(t, http.StatusUnprocessableEntity)
			got := p.fields()
			sort.Strings(got)
			if diff := cmp.Diff(tt.fields, got); diff != "" {
				t.Errorf("%s: fields (-want +got):\n%s", tt.query, diff)
			}
		}
	})
}
