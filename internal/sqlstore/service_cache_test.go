package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestServiceListFollowsChanges: the catalogue comes from a kept copy, and a new service,
// a renamed one and a retired one show in the next list at once; a caller changing the
// list it got changes nothing kept.
func TestServiceListFollowsChanges(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		find := func(includeRetired bool, code string) (eservice.Service, bool) {
			t.Helper()
			list, err := s.ListServices(ctx, includeRetired)
			if err != nil {
				t.Fatal(err)
			}
			for _, sv := range list {
				if sv.Code == code {
					return sv, true
				}
			}
			return eservice.Service{}, false
		}
		if _, ok := find(true, "ZZZ-001"); ok {
			t.Fatal("ZZZ-001 before it was made")
		}
		sv, err := s.CreateService(ctx, eservice.Service{Code: "ZZZ-001", NameEt: "Uus teenus", Area: "Valitsemine", Channels: []string{"web"}})
		if err != nil {
			t.Fatal(err)
		}
		got, ok := find(false, "ZZZ-001")
		if !ok || got.NameEt != "Uus teenus" {
			t.Fatalf("the new service in the list: %+v %v", got, ok)
		}
		got.Channels[0] = "changed by a caller"
		if again, _ := find(false, "ZZZ-001"); again.Channels[0] != "web" {
			t.Errorf("a caller's change reached the kept list: %v", again.Channels)
		}
		sv.NameEt, sv.Retired = "Ümber nimetatud", true
		if _, err := s.UpdateService(ctx, sv); err != nil {
			t.Fatal(err)
		}
		if _, ok := find(false, "ZZZ-001"); ok {
			t.Error("a retired service is still listed")
		}
		if got, ok := find(true, "ZZZ-001"); !ok || got.NameEt != "Ümber nimetatud" {
			t.Errorf("the renamed service with the retired ones: %+v %v", got, ok)
		}
	})
}
