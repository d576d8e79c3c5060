package survey

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// MapsIndicator prefixes a mapping to an indicator of an action plan by its id, e.g.
// "indicator:12": a number question whose approved answer is the municipality's value of
// the indicator, proposed as a measurement dated the day of the approval.
const MapsIndicator = "indicator:"

// MappedIndicator is the indicator id a mapping names; ok is false for any other mapping.
func MappedIndicator(maps string) (id int64, ok bool) {
	s, found := strings.CutPrefix(maps, MapsIndicator)
	if !found {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// indicatorMapValid reports whether q fits an indicator: only a number is a value.
// Whether the indicator exists and takes values is data, checked when proposing.
func indicatorMapValid(q Question) bool {
	_, ok := MappedIndicator(q.Maps)
	return ok && q.Type == Number
}

// checkIndicatorsOnce refuses a second question mapped to the same indicator: one
// response gives one value of an indicator for the day.
func checkIndicatorsOnce(p *kovit.Problems, qs []Question) {
	seen := map[int64]bool{}
	for i, q := range qs {
		if id, ok := MappedIndicator(q.Maps); ok {
			if seen[id] {
				p.Add(fmt.Sprintf("questions[%d].maps", i), "survey.error.maps_indicator_twice")
			}
			seen[id] = true
		}
	}
}

// IndicatorTarget is what proposing a value of an indicator needs to know: the indicator,
// the municipality owning its strategy ("" for a national one) and its measurements.
type IndicatorTarget struct {
	Indicator    plan.Indicator
	OwnerEHAK    string
	Measurements []plan.Measurement
}

// IndicatorProposal is a measurement an approved response proposes: a new one, or the
// one already recorded for the same municipality and day (ID and Version set) with its
// Current value. It is saved only through the plan module's own save for measurements
// (its validation, version check and audit).
type IndicatorProposal struct {
	Question    string           `json:"question"`
	Measurement plan.Measurement `json:"measurement"`
	Current     *float64         `json:"current"`
}

// IndicatorProposals lists the measurements an approved response r proposes to the
// indicators its questions map to, by indicator id; targets are those indicators by id.
// The value is the municipality's own: of an indicator broken down by municipality, or
// of any indicator of the municipality's own plan. An answer left empty, an indicator
// gone or computed from the matrix, a national figure, and a value already recorded for
// the day propose nothing.
func IndicatorProposals(s Survey, r Response, targets map[int64]IndicatorTarget) []IndicatorProposal {
	if r.State != Approved || r.ApprovedAt == nil {
		return nil
	}
	y, m, d := r.ApprovedAt.UTC().Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	var out []IndicatorProposal
	for _, q := range s.Questions {
		id, ok := MappedIndicator(q.Maps)
		a := r.Answers[q.Key]
		t, known := targets[id]
		if !ok || !known || a.Number == nil || t.Indicator.FromMatrix != nil {
			continue
		}
		ms := plan.Measurement{IndicatorID: id, Value: *a.Number, Date: day, Source: s.Title}
		switch {
		case t.Indicator.Breakdown != plan.NoBreakdown:
			ms.MunicipalityEHAK = r.MunicipalityEHAK
		case t.OwnerEHAK != r.MunicipalityEHAK:
			continue
		}
		p := IndicatorProposal{Question: q.Key, Measurement: ms}
		for _, old := range t.Measurements {
			if old.MunicipalityEHAK == ms.MunicipalityEHAK && old.Date.Equal(day) {
				v := old.Value
				p.Current, p.Measurement.ID, p.Measurement.Version, p.Measurement.Note = &v, old.ID, old.Version, old.Note
			}
		}
		if p.Current != nil && *p.Current == ms.Value {
			continue
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Measurement.IndicatorID < out[j].Measurement.IndicatorID })
	return out
}
