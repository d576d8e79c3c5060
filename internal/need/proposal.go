package need

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"kovit/internal/kovit"
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

// ProposalSheets is the proposal as a workbook for the ministry: a summary of the measure
// and its totals, the ranked consolidated needs with their scores, and every
// municipality's cost, grant and co-financing as the budget view shows them. label gives
// the Estonian text of a translation key (the measure's status, why a municipality may
// not apply).
func ProposalSheets(p Proposal, label func(key string, args ...any) string) []Table {
	return []Table{
		{Sheet: "Kokkuvõte", Header: []string{"Näitaja", "Väärtus"}, Rows: proposalSummary(p, label)},
		{Sheet: "Prioriteedid", Header: ProposalHeaders, Rows: ProposalRows(p)},
		{Sheet: "Omavalitsused", Header: ProposalLineHeaders, Rows: ProposalLines(p, label)},
	}
}

func proposalSummary(p Proposal, label func(string, ...any) string) [][]any {
	m, b := p.Measure, p.Budget
	var maxGrant any = "piiranguta"
	if m.MaxGrant > 0 {
		maxGrant = euros(m.MaxGrant)
	}
	rows := [][]any{
		{"Meede", m.Name},
		{"Rahastaja", m.Funder},
		{"Periood", fmt.Sprintf("%d–%d", m.StartYear, m.EndYear)},
		{"Olek", label("need.measure_status." + string(m.Status))},
		{"Taotlemine", applyPeriod(m.OpensOn, m.ClosesOn)},
		{"Eelarve (EUR)", euros(m.Budget)},
		{"Suurim toetus omavalitsusele (EUR)", maxGrant},
		{"Omafinantseeringu määr (%)", m.CoFinancing},
		{"Koondvajadusi", len(p.Ranked)},
		{"Vajadusi", p.Needs},
		{"Omavalitsusi", len(p.Cohort)},
		{"Elanikke omavalitsustes", p.Population},
		{"Vajaduste maksumus kokku (EUR)", euros(b.Cost)},
		{"Toetused kokku (EUR)", euros(b.Grants)},
		{"Omafinantseering kokku (EUR)", euros(b.Cost - b.Grants)},
		{"Eelarve jääk (EUR)", euros(b.Remaining)},
		{"Toetused eelarvest (%)", percent(b.Grants, b.Budget)},
	}
	for _, c := range Criteria {
		rows = append(rows, []any{"Kaal: " + criterionNames[c], p.Weights.Of(c)})
	}
	return rows
}

// applyPeriod is when municipalities may apply, in words where a date is missing.
func applyPeriod(opens, closes string) string {
	switch {
	case opens != "" && closes != "":
		return opens + " – " + closes
	case opens != "":
		return "alates " + opens
	case closes != "":
		return "kuni " + closes
	}
	return "määramata"
}

// criterionNames are the criteria as the ranked sheet's headers name them.
var criterionNames = map[Criterion]string{CritMunicipalities: "omavalitsuste arv", CritPopulation: "rahvaarv",
	CritStrategyFit: "strateegiaga sobivus", CritUrgency: "kiireloomulisus", CritCostEfficiency: "kulutõhusus"}

// percent is part of whole in per cent to one decimal, 0 for no whole.
func percent(part, whole kovit.Money) float64 {
	if whole <= 0 {
		return 0
	}
	return math.Round(float64(part)/float64(whole)*1000) / 10
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

// ProposalLineHeaders head the rows ProposalLines writes.
var ProposalLineHeaders = []string{"EHAK", "Omavalitsus", "Saab taotleda", "Põhjus", "Maksumus (EUR)", "Toetus (EUR)", "Omafinantseering (EUR)"}

// ProposalLines writes each municipality's part of the measure, then their totals.
func ProposalLines(p Proposal, label func(string, ...any) string) [][]any {
	rows := make([][]any, 0, len(p.Budget.Lines)+1)
	for _, l := range p.Budget.Lines {
		reasons := make([]string, len(l.Reasons))
		for i, key := range l.Reasons {
			reasons[i] = label(key)
		}
		rows = append(rows, []any{l.MunicipalityEHAK, l.Name, l.Eligible, strings.Join(reasons, " "), euros(l.Cost), euros(l.Grant), euros(l.CoFinancing)})
	}
	b := p.Budget
	return append(rows, []any{"", "Kokku", nil, "", euros(b.Cost), euros(b.Grants), euros(b.Cost - b.Grants)})
}
