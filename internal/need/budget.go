package need

import (
	"sort"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// Budget is what the needs mapped to a measure cost against its budget, and what each
// municipality would receive and carry itself.
type Budget struct {
	MeasureID int64       `json:"measure_id"`
	Budget    kovit.Money `json:"budget"`
	// Cost is the estimated cost of every need behind the mapped consolidated needs.
	Cost kovit.Money `json:"cost"`
	// Grants is what the eligible municipalities would receive together.
	Grants kovit.Money `json:"grants"`
	// Remaining is Budget less Grants; negative when the measure is oversubscribed.
	Remaining kovit.Money  `json:"remaining"`
	Lines     []BudgetLine `json:"lines"`
}

// BudgetLine is one municipality's part of a measure.
type BudgetLine struct {
	MunicipalityEHAK string      `json:"municipality_ehak"`
	Name             string      `json:"name"`
	Eligible         bool        `json:"eligible"`
	Reasons          []string    `json:"reasons"` // why not eligible, as translation keys
	Cost             kovit.Money `json:"cost"`
	// Grant is the cost less the co-financing share, capped by the measure's maximum
	// grant; an ineligible municipality receives nothing.
	Grant       kovit.Money `json:"grant"`
	CoFinancing kovit.Money `json:"co_financing"` // what the municipality pays itself
}

// BudgetOf computes the budget view of measure m over the needs behind its consolidated
// needs; municipalities gives each EHAK code's municipality.
func BudgetOf(m Measure, needs []Need, municipalities map[string]municipality.Municipality) Budget {
	cost := map[string]kovit.Money{}
	for _, n := range needs {
		if n.Cost != nil {
			cost[n.MunicipalityEHAK] += *n.Cost
		} else if _, ok := cost[n.MunicipalityEHAK]; !ok {
			cost[n.MunicipalityEHAK] = 0
		}
	}
	b := Budget{MeasureID: m.ID, Budget: m.Budget, Lines: []BudgetLine{}}
	for ehak, c := range cost {
		mu := municipalities[ehak]
		l := BudgetLine{MunicipalityEHAK: ehak, Name: mu.Name, Cost: c, Reasons: []string{}}
		var reasons []string
		l.Eligible, reasons = m.Eligibility.Check(mu)
		l.Reasons = append(l.Reasons, reasons...)
		if l.Eligible {
			l.Grant = c - c*kovit.Money(m.CoFinancing)/100
			if m.MaxGrant > 0 && l.Grant > m.MaxGrant {
				l.Grant = m.MaxGrant
			}
		}
		l.CoFinancing = c - l.Grant
		b.Cost += c
		b.Grants += l.Grant
		b.Lines = append(b.Lines, l)
	}
	sort.Slice(b.Lines, func(i, j int) bool { return b.Lines[i].MunicipalityEHAK < b.Lines[j].MunicipalityEHAK })
	b.Remaining = b.Budget - b.Grants
	return b
}
