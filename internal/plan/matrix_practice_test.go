package plan

import (
	"testing"

	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

func TestPracticeMeasurements(t *testing.T) {
	ms := []municipality.Municipality{{EHAK: "a"}, {EHAK: "b"}, {EHAK: "c"}, {EHAK: "d"}}
	practices := []edemocracy.Practice{{MunicipalityEHAK: "a", Rahvaalgatus: true, Version: 1}, {MunicipalityEHAK: "b", Version: 1}}
	inds := []Indicator{{ID: 1, FromMatrix: &MatrixSource{Practice: "rahvaalgatus"}}, {ID: 2}}
	got := MatrixMeasurements(inds, "2026-10", nil, nil, ms, practices)
	// a of the four; c and d, which entered nothing, count as not having it.
	if len(got) != 1 || got[0].Value != 25 || got[0].Date.Format("2006-01-02") != "2026-10-31" || got[0].Source != "kovit e-democracy practice 2026-10: rahvaalgatus" {
		t.Fatalf("got %+v", got)
	}
	for _, c := range []struct {
		src   MatrixSource
		br    Aggregation
		field string
	}{
		{MatrixSource{Practice: "gossip"}, NoBreakdown, "from_matrix.practice"},
		{MatrixSource{Practice: "streaming", ServiceCode: "SOC-001"}, NoBreakdown, "from_matrix.practice"},
		{MatrixSource{Practice: "streaming"}, Sum, "breakdown"},
	} {
		i := Indicator{NameEt: "x", Better: HigherIsBetter, FromMatrix: &c.src, Breakdown: c.br}
		if !kovit.FieldsOf(i.Validate()).Has(c.field) {
			t.Errorf("%+v: %v does not name %s", c.src, i.Validate(), c.field)
		}
	}
	ok := Indicator{NameEt: "x", Better: HigherIsBetter, FromMatrix: &MatrixSource{Practice: "open_data"}}
	if err := ok.Validate(); err != nil {
		t.Error(err)
	}
}
