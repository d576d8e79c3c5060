package plan

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/kovit"
)

func fields(err error) []string {
	var out []string
	for _, f := range kovit.FieldsOf(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestStrategyValidate(t *testing.T) {
	ok := Strategy{TitleEt: "KOV IKT strateegia 2026–2030", StartYear: 2026, EndYear: 2030, Status: Draft}.WithDefaults()
	bad := ok
	bad.TitleEt, bad.StartYear, bad.EndYear, bad.Status, bad.SourceURL, bad.StaleAfterDays = " ", 1800, 2200, "live", "ftp://x", -1
	backwards := ok
	backwards.StartYear, backwards.EndYear = 2030, 2026
	dupStatus := ok
	dupStatus.Statuses = append(Statuses{}, ok.Statuses...)
	dupStatus.Statuses[1].Key = NotStarted
	noDone := ok
	noDone.Statuses = Statuses{{Key: "open", NameEt: "avatud", Colour: "#123456"}}
	badColour := ok
	badColour.Statuses = Statuses{{Key: "done", NameEt: "tehtud", Colour: "green", Done: true}}
	noLevel := ok
	noLevel.Levels.Task = LevelName{En: "task"}
	tests := []struct {
		name string
		s    Strategy
		bad  []string
	}{
		{"defaults are valid", ok, nil},
		{"English title only is enough", Strategy{TitleEn: "ICT strategy", StartYear: 2017, EndYear: 2021, Status: Archived}.WithDefaults(), nil},
		{"every field wrong", bad, []string{"title_et", "start_year", "end_year", "status", "source_url", "stale_after_days"}},
		{"end before start", backwards, []string{"end_year"}},
		{"duplicate status key", dupStatus, []string{"statuses"}},
		{"no done status", noDone, []string{"statuses"}},
		{"bad colour", badColour, []string{"statuses"}},
		{"level without Estonian name", noLevel, []string{"levels.task"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.bad, fields(tt.s.Validate())); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	if d := (Strategy{}).WithDefaults(); d.Levels.Direction.Et != "tegevussuund" || len(d.Statuses) != 5 || d.StaleAfterDays != 90 {
		t.Errorf("defaults %+v", d)
	}
}

func TestNodeNormalizeAndValidate(t *testing.T) {
	st := DefaultStatuses()
	minus := kovit.Money(-1)
	day := func(s string) *time.Time { return date(s) }
	tests := []struct {
		name string
		n    Node
		bad  []string
	}{
		{"goal", Node{Kind: Goal, Code: "1", TitleEt: "Eesmärk"}, nil},
		{"activity", Node{Kind: Activity, Code: "2.3", TitleEn: "Activity", Start: day("2026-01-01"), End: day("2026-12-31")}, nil},
		{"bad kind and code", Node{Kind: "task", Code: "2 3", TitleEt: "x"}, []string{"kind", "code"}},
		{"activity fields wrong", Node{ID: 5, Kind: Activity, Code: "1", TitleEt: "x", Status: "lost", Completion: 120, Weight: -1,
			Start: day("2026-12-31"), End: day("2026-01-01"), PlannedBudget: &minus, RelatedIDs: []int64{5}},
			[]string{"weight", "status", "completion", "end", "planned_budget", "related_ids"}},
		{"no title", Node{Kind: Direction, Code: "1"}, []string{"title_et"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.bad, fields(tt.n.Normalize(st).Validate(st))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	goal := Node{Kind: Goal, Code: "1", TitleEt: "x", Status: Done, InternalNote: "n", PartnerOrgIDs: []int64{1}}.Normalize(st)
	if goal.Status != "" || goal.InternalNote != "" || goal.PartnerOrgIDs != nil || goal.Weight != 1 {
		t.Errorf("goal keeps activity fields: %+v", goal)
	}
	act := Node{Kind: Activity, Status: Done, Completion: 10, ContactIDs: []int64{3, 1, 3}}.Normalize(st)
	if act.Completion != 100 || !cmp.Equal(act.ContactIDs, []int64{1, 3}) {
		t.Errorf("activity normalised %+v", act)
	}
	if fresh := (Node{Kind: Activity}).Normalize(st); fresh.Status != NotStarted {
		t.Errorf("new activity status %q", fresh.Status)
	}
	if (Node{InternalNote: "secret"}).Public().InternalNote != "" {
		t.Error("public node keeps the internal note")
	}
}

func TestCanHold(t *testing.T) {
	tests := []struct {
		parent, child Kind
		want          bool
	}{
		{Goal, Direction, true}, {Goal, Activity, true}, {Direction, Activity, true},
		{Direction, Goal, false}, {Activity, Activity, false}, {Goal, Goal, false}, {"", Goal, false},
	}
	for _, tt := range tests {
		if CanHold(tt.parent, tt.child) != tt.want {
			t.Errorf("CanHold(%s, %s) != %v", tt.parent, tt.child, tt.want)
		}
	}
}

func TestJointValidate(t *testing.T) {
	st := DefaultStatuses()
	p := Participant{MunicipalityEHAK: "0793", Status: Done, Completion: 30}.Normalize(st)
	if p.Completion != 100 || p.Validate(st) != nil {
		t.Errorf("participant %+v %v", p, p.Validate(st))
	}
	if got := fields(Participant{Status: "x", Completion: -1}.Validate(st)); !cmp.Equal(got, []string{"municipality_ehak", "status", "completion"}) {
		t.Errorf("bad participant %v", got)
	}
	if got := fields(Task{State: "later"}.Validate()); !cmp.Equal(got, []string{"title_et", "state"}) {
		t.Errorf("bad task %v", got)
	}
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	earlier := now.AddDate(0, 0, -3)
	done := Task{State: TaskDone, CompletedAt: &earlier, CompletedBy: "Mari"}
	tests := []struct {
		name   string
		before Task
		state  TaskState
		at     *time.Time
		by     string
	}{
		{"reaching done stamps", Task{State: TaskInProgress}, TaskDone, &now, "Jaan"},
		{"created done stamps", Task{}, TaskDone, &now, "Jaan"},
		{"staying done keeps the first stamp", done, TaskDone, &earlier, "Mari"},
		{"leaving done clears", done, TaskInProgress, nil, ""},
	}
	for _, tt := range tests {
		at, by := CompletionStamp(tt.before, tt.state, now, "Jaan")
		if !cmp.Equal(at, tt.at) || by != tt.by {
			t.Errorf("%s: %v %q", tt.name, at, by)
		}
	}
}

func TestIndicatorValidate(t *testing.T) {
	ok := Indicator{NameEt: "E-teenuste osakaal", Unit: "%", Better: HigherIsBetter,
		Targets: []Point{{80, *date("2030-01-01")}, {50, *date("2027-01-01")}}}.Normalize()
	if ok.Validate() != nil || ok.Targets[0].Value != 50 {
		t.Errorf("indicator %+v %v", ok, ok.Validate())
	}
	bad := Indicator{Better: "up", Breakdown: "median", Baseline: &Point{Value: math.NaN(), Date: *date("2020-01-01")}, Targets: []Point{{Value: 1}}}
	if got := fields(bad.Validate()); !cmp.Equal(got, []string{"name_et", "direction", "breakdown", "baseline", "targets"}) {
		t.Errorf("bad indicator %v", got)
	}
	m := Measurement{Value: 3, Date: *date("2026-01-01"), MunicipalityEHAK: "0793"}
	if got := fields(m.Validate(Indicator{})); !cmp.Equal(got, []string{"municipality_ehak"}) {
		t.Errorf("municipality value of a national indicator: %v", got)
	}
	if err := m.Validate(Indicator{Breakdown: Share}); err != nil {
		t.Error(err)
	}
	if got := fields(Measurement{Value: math.Inf(1)}.Validate(Indicator{})); !cmp.Equal(got, []string{"value", "date"}) {
		t.Errorf("bad measurement %v", got)
	}
}

func TestOrganisationValidate(t *testing.T) {
	if err := (Organisation{Kind: Ministry, NameEt: "Rahandusministeerium"}).Validate(); err != nil {
		t.Error(err)
	}
	if got := fields(Organisation{Kind: Municipality, NameEt: "Tartu"}.Validate()); !cmp.Equal(got, []string{"kind"}) {
		t.Errorf("municipality without EHAK: %v", got)
	}
	if got := fields(Organisation{Kind: "club"}.Validate()); !cmp.Equal(got, []string{"kind", "name_et"}) {
		t.Errorf("bad organisation %v", got)
	}
}

// Colours go into an SVG fill attribute on the pages, so only #rrggbb passes.
func TestValidColour(t *testing.T) {
	for c, want := range map[string]bool{
		"#0072b2": true, "#0072B2": true, "#000000": true,
		"": false, "0072b2": false, "#0072b": false, "#0072b2f": false, "#0072g2": false, "green": false,
		`#000"/>`: false, "#fff": false,
	} {
		if got := ValidColour(c); got != want {
			t.Errorf("ValidColour(%q) = %v, want %v", c, got, want)
		}
	}
}

// Every level has its name, the tasks' too.
func TestLevelsOf(t *testing.T) {
	l := Levels{Goal: LevelName{"siht", "aim"}, Direction: LevelName{"suund", "direction"},
		Activity: LevelName{"meede", "measure"}, Task: LevelName{"samm", "step"}}
	for k, want := range map[Kind]string{Goal: "siht", Direction: "suund", Activity: "meede", TaskLevel: "samm"} {
		if got := l.Of(k).Et; got != want {
			t.Errorf("Of(%s) = %q, want %q", k, got, want)
		}
	}
	if TaskLevel.Valid() {
		t.Error("a node may be a task")
	}
}
