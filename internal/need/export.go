package need

import (
	"strconv"
	"strings"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// Table is one sheet of a spreadsheet export.
type Table = tabular.Table

// Each export is built here once, its columns and rows, and the page and the API send
// the same table; headers are in the reader's language (lang "en" or else Estonian).

// exportColumns are what the needs export carries after the survey's columns.
var exportColumns = []tabular.Column{{Et: "ID", En: "ID"}, {Et: "Olek", En: "State"}, {Et: "Kogumisvoor", En: "Collection round"}}

// NeedsSheet is the needs export: the survey's columns first, so the file imports back
// in either language, then the id, state and round that only exports carry.
func NeedsSheet(items []Need, lang string) Table {
	t := Table{Sheet: "vajadused", Header: append(tabular.Headers(Columns, lang), tabular.Headers(exportColumns, lang)...)}
	for _, n := range items {
		round := ""
		if n.RoundID != nil {
			round = strconv.FormatInt(*n.RoundID, 10)
		}
		t.Rows = append(t.Rows, append(SurveyRow(n), n.ID, string(n.State), round))
	}
	return t
}

// The exports of consolidated needs and measures are reports: they carry derived figures
// (cohort, population, costs) and no column an import reads back.

// ConsolidatedColumns head the rows ConsolidatedRow writes.
var ConsolidatedColumns = []tabular.Column{{Et: "ID", En: "ID"}, {Et: "Pealkiri", En: "Title"}, {Et: "Kategooria", En: "Category"},
	{Et: "Omavalitsusi", En: "Municipalities (count)"}, {Et: "Omavalitsused", En: "Municipalities"}, {Et: "Rahvaarv", En: "Population"},
	{Et: "Maksumus kokku (EUR)", En: "Total cost (EUR)"}, {Et: "Maksumuse mediaan (EUR)", En: "Median cost (EUR)"},
	{Et: "Ehita üks kord", En: "Build once"}, {Et: "Strateegiaga sobivus", En: "Strategy fit"}, {Et: "Toetajaid", En: "Endorsements"},
	{Et: "Meede", En: "Measure"}}

// ConsolidatedHeaders are the Estonian headers, which the ministry's proposal uses.
var ConsolidatedHeaders = tabular.Headers(ConsolidatedColumns, "et")

// ConsolidatedSheet is the consolidated needs export.
func ConsolidatedSheet(items []Consolidated, lang string) Table {
	return sheet("koondvajadused", ConsolidatedColumns, lang, items, ConsolidatedRow)
}

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

// MeasureColumns head the rows MeasureRow writes.
var MeasureColumns = []tabular.Column{{Et: "ID", En: "ID"}, {Et: "Nimi", En: "Name"}, {Et: "Rahastaja", En: "Funder"},
	{Et: "Algusaasta", En: "Start year"}, {Et: "Lõpuaasta", En: "End year"}, {Et: "Eelarve (EUR)", En: "Budget (EUR)"},
	{Et: "Suurim toetus (EUR)", En: "Maximum grant (EUR)"}, {Et: "Omafinantseering (%)", En: "Co-financing (%)"},
	{Et: "Omavalitsuse tüübid", En: "Municipality types"}, {Et: "Rahvaarv alates", En: "Population from"},
	{Et: "Rahvaarv kuni", En: "Population to"}, {Et: "Kategooriad", En: "Categories"}, {Et: "Avaneb", En: "Opens"},
	{Et: "Sulgub", En: "Closes"}, {Et: "Olek", En: "Status"}}

// MeasureSheet is the support measures export.
func MeasureSheet(items []Measure, lang string) Table {
	return sheet("meetmed", MeasureColumns, lang, items, MeasureRow)
}

// sheet is a table of one row per item under cols' headers in lang.
func sheet[T any](name string, cols []tabular.Column, lang string, items []T, row func(T) []any) Table {
	t := Table{Sheet: name, Header: tabular.Headers(cols, lang)}
	for _, it := range items {
		t.Rows = append(t.Rows, row(it))
	}
	return t
}

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
