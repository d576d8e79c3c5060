package eservice

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// scaleWithIDs is the default scale with ids 11 (level 1), 21, 31, 32, 41, 42, 51.
func scaleWithIDs() Scale {
	s := DefaultScale()
	for i := range s {
		for j := range s[i].Criteria {
			s[i].Criteria[j].ID = int64(s[i].Number*10 + j + 1)
		}
	}
	return s
}

func TestLevelAndBottleneck(t *testing.T) {
	s := scaleWithIDs()
	tests := []struct {
		name       string
		offering   Offering
		met        []int64
		level      int
		bottleneck []string
	}{
		{"nothing", Offered, nil, 0, []string{"1.1"}},
		{"info online", Offered, []int64{11}, 1, []string{"2.1"}},
		{"half of level 3", Offered, []int64{11, 21, 31}, 2, []string{"3.2"}},
		{"level 3", Offered, []int64{11, 21, 31, 32}, 3, []string{"4.1", "4.2"}},
		{"gap below counts", Offered, []int64{11, 31, 32, 41, 42, 51}, 1, []string{"2.1"}},
		{"top", Offered, []int64{11, 21, 31, 32, 41, 42, 51}, 5, nil},
		{"not offered", NotOffered, nil, 0, []string{"1.1"}},
	}
	for _, tt := range tests {
		if got := s.LevelOf(tt.offering, tt.met); got != tt.level {
			t.Errorf("%s: level %d, want %d", tt.name, got, tt.level)
		}
		var codes []string
		for _, c := range s.Bottleneck(tt.offering, tt.met) {
			codes = append(codes, c.Code)
		}
		if diff := cmp.Diff(tt.bottleneck, codes); diff != "" {
			t.Errorf("%s: bottleneck (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestCellInputValidate(t *testing.T) {
	s := scaleWithIDs()
	tests := []struct {
		in  CellInput
		bad []string
	}{
		{CellInput{Offering: Offered, Met: []int64{11}, URL: "https://tartu.ee/e"}, nil},
		{CellInput{Offering: "maybe", Met: []int64{99}, URL: "x", EvidenceURL: "y", Version: -1}, []string{"offering", "criteria_met", "url", "evidence_url", "version"}},
		{CellInput{Offering: NotOffered, Met: []int64{11}}, []string{"criteria_met"}},
	}
	for i, tt := range tests {
		var got []string
		for _, f := range kovit.FieldsOf(tt.in.Validate(s)) {
			got = append(got, f.Field)
		}
		if diff := cmp.Diff(tt.bad, got); diff != "" {
			t.Errorf("%d: (-want +got):\n%s", i, diff)
		}
	}
	if kovit.FieldsOf(Review{Verification: Returned, Version: 1}.Validate()).Has("reason") == false {
		t.Error("return without reason accepted")
	}
}

func TestStats(t *testing.T) {
	ms := []municipality.Municipality{
		{EHAK: "a", Population: 1000, Type: municipality.Rural},
		{EHAK: "b", Population: 3000, Type: municipality.City},
		{EHAK: "c", Population: 6000, Type: municipality.Rural},
		{EHAK: "d", Population: 60000, Type: municipality.City},
	}
	g := NewGrid([]Cell{
		{MunicipalityEHAK: "a", ServiceCode: "S", Offering: Offered, Level: 3},
		{MunicipalityEHAK: "b", ServiceCode: "S", Offering: NotApplicable},
		{MunicipalityEHAK: "c", ServiceCode: "S", Offering: Offered, Level: 1},
		{MunicipalityEHAK: "d", ServiceCode: "S", Offering: Offered, Level: 4},
		{MunicipalityEHAK: "d", ServiceCode: "T", Offering: Offered, Level: 2},
	})
	st := g.StatsOf("S", ms)
	want := ServiceStats{Code: "S", Applicable: 3, Online: 2, Share: 2.0 / 3, PopulationOnline: 61000, PopulationShare: 61000.0 / 70000}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
	services := []Service{{Code: "S"}, {Code: "T"}, {Code: "U"}}
	if got := g.MunicipalityStatsOf("d", services); got.Median != 2 || got.Online != 1 {
		t.Errorf("d: %+v", got)
	}
	if got := g.MunicipalityStatsOf("b", services); got.Median != 0 {
		t.Errorf("b: %+v (not applicable S, nothing else)", got)
	}
	if BandOf(4999) != "lt5000" || BandOf(5000) != "5000-9999" || BandOf(50000) != "ge50000" {
		t.Error("bands")
	}
	if peers := Peers(ms[0], ms, "band"); len(peers) != 2 {
		t.Errorf("band peers %v", peers)
	}
	if peers := Peers(ms[1], ms, "type"); len(peers) != 2 {
		t.Errorf("type peers %v", peers)
	}
	if Median([]int{1, 5, 3, 2}) != 2.5 || Median(nil) != 0 {
		t.Error("median")
	}
}

func TestForecast(t *testing.T) {
	month := func(i int) time.Time { return time.Date(2026, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC) }
	var steady []MonthShare
	for i := range 6 {
		steady = append(steady, MonthShare{Month: month(i), Share: 0.10 + 0.05*float64(i)})
	}
	f, ok := ForecastShare(steady, 0.8)
	if !ok || f.Likely == nil || f.Reached {
		t.Fatalf("steady: %+v", f)
	}
	// 0.35 at month 5 (June), +0.05 a month: 0.80 after 9 more months, March 2027.
	if got := f.Likely.Format("2006-01"); got != "2027-03" {
		t.Errorf("likely %s, want 2027-03", got)
	}
	if f.Earliest == nil || f.Latest == nil || f.Earliest.After(*f.Likely) || f.Latest.Before(*f.Likely) {
		t.Errorf("range %v – %v around %v", f.Earliest, f.Latest, f.Likely)
	}
	flat := []MonthShare{{Month: month(0), Share: 0.2}, {Month: month(1), Share: 0.2}, {Month: month(2), Share: 0.2}}
	if f, _ := ForecastShare(flat, 0.8); f.Likely != nil {
		t.Errorf("flat trend forecast %v", f.Likely)
	}
	if _, ok := ForecastShare(steady[:2], 0.8); ok {
		t.Error("two months forecast")
	}
	if f, _ := ForecastShare(append(steady, MonthShare{Month: month(6), Share: 0.9}), 0.8); !f.Reached {
		t.Error("already reached")
	}
}

func TestDueSnapshot(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 30, 0, 0, time.UTC)
	if m, ok := DueSnapshot(now, []string{"2026-10"}); !ok || m != "2026-11" {
		t.Errorf("got %q %v", m, ok)
	}
	if _, ok := DueSnapshot(now, []string{"2026-10", "2026-11"}); ok {
		t.Error("snapshot taken twice")
	}
	if m, _ := DueSnapshot(time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), nil); m != "2026-12" {
		t.Errorf("year boundary: %q", m)
	}
}

func TestMedianHistory(t *testing.T) {
	services := []Service{{Code: "A"}, {Code: "B"}, {Code: "C"}}
	snaps := []SnapshotCell{
		{Month: "2026-09", ServiceCode: "A", Offering: Offered, Level: 3},
		{Month: "2026-10", ServiceCode: "A", Offering: Offered, Level: 4},
		{Month: "2026-10", ServiceCode: "B", Offering: Offered, Level: 2},
		{Month: "2026-10", ServiceCode: "C", Offering: NotApplicable},
	}
	got := MedianHistory([]string{"2026-09", "2026-10"}, snaps, services)
	// September: A=3, B and C missing count 0 → median 0; October: A=4, B=2, C left out → 3.
	if len(got) != 2 || got[0].Value != 0 || got[1].Value != 3 || got[1].Month.Month() != time.October {
		t.Errorf("history %+v", got)
	}
}
