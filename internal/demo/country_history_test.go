package demo_test

import (
	"context"
	"reflect"
	"sort"
	"testing"
	"time"

	"kovit/internal/demo"
	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestCountrySnapshots: the synthetic country's 24 months of history are snapshot months
// with the tallies a snapshot keeps, the same as counted from the cells the history
// rebuilds; its latest month taken again (comparing every cell) and the month after it
// (comparing the cells changed since) change neither the history nor those tallies.
func TestCountrySnapshots(t *testing.T) {
	shape := demo.Germany.Scaled(0.003)
	shape.Now = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		if err := demo.Country(ctx, s, shape); err != nil {
			t.Fatal(err)
		}
		months, err := s.SnapshotMonths(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(months) != shape.Months || months[0] != "2024-11" || months[len(months)-1] != "2026-10" {
			t.Fatalf("snapshot months %v, want the %d months 2024-11 … 2026-10", months, shape.Months)
		}
		tallies, err := s.SnapshotTallies(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(tallies) != shape.Months*shape.Services {
			t.Errorf("%d tallies, want %d months × %d services", len(tallies), shape.Months, shape.Services)
		}
		if want := talliesOf(t, s); !reflect.DeepEqual(tallies, want) {
			t.Errorf("generated tallies differ from the history's cells:\n%v\nwant\n%v", tallies[:5], want[:5])
		}
		online := 0
		for _, tl := range tallies {
			if tl.Month == "2026-10" {
				online += tl.Online
			}
		}
		if online == 0 {
			t.Error("no cell online in the last month")
		}
		changes, _ := s.TableRows(ctx, "cell_changes")
		for _, month := range []string{"2026-10", "2026-11"} {
			if err := s.TakeSnapshot(ctx, month); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := s.TableRows(ctx, "cell_changes"); n != changes {
			t.Errorf("%d history rows after taking the latest month again and the next, want %d", n, changes)
		}
		again, err := s.SnapshotTallies(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != len(tallies)+shape.Services || !reflect.DeepEqual(again[:len(tallies)], tallies) {
			t.Errorf("tallies changed when the latest month was taken again")
		}
		for i, tl := range again[len(tallies):] {
			if last := tallies[len(tallies)-shape.Services+i]; tl.Online != last.Online || tl.NotApplicable != last.NotApplicable {
				t.Errorf("November %+v, October %+v: nothing changed between them", tl, last)
			}
		}
	})
}

// talliesOf counts each snapshot month's tallies from the cells the history rebuilds.
func talliesOf(t *testing.T, s *sqlstore.Store) []eservice.SnapshotTally {
	t.Helper()
	cells, err := s.Snapshots(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ month, code string }
	counts := map[key]*eservice.SnapshotTally{}
	var order []key
	for _, c := range cells {
		k := key{c.Month, c.ServiceCode}
		tl := counts[k]
		if tl == nil {
			tl = &eservice.SnapshotTally{Month: c.Month, ServiceCode: c.ServiceCode}
			counts[k] = tl
			order = append(order, k)
		}
		switch {
		case c.Offering == eservice.NotApplicable:
			tl.NotApplicable++
		case c.Level >= 3:
			tl.Online++
		}
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		return a.month < b.month || a.month == b.month && a.code < b.code
	})
	out := make([]eservice.SnapshotTally, len(order))
	for i, k := range order {
		out[i] = *counts[k]
	}
	return out
}
