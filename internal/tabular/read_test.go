package tabular

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

func TestReadCSV(t *testing.T) {
	want := [][]string{{"ehak", "nimi", "pindala"}, {"0793", "Tartu linn", "153,99"}, {"0305", "Kõue; küla", ""}}
	win1257, _ := charmap.Windows1257.NewEncoder().String("ehak;nimi;pindala\n0793;Tartu linn;153,99\n0305;\"Kõue; küla\";\n")
	tests := []struct {
		name string
		in   string
		want [][]string
	}{
		{"semicolon, BOM, decimal comma, CRLF", "\ufeffehak;nimi;pindala\r\n0793;Tartu linn;153,99\r\n0305;\"Kõue; küla\";\r\n", want},
		{"comma with a quoted decimal comma", "ehak,nimi,pindala\n0793,Tartu linn,\"153,99\"\n0305,Kõue; küla,\n", want},
		{"tab", "ehak\tnimi\tpindala\n0793\tTartu linn\t153,99\n0305\tKõue; küla\t\n", want},
		{"Windows-1257", win1257, want},
		{"short rows are kept short", "a;b;c\n1\n", [][]string{{"a", "b", "c"}, {"1"}}},
		{"one column", "ehak\n0793\n", [][]string{{"ehak"}, {"0793"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header, rows, err := Read(strings.NewReader(tt.in), "maatriks.csv")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, append([][]string{header}, rows...)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestRowErrors(t *testing.T) {
	tests := []struct {
		name, in, file string
		want           RowError
	}{
		{"empty", "\ufeff \n", "a.csv", RowError{Key: "tabular.error.empty"}},
		{"bad quote", "a;b\n1;\"x\n2;y\n", "a.csv", RowError{Row: 2, Key: "tabular.error.csv"}},
		{"xls", "\xd0\xcf\x11\xe0rest", "a.xls", RowError{Key: "tabular.error.xls"}},
		{"not a workbook", "a;b\n", "a.xlsx", RowError{Key: "tabular.error.xlsx"}},
		{"broken zip", "PK\x03\x04garbage", "a.csv", RowError{Key: "tabular.error.xlsx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read(strings.NewReader(tt.in), tt.file)
			var re *RowError
			if !errors.As(err, &re) || !reflect.DeepEqual(*re, tt.want) {
				t.Errorf("error %v, want %+v", err, tt.want)
			}
		})
	}
}

// TestReadXLSX reads back what WriteXLSX writes, and a date typed into a cell with a
// custom Estonian format: dates come as YYYY-MM-DD whatever their display.
func TestReadXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSX(&b, sample()); err != nil {
		t.Fatal(err)
	}
	header, rows, err := Read(&b, "renamed.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"EHAK", "Nimi", "Rahvaarv", "Pindala", "Muudetud"},
		{"0793", "Tartu linn", "100724", "153.99", "2026-11-25"}, {"0305", "Kiili vald", "6000"}}
	if diff := cmp.Diff(want, append([][]string{header}, rows...)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}

	f := excelize.NewFile()
	custom := "d. mmmm yyyy"
	style, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	timeStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 20}) // h:mm
	f.SetSheetRow("Sheet1", "A1", &[]any{"kuupäev", "kell", "1.1 2.1"})
	f.SetCellValue("Sheet1", "A2", time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC))
	f.SetCellStyle("Sheet1", "A2", "A2", style)
	f.SetCellValue("Sheet1", "B2", 0.5)
	f.SetCellStyle("Sheet1", "B2", "B2", timeStyle)
	f.SetCellValue("Sheet1", "C2", "3.2")
	var b2 bytes.Buffer
	if err := f.Write(&b2); err != nil {
		t.Fatal(err)
	}
	_, rows, err = Read(&b2, "x.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{"2026-03-09", "12:00", "3.2"}}, rows); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestCustomDateFormat(t *testing.T) {
	for code, want := range map[string]bool{
		"dd.mm.yyyy": true, "d. mmmm yyyy": true, "mm-yy": true, "h:mm": false, "[h]:mm:ss": false,
		`0.00" m"`: false, "0.00": false, `[$-425]dd.mm.yyyy`: true, "#,##0": false,
	} {
		if got := customDateFormat(code); got != want {
			t.Errorf("%q: %v, want %v", code, got, want)
		}
	}
}
