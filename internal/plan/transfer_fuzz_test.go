package plan

import (
	"bytes"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
	"kovit/internal/tabular/tabulartest"
)

// FuzzReadImport: a plan file is read and checked into rows to apply, or refused with a
// 4xx listing rows of the file; never a panic.
func FuzzReadImport(f *testing.F) {
	for _, s := range tabulartest.Seeds(tabular.MaxRows, tabular.MaxColumns, tabular.MaxCellChars, tabular.MaxUnzippedBytes>>20) {
		f.Add(s)
	}
	f.Add([]byte("code;level;title_et;title_en;lead;partners;start;end;status;completion\n" +
		"1.1.1;tegevus;Tegevus;Activity;Tartu linn;Tallinn; Tartu linn;2026-01-01;31.12.2026;töös;40,0%\n" +
		"2.1;direction;Uus;;;;32.01.2026;;valmis;101\n;goal;;;;;;;;\n"))
	ref := transferRef()
	f.Fuzz(func(t *testing.T, file []byte) {
		header, rows, err := tabular.Read(bytes.NewReader(file), "x.csv")
		if err != nil {
			return // FuzzRead covers what Read answers
		}
		read, err := ReadImport(header, rows, ref)
		if err != nil {
			if s := kovit.StatusCode(err); s < 400 || s > 499 {
				t.Fatalf("%v: status %d, want a 4xx", err, s)
			}
			return
		}
		if len(read) > len(rows) {
			t.Fatalf("%d rows to apply from %d in the file", len(read), len(rows))
		}
	})
}
