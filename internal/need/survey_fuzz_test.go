package need

import (
	"bytes"
	"encoding/json"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
	"kovit/internal/tabular/tabulartest"
)

// FuzzParseSurvey runs a survey file through the import as the API does (read, guess or
// take a mapping, check it, parse the rows): every outcome is a table, bad cells on
// rows of the file, or a 4xx; never a panic.
func FuzzParseSurvey(f *testing.F) {
	for _, s := range tabulartest.Seeds(tabular.MaxRows, tabular.MaxColumns, tabular.MaxCellChars, tabular.MaxUnzippedBytes>>20) {
		f.Add(s, "")
	}
	f.Add([]byte("KOV;Vajadus;Liik;Maksumus;Kiireloomulisus\nTartu linn;E-teenus;e-teenus;12 000,50 €;kõrge\n0793;;muu;-1;9\n"), "")
	f.Add([]byte("a;b;c\n0793;x;muu\n"), `{"a":"municipality_ehak","b":"title","c":"category"}`)
	names := map[string]string{"0793": "0793", Fold("Tartu linn"): "0793", "0784": "0784"}
	may := func(ehak string) error {
		if ehak != "0793" {
			return kovit.Forbidden()
		}
		return nil
	}
	f.Fuzz(func(t *testing.T, file []byte, mapping string) {
		header, rows, err := tabular.Read(bytes.NewReader(file), "x.csv")
		if err != nil {
			return // FuzzRead covers what Read answers
		}
		m := GuessMapping(header)
		if mapping != "" && json.Unmarshal([]byte(mapping), &m) != nil {
			return
		}
		if err := m.Validate(header); err != nil {
			if kovit.ErrorCode(err) != kovit.EInvalid {
				t.Fatalf("mapping: %v, want invalid", err)
			}
			return
		}
		needs, errs := ParseSurvey(header, rows, m, names, may)
		for _, e := range errs {
			if e.Row < 2 || e.Row > len(rows)+1 || e.Key == "" {
				t.Fatalf("error %+v outside the file's %d rows", e, len(rows))
			}
		}
		if len(errs) > 0 {
			return
		}
		for _, n := range needs {
			if err := n.Validate(); err != nil {
				t.Fatalf("need %+v passed the import but not Validate: %v", n, err)
			}
		}
	})
}
