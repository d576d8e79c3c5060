package plan

import (
	"math"
	"slices"
	"strings"
	"time"

	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
)

// Better says which way an indicator should move.
type Better string

const (
	HigherIsBetter Better = "higher"
	LowerIsBetter  Better = "lower"
)

// Aggregation is how an indicator broken down per municipality makes its national figure.
// NoBreakdown means its values are national figures entered as such.
type Aggregation string

const (
	NoBreakdown Aggregation = ""
	Sum         Aggregation = "sum"
	Mean        Aggregation = "mean"
	// Share is the percentage of all municipalities whose latest value is above zero, for
	// yes/no indicators kept as 1 and 0 ("municipalities with a data protection officer").
	Share Aggregation = "share"
)

// Point is a value on a date: a baseline, a target, or a point of a series.
type Point struct {
	Value float64   `json:"value"`
	Date  time.Time `json:"date"`
}

// Indicator measures a strategy, goal or action direction.
type Indicator struct {
	ID         int64       `json:"id"`
	StrategyID int64       `json:"strategy_id"`
	NodeID     *int64      `json:"node_id"` // nil: the strategy as a whole
	NameEt     string      `json:"name_et"`
	NameEn     string      `json:"name_en"`
	Unit       string      `json:"unit"`
	Better     Better      `json:"direction"`
	Baseline   *Point      `json:"baseline"`
	Targets    []Point     `json:"targets"` // by date
	Breakdown  Aggregation `json:"breakdown"`
	// FromMatrix, when set, makes the indicator a figure of the e-service matrix: kovit
	// measures it at every monthly snapshot.
	FromMatrix *MatrixSource `json:"from_matrix,omitempty"`
	Position   int           `json:"position"`
	Version    int           `json:"version"`
	UpdatedAt  time.Time     `json:"updated_at"`
}

// Name returns the indicator's name in lang; en reports that the English one stands in.
func (i Indicator) Name(lang string) (name string, en bool) { return pick(lang, i.NameEt, i.NameEn) }

// Normalize orders the targets by date, as charts draw them, and names the e-service
// matrix one way.
func (i Indicator) Normalize() Indicator {
	i.Targets = slices.Clone(i.Targets)
	slices.SortStableFunc(i.Targets, func(a, b Point) int { return a.Date.Compare(b.Date) })
	if m := i.FromMatrix; m != nil && m.Scale == ScaleEService {
		c := *m
		c.Scale = "" // the e-service matrix is the source without a scale, as before scales
		i.FromMatrix = &c
	}
	return i
}

