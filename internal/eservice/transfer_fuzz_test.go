package eservice

import (
	"bytes"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
	"kovit/internal/tabular/tabulartest"
)

// FuzzParseImport: a matrix file is read and checked into rows to save, or refused with
// a 4xx listing rows of the file; never a panic.
func FuzzParseImport(f *testing.F) {
	for _, s := range tabulartest.Seeds(tabular.MaxRows, tabular.MaxColumns, tabular.MaxCellChars, tabular.MaxUnzippedBytes>>20) {
		f.Add(s)
	}
	f.Add([]byte("ehak;service_code;offering;criteria_met;url;system;evidence_url;evidence_checked_on\n" +
		"0793;SOC-001;offered;1.1 2.1;https://tartu.ee;Spokus;;09.03.2026\n0899;OLD-001;x;9.9;ftp://x;;;32.13.2026\n"))
	ref := reference()
	ref.May = func(ehak string) error {
		if ehak != "0793" {
			return kovit.Forbidden()
		}
		return nil
	}
	f.Fuzz(func(t *testing.T, file []byte) {
		header, rows, err := tabular.Read(bytes.NewReader(file), "x.csv")
		if err != nil {
			return // FuzzRead covers what Read answers
		}
		parsed, err := ParseImport(header, rows, ref)
		if err != nil {
			if s := kovit.StatusCode(err); s < 400 || s > 499 {
				t.Fatalf("%v: status %d, want a 4xx", err, s)
			}
			return
		}
		if len(parsed) > len(rows) {
			t.Fatalf("%d rows to save from %d in the file", len(parsed), len(rows))
		}
	})
}
