package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// A form saved without a change must not leave an empty entry in the record's history.
func TestAuditSkipsUnchangedSave(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		editor := &auth.User{ID: 7, Name: "Mari Maasikas", Role: auth.RoleEditor, MunicipalityEHAK: "0793", Active: true}
		ctx := auth.WithUser(context.Background(), editor)
		m, err := s.Municipality(ctx, "0793")
		if err != nil {
			t.Fatal(err)
		}
		d := municipality.Details{Website: "https://www.tartu.ee", Contact: municipality.Contact{Name: "Mari"}, Version: m.Version}
		saved, err := s.UpdateDetails(ctx, "0793", d)
		if err != nil {
			t.Fatal(err)
		}
		d.Version = saved.Version
		if _, err := s.UpdateDetails(ctx, "0793", d); err != nil {
			t.Fatal(err)
		}
		events, total, err := s.ListEvents(ctx, audit.Filter{Entity: "municipality", EntityID: "0793", Action: audit.Update})
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || len(events[0].Changes()) == 0 {
			t.Errorf("update events: %d %+v, want the one real change", total, events)
		}
	})
}
