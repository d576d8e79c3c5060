package refdata

import (
	_ "embed"
	"fmt"

	"kovit/internal/eservice"
)

//go:embed services.csv
var servicesCSV []byte

// Services returns the starter catalogue of municipal services (SOURCES-services.md).
func Services() ([]eservice.Service, error) {
	rows, err := readCSV(servicesCSV, "code", "name_et", "name_en", "area", "life_event")
	if err != nil {
		return nil, fmt.Errorf("services.csv: %w", err)
	}
	out := make([]eservice.Service, len(rows))
	for i, r := range rows {
		out[i] = eservice.Service{Code: r["code"], NameEt: r["name_et"], NameEn: r["name_en"], Area: r["area"], LifeEvent: r["life_event"]}
		if err := out[i].Validate(); err != nil {
			return nil, fmt.Errorf("services.csv row %d: %w", i+2, err)
		}
	}
	return out, nil
}
