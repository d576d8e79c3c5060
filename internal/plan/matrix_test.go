package plan

import (
	"testing"

	"kovit/internal/eservice"
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
	got := MatrixMeasurements(inds, "2026-10", snaps, ms, nil)
	// a and b of the four it applies to (d does not; e had no cell in October): 50 %.
	if len(got) != 1 || got[0].IndicatorID != 1 || got[0].Value != 50 || got[0].Date.Format("2006-01-02") != "2026-10-31" {
		t.Fatalf("got %+v", got)
	}
	bad := Indicator{NameEt: "x", Better: HigherIsBetter, FromMatrix: &MatrixSource{}, Breakdown: Sum}
	if err := bad.Validate(); err == nil {
		t.Error("an empty matrix source with a breakdown was accepted")
	}
}
