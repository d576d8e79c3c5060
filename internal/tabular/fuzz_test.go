package tabular

import (
	"bytes"
	"errors"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/tabular/tabulartest"
)

// FuzzRead: whatever the bytes, Read returns a table within the bounds or a RowError
// that the surfaces answer with a 4xx; it never panics.
func FuzzRead(f *testing.F) {
	for _, s := range tabulartest.Seeds(MaxRows, MaxColumns, MaxCellChars, MaxUnzippedBytes>>20) {
		f.Add(s, "x.csv")
	}
	var b bytes.Buffer
	if err := WriteXLSX(&b, sample()); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes(), "x.xlsx")
	f.Add([]byte("\ufeffehak;nimi\r\n0793;\"Tartu; linn\"\r\n"), "x.csv")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		header, rows, err := Read(bytes.NewReader(data), name)
		if err != nil {
			var re *RowError
			if s := kovit.StatusCode(err); !errors.As(err, &re) || s < 400 || s > 499 {
				t.Fatalf("error %v (status %d), want a RowError with a 4xx", err, s)
			}
			return
		}
		if Check(header, rows) != nil || len(header) == 0 {
			t.Fatalf("a table past the bounds or without a header: %d columns, %d rows", len(header), len(rows))
		}
		openSheet(t, header, rows)
	})
}

// openSheet opens what Read gave through a layout as importers do: it is refused with an
// *ImportError or its rows come numbered in order within the file, never blank.
func openSheet(t *testing.T, header []string, rows [][]string) {
	s, err := Layout{Columns: []Column{{Et: "ehak", En: "code", Also: "kood"}, {Et: "nimi", En: "name"}},
		Required: []Column{{Et: "nimi", En: "name"}}, MaxRows: 100, TooMany: "x"}.Open(header, rows)
	if err != nil {
		if ie := new(ImportError); !errors.As(err, &ie) || len(ie.Rows) == 0 {
			t.Fatalf("Open refused with %v", err)
		}
		return
	}
	last := 1
	for row, cell := range s.Rows() {
		if row <= last || row > len(rows)+1 || Blank(rows[row-2]) {
			t.Fatalf("row %d after %d of %d", row, last, len(rows))
		}
		_ = cell(Column{Et: "nimi", En: "name"})
		last = row
	}
}
