package tabular

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/i18n"
)

var (
	colCode  = Column{Et: "kood", En: "code"}
	colTitle = Column{Et: "pealkiri", En: "title"}
	colNote  = Column{Et: "märkus", En: "note"}
	cols     = []Column{colCode, colTitle, colNote}
)

// TestMatchHeader: a column is found by its Estonian or English header in any case,
// columns it does not know are ignored, and a duplicate or a missing required column is
// a problem on row 1 under the Estonian header.
func TestMatchHeader(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   map[Column]int
		errs   []RowError
	}{
		{"Estonian", []string{"\ufeffKood", "Pealkiri", "muu"}, map[Column]int{colCode: 0, colTitle: 1}, nil},
		{"English", []string{"muu", " CODE ", "Title", "Note"}, map[Column]int{colCode: 1, colTitle: 2, colNote: 3}, nil},
		{"both languages", []string{"code", "pealkiri"}, map[Column]int{colCode: 0, colTitle: 1}, nil},
		{"duplicate and missing", []string{"kood", "code"}, map[Column]int{colCode: 1},
			[]RowError{{Row: 1, Column: "kood", Key: "transfer.error.duplicate_column"}, {Row: 1, Column: "pealkiri", Key: "transfer.error.missing_column"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs ImportError
			got := matchHeader(tt.header, cols, []Column{colCode, colTitle}, &errs)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("columns (-want +got)\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, errs.Rows); diff != "" {
				t.Errorf("problems (-want +got)\n%s", diff)
			}
			if (errs.Err() == nil) != (tt.errs == nil) {
				t.Errorf("Err() = %v with %d problems", errs.Err(), len(errs.Rows))
			}
		})
	}
	if got := Headers(cols, "en"); strings.Join(got, ";") != "code;title;note" {
		t.Errorf("English headers %v", got)
	}
	if got := Headers(cols, "et"); strings.Join(got, ";") != "kood;pealkiri;märkus" {
		t.Errorf("Estonian headers %v", got)
	}
}

func TestParseDate(t *testing.T) {
	day := time.Date(2026, 2, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want *time.Time
		ok   bool
	}{
		{"", nil, true}, {"03.02.2026", &day, true}, {"3.2.2026", &day, true}, {"2026-02-03", &day, true}, {" 2026-02-03 ", &day, true},
		{"31.02.2026", nil, false}, {"03/02/2026", nil, false}, {"eile", nil, false},
		{"03.02.0026", nil, false}, {"1899-12-31", nil, false}, {"2201-01-01", nil, false},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if ok != tt.ok || !cmp.Equal(got, tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{{"40,5", 40.5, true}, {"40.5", 40.5, true}, {" 7 ", 7, true}, {"-1,25", -1.25, true}, {"1,2,3", 0, false}, {"", 0, false}, {"x", 0, false},
		{"NaN", 0, false}, {"Inf", 0, false}, {"1e309", 0, false}}
	for _, tt := range tests {
		got, err := ParseDecimal(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseDecimal(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// TestRowErrorMessage: a problem reads the same on every surface, its numbers written in
// the reader's language.
func TestRowErrorMessage(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := tooManyRows()
	for lang, want := range map[string]string{"et": "20\u00a0000", "en": "20,000"} {
		if got := e.Message(cat.Printer(lang)); !strings.Contains(got, want) {
			t.Errorf("%s: %q does not name the limit as %s", lang, got, want)
		}
	}
}

// TestWriteHTTP: the extension of the path chooses the format; the file is an attachment
// of the given name.
func TestWriteHTTP(t *testing.T) {
	for _, tt := range []struct{ path, ctype, file string }{
		{"/needs.csv", "text/csv; charset=utf-8", `attachment; filename="vajadused.csv"`},
		{"/needs.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", `attachment; filename="vajadused.xlsx"`},
	} {
		w := httptest.NewRecorder()
		if err := WriteHTTP(w, httptest.NewRequest("GET", tt.path, nil), "vajadused", sample()); err != nil {
			t.Fatal(err)
		}
		if w.Header().Get("Content-Type") != tt.ctype || w.Header().Get("Content-Disposition") != tt.file {
			t.Errorf("%s: %v", tt.path, w.Header())
		}
		if body := w.Body.String(); strings.HasSuffix(tt.path, ".csv") != strings.HasPrefix(body, bom+"EHAK;Nimi;") {
			t.Errorf("%s: body %.40q", tt.path, body)
		}
	}
}
