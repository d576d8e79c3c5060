package need

import (
	"sort"

	"kovit/internal/kovit"
)

// Criterion is one thing prioritisation weighs.
type Criterion string

const (
	CritMunicipalities Criterion = "municipalities"  // how many ask for it
	CritPopulation     Criterion = "population"      // how many people live there
	CritStrategyFit    Criterion = "strategy_fit"    // how well it serves the strategy
	CritUrgency        Criterion = "urgency"         // how soon the municipalities need it
	CritCostEfficiency Criterion = "cost_efficiency" // residents served per euro
)

// Criteria lists the criteria in the order a breakdown shows them.
var Criteria = []Criterion{CritMunicipalities, CritPopulation, CritStrategyFit, CritUrgency, CritCostEfficiency}

// Weights say how much each criterion counts; coordinators set them. Only their ratio
// matters: a score is the weighted mean of the criteria.
type Weights struct {
	Municipalities float64 `json:"municipalities"`
	Population     float64 `json:"population"`
	StrategyFit    float64 `json:"strategy_fit"`
	Urgency        float64 `json:"urgency"`
	CostEfficiency float64 `json:"cost_efficiency"`
	Version        int     `json:"version"`
}

// DefaultWeights count every criterion the same.
func DefaultWeights() Weights { return Weights{1, 1, 1, 1, 1, 0} }

// Of returns the weight of c.
func (w Weights) Of(c Criterion) float64 {
	switch c {
	case CritMunicipalities:
		return w.Municipalities
	case CritPopulation:
		return w.Population
	case CritStrategyFit:
		return w.StrategyFit
	case CritUrgency:
		return w.Urgency
	}
	return w.CostEfficiency
}

// Validate checks that each weight is 0 to 100 and that at least one counts.
func (w Weights) Validate() error {
	var p kovit.Problems
	sum := 0.0
	for _, c := range Criteria {
		v := w.Of(c)
		if v < 0 || v > 100 || v != v {
			p.Add(string(c), "need.error.weight")
		}
		sum += v
	}
	if sum <= 0 {
		p.Add("municipalities", "need.error.weights_zero")
	}
	return p.Err()
}

// Part is one criterion's share of a score: the raw value, the value scaled 0 to 1
// against the best candidate, and what it adds to the score.
type Part struct {
	Criterion  Criterion `json:"criterion"`
	Raw        float64   `json:"raw"`
	Normalized float64   `json:"normalized"`
	Weight     float64   `json:"weight"`
	Points     float64   `json:"points"`
}

// Ranked is a consolidated need with its priority score (0–1) and how it was reached.
type Ranked struct {
	Consolidated Consolidated `json:"consolidated"`
	Rank         int          `json:"rank"`
	Score        float64      `json:"score"`
	Breakdown    []Part       `json:"breakdown"`
}

// raw is the criterion's value for c before scaling.
func raw(c Consolidated, k Criterion) float64 {
	f := c.Figures
	switch k {
	case CritMunicipalities:
		return float64(len(f.Cohort))
	case CritPopulation:
		return float64(f.Population)
	case CritStrategyFit:
		return float64(c.StrategyFit)
	case CritUrgency:
		return f.Urgency
	}
	if f.CostTotal <= 0 {
		return 0 // unknown cost: no claim to efficiency
	}
	return float64(f.Population) / (float64(f.CostTotal) / 100)
}

// Rank scores every candidate and sorts them best first. Each criterion is divided by
// its largest value among the candidates, so the best scores 1 and nothing is negative;
// the score is the weighted mean of the scaled criteria. Ties keep the lower id first.
func Rank(cands []Consolidated, w Weights) []Ranked {
	best := map[Criterion]float64{}
	for _, c := range cands {
		for _, k := range Criteria {
			best[k] = max(best[k], raw(c, k))
		}
	}
	total := 0.0
	for _, k := range Criteria {
		total += w.Of(k)
	}
	out := make([]Ranked, len(cands))
	for i, c := range cands {
		r := Ranked{Consolidated: c, Breakdown: make([]Part, 0, len(Criteria))}
		for _, k := range Criteria {
			p := Part{Criterion: k, Raw: raw(c, k), Weight: w.Of(k)}
			if best[k] > 0 {
				p.Normalized = p.Raw / best[k]
			}
			if total > 0 {
				p.Points = p.Normalized * p.Weight / total
			}
			r.Score += p.Points
			r.Breakdown = append(r.Breakdown, p)
		}
		out[i] = r
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Consolidated.ID < out[j].Consolidated.ID
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}
