// Package refdata is the real reference data kovit ships with, copied into the repository
// with its source note (SOURCES.md): Estonia's 15 counties and 79 municipalities by EHAK code.
package refdata

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"

	"kovit/internal/municipality"
)

//go:embed counties.csv
var countiesCSV []byte

//go:embed municipalities.csv
var municipalitiesCSV []byte

// Counties returns the 15 counties.
func Counties() ([]municipality.County, error) {
	rows, err := readCSV(countiesCSV, "ehak", "name")
	if err != nil {
		return nil, fmt.Errorf("counties.csv: %w", err)
	}
	out := make([]municipality.County, len(rows))
	for i, r := range rows {
		out[i] = municipality.County{EHAK: r["ehak"], Name: r["name"]}
	}
	return out, nil
}

// Municipalities returns the 79 municipalities.
func Municipalities() ([]municipality.Municipality, error) {
	rows, err := readCSV(municipalitiesCSV, "ehak", "name", "type", "county_ehak", "county", "population", "population_year", "area_km2")
	if err != nil {
		return nil, fmt.Errorf("municipalities.csv: %w", err)
	}
	out := make([]municipality.Municipality, len(rows))
	for i, r := range rows {
		m := municipality.Municipality{
			EHAK: r["ehak"], Name: r["name"], Type: municipality.Type(r["type"]),
			CountyEHAK: r["county_ehak"], CountyName: r["county"],
		}
		if m.Population, err = strconv.Atoi(r["population"]); err != nil {
			return nil, fmt.Errorf("municipalities.csv row %d population: %w", i+2, err)
		}
		if m.PopulationYear, err = strconv.Atoi(r["population_year"]); err != nil {
			return nil, fmt.Errorf("municipalities.csv row %d population_year: %w", i+2, err)
		}
		// Kiili and Saku have no area: their territory changed after the source's snapshot.
		if a := r["area_km2"]; a != "" {
			f, err := strconv.ParseFloat(a, 64)
			if err != nil {
				return nil, fmt.Errorf("municipalities.csv row %d area_km2: %w", i+2, err)
			}
			m.AreaKm2 = &f
		}
		if !m.Type.Valid() {
			return nil, fmt.Errorf("municipalities.csv row %d: type %q", i+2, m.Type)
		}
		out[i] = m
	}
	return out, nil
}

// readCSV reads a headed CSV into maps, checking that the wanted columns are there.
func readCSV(data []byte, want ...string) ([]map[string]string, error) {
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("empty")
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	for _, w := range want {
		if _, ok := col[w]; !ok {
			return nil, fmt.Errorf("no column %q", w)
		}
	}
	out := make([]map[string]string, 0, len(records)-1)
	for _, rec := range records[1:] {
		m := make(map[string]string, len(want))
		for _, w := range want {
			m[w] = rec[col[w]]
		}
		out = append(out, m)
	}
	return out, nil
}
