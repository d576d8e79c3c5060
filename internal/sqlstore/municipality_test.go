package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestListMunicipalities(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		all, total, err := s.ListMunicipalities(ctx, municipality.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if total != 79 || len(all) != 79 {
			t.Fatalf("got %d of %d, want 79", len(all), total)
		}
		// Estonian order: Väike-Maarja (V) before Võru (V+õ) before Ämari-like names; the
		// last name starts with Ö or Ü only if such exist, so check the V-group order.
		idx := map[string]int{}
		for i, m := range all {
			idx[m.Name] = i
		}
		if !(idx["Viljandi vald"] < idx["Võru linn"] && idx["Saue vald"] < idx["Setomaa vald"] && idx["Setomaa vald"] < idx["Tallinn"]) {
			t.Errorf("not in Estonian order: %v", idx)
		}

		tests := []struct {
			name  string
			f     municipality.Filter
			total int
			first string
		}{
			{"search folded", municipality.Filter{Q: "poltsamaa"}, 1, "Põltsamaa vald"},
			{"search with marks", municipality.Filter{Q: "Põlts"}, 1, "Põltsamaa vald"},
			{"search like chars are literal", municipality.Filter{Q: "%"}, 0, ""},
			{"county", municipality.Filter{CountyEHAK: "0079"}, 8, "Elva vald"},
			{"type", municipality.Filter{Type: municipality.City}, 15, "Haapsalu linn"},
			{"population desc", municipality.Filter{Sort: municipality.SortPopulation, Desc: true, Limit: 2}, 79, "Tallinn"},
			{"page two", municipality.Filter{Limit: 10, Offset: 70}, 79, all[70].Name},
			{"past the end", municipality.Filter{Limit: 10, Offset: 100}, 79, ""},
		}
		for _, tt := range tests {
			got, total, err := s.ListMunicipalities(ctx, tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			first := ""
			if len(got) > 0 {
				first = got[0].Name
			}
			if total != tt.total || first != tt.first {
				t.Errorf("%s: total %d first %q, want %d %q", tt.name, total, first, tt.total, tt.first)
			}
		}
		if _, _, err := s.ListMunicipalities(ctx, municipality.Filter{Sort: "x; DROP TABLE"}); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("bad sort: %v", err)
		}
	})
}

func TestCountiesAndStats(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		cs, err := s.ListCounties(ctx)
		if err != nil || len(cs) != 15 {
			t.Fatalf("counties: %d %v", len(cs), err)
		}
		sum := 0
		for _, c := range cs {
			sum += c.Municipalities
		}
		if sum != 79 {
			t.Errorf("counties hold %d municipalities", sum)
		}
		c, err := s.County(ctx, "0079")
		if err != nil || c.Name != "Tartu maakond" || c.Municipalities != 8 {
			t.Errorf("Tartu county: %+v %v", c, err)
		}
		if _, err := s.County(ctx, "9999"); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("unknown county: %v", err)
		}
		st, err := s.Stats(ctx)
		if err != nil || st.Municipalities != 79 || st.Cities != 15 || st.Counties != 15 || st.Population < 1_300_000 {
			t.Errorf("stats %+v %v", st, err)
		}
	})
}

func TestUpdateDetailsOptimisticLockAndAudit(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		editor := &auth.User{ID: 7, Name: "Mari Maasikas", Role: auth.RoleEditor, MunicipalityEHAK: "0793", Active: true}
		ctx := auth.WithUser(context.Background(), editor)
		m, err := s.Municipality(ctx, "0793")
		if err != nil {
			t.Fatal(err)
		}
		first := municipality.Details{Website: "https://www.tartu.ee", Contact: municipality.Contact{Name: "Mari", Email: "it@tartu.ee"}, Version: m.Version}
		second := municipality.Details{Contact: municipality.Contact{Name: "Jüri"}, Version: m.Version}
		updated, err := s.UpdateDetails(ctx, "0793", first)
		if err != nil {
			t.Fatal(err)
		}
		if updated.Version != m.Version+1 || updated.Contact.Email != "it@tartu.ee" {
			t.Errorf("after update: %+v", updated)
		}
		// The second editor started from the same version: refused, first save kept.
		if _, err := s.UpdateDetails(ctx, "0793", second); kovit.ErrorCode(err) != kovit.EConflict {
			t.Fatalf("stale save: %v, want conflict", err)
		}
		now, _ := s.Municipality(ctx, "0793")
		if now.Contact.Name != "Mari" {
			t.Errorf("first edit lost: %+v", now.Contact)
		}
		// Bad input changes nothing.
		if _, err := s.UpdateDetails(ctx, "0793", municipality.Details{Website: "nope", Version: now.Version}); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("invalid: %v", err)
		}
		if _, err := s.UpdateDetails(ctx, "9999", first); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("unknown: %v", err)
		}
		events, total, err := s.ListEvents(ctx, audit.Filter{Entity: "municipality", EntityID: "0793"})
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || events[0].Action != audit.Update || events[0].ActorName != "Mari Maasikas" || *events[0].ActorID != 7 {
			t.Fatalf("events: %d %+v", total, events)
		}
		changes := events[0].Changes()
		if len(changes) != 3 || changes[0].Field != "contact.email" || changes[0].After != "it@tartu.ee" {
			t.Errorf("changes: %+v", changes)
		}
		if events[1].Action != audit.Create || events[1].ActorName != "system" {
			t.Errorf("reference load event: %+v", events[1])
		}
	})
}

func TestAuditFilter(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		_, total, err := s.ListEvents(ctx, audit.Filter{Entity: "county"})
		if err != nil || total != 15 {
			t.Fatalf("county events: %d %v", total, err)
		}
		page, total, err := s.ListEvents(ctx, audit.Filter{Entity: "municipality", Action: audit.Create, Limit: 10, Offset: 70})
		if err != nil || total != 79 || len(page) != 9 {
			t.Errorf("paged: %d of %d %v", len(page), total, err)
		}
		if _, _, err := s.ListEvents(ctx, audit.Filter{Action: "explode"}); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("bad action: %v", err)
		}
	})
}
