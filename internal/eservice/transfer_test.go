package eservice

import (
	"errors"
	"kovit/internal/tabular"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// numberedScale is the default scale with ids 1… as storage would give them:
// 1.1=1 2.1=2 3.1=3 3.2=4 4.1=5 4.2=6 5.1=7.
func numberedScale() Scale {
	s := DefaultScale()
	id := int64(0)
	for i := range s {
		for j := range s[i].Criteria {
			id++
			s[i].Criteria[j].ID = id
		}
	}
	return s
}

func reference() Reference {
	return Reference{
		Municipalities: []municipality.Municipality{{EHAK: "0793", Name: "Tartu linn"}, {EHAK: "0899", Name: "Viljandi vald"}},
		Services: []Service{{Code: "SOC-001", NameEt: "Toetus", NameEn: "Benefit"}, {Code: "EDU-002", NameEt: "Lasteaed"},
			{Code: "OLD-001", NameEt: "Vana", Retired: true}},
		Scale: numberedScale(),
	}
}

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func TestParseImport(t *testing.T) {
	header := []string{"EHAK", "municipality", "service_code", "service", "offering", "level", "criteria_met", "url", "system", "evidence_url", "evidence_checked_on", "verification"}
	good := []string{"793", "Tartu", "soc-001", "x", "offered", "5", "1.1 2,1 3.1;3.2", "https://tartu.ee/t", "Spokus", "https://tartu.ee/e", "09.03.2026", "verified"}
	rows, err := ParseImport(header, [][]string{good, {"", " ", ""}, {"0899", "", "EDU-002", "", "not_applicable", "", "", "", "", "", "2026-03-10", ""}}, reference())
	if err != nil {
		t.Fatal(err)
	}
	want := []ImportRow{
		{Row: 2, MunicipalityEHAK: "0793", ServiceCode: "SOC-001", Input: CellInput{Offering: Offered, Met: []int64{1, 2, 3, 4},
			URL: "https://tartu.ee/t", System: "Spokus", EvidenceURL: "https://tartu.ee/e", EvidenceCheckedOn: day(2026, 3, 9)}},
		{Row: 4, MunicipalityEHAK: "0899", ServiceCode: "EDU-002", Input: CellInput{Offering: NotApplicable, EvidenceCheckedOn: day(2026, 3, 10)}},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("rows (-want +got)\n%s", diff)
	}

	tests := []struct {
		name      string
		header    []string
		rows      [][]string
		may       func(string) error
		want      []tabular.RowError
		forbidden bool
	}{
		{"missing and duplicate columns", []string{"ehak", "service_code", "offering", "url", "URL"}, nil, nil,
			[]tabular.RowError{{Row: 1, Column: "url", Key: "transfer.error.duplicate_column"}, {Row: 1, Column: "criteria_met", Key: "transfer.error.missing_column"},
				{Row: 1, Column: "system", Key: "transfer.error.missing_column"}, {Row: 1, Column: "evidence_url", Key: "transfer.error.missing_column"},
				{Row: 1, Column: "evidence_checked_on", Key: "transfer.error.missing_column"}}, false},
		{"every bad row, every bad column", header, [][]string{
			good,
			{"0001", "", "SOC-001", "", "offered", "", "", "", "", "", "", ""},
			{"0793", "", "NOPE-1", "", "maybe", "", "9.9", "ftp:x", "", "tartu.ee", "31.02.2026", ""},
			{"0793", "", "SOC-001", "", "offered", "", "", "", "", "", "", ""},
			{"0793", "", "OLD-001", "", "not_offered", "", "1.1", "", "", "", "", ""},
			{"", "", "", "", "", ""},
		}, nil, []tabular.RowError{
			{Row: 3, Column: "ehak", Key: "transfer.error.unknown_municipality"},
			{Row: 4, Column: "service_code", Key: "transfer.error.unknown_service"}, {Row: 4, Column: "criteria_met", Key: "error.unknown_criterion"},
			{Row: 4, Column: "evidence_checked_on", Key: "error.date"}, {Row: 4, Column: "offering", Key: "error.offering"}, {Row: 4, Column: "url", Key: "error.url"},
			{Row: 4, Column: "evidence_url", Key: "error.url"},
			{Row: 5, Column: "service_code", Key: "transfer.error.duplicate_cell"},
			{Row: 6, Column: "service_code", Key: "transfer.error.service_retired"}, {Row: 6, Column: "criteria_met", Key: "error.criteria_not_offered"},
		}, false},
		{"another municipality's row", header, [][]string{good, {"0899", "", "SOC-001", "", "not_offered"}},
			func(ehak string) error {
				if ehak != "0793" {
					return kovit.Forbidden()
				}
				return nil
			},
			[]tabular.RowError{{Row: 3, Column: "ehak", Key: "transfer.error.not_your_municipality"}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := reference()
			ref.May = tt.may
			rows, err := ParseImport(tt.header, tt.rows, ref)
			var ie *tabular.ImportError
			if !errors.As(err, &ie) || rows != nil {
				t.Fatalf("rows %v, err %v", rows, err)
			}
			if diff := cmp.Diff(tt.want, ie.Rows); diff != "" {
				t.Errorf("errors (-want +got)\n%s", diff)
			}
			wantCode := kovit.EInvalid
			if tt.forbidden {
				wantCode = kovit.EForbidden
			}
			if ie.Forbidden != tt.forbidden || kovit.ErrorCode(err) != wantCode {
				t.Errorf("forbidden %v, code %s", ie.Forbidden, kovit.ErrorCode(err))
			}
		})
	}
}

// TestExportParsesBackUnchanged: exported rows, read back, are the cells as they are.
func TestExportParsesBackUnchanged(t *testing.T) {
	ref := reference()
	cells := []Cell{
		{MunicipalityEHAK: "0793", ServiceCode: "SOC-001", Offering: Offered, Met: []int64{4, 1, 2, 3}, Level: 3,
			URL: "https://tartu.ee", System: "Spokus; v2", EvidenceCheckedOn: day(2026, 11, 20), Verification: Verified, Version: 3},
		{MunicipalityEHAK: "0899", ServiceCode: "EDU-002", Offering: NotApplicable, Verification: SelfReported, Version: 1},
	}
	services := ref.Services[:2]
	out := ExportRows(ref.Municipalities, services, cells, ref.Scale, "en")
	// A cell never filled in is unknown: no offering, level or verification, not "not offered".
	if len(out) != 4 || out[0][3] != "Benefit" || out[0][6] != "1.1 2.1 3.1 3.2" || out[0][10] != *day(2026, 11, 20) ||
		out[1][4] != nil || out[1][5] != nil || out[1][11] != nil {
		t.Fatalf("export %v", out)
	}
	// As a CSV would carry them: every cell as text, the date as dd.mm.yyyy.
	var text [][]string
	for _, r := range out {
		var rec []string
		for _, v := range r {
			switch v := v.(type) {
			case time.Time:
				if v.IsZero() {
					rec = append(rec, "")
				} else {
					rec = append(rec, v.Format("02.01.2006"))
				}
			case int:
				rec = append(rec, string(rune('0'+v)))
			case nil:
				rec = append(rec, "")
			default:
				rec = append(rec, v.(string))
			}
		}
		text = append(text, rec)
	}
	rows, err := ParseImport(Columns, text, ref)
	if err != nil {
		t.Fatal(err)
	}
	grid := NewGrid(cells)
	for _, r := range rows {
		// The rows of cells never filled in say nothing, and the import leaves them so.
		if c := grid.Cell(r.MunicipalityEHAK, r.ServiceCode); c.Version == 0 {
			if r.Input.Offering != Unknown {
				t.Errorf("row %d of an unknown cell reads as %+v", r.Row, r.Input)
			}
			continue
		}
		if c := grid.Cell(r.MunicipalityEHAK, r.ServiceCode); !c.Unchanged(r.Input) {
			t.Errorf("row %d: %+v changes %+v", r.Row, r.Input, c)
		}
	}
}
