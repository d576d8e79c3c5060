package need

import (
	"slices"
	"testing"
	"time"

	"kovit/internal/municipality"
)

func TestSortNeeds(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	names := map[string]string{"0793": "Tartu linn", "0899": "Viljandi vald", "0171": "Elva vald", "0901": "Õismäe"}
	needs := []Need{
		{ID: 1, Title: "Zooloogia", MunicipalityEHAK: "0793", Category: CatOther, Cost: money(300), Urgency: UrgencyLow, State: Funded, CreatedAt: day(1), UpdatedAt: day(9)},
		{ID: 2, Title: "Õppekeskkond", MunicipalityEHAK: "0901", Category: CatEService, Urgency: UrgencyCritical, State: Draft, CreatedAt: day(2), UpdatedAt: day(3)},
		{ID: 3, Title: "Šabloonid", MunicipalityEHAK: "0171", Category: CatRecords, Cost: money(100), Urgency: UrgencyHigh, State: Submitted, CreatedAt: day(3), UpdatedAt: day(4)},
		{ID: 4, Title: "arhiiv", MunicipalityEHAK: "0899", Category: CatRecords, Cost: money(100), Urgency: UrgencyLow, State: Accepted, CreatedAt: day(3), UpdatedAt: day(1)},
	}
	keys := SortKeys{Title: func(n Need) string { return municipality.SortKey(n.Title) },
		Municipality: func(ehak string) string { return municipality.SortKey(names[ehak]) }}
	tests := []struct {
		field string
		desc  bool
		want  []int64
	}{
		{SortCreated, false, []int64{1, 2, 3, 4}},
		{SortCreated, true, []int64{4, 3, 2, 1}}, // same day: the later id first
		{SortUpdated, false, []int64{4, 2, 3, 1}},
		// Estonian order, case aside: a … s š z ž t … õ.
		{SortTitle, false, []int64{4, 3, 1, 2}},
		{SortTitle, true, []int64{2, 1, 3, 4}},
		{SortMunicipality, false, []int64{3, 1, 4, 2}},
		// The category list's order: e-service before records before other.
		{SortCategory, false, []int64{2, 3, 4, 1}},
		// Unknown cost last in either direction; equal costs by id.
		{SortCost, false, []int64{3, 4, 1, 2}},
		{SortCost, true, []int64{1, 4, 3, 2}},
		{SortUrgency, true, []int64{2, 3, 4, 1}},
		{SortState, false, []int64{2, 3, 4, 1}},
	}
	for _, tt := range tests {
		var got []*Need
		for i := range needs {
			got = append(got, &needs[i])
		}
		SortNeeds(got, tt.field, tt.desc, keys)
		var ids []int64
		for _, n := range got {
			ids = append(ids, n.ID)
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("%s desc=%v: %v, want %v", tt.field, tt.desc, ids, tt.want)
		}
	}
}

func TestFilterSort(t *testing.T) {
	f := Filter{}
	if err := f.Validate(); err != nil || f.Sort != SortCreated || !f.Desc {
		t.Errorf("default: %+v %v", f, err)
	}
	f = Filter{Sort: SortCost}
	if err := f.Validate(); err != nil || f.Desc {
		t.Errorf("cost: %+v %v", f, err)
	}
	f = Filter{Sort: "title; DROP TABLE needs"}
	if got := fields(f.Validate()); !slices.Equal(got, []string{"sort"}) {
		t.Errorf("unknown sort: %v", got)
	}
}
