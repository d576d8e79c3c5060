package plan

import (
	"errors"
	"fmt"
	"kovit/internal/tabular"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// transferRef is a strategy with a goal 1, a direction 1.1 and an activity 1.1.1 led by
// the association with Tartu as partner.
func transferRef() ImportReference {
	st := Strategy{ID: 7, Levels: DefaultLevels(), Statuses: DefaultStatuses()}
	goal := Node{ID: 1, StrategyID: 7, Kind: Goal, Code: "1", TitleEt: "Eesmärk", Weight: 1, Version: 1}
	dir := Node{ID: 2, StrategyID: 7, ParentID: ref(1), Kind: Direction, Code: "1.1", TitleEt: "Suund", Weight: 1, Version: 1}
	act := Node{ID: 3, StrategyID: 7, ParentID: ref(2), Kind: Activity, Code: "1.1.1", TitleEt: "Tegevus", TitleEn: "Activity",
		Weight: 1, LeadOrgID: ref(10), PartnerOrgIDs: []int64{11, 12}, Start: date("2026-01-01"), End: date("2026-12-31"),
		Status: InProgress, Completion: 40, Version: 3, UpdatedAt: time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)}
	orgs := []Organisation{
		{ID: 10, Kind: Association, NameEt: "Eesti Linnade ja Valdade Liit", NameEn: "Association of Estonian Cities and Municipalities"},
		{ID: 11, Kind: Municipality, NameEt: "Tartu linn", MunicipalityEHAK: "0793"},
		{ID: 12, Kind: Municipality, NameEt: "Tallinn", MunicipalityEHAK: "0784"},
		{ID: 13, Kind: Agency, NameEt: "Sama nimi"},
		{ID: 14, Kind: OtherOrg, NameEt: "Sama nimi"},
	}
	return ImportReference{Strategy: st, Nodes: []Node{goal, dir, act}, Organisations: orgs}
}

// asText is an export as a CSV reader gives it back.
func asText(rows [][]any) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		for _, c := range row {
			s := ""
			switch v := c.(type) {
			case time.Time:
				if !v.IsZero() {
					s = v.Format("02.01.2006")
				}
			default:
				s = fmt.Sprint(v)
			}
			out[i] = append(out[i], s)
		}
	}
	return out
}

func TestExportReadsBackUnchanged(t *testing.T) {
	ref := transferRef()
	rows := ExportRows(Tree{Strategy: ref.Strategy, Nodes: ref.Nodes}, ref.Organisations)
	want := []any{"1.1.1", "activity", "Tegevus", "Activity", "Eesti Linnade ja Valdade Liit", "Tartu linn; Tallinn",
		*date("2026-01-01"), *date("2026-12-31"), "in_progress", 40, ref.Nodes[2].UpdatedAt, 3}
	if diff := cmp.Diff(want, rows[2]); len(rows) != 3 || diff != "" {
		t.Fatalf("rows %d, activity (-want +got)\n%s", len(rows), diff)
	}
	read, err := ReadImport(Header("et"), asText(rows), ref)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Reconcile(read, ref.Strategy, ref.Nodes)
	if err != nil || len(p.Create) != 0 || len(p.Update) != 0 || p.Unchanged != 3 {
		t.Errorf("export read back: %+v, %v", p, err)
	}
}

