package plan

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestNational(t *testing.T) {
	m := func(ehak string, v float64, d string) Measurement {
		return Measurement{MunicipalityEHAK: ehak, Value: v, Date: *date(d)}
	}
	// Tartu reports twice; Tallinn once in between; a national row is ignored.
	ms := []Measurement{
		m("0793", 1, "2025-01-01"),
		m("0784", 0, "2025-06-01"),
		m("", 99, "2025-06-01"),
		m("0793", 3, "2026-01-01"),
		m("0296", 2, "2026-01-01"),
	}
	dates := []string{"2025-01-01", "2025-06-01", "2026-01-01"}
	tests := []struct {
		agg  Aggregation
		want []float64
	}{
		{Sum, []float64{1, 1, 5}},
		{Mean, []float64{1, 0.5, 5.0 / 3}},
		{Share, []float64{25, 25, 50}}, // of 4 municipalities: 1, 1, then 2 above zero
	}
	for _, tt := range tests {
		var want []Point
		for i, d := range dates {
			want = append(want, Point{Value: tt.want[i], Date: *date(d)})
		}
		if diff := cmp.Diff(want, National(tt.agg, ms, 4), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.agg, diff)
		}
	}
	if got := National(Sum, nil, 79); got != nil {
		t.Errorf("no values: %v", got)
	}
	// Share never exceeds 100 % even when more municipalities reported than were expected.
	if got := National(Share, ms, 1); math.Abs(got[2].Value-200.0/3) > 1e-9 {
		t.Errorf("share over reporters: %v", got[2].Value)
	}
}

func TestSeries(t *testing.T) {
	ms := []Measurement{
		{Value: 7, Date: *date("2026-01-01")},
		{Value: 5, Date: *date("2025-01-01")},
		{MunicipalityEHAK: "0793", Value: 1, Date: *date("2025-01-01")},
	}
	national := Indicator{}.Series(ms, 79)
	if len(national) != 2 || national[0].Value != 5 || national[1].Value != 7 {
		t.Errorf("national series %v", national)
	}
	if derived := (Indicator{Breakdown: Sum}).Series(ms, 79); len(derived) != 1 || derived[0].Value != 1 {
		t.Errorf("derived series %v", derived)
	}
}
