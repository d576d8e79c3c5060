package eservice

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSaved(t *testing.T) {
	scale := numberedScale()
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	tallinn := time.FixedZone("EET", 2*3600)
	before := Cell{MunicipalityEHAK: "0793", ServiceCode: "SOC-001", Offering: Offered, Met: []int64{1}, Level: 1, System: "Vana",
		Verification: Verified, ReturnReason: "old", Version: 4, UpdatedBy: "Mari"}
	checked := time.Date(2026, 11, 20, 23, 30, 0, 0, tallinn)
	for _, tc := range []struct {
		name string
		in   CellInput
		want Cell
	}{
		{"criteria sorted once, level from the scale, verification reset",
			CellInput{Offering: Offered, Met: []int64{4, 2, 1, 3, 2}, URL: "https://tartu.ee/t", EvidenceCheckedOn: &checked, Version: 4},
			Cell{MunicipalityEHAK: "0793", ServiceCode: "SOC-001", Offering: Offered, Met: []int64{1, 2, 3, 4}, Level: 3,
				URL: "https://tartu.ee/t", EvidenceCheckedOn: day(2026, 11, 20), Verification: SelfReported, Version: 5, UpdatedAt: at, UpdatedBy: "Kati", ConfirmedAt: &at}},
		{"not applicable, no criteria: nil as read back",
			CellInput{Offering: NotApplicable, Met: []int64{}},
			Cell{MunicipalityEHAK: "0793", ServiceCode: "SOC-001", Offering: NotApplicable, Verification: SelfReported, Version: 5, UpdatedAt: at, UpdatedBy: "Kati", ConfirmedAt: &at}},
	} {
		if diff := cmp.Diff(tc.want, before.Saved(tc.in, scale, at, "Kati")); diff != "" {
			t.Errorf("%s (-want +got)\n%s", tc.name, diff)
		}
	}
	if fresh := (Cell{MunicipalityEHAK: "0899", ServiceCode: "EDU-001"}).Saved(CellInput{Offering: NotOffered}, scale, at, "Kati"); fresh.Version != 1 {
		t.Errorf("a first save is version 1: %+v", fresh)
	}
}

func TestUnchanged(t *testing.T) {
	c := Cell{Offering: Offered, Met: []int64{1, 2}, URL: "https://a.ee", EvidenceCheckedOn: day(2026, 1, 2)}
	same := CellInput{Offering: Offered, Met: []int64{2, 1, 1}, URL: "https://a.ee", EvidenceCheckedOn: day(2026, 1, 2), Version: 9}
	if !c.Unchanged(same) {
		t.Error("same input counted as a change")
	}
	for name, change := range map[string]func(*CellInput){
		"offering": func(in *CellInput) { in.Offering = NotOffered },
		"criteria": func(in *CellInput) { in.Met = []int64{1} },
		"url":      func(in *CellInput) { in.URL = "" },
		"system":   func(in *CellInput) { in.System = "X" },
		"evidence": func(in *CellInput) { in.EvidenceURL = "https://b.ee" },
		"date":     func(in *CellInput) { in.EvidenceCheckedOn = day(2026, 1, 3) },
		"no date":  func(in *CellInput) { in.EvidenceCheckedOn = nil },
	} {
		in := same
		change(&in)
		if c.Unchanged(in) {
			t.Errorf("%s: change not seen", name)
		}
	}
}

// MedianOfCounts is Median of the levels counted.
func TestMedianOfCounts(t *testing.T) {
	for _, levels := range [][]int{nil, {0}, {3}, {1, 2}, {0, 5, 5}, {2, 2, 3, 4}, {0, 0, 1, 5, 5, 5}, {4, 1, 3, 0, 2}} {
		var counts [6]int
		for _, l := range levels {
			counts[l]++
		}
		if got, want := MedianOfCounts(counts[:]), Median(levels); got != want {
			t.Errorf("%v: %v, Median says %v", levels, got, want)
		}
	}
}
