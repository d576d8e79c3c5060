package desk

import (
	"context"
	"testing"
	"time"
)

func TestOrder(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	items := []Item{
		{Kind: CellUnfilled, Link: "/a"},
		{Kind: StaleActivity, Date: day(3)},
		{Kind: CellReturned, Date: day(5)},
		{Kind: CellReturned, Date: day(2)},
		{Kind: Changed, Date: day(1), Detail: "eservices"},
		{Kind: Changed, Date: day(9), Detail: "eservices"},
		{Kind: Changed, Date: day(10), Detail: "needs"},
		{Kind: "later_module", Date: day(1)},
	}
	got := Order(items)
	want := []Kind{CellReturned, CellReturned, StaleActivity, CellUnfilled, Changed, Changed, Changed, "later_module"}
	for i, k := range want {
		if got.Items[i].Kind != k {
			t.Fatalf("item %d is %s, want %s (%v)", i, got.Items[i].Kind, k, got.Items)
		}
	}
	if !got.Items[0].Date.Equal(day(2)) || !got.Items[4].Date.Equal(day(9)) || got.Items[6].Detail != "needs" {
		t.Errorf("oldest first, changes by module and newest first: %v", got.Items)
	}
	if got.Counts[CellReturned] != 2 {
		t.Errorf("counts %v", got.Counts)
	}
}

func TestOrderKeepsPerKind(t *testing.T) {
	var items []Item
	for range PerKind + 7 {
		items = append(items, Item{Kind: CellToVerify})
	}
	d := &Desk{Providers: []Provider{func(context.Context, Viewer, time.Time) (Found, error) {
		return Found{Items: items, Omitted: map[Kind]int{CellToVerify: 100}}, nil
	}}}
	got, err := d.For(context.Background(), Viewer{Queues: true}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != PerKind || got.Counts[CellToVerify] != PerKind+107 {
		t.Errorf("%d items, count %d", len(got.Items), got.Counts[CellToVerify])
	}
}
