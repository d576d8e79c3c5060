package need

import (
	"sort"
	"strings"
)

// Proposal is what the association puts to the ministry for one measure: the measure,
// the consolidated needs mapped to it ranked by priority, the cohort of municipalities
// behind them and the costs, in one value that a page prints and an export writes.
type Proposal struct {
	Measure    Measure  `json:"measure"`
	Ranked     []Ranked `json:"ranked"`
	Cohort     []string `json:"cohort"` // EHAK codes, sorted
	Budget     Budget   `json:"budget"`
	Needs      int      `json:"needs"`      // needs behind the consolidated needs
	Population int      `json:"population"` // living in the cohort
	Weights    Weights  `json:"weights"`
}

// NewProposal puts a proposal together from the measure's ranked consolidated needs and
// its budget view.
func NewProposal(m Measure, ranked []Ranked, b Budget, w Weights, population map[string]int) Proposal {
	p := Proposal{Measure: m, Ranked: ranked, Budget: b, Weights: w, Cohort: []string{}}
	seen := map[string]bool{}
	for _, r := range ranked {
		p.Needs += len(r.Consolidated.Figures.NeedIDs)
		for _, e := range r.Consolidated.Figures.Cohort {
			if !seen[e] {
				seen[e] = true
				p.Cohort = append(p.Cohort, e)
				p.Population += population[e]
			}
		}
	}
	sort.Strings(p.Cohort)
	return p
}

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

// ProposalHeaders head the rows ProposalRows writes: the ranked consolidated needs with
// each criterion's share of the score.
var ProposalHeaders = append(append([]string{"Koht", "Skoor"}, ConsolidatedHeaders...), "Omavalitsuste arv (p)", "Rahvaarv (p)",
	"Strateegiaga sobivus (p)", "Kiireloomulisus (p)", "Kulutõhusus (p)")

// ProposalRows writes a proposal's ranked consolidated needs.
func ProposalRows(p Proposal) [][]any {
	rows := make([][]any, 0, len(p.Ranked))
	for _, r := range p.Ranked {
		row := append([]any{r.Rank, r.Score}, ConsolidatedRow(r.Consolidated)...)
		for _, part := range r.Breakdown {
			row = append(row, part.Points)
		}
		rows = append(rows, row)
	}
	return rows
}

func euros(m Money) float64 { return float64(m) / 100 }

func joinCodes(codes []string) string { return strings.Join(codes, ", ") }