// Validate checks an indicator; which node it may sit on is checked by the store.
func (i Indicator) Validate() error {
	var p kovit.Problems
	if strings.TrimSpace(i.NameEt) == "" && strings.TrimSpace(i.NameEn) == "" {
		p.Add("name_et", "error.required")
	}
	textLimits(&p, 300, "name_et", i.NameEt, "name_en", i.NameEn)
	if kovit.TooLong(i.Unit, 40) {
		p.Add("unit", "error.too_long")
	}
	if i.Better != HigherIsBetter && i.Better != LowerIsBetter {
		p.Add("direction", "plan.error.direction")
	}
	switch i.Breakdown {
	case NoBreakdown, Sum, Mean, Share:
	default:
		p.Add("breakdown", "plan.error.aggregation")
	}
	if i.Baseline != nil && !validPoint(*i.Baseline) {
		p.Add("baseline", "plan.error.point")
	}
	for _, t := range i.Targets {
		if !validPoint(t) {
			p.Add("targets", "plan.error.point")
			break
		}
	}
	if m := i.FromMatrix; m != nil && m.Practice != "" {
		if !edemocracy.MeasureValid(m.Practice) || m.ServiceCode != "" || m.Level != 0 {
			p.Add("from_matrix.practice", "plan.error.matrix_practice")
		}
		if i.Breakdown != NoBreakdown {
			p.Add("breakdown", "plan.error.matrix_breakdown")
		}
	} else if m != nil {
		// The store checks that the service is in the catalogue and the level on the scale,
		// which are data.
		switch m.Scale {
		case "", ScaleEService:
			if strings.TrimSpace(m.ServiceCode) == "" || kovit.TooLong(m.ServiceCode, 20) {
				p.Add("from_matrix.service_code", "plan.error.matrix_service")
			}
		case ScaleRecords:
			if m.ServiceCode != "" {
				p.Add("from_matrix.service_code", "plan.error.records_no_service")
			}
		default:
			p.Add("from_matrix.scale", "plan.error.matrix_scale")
		}
		if m.Level < 0 || m.Level > 100 {
			p.Add("from_matrix.level", "plan.error.matrix_level")
		}
		if i.Breakdown != NoBreakdown {
			p.Add("breakdown", "plan.error.matrix_breakdown")
		}
	}
	if len(i.Targets) > 50 {
		p.Add("targets", "plan.error.too_many")
	}
	if i.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

func validPoint(p Point) bool { return finite(p.Value) && kovit.ValidDate(p.Date) }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Measurement is one measured value of an indicator: national, or one municipality's
// when the indicator is broken down.
type Measurement struct {
	ID               int64     `json:"id"`
	IndicatorID      int64     `json:"indicator_id"`
	MunicipalityEHAK string    `json:"municipality_ehak,omitempty"`
	Value            float64   `json:"value"`
	Date             time.Time `json:"date"`
	Source           string    `json:"source"`
	Note             string    `json:"note"`
	Version          int       `json:"version"`
	UpdatedAt        time.Time `json:"updated_at"`
	UpdatedBy        string    `json:"updated_by"`
}

// Validate checks a measurement of ind: a broken-down indicator takes only municipalities'
// values (its national figure is derived), any other only national ones.
func (m Measurement) Validate(ind Indicator) error {
	var p kovit.Problems
	if !finite(m.Value) {
		p.Add("value", "error.number")
	}
	if !kovit.ValidDate(m.Date) {
		p.Add("date", "error.date")
	}
	if (ind.Breakdown == NoBreakdown) != (m.MunicipalityEHAK == "") {
		p.Add("municipality_ehak", "plan.error.breakdown")
	}
	textLimits(&p, 500, "source", m.Source)
	textLimits(&p, 2000, "note", m.Note)
	if m.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// Series is the indicator's national figure over time: the national measurements as they
// are, or for a broken-down indicator the aggregate of the municipalities' values.
func (i Indicator) Series(ms []Measurement, municipalities int) []Point {
	if i.Breakdown != NoBreakdown {
		return National(i.Breakdown, ms, municipalities)
	}
	var out []Point
	for _, m := range ms {
		if m.MunicipalityEHAK == "" {
			out = append(out, Point{m.Value, m.Date})
		}
	}
	slices.SortStableFunc(out, func(a, b Point) int { return a.Date.Compare(b.Date) })
	return out
}

// National derives the national figure on every date some municipality reported, from each
// municipality's latest value up to that date: municipalities report at different times,
// and a figure from only the day's reporters would jump about. municipalities is the
// denominator of Share (normally 79). It sorts a copy and sweeps once: O(n log n).
func National(agg Aggregation, ms []Measurement, municipalities int) []Point {
	var sorted []Measurement
	for _, m := range ms {
		if m.MunicipalityEHAK != "" {
			sorted = append(sorted, m)
		}
	}
	slices.SortStableFunc(sorted, func(a, b Measurement) int { return a.Date.Compare(b.Date) })
	latest := map[string]float64{}
	var sum float64
	positive := 0
	var out []Point
	for k, m := range sorted {
		if old, ok := latest[m.MunicipalityEHAK]; ok {
			sum -= old
			if old > 0 {
				positive--
			}
		}
		latest[m.MunicipalityEHAK] = m.Value
		sum += m.Value
		if m.Value > 0 {
			positive++
		}
		if k+1 < len(sorted) && sorted[k+1].Date.Equal(m.Date) {
			continue // the day is not complete yet
		}
		p := Point{Date: m.Date}
		switch agg {
		case Sum:
			p.Value = sum
		case Mean:
			p.Value = sum / float64(len(latest))
		case Share:
			p.Value = 100 * float64(positive) / float64(max(municipalities, len(latest)))
		}
		out = append(out, p)
	}
	return out
}