func TestReadImport(t *testing.T) {
	head := "code;level;title_et;title_en;lead;partners;start;end;status;completion"
	tests := []struct {
		name   string
		header string
		rows   []string
		want   []tabular.RowError
		create []string // codes, in creation order
		update []string
	}{
		{"english aliases and labels", head, []string{
			"1.1.1;tegevus;Tegevus;Activity;eesti linnade ja valdade liit;Tallinn; Tartu linn;2026-01-01;31.12.2026;töös;40,0%",
		}, nil, nil, nil},
		{"a change and new nodes, children before parents in the file; new rows need no version", head + ";version", []string{
			"1.1.1;activity;Tegevus;Activity;;;;;done;;3",
			"2.1.1;activity;Uus tegevus;;Tartu linn;;;;;;",
			"2.1;direction;Uus suund;;;;;;;;",
			"2;goal;Uus eesmärk;;;;;;;",
		}, nil, []string{"2", "2.1", "2.1.1"}, []string{"1.1.1"}},
		// The activity is at version 3: a file exported at version 2 would overwrite a later
		// edit, and one naming a node deleted since would bring it back.
		{"rows changed since the export", head + ";version", []string{
			"1.1.1;activity;Vana nimi;Activity;;;;;done;;2",
			"1.1;direction;Suund;;;;;;;;1",
			"1.2;direction;Kustutatud;;;;;;;;4",
			"1.3;direction;Uus;;;;;;;;x",
		}, []tabular.RowError{{Row: 5, Column: "versioon", Key: "error.version"}, {Row: 2, Column: "versioon", Key: "transfer.error.changed_since"}, {Row: 4, Column: "versioon", Key: "transfer.error.changed_since"}}, nil, nil},
		{"a change with no version", head, []string{"1.1;direction;Uus nimi;;;;;;;"},
			[]tabular.RowError{{Row: 2, Column: "versioon", Key: "transfer.error.version_required"}}, nil, nil},
		{"missing column", "code;level;title_et", nil, []tabular.RowError{
			{Row: 1, Column: "pealkiri inglise keeles", Key: "transfer.error.missing_column"}, {Row: 1, Column: "juht", Key: "transfer.error.missing_column"},
			{Row: 1, Column: "partnerid", Key: "transfer.error.missing_column"}, {Row: 1, Column: "algus", Key: "transfer.error.missing_column"},
			{Row: 1, Column: "lõpp", Key: "transfer.error.missing_column"}, {Row: 1, Column: "staatus", Key: "transfer.error.missing_column"},
			{Row: 1, Column: "valmidus %", Key: "transfer.error.missing_column"}}, nil, nil},
		{"every bad cell", head, []string{
			"1.1.1;activity;Tegevus;;Keegi;Sama nimi;32.01.2026;;valmis;101",
			"1.1.1;activity;Kaks korda;;;;;;;",
			"1;goal;Eesmärk;;Tartu linn;;;;;50",
			"1.1;activity;Tase muutus;;;;;;;",
			"3.1;activity;Vanemat pole;;;;;;;",
			"1.1.1.1;activity;Tegevuse all;;;;;;;",
			";goal;Koodita;;;;;;;",
			"9;kuningriik;;;;;;;;",
			"4;goal;;;;;;;;",
			"5;activity;Lõpp enne algust;;;;02.02.2026;01.02.2026;;",
		}, []tabular.RowError{
			{Row: 2, Column: "juht", Key: "plantransfer.error.unknown_organisation"},
			{Row: 2, Column: "partnerid", Key: "plantransfer.error.ambiguous_organisation"},
			{Row: 2, Column: "algus", Key: "error.date"},
			{Row: 2, Column: "staatus", Key: "plan.error.status"},
			{Row: 2, Column: "valmidus %", Key: "plan.error.completion"},
			{Row: 3, Column: "kood", Key: "plantransfer.error.duplicate_code"},
			{Row: 4, Column: "juht", Key: "plantransfer.error.activity_only"},
			{Row: 4, Column: "valmidus %", Key: "plantransfer.error.activity_only"},
			{Row: 8, Column: "kood", Key: "error.required"},
			{Row: 9, Column: "tase", Key: "plan.error.node_kind"},
			{Row: 2, Column: "versioon", Key: "transfer.error.version_required"},
			{Row: 5, Column: "tase", Key: "plantransfer.error.level_changed"},
			{Row: 6, Column: "kood", Key: "plantransfer.error.no_parent"},
			{Row: 7, Column: "tase", Key: "plan.error.parent"},
			{Row: 10, Column: "pealkiri", Key: "error.required"},
			{Row: 11, Column: "lõpp", Key: "error.until_before_since"},
		}, nil, nil},
		{"blank rows are skipped", head, []string{";;;;;;;;;", ""}, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := transferRef()
			var rows [][]string
			for _, r := range tt.rows {
				rows = append(rows, splitSemicolons(r))
			}
			got, err := ReadImport(splitSemicolons(tt.header), rows, ref)
			var ie *tabular.ImportError
			if errors.As(err, &ie) {
				if diff := cmp.Diff(tt.want, ie.Rows); diff != "" {
					t.Errorf("problems (-want +got)\n%s", diff)
				}
				return
			}
			if err != nil || tt.want != nil {
				t.Fatalf("err %v, want problems %v", err, tt.want)
			}
			p, err := Reconcile(got, ref.Strategy, ref.Nodes)
			if err != nil {
				t.Fatal(err)
			}
			var create, update []string
			for _, n := range p.Create {
				create = append(create, n.Code)
			}
			for _, n := range p.Update {
				update = append(update, n.Code)
			}
			if diff := cmp.Diff([]any{tt.create, tt.update}, []any{create, update}); diff != "" {
				t.Errorf("create, update (-want +got)\n%s", diff)
			}
		})
	}
}

