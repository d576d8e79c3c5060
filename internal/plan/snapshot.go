package plan

import (
	"cmp"
	"slices"
	"time"
)

// Snapshot is a strategy's state as a report keeps it: every node with its rolled-up
// progress, every participant and every indicator's latest value. It copies names (of
// levels, statuses, organisations and municipalities) rather than pointing at them, so a
// frozen report reads the same whatever is renamed or deleted later.
type Snapshot struct {
	TakenAt         time.Time          `json:"taken_at"`
	StrategyTitleEt string             `json:"strategy_title_et"`
	StrategyTitleEn string             `json:"strategy_title_en"`
	Levels          Levels             `json:"levels"`
	Statuses        Statuses           `json:"statuses"`
	Progress        *float64           `json:"progress"` // the strategy as a whole
	Nodes           []NodeState        `json:"nodes"`    // in reading order, parents first
	Participants    []ParticipantState `json:"participants"`
	Indicators      []IndicatorState   `json:"indicators"`
}

// NodeState is a goal, direction or activity as a report keeps it.
type NodeState struct {
	ID         int64      `json:"id"`
	ParentID   *int64     `json:"parent_id"`
	Depth      int        `json:"depth"`
	Kind       Kind       `json:"kind"`
	Code       string     `json:"code"`
	TitleEt    string     `json:"title_et"`
	TitleEn    string     `json:"title_en"`
	Status     string     `json:"status"`
	Completion int        `json:"completion"`
	Progress   *float64   `json:"progress"` // nil with nothing to measure
	LeadOrgEt  string     `json:"lead_org_et"`
	LeadOrgEn  string     `json:"lead_org_en"`
	Start      *time.Time `json:"start"`
	End        *time.Time `json:"end"`
	// InternalNote is for signed-in users only; Public removes it.
	InternalNote string `json:"internal_note"`
}

// ParticipantState is one municipality's part in a joint activity as a report keeps it.
type ParticipantState struct {
	ActivityID       int64      `json:"activity_id"`
	MunicipalityEHAK string     `json:"municipality_ehak"`
	MunicipalityName string     `json:"municipality_name"`
	Status           string     `json:"status"`
	Completion       int        `json:"completion"`
	Due              *time.Time `json:"due"`
}

// IndicatorState is an indicator's figures as a report keeps them.
type IndicatorState struct {
	ID        int64       `json:"id"`
	NodeID    *int64      `json:"node_id"`
	NameEt    string      `json:"name_et"`
	NameEn    string      `json:"name_en"`
	Unit      string      `json:"unit"`
	Better    Better      `json:"direction"`
	Breakdown Aggregation `json:"breakdown"`
	Baseline  *Point      `json:"baseline"`
	Latest    *Point      `json:"latest"` // the national figure
	Target    *Point      `json:"target"`
	// Municipalities is each municipality's latest value of a broken-down indicator.
	Municipalities []MunicipalValue `json:"municipalities"`
}

// MunicipalValue is one municipality's latest value of an indicator.
type MunicipalValue struct {
	MunicipalityEHAK string    `json:"municipality_ehak"`
	MunicipalityName string    `json:"municipality_name"`
	Value            float64   `json:"value"`
	Date             time.Time `json:"date"`
}

// FreezeInput is what Freeze reads: the tree, its indicators' measurements and the names
// the snapshot copies.
type FreezeInput struct {
	Tree           Tree
	Measurements   []Measurement
	Organisations  []Organisation
	Municipalities map[string]string // EHAK → name; its size is Share's denominator
	// Until is the end of the report's period: values measured later belong to a later
	// report, even when they were entered before this one was completed.
	Until time.Time
	At    time.Time
}

