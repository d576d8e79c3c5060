package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/desk"
	"kovit/internal/eservice"
	"kovit/internal/landscape"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestAdoptionDeskProposesCellUpdate: once the activity of Kastre's adoption of a practice
// about an e-service is done, Kastre's desk proposes updating that service's cell, linking
// to the one-page form, until the cell is saved after the adoption was applied; a cell
// saved before does not count, and another municipality's desk has nothing.
func TestAdoptionDeskProposesCellUpdate(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		s.Now = func() time.Time { return clock }
		services, err := s.ListServices(ctx, false)
		if err != nil || len(services) == 0 {
			t.Fatal(services, err)
		}
		code := services[0].Code
		p, err := s.CreatePractice(ctx, landscape.Practice{Title: "Toetuste taotlused iseteeninduses", Summary: "Kõik ühes kohas.",
			Municipalities: []string{"0793"}, ServiceCodes: []string{code}, Status: landscape.PracticePublished})
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.Adopt(ctx, landscape.Adoption{PracticeID: p.ID, MunicipalityEHAK: "0291"})
		if err != nil {
			t.Fatal(err)
		}
		// Kastre's cell saved before the work is done does not close the item.
		if _, err := s.SaveCell(ctx, "0291", code, eservice.CellInput{Offering: eservice.NotOffered}); err != nil {
			t.Fatal(err)
		}
		provide := landscape.AdoptionDeskProvider(s, s)
		items := func(ehak string) []desk.Item {
			found, err := provide(ctx, desk.Viewer{Municipality: ehak}, clock)
			if err != nil {
				t.Fatal(err)
			}
			return found.Items
		}
		if got := items("0291"); len(got) != 0 {
			t.Fatalf("before the activity is done: %+v", got)
		}
		node, err := s.Node(ctx, a.ActivityID)
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Strategy(ctx, a.StrategyID)
		if err != nil {
			t.Fatal(err)
		}
		for _, status := range st.Statuses {
			if status.Done {
				node.Status = status.Key
			}
		}
		if _, err := s.UpdateNode(ctx, node); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(time.Hour)
		if n, err := s.FollowAdoptions(ctx); err != nil || n != 1 {
			t.Fatalf("follow: %d %v", n, err)
		}
		got := items("0291")
		if len(got) != 1 || got[0].Kind != landscape.DeskServiceUpdate || got[0].TitleEt != code ||
			got[0].Link != "/municipalities/0291/eservices/edit" || got[0].Detail != p.Title {
			t.Fatalf("after the activity is done: %+v", got)
		}
		if other := items("0793"); len(other) != 0 {
			t.Errorf("Tartu's desk: %+v", other)
		}
		if none := items(""); len(none) != 0 {
			t.Errorf("a desk without a municipality: %+v", none)
		}
		clock = clock.Add(time.Hour)
		if _, err := s.SaveCell(ctx, "0291", code, eservice.CellInput{Offering: eservice.Offered, Version: 1}); err != nil {
			t.Fatal(err)
		}
		if left := items("0291"); len(left) != 0 {
			t.Errorf("after the cell is saved: %+v", left)
		}
	})
}
