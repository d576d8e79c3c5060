package plan

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/kovit"
)

// reportTree is a goal with two activities, one joint with two municipalities, and a
// broken-down indicator and a national one.
func reportTree() (Tree, []Measurement) {
	lead := int64(7)
	t := Tree{
		Strategy: Strategy{TitleEt: "Kava", Statuses: DefaultStatuses(), Levels: DefaultLevels()},
		Nodes: []Node{
			nd(1, 0, Goal, 1, "", 0),
			nd(2, 1, Activity, 1, InProgress, 40),
			nd(3, 1, Activity, 1, NotStarted, 0),
		},
		Participants: []Participant{part(3, "0793", Done, 100), part(3, "0784", InProgress, 50)},
		Indicators: []Indicator{
			{ID: 10, NameEt: "Osakaal", Breakdown: Share, Targets: []Point{{50, *date("2025-12-31")}, {80, *date("2027-12-31")}}},
			{ID: 11, NameEt: "Arv", Unit: "tk"},
		},
	}
	t.Nodes[1].LeadOrgID = &lead
	t.Nodes[1].InternalNote = "sisemine"
	for i := range t.Nodes {
		t.Nodes[i].Code = string(rune('0' + t.Nodes[i].ID))
	}
	ms := []Measurement{
		{IndicatorID: 10, MunicipalityEHAK: "0793", Value: 1, Date: *date("2026-03-01")},
		{IndicatorID: 10, MunicipalityEHAK: "0784", Value: 0, Date: *date("2026-03-01")},
		{IndicatorID: 10, MunicipalityEHAK: "0784", Value: 1, Date: *date("2027-02-01")}, // after the period
		{IndicatorID: 11, Value: 5, Date: *date("2026-06-30")},
	}
	return t, ms
}

func freezeOf(t Tree, ms []Measurement) Snapshot {
	return Freeze(FreezeInput{Tree: t, Measurements: ms, Organisations: []Organisation{{ID: 7, NameEt: "Liit", NameEn: "Association"}},
		Municipalities: map[string]string{"0793": "Tartu linn", "0784": "Tallinn"}, Until: *date("2026-12-31"), At: *date("2027-01-15")})
}

func TestFreeze(t *testing.T) {
	s := freezeOf(reportTree())
	var codes []string
	for _, n := range s.Nodes {
		codes = append(codes, n.Code)
	}
	if diff := cmp.Diff([]string{"1", "2", "3"}, codes); diff != "" {
		t.Errorf("reading order (-want +got):\n%s", diff)
	}
	// Activity 3 is the mean of its parts (1 and 0.5); the goal the mean of 0.4 and 0.75.
	if p := s.Nodes[2].Progress; p == nil || *p != 0.75 {
		t.Errorf("joint activity progress %v", p)
	}
	if p := s.Progress; p == nil || *p < 0.574 || *p > 0.576 {
		t.Errorf("strategy progress %v, want 0.575", p)
	}
	if n := s.Nodes[1]; n.LeadOrgEt != "Liit" || n.LeadOrgEn != "Association" || n.Depth != 1 || n.InternalNote != "sisemine" {
		t.Errorf("activity %+v", n)
	}
	if p := s.Participants[0]; p.MunicipalityName != "Tartu linn" || p.Status != Done {
		t.Errorf("participant %+v", p)
	}
	share := s.Indicators[0]
	// The 2027 value is after the period: Tallinn still counts as 0, so 1 of 2 is 50 %.
	if share.Latest == nil || share.Latest.Value != 50 || len(share.Municipalities) != 2 || share.Municipalities[0].MunicipalityEHAK != "0784" ||
		share.Municipalities[0].Value != 0 || share.Target == nil || share.Target.Value != 80 {
		t.Errorf("broken-down indicator %+v", share)
	}
	if n := s.Indicators[1]; n.Latest == nil || n.Latest.Value != 5 || n.Municipalities != nil || n.Target != nil {
		t.Errorf("national indicator %+v", n)
	}
	if pub := s.Public(); pub.Nodes[1].InternalNote != "" || s.Nodes[1].InternalNote == "" {
		t.Error("Public must drop internal notes from a copy")
	}
}