// Freeze takes the snapshot of in.Tree, in time proportional to its size.
func Freeze(in FreezeInput) Snapshot {
	t := in.Tree
	progress := Rollup(t)
	s := Snapshot{TakenAt: in.At, StrategyTitleEt: t.Strategy.TitleEt, StrategyTitleEn: t.Strategy.TitleEn,
		Levels: t.Strategy.Levels, Statuses: slices.Clone(t.Strategy.Statuses), Progress: shareOf(progress, StrategyKey),
		Nodes: make([]NodeState, 0, len(t.Nodes)), Participants: make([]ParticipantState, 0, len(t.Participants)),
		Indicators: make([]IndicatorState, 0, len(t.Indicators))}
	orgs := make(map[int64]Organisation, len(in.Organisations))
	for _, o := range in.Organisations {
		orgs[o.ID] = o
	}
	children := t.Children()
	var walk func(id int64, depth int)
	walk = func(id int64, depth int) {
		for _, n := range children[id] {
			ns := NodeState{ID: n.ID, ParentID: n.ParentID, Depth: depth, Kind: n.Kind, Code: n.Code, TitleEt: n.TitleEt,
				TitleEn: n.TitleEn, Status: n.Status, Completion: n.Completion, Progress: shareOf(progress, n.ID),
				Start: n.Start, End: n.End, InternalNote: n.InternalNote}
			if n.LeadOrgID != nil {
				o := orgs[*n.LeadOrgID]
				ns.LeadOrgEt, ns.LeadOrgEn = o.NameEt, o.NameEn
			}
			s.Nodes = append(s.Nodes, ns)
			walk(n.ID, depth+1)
		}
	}
	walk(StrategyKey, 0)
	for _, p := range t.Participants {
		s.Participants = append(s.Participants, ParticipantState{ActivityID: p.ActivityID, MunicipalityEHAK: p.MunicipalityEHAK,
			MunicipalityName: in.Municipalities[p.MunicipalityEHAK], Status: p.Status, Completion: p.Completion, Due: p.Due})
	}
	byIndicator := map[int64][]Measurement{}
	for _, m := range in.Measurements {
		if !in.Until.IsZero() && m.Date.After(in.Until) {
			continue
		}
		byIndicator[m.IndicatorID] = append(byIndicator[m.IndicatorID], m)
	}
	for _, ind := range t.Indicators {
		ms := byIndicator[ind.ID]
		is := IndicatorState{ID: ind.ID, NodeID: ind.NodeID, NameEt: ind.NameEt, NameEn: ind.NameEn, Unit: ind.Unit,
			Better: ind.Better, Breakdown: ind.Breakdown, Baseline: ind.Baseline, Target: targetFor(ind.Targets, in.Until)}
		if series := ind.Series(ms, len(in.Municipalities)); len(series) > 0 {
			last := series[len(series)-1]
			is.Latest = &last
		}
		if ind.Breakdown != NoBreakdown {
			is.Municipalities = latestByMunicipality(ms, in.Municipalities)
		}
		s.Indicators = append(s.Indicators, is)
	}
	return s
}

// targetFor is the target a report measures against: the first one due on or after the
// period's end, or the last one when all are earlier.
func targetFor(targets []Point, until time.Time) *Point {
	if len(targets) == 0 {
		return nil
	}
	for _, t := range targets {
		if !t.Date.Before(until) {
			return &t
		}
	}
	last := targets[len(targets)-1]
	return &last
}

// latestByMunicipality is each municipality's latest value, by EHAK.
func latestByMunicipality(ms []Measurement, names map[string]string) []MunicipalValue {
	latest := map[string]Measurement{}
	for _, m := range ms {
		if m.MunicipalityEHAK == "" {
			continue
		}
		if l, ok := latest[m.MunicipalityEHAK]; !ok || !m.Date.Before(l.Date) {
			latest[m.MunicipalityEHAK] = m
		}
	}
	out := make([]MunicipalValue, 0, len(latest))
	for ehak, m := range latest {
		out = append(out, MunicipalValue{MunicipalityEHAK: ehak, MunicipalityName: names[ehak], Value: m.Value, Date: m.Date})
	}
	slices.SortFunc(out, func(a, b MunicipalValue) int { return cmp.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK) })
	return out
}

func shareOf(progress map[int64]float64, id int64) *float64 {
	v, ok := progress[id]
	if !ok {
		return nil
	}
	return &v
}

// Public returns the snapshot as the public may see it: without internal notes.
func (s Snapshot) Public() Snapshot {
	nodes := make([]NodeState, len(s.Nodes))
	for i, n := range s.Nodes {
		n.InternalNote = ""
		nodes[i] = n
	}
	s.Nodes = nodes
	return s
}
