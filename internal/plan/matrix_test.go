package plan

import (
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

func TestMatrixMeasurements(t *testing.T) {
	ms := []municipality.Municipality{{EHAK: "a"}, {EHAK: "b"}, {EHAK: "c"}, {EHAK: "d"}, {EHAK: "e"}}
	snaps := []eservice.SnapshotCell{
		{Month: "2026-10", MunicipalityEHAK: "a", ServiceCode: "S", Offering: eservice.Offered, Level: 3},
		{Month: "2026-10", MunicipalityEHAK: "b", ServiceCode: "S", Offering: eservice.Offered, Level: 4},
		{Month: "2026-10", MunicipalityEHAK: "c", ServiceCode: "S", Offering: eservice.Offered, Level: 2},
		{Month: "2026-10", MunicipalityEHAK: "d", ServiceCode: "S", Offering: eservice.NotApplicable},
		{Month: "2026-09", MunicipalityEHAK: "e", ServiceCode: "S", Offering: eservice.Offered, Level: 5},
	}
	inds := []Indicator{{ID: 1, FromMatrix: &MatrixSource{ServiceCode: "S", Level: 3}}, {ID: 2}}
	got := MatrixMeasurements(inds, "2026-10", snaps, nil, ms, nil)
	// a and b of the four it applies to (d does not; e had no cell in October): 50 %.
	if len(got) != 1 || got[0].IndicatorID != 1 || got[0].Value != 50 || got[0].Date.Format("2006-01-02") != "2026-10-31" {
		t.Fatalf("got %+v", got)
	}
	// Following the records scale: a, c and e at 3 or above of the five; d has no profile.
	records := map[string]int{"a": 3, "b": 2, "c": 5, "e": 4}
	inds = append(inds, Indicator{ID: 3, FromMatrix: &MatrixSource{Scale: ScaleRecords, Level: 3}})
	got = MatrixMeasurements(inds, "2026-10", snaps, records, ms, nil)
	if len(got) != 2 || got[1].IndicatorID != 3 || got[1].Value != 60 || got[1].Source != "kovit records management 2026-10: level ≥ 3" || got[0].Value != 50 {
		t.Fatalf("with the records scale: %+v", got)
	}
	for _, c := range []struct {
		src  MatrixSource
		want []string
	}{
		{MatrixSource{Scale: ScaleRecords, Level: 2}, nil},
		{MatrixSource{Scale: ScaleEService, ServiceCode: "S", Level: 2}, nil},
		{MatrixSource{Scale: ScaleRecords, ServiceCode: "S", Level: 2}, []string{"from_matrix.service_code"}},
		{MatrixSource{Scale: "security", Level: 2}, []string{"from_matrix.scale"}},
		{MatrixSource{Scale: ScaleRecords, Level: -1}, []string{"from_matrix.level"}},
	} {
		err := Indicator{NameEt: "x", Better: HigherIsBetter, FromMatrix: &c.src}.Validate()
		if got := kovit.FieldsOf(err); len(got) != len(c.want) || (len(c.want) > 0 && !got.Has(c.want[0])) {
			t.Errorf("%+v: %v, want %v", c.src, err, c.want)
		}
	}
	if n := (Indicator{FromMatrix: &MatrixSource{Scale: ScaleEService, ServiceCode: "S"}}).Normalize(); n.FromMatrix.Scale != "" {
		t.Errorf("the e-service scale is named two ways: %q", n.FromMatrix.Scale)
	}
	bad := Indicator{NameEt: "x", Better: HigherIsBetter, FromMatrix: &MatrixSource{}, Breakdown: Sum}
	if err := bad.Validate(); err == nil {
		t.Error("an empty matrix source with a breakdown was accepted")
	}
}
