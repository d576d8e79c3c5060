package tabular

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func sample() Table {
	area := 153.99
	return Table{Sheet: "KOV", Header: []string{"EHAK", "Nimi", "Rahvaarv", "Pindala", "Muudetud"},
		Rows: [][]any{{"0793", "Tartu linn", 100724, &area, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)},
			{"0305", "Kiili vald", 6000, (*float64)(nil), time.Time{}}}}
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sample()); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffEHAK;Nimi;Rahvaarv;Pindala;Muudetud\n0793;Tartu linn;100724;153,99;25.11.2026\n0305;Kiili vald;6000;;\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}

func TestWriteXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSX(&b, sample()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("KOV")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1][1] != "Tartu linn" || rows[1][2] != "100724" || rows[0][3] != "Pindala" {
		t.Errorf("rows %q", rows)
	}
	typ, _ := f.GetCellType("KOV", "C2")
	if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("population cell type %v, want number", typ)
	}
}
