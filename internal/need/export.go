package need

import (
	"strings"

	"kovit/internal/kovit"
)

// Table is one sheet of a spreadsheet export: the same fields as tabular.Table, which
// the adapters convert it to, so this package needs no spreadsheet code.
type Table struct {
	Sheet  string
	Header []string
	Rows   [][]any
}

// The exports of consolidated needs and measures are reports: they carry derived figures
// (cohort, population, costs) and no column an import reads back.

// ConsolidatedHeaders head the rows ConsolidatedRow writes.
var ConsolidatedHeaders = []string{"ID", "Pealkiri", "Kategooria", "Omavalitsusi", "Omavalitsused", "Rahvaarv", "Maksumus kokku (EUR)",
	"Maksumuse mediaan (EUR)", "Ehita üks kord", "Strateegiaga sobivus", "Toetajaid", "Meede"}

// ConsolidatedRow writes a consolidated need as a spreadsheet row.
func ConsolidatedRow(c Consolidated) []any {
	var measure any
	if c.MeasureID != nil {
		measure = *c.MeasureID
	}
	f := c.Figures
	return []any{c.ID, c.Title, string(c.Category), len(f.Cohort), joinCodes(f.Cohort), f.Population, euros(f.CostTotal),
		euros(f.CostMedian), c.BuildOnce, c.StrategyFit, len(f.Endorsements), measure}
}

// MeasureHeaders head the rows MeasureRow writes.
var MeasureHeaders = []string{"ID", "Nimi", "Rahastaja", "Algusaasta", "Lõpuaasta", "Eelarve (EUR)", "Suurim toetus (EUR)",
	"Omafinantseering (%)", "Omavalitsuse tüübid", "Rahvaarv alates", "Rahvaarv kuni", "Kategooriad", "Avaneb", "Sulgub", "Olek"}

// MeasureRow writes a measure as a spreadsheet row.
func MeasureRow(m Measure) []any {
	types := make([]string, len(m.Eligibility.Types))
	for i, t := range m.Eligibility.Types {
		types[i] = string(t)
	}
	cats := make([]string, len(m.Eligibility.Categories))
	for i, c := range m.Eligibility.Categories {
		cats[i] = string(c)
	}
	return []any{m.ID, m.Name, m.Funder, m.StartYear, m.EndYear, euros(m.Budget), euros(m.MaxGrant), m.CoFinancing,
		joinCodes(types), m.Eligibility.MinPopulation, m.Eligibility.MaxPopulation, joinCodes(cats), m.OpensOn, m.ClosesOn, string(m.Status)}
}

func euros(m kovit.Money) float64 { return float64(m) / 100 }

func joinCodes(codes []string) string { return strings.Join(codes, ", ") }