func TestCompare(t *testing.T) {
	tree, ms := reportTree()
	from := freezeOf(tree, ms)

	// A year on: 2 is done, 3 is cancelled, a new activity 4, Tallinn's part moved, the
	// national figure grew; then activity 2 is deleted in a third state.
	tree.Nodes[1].Status, tree.Nodes[1].Completion = Done, 100
	tree.Nodes[2].Status = Cancelled
	tree.Nodes = append(tree.Nodes, nd(4, 1, Activity, 1, NotStarted, 10))
	tree.Participants[1].Completion = 80
	ms = append(ms, Measurement{IndicatorID: 11, Value: 9, Date: *date("2026-12-01")})
	to := freezeOf(tree, ms)

	c := Compare(from, to)
	type status struct {
		ID       int64
		From, To string
	}
	var statuses []status
	for _, s := range c.StatusChanges {
		statuses = append(statuses, status{s.Node.ID, s.From, s.To})
	}
	if diff := cmp.Diff([]status{{2, InProgress, Done}, {3, NotStarted, Cancelled}}, statuses); diff != "" {
		t.Errorf("status changes (-want +got):\n%s", diff)
	}
	ids := func(ns []NodeState) (out []int64) {
		for _, n := range ns {
			out = append(out, n.ID)
		}
		return out
	}
	if got := ids(c.Closed); !cmp.Equal(got, []int64{2, 3}) {
		t.Errorf("closed %v", got)
	}
	if got := ids(c.Added); !cmp.Equal(got, []int64{4}) {
		t.Errorf("added %v", got)
	}
	if c.Removed != nil {
		t.Errorf("removed %v", ids(c.Removed))
	}
	// Node 2 went 0.4 → 1, node 3 0.75 → 0.9 (its own entry still counts), the goal
	// 0.575 → (1 + 0.1) / 2 as cancelled 3 leaves its mean.
	type progress struct {
		ID    int64
		Delta float64
	}
	var deltas []progress
	for _, p := range c.ProgressChanges {
		deltas = append(deltas, progress{p.Node.ID, math.Round(p.Delta*1000) / 1000})
	}
	if diff := cmp.Diff([]progress{{1, -0.025}, {2, 0.6}, {3, 0.15}}, deltas); diff != "" {
		t.Errorf("progress changes (-want +got):\n%s", diff)
	}
	if len(c.ParticipantChanges) != 1 || c.ParticipantChanges[0].To.MunicipalityEHAK != "0784" || c.ParticipantChanges[0].From.Completion != 50 ||
		c.ParticipantChanges[0].Node.ID != 3 {
		t.Errorf("participant changes %+v", c.ParticipantChanges)
	}
	if len(c.IndicatorChanges) != 1 || c.IndicatorChanges[0].Indicator.ID != 11 || c.IndicatorChanges[0].From.Value != 5 || c.IndicatorChanges[0].To.Value != 9 {
		t.Errorf("indicator changes %+v", c.IndicatorChanges)
	}

	// Deleting activity 2 (and Tartu leaving 3) shows as removed, not as a change of it.
	tree.Nodes = append(tree.Nodes[:1], tree.Nodes[2:]...)
	tree.Participants = tree.Participants[1:]
	later := Compare(to, freezeOf(tree, ms))
	if got := ids(later.Removed); !cmp.Equal(got, []int64{2}) || later.StatusChanges != nil || later.Added != nil {
		t.Errorf("after delete: removed %v, status %v, added %v", got, later.StatusChanges, ids(later.Added))
	}
	if pc := later.ParticipantChanges; len(pc) != 1 || pc[0].To != nil || pc[0].From.MunicipalityEHAK != "0793" {
		t.Errorf("participant left: %+v", pc)
	}
	if same := Compare(to, to); !cmp.Equal(same, Comparison{ProgressFrom: to.Progress, ProgressTo: to.Progress}) {
		t.Errorf("a state compared with itself: %+v", same)
	}
}

func TestReportValidate(t *testing.T) {
	start, end := *date("2026-01-01"), *date("2026-12-31")
	tests := []struct {
		name string
		r    Report
		bad  []string
	}{
		{"ok", Report{TitleEt: "2026. aasta aruanne", PeriodStart: start, PeriodEnd: end}, nil},
		{"empty", Report{}, []string{"title_et", "period_start", "period_end"}},
		{"backwards", Report{TitleEt: "x", PeriodStart: end, PeriodEnd: start}, []string{"period_end"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range kovit.FieldsOf(tt.r.Validate()) {
			got = append(got, f.Field)
		}
		if !cmp.Equal(got, tt.bad) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.bad)
		}
	}
	u := ProgressUpdate{Body: " ", Date: time.Time{}}
	var got []string
	for _, f := range kovit.FieldsOf(u.Validate()) {
		got = append(got, f.Field)
	}
	if !cmp.Equal(got, []string{"body", "date"}) {
		t.Errorf("progress update problems %v", got)
	}
}
