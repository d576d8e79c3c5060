package refdata

import (
	_ "embed"
	"fmt"

	"kovit/internal/security"
)

// The E-ITS module catalogues by year (SOURCES-eits-modules.md). A later year is a file
// of its own beside this one: a round pins one year, so earlier years stay as they were.
//
//go:embed eits-modules-2023.csv
var eitsModules2023 []byte

// EITSModules returns every shipped catalogue year's modules and group headers.
func EITSModules() ([]security.Module, error) {
	rows, err := readCSV(eitsModules2023, "group", "code", "title_et", "title_en")
	if err != nil {
		return nil, fmt.Errorf("eits-modules-2023.csv: %w", err)
	}
	out := make([]security.Module, len(rows))
	for i, r := range rows {
		out[i] = security.Module{Year: 2023, Group: r["group"], Code: r["code"], TitleEt: r["title_et"], TitleEn: r["title_en"]}
		if err := out[i].Validate(); err != nil {
			return nil, fmt.Errorf("eits-modules-2023.csv row %d: %w", i+2, err)
		}
	}
	security.MarkHeaders(out)
	return out, nil
}
