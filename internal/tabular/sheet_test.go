package tabular

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var colCount = Column{Et: "inimesi", En: "people", Also: "arv | Count"}

// TestLayoutOpen: a layout finds its columns by either language or an alias, refuses a
// file without a required column or with one twice on row 1, and one past MaxRows on
// the file as a whole with the bound in the message's arguments.
func TestLayoutOpen(t *testing.T) {
	l := Layout{Columns: []Column{colCode, colTitle, colCount}, Required: []Column{colCode}, MaxRows: 2, TooMany: "x.error.rows"}
	tests := []struct {
		name   string
		header []string
		rows   int
		errs   []RowError
	}{
		{"aliases in any case", []string{"Code", "ARV"}, 2, nil},
		{"missing", []string{"title", "people"}, 1, []RowError{{Row: 1, Column: "kood", Key: "transfer.error.missing_column"}}},
		{"an alias and a header of one column", []string{"kood", "count", "inimesi"}, 1,
			[]RowError{{Row: 1, Column: "inimesi", Key: "transfer.error.duplicate_column"}}},
		{"too many rows", []string{"kood"}, 3, []RowError{{Row: 0, Key: "x.error.rows", Args: map[string]int{"Limit": 2}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := l.Open(tt.header, make([][]string, tt.rows))
			var ie *ImportError
			if tt.errs == nil {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				_, code := s.at[colCode]
				_, count := s.at[colCount]
				if _, title := s.at[colTitle]; !code || !count || title {
					t.Errorf("columns found: %v", s.at)
				}
				return
			}
			if !errors.As(err, &ie) {
				t.Fatalf("Open = %v, want an *ImportError", err)
			}
			if diff := cmp.Diff(tt.errs, ie.Rows); diff != "" {
				t.Errorf("problems (-want +got)\n%s", diff)
			}
		})
	}
}

// TestLayoutAnyOf: a file needs one of AnyOf's columns, either will do, and without any
// the first is missing beside the other missing columns.
func TestLayoutAnyOf(t *testing.T) {
	l := Layout{Columns: []Column{colCode, colTitle, colCount}, Required: []Column{colCode}, AnyOf: []Column{colTitle, colCount}}
	for _, header := range [][]string{{"kood", "title"}, {"kood", "arv"}, {"kood", "pealkiri", "people"}} {
		if _, err := l.Open(header, nil); err != nil {
			t.Errorf("%v: %v", header, err)
		}
	}
	_, err := l.Open([]string{"märkus"}, nil)
	var ie *ImportError
	want := []RowError{{Row: 1, Column: "kood", Key: "transfer.error.missing_column"}, {Row: 1, Column: "pealkiri", Key: "transfer.error.missing_column"}}
	if !errors.As(err, &ie) || !cmp.Equal(ie.Rows, want) {
		t.Errorf("neither column: %v, want %v", err, want)
	}
}

// TestSheetRows: blank rows are skipped, the others numbered as a spreadsheet shows them
// and read by column, "" where a row is short.
func TestSheetRows(t *testing.T) {
	s, err := Layout{Columns: []Column{colCode, colTitle}}.Open([]string{"pealkiri", "kood"},
		[][]string{{"Üks", " 1 "}, {" ", ""}, nil, {"Neli"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for row, cell := range s.Rows() {
		got = append(got, string(rune('0'+row))+":"+cell(colCode)+"/"+cell(colTitle)+"/"+cell(colNote))
	}
	if want := []string{"2:1/Üks/", "5:/Neli/"}; !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	for range s.Rows() {
		break // stopping early must not panic
	}
}

// TestCollect: rows without problems are returned, any problem refuses them all, and a
// file with no rows is the empty problem.
func TestCollect(t *testing.T) {
	var none ImportError
	if got, err := Collect([]int{1}, &none, "x.empty"); err != nil || len(got) != 1 {
		t.Errorf("Collect = %v, %v", got, err)
	}
	var bad ImportError
	bad.Add(2, "kood", "error.required")
	if got, err := Collect([]int{1}, &bad, "x.empty"); err == nil || got != nil {
		t.Errorf("a problem let %v through", got)
	}
	var empty ImportError
	if _, err := Collect[int](nil, &empty, "x.empty"); err == nil || empty.Rows[0].Key != "x.empty" || empty.Rows[0].Row != 0 {
		t.Errorf("an empty file: %v", err)
	}
}
