package refdata

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"kovit/internal/plan"
)

//go:embed strategies.csv
var strategiesCSV []byte

// Strategies returns the three real strategies of local-government ICT whose goals or
// action directions are known (SOURCES-strategies.md), as archived strategies without
// activities: none were published in a readable form, and none are invented here.
func Strategies() ([]plan.Seed, error) {
	rows, err := readCSV(strategiesCSV, "strategy", "strategy_title_et", "strategy_title_en", "period", "level", "code", "title_et", "title_en", "source")
	if err != nil {
		return nil, fmt.Errorf("strategies.csv: %w", err)
	}
	var out []plan.Seed
	for i, r := range rows {
		line := i + 2
		if len(out) == 0 || out[len(out)-1].Strategy.Code != r["strategy"] {
			st, err := seedStrategy(r)
			if err != nil {
				return nil, fmt.Errorf("strategies.csv row %d: %w", line, err)
			}
			out = append(out, plan.Seed{Strategy: st})
		}
		seed := &out[len(out)-1]
		if r["source"] != seed.Strategy.SourceURL {
			return nil, fmt.Errorf("strategies.csv row %d: a second source for %s", line, r["strategy"])
		}
		n := plan.Node{Kind: plan.Kind(r["level"]), Code: r["code"], TitleEt: r["title_et"], TitleEn: r["title_en"]}
		if n.Kind != plan.Goal && n.Kind != plan.Direction {
			return nil, fmt.Errorf("strategies.csv row %d: level %q", line, r["level"])
		}
		if err := n.Normalize(seed.Strategy.Statuses).Validate(seed.Strategy.Statuses); err != nil {
			return nil, fmt.Errorf("strategies.csv row %d: %w", line, err)
		}
		seed.Nodes = append(seed.Nodes, n)
	}
	return out, nil
}

func seedStrategy(r map[string]string) (plan.Strategy, error) {
	from, to, ok := strings.Cut(r["period"], "-")
	start, err1 := strconv.Atoi(from)
	end, err2 := strconv.Atoi(to)
	if !ok || err1 != nil || err2 != nil {
		return plan.Strategy{}, fmt.Errorf("period %q", r["period"])
	}
	st := plan.Strategy{
		Code: r["strategy"], TitleEt: r["strategy_title_et"], TitleEn: r["strategy_title_en"],
		StartYear: start, EndYear: end, Status: plan.Archived, SourceURL: r["source"],
	}.WithDefaults()
	return st, st.Validate()
}
