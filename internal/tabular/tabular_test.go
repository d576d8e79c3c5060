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

func TestWriteWorkbook(t *testing.T) {
	var b bytes.Buffer
	second := Table{Sheet: "Kokkuvõte", Header: []string{"Näitaja", "Väärtus"}, Rows: [][]any{{"Eelarve", 1000.5}}}
	if err := WriteWorkbook(&b, second, sample()); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Kokkuvõte" || got[1] != "KOV" {
		t.Fatalf("sheets %q", got)
	}
	if v, _ := f.GetCellValue("Kokkuvõte", "B2"); v != "1000.5" {
		t.Errorf("B2 %q", v)
	}
	if rows, _ := f.GetRows("KOV"); len(rows) != 3 || rows[2][1] != "Kiili vald" {
		t.Errorf("second sheet %q", rows)
	}
	// The first sheet is the one a reader of the file meets, and the one Read reads.
	header, rows, err := Read(bytes.NewReader(data), "x.xlsx")
	if err != nil || header[0] != "Näitaja" || len(rows) != 1 {
		t.Errorf("Read: %q %q %v", header, rows, err)
	}
}
