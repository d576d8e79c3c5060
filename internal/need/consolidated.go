package need

import (
	"sort"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Consolidated is one need shared by many municipalities: coordinators group similar
// needs under it, and it is what gets ranked, mapped to a measure and funded.
type Consolidated struct {
	ID          int64    `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Category    Category `json:"category"`
	// BuildOnce marks a solution built once and reused by every municipality of the cohort.
	BuildOnce bool `json:"build_once"`
	// Published makes it visible to the public, with its measure when that is published too.
	Published bool `json:"published"`
	// StrategyFit is how well it serves the strategy's goals, 0 to 5, set by a coordinator.
	StrategyFit int `json:"strategy_fit"`
	// MeasureID is the support measure it is mapped to.
	MeasureID *int64    `json:"measure_id"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Figures are derived from the linked needs; the store fills them on every read.
	Figures Figures `json:"figures"`
}

// Figures sum up the needs behind a consolidated need.
type Figures struct {
	NeedIDs []int64 `json:"need_ids"`
	// Cohort are the requesting municipalities' EHAK codes, sorted.
	Cohort     []string    `json:"cohort"`
	Population int         `json:"population"` // of the cohort together
	CostTotal  kovit.Money `json:"cost_total"`
	CostMedian kovit.Money `json:"cost_median"` // of the needs with a cost
	// Urgency is the mean rank (1 low … 4 critical) of the linked needs, 0 without any.
	Urgency      float64  `json:"urgency"`
	Endorsements []string `json:"endorsements"` // municipalities that endorse it, sorted
}

// Normalize trims the texts.
func (c *Consolidated) Normalize() {
	c.Title = strings.TrimSpace(c.Title)
	c.Description = strings.TrimSpace(c.Description)
}

// Validate checks what a coordinator enters.
func (c Consolidated) Validate() error {
	var p kovit.Problems
	required(&p, "title", c.Title, 300)
	if kovit.TooLong(c.Description, 20000) {
		p.Add("description", "error.too_long")
	}
	if !c.Category.Valid() {
		p.Add("category", "need.error.category")
	}
	if c.StrategyFit < 0 || c.StrategyFit > 5 {
		p.Add("strategy_fit", "need.error.strategy_fit")
	}
	if c.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// Summarize computes the figures of needs linked to one consolidated need; population
// gives each municipality's number of residents.
func Summarize(needs []Need, population map[string]int, endorsements []string) Figures {
	f := Figures{NeedIDs: []int64{}, Cohort: []string{}, Endorsements: []string{}}
	seen := map[string]bool{}
	var costs []kovit.Money
	urgency := 0
	for _, n := range needs {
		f.NeedIDs = append(f.NeedIDs, n.ID)
		if !seen[n.MunicipalityEHAK] {
			seen[n.MunicipalityEHAK] = true
			f.Cohort = append(f.Cohort, n.MunicipalityEHAK)
			f.Population += population[n.MunicipalityEHAK]
		}
		if n.Cost != nil {
			costs = append(costs, *n.Cost)
			f.CostTotal += *n.Cost
		}
		urgency += n.Urgency.Rank()
	}
	sort.Strings(f.Cohort)
	sort.Slice(f.NeedIDs, func(i, j int) bool { return f.NeedIDs[i] < f.NeedIDs[j] })
	f.CostMedian = median(costs)
	if len(needs) > 0 {
		f.Urgency = float64(urgency) / float64(len(needs))
	}
	f.Endorsements = append(f.Endorsements, endorsements...)
	sort.Strings(f.Endorsements)
	return f
}

// median is the middle cost, or the mean of the two middle ones, rounded down to a cent.
func median(costs []kovit.Money) kovit.Money {
	if len(costs) == 0 {
		return 0
	}
	s := append([]kovit.Money(nil), costs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Suggestion is a likely duplicate of a need, for a coordinator to accept or dismiss.
type Suggestion struct {
	Need  Need    `json:"need"` // the other need
	Score float64 `json:"score"`
}

// Endorsement is a municipality backing a consolidated need; each endorses it once.
type Endorsement struct {
	ConsolidatedID   int64  `json:"consolidated_id"`
	MunicipalityEHAK string `json:"municipality_ehak"`
}
