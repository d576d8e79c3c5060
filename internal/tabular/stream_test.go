package tabular

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestEachRows: rows given by Each follow Rows and are written as if they were in Rows,
// in both formats; Each's error stops the writing and is returned.
func TestEachRows(t *testing.T) {
	whole := sample()
	split := whole
	split.Rows = whole.Rows[:1]
	split.Each = func(yield func([]any) error) error {
		for _, row := range whole.Rows[1:] {
			if err := yield(row); err != nil {
				return err
			}
		}
		return nil
	}
	var a, b bytes.Buffer
	if err := WriteCSV(&a, whole); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&b, split); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("CSV with Each:\n%s\nwant\n%s", b.Bytes(), a.Bytes())
	}
	sheet := func(tb Table) [][]string {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, tb); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(tb.Sheet)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	if w, s := sheet(whole), sheet(split); !cmp.Equal(w, s) || len(w) != 3 {
		t.Errorf("XLSX with Each: %v, want %v", s, w)
	}
	broken := errors.New("read failed")
	split.Each = func(yield func([]any) error) error { return broken }
	if err := WriteCSV(&b, split); !errors.Is(err, broken) {
		t.Errorf("CSV: %v, want the rows' error", err)
	}
	if err := WriteXLSX(&b, split); !errors.Is(err, broken) {
		t.Errorf("XLSX: %v, want the rows' error", err)
	}
}
