package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestCPSVExport: both formats list the services someone offers, with the offering
// municipalities as competent authorities; internal/cpsv validates the shapes.
func TestCPSVExport(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		ctx := context.Background()
		for _, ehak := range []string{"0793", "0899"} {
			if _, err := store.SaveCell(ctx, ehak, "SOC-001", eservice.CellInput{Offering: eservice.Offered, URL: "https://example.ee/" + ehak}); err != nil {
				t.Fatal(err)
			}
		}
		r := s.do(req{path: "/api/v1/cpsv-ap.jsonld"})
		if r.status != 200 || r.header.Get("Content-Type") != "application/ld+json" {
			t.Fatalf("jsonld: %d %s", r.status, r.header.Get("Content-Type"))
		}
		var doc struct {
			Graph []map[string]any `json:"@graph"`
		}
		if err := json.Unmarshal(r.body, &doc); err != nil {
			t.Fatal(err)
		}
		services := 0
		for _, n := range doc.Graph {
			if n["@type"] == "cpsv:PublicService" {
				services++
				if auth, _ := n["cv:hasCompetentAuthority"].([]any); len(auth) != 2 {
					t.Errorf("authorities %v", n["cv:hasCompetentAuthority"])
				}
			}
		}
		if services != 1 {
			t.Errorf("%d services, want the one offered", services)
		}
		r = s.do(req{path: "/api/v1/cpsv-ap.ttl"})
		ttl := string(r.body)
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/turtle") ||
			!strings.Contains(ttl, "@prefix cpsv:") || !strings.Contains(ttl, "<"+testBaseURL+"/municipalities/0899>") || strings.Contains(ttl, s.url) {
			t.Errorf("turtle %d:\n%.600s", r.status, ttl)
		}
	})
}