// splitSemicolons splits a test row, except that "Tallinn; Tartu linn" (a space after the
// semicolon) stays one cell, as a quoted CSV cell would.
func splitSemicolons(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ';' && (i+1 >= len(s) || s[i+1] != ' ') {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func TestUpdateKeepsWhatImportDoesNotSet(t *testing.T) {
	ref := transferRef()
	ref.Nodes[2].DescriptionEt, ref.Nodes[2].ContactIDs = "Kirjeldus", []int64{5}
	rows, err := ReadImport(splitSemicolons("kood;tase;pealkiri;pealkiri inglise keeles;juht;partnerid;algus;lõpp;staatus;valmidus %;versioon"),
		[][]string{splitSemicolons("1.1.1;activity;Uus nimi;;;;;;done;10;3")}, ref)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := Reconcile(rows, ref.Strategy, ref.Nodes)
	got := p.Update[0]
	if got.TitleEt != "Uus nimi" || got.Completion != 100 || got.DescriptionEt != "Kirjeldus" || got.ContactIDs[0] != 5 ||
		got.LeadOrgID != nil || got.Version != 3 || got.ParentID == nil || *got.ParentID != 2 {
		t.Errorf("updated node %+v", got)
	}
}

func TestCollectAttention(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	old := now.AddDate(0, 0, -100)
	act := func(id int64, contacts ...int64) Node {
		return Node{ID: id, Kind: Activity, Code: fmt.Sprint(id), Status: InProgress, UpdatedAt: old, ContactIDs: contacts}
	}
	strategy := func(id int64, status StrategyStatus) Strategy {
		return Strategy{ID: id, Status: status, Statuses: DefaultStatuses(), StaleAfterDays: 90}
	}
	assignee := int64(7) // given the task, not a contact of its activity
	sources := []AttentionSource{
		{Tree: Tree{Strategy: strategy(1, Adopted), Nodes: []Node{act(11, 5)}, // national, stale, user 5 is a contact
			Participants: []Participant{{ActivityID: 11, MunicipalityEHAK: "0793", Status: InProgress, Due: date("2026-11-01"), UpdatedAt: old}},
			Tasks: []Task{{ID: 1, ActivityID: 11, TitleEt: "Ülesanne", State: TaskNotStarted, Due: date("2026-11-20"), UpdatedAt: old,
				AssigneeID: &assignee}}}},
		{Tree: Tree{Strategy: strategy(2, Draft), Nodes: []Node{act(21)}}, OwnerEHAK: "0793"},       // Tartu's own plan
		{Tree: Tree{Strategy: strategy(3, Archived), Nodes: []Node{act(31, 5)}}, OwnerEHAK: "0793"}, // archived: never
	}
	type item struct {
		Kind     AttentionKind
		Activity int64
	}
	tests := []struct {
		name string
		f    AttentionFilter
		want []item
	}{
		{"everything", AttentionFilter{}, []item{{OverdueParticipant, 11}, {OverdueTask, 11}, {StaleActivity, 11}, {StaleActivity, 21}}},
		{"one strategy", AttentionFilter{StrategyID: 2}, []item{{StaleActivity, 21}}},
		{"a municipality", AttentionFilter{Municipality: "0793"}, []item{{OverdueParticipant, 11}, {StaleActivity, 21}}},
		{"another municipality", AttentionFilter{Municipality: "0784"}, nil},
		{"a contact", AttentionFilter{ContactID: 5}, []item{{OverdueParticipant, 11}, {OverdueTask, 11}, {StaleActivity, 11}}},
		{"a contact's digest as Tartu's editor", AttentionFilter{ContactID: 6, Participations: "0793"}, []item{{OverdueParticipant, 11}}},
		{"an assignee", AttentionFilter{AssigneeID: 7}, []item{{OverdueTask, 11}}},
		{"not the assignee", AttentionFilter{AssigneeID: 8}, nil},
	}
	for _, tt := range tests {
		var got []item
		items := CollectAttention(sources, tt.f, now)
		for _, i := range items {
			got = append(got, item{i.Kind, i.ActivityID})
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got)\n%s", tt.name, diff)
		}
		for _, i := range items {
			if i.Kind == OverdueTask && (i.TaskTitleEt != "Ülesanne" || i.Days != 5) {
				t.Errorf("%s: task item %+v", tt.name, i)
			}
		}
	}
}
