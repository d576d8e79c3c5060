package web

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// Sample data for the action-plan templates, used by TestEveryTemplateRenders.

func sampleTree() plan.Tree {
	s := plan.Strategy{ID: 1, TitleEt: "", TitleEn: "Development plan 2012–2015", StartYear: 2012, EndYear: 2015,
		Status: plan.Archived, SourceURL: "https://www.ell.ee/"}.WithDefaults()
	one, two := int64(1), int64(2)
	due := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	return plan.Tree{Strategy: s,
		Nodes: []plan.Node{
			{ID: 1, StrategyID: 1, Kind: plan.Direction, Code: "1", TitleEt: "Suund", Weight: 1},
			{ID: 2, StrategyID: 1, ParentID: &one, Kind: plan.Activity, Code: "1.1", TitleEt: "Ühine tegevus", Weight: 1,
				Status: plan.InProgress, Completion: 40, InternalNote: "Ainult sisekasutuseks", LeadOrgID: &one, Start: &due, End: &due},
			{ID: 3, StrategyID: 1, ParentID: &one, Kind: plan.Activity, Code: "1.2", TitleEn: "Only English", Weight: 2, Status: plan.Done},
		},
		Participants: []plan.Participant{
			{ActivityID: 2, MunicipalityEHAK: "0793", Status: plan.Done, Completion: 100, Due: &due, Version: 2},
			{ActivityID: 2, MunicipalityEHAK: "0784", Status: plan.NotStarted},
		},
		Tasks: []plan.Task{{ID: 1, ActivityID: two, TitleEt: "Ülesanne", State: plan.TaskInProgress, Due: &due}},
	}
}

func planSamples(base Page) map[string]any {
	pp := planPage{base}
	t := sampleTree()
	var problems kovit.Problems
	problems.Add("title_et", "error.required")
	problems.Add("status", "plan.error.status")
	progress := plan.Rollup(t)
	rows := treeRows(t, progress, plan.ActivityFilter{})
	share := progress[plan.StrategyKey]
	tree := planTreePage{planPage: pp, S: t.Strategy, Rows: rows, Progress: &share, Branches: rows[:1], CanEdit: true, Internal: true,
		Counts: []statusCount{{t.Strategy.Statuses[0], 1}}, New: plan.Node{Kind: plan.Activity, Weight: 1}, Form: form{Problems: problems}}
	tree.label(tree.Rows)
	act := planActivityPage{planPage: pp, S: t.Strategy, N: t.Nodes[1], Progress: &share, Tasks: t.Tasks,
		Spread: plan.SpreadOf(t.Participants, t.Strategy.Statuses, func(string) string { return "Tartu maakond" }, time.Now()), Names: map[string]string{"0793": "Tartu linn"},
		Orgs:           []plan.Organisation{{ID: 1, Kind: plan.Association, NameEt: "ELVL"}},
		Municipalities: []municipality.Municipality{sampleTartu(), {EHAK: "0784", Name: "Tallinn"}, {EHAK: "0198", Name: "Haapsalu linn"}},
		CanEdit:        true, Internal: true, Edit: t.Nodes[1], Form: form{Problems: problems, Message: "conflict"},
		PartForm: form{Problems: problems}, PartEHAK: "0793", updatesView: sampleUpdates(problems),
		Links: activityLinks{Contacts: []contactRow{{Name: "Mari Maasikas", Email: "mari@tartu.ee"}, {Name: "Avalik"}},
			Related: []activityLink{{ID: 3, Label: "1.2 Only English"}}, ContributesTo: &activityLink{ID: 9, Label: "4.1 Riiklik", Strategy: "KOV IKT"},
			Contributions: []activityLink{{ID: 12, Label: "1 Oma", Strategy: "Tartu kava", Owner: "Tartu linn"}}}}
	for _, pt := range t.Participants {
		act.Parts = append(act.Parts, participantRow{P: pt, In: pt, Name: pt.MunicipalityEHAK, CanEdit: pt.MunicipalityEHAK == "0793"})
	}
	tree.Indicators, tree.NewIndicator, tree.IndicatorForm = sampleIndicatorRows(t), inputOf(plan.Indicator{Better: plan.HigherIsBetter}), form{Problems: problems}
	act.Indicators = sampleIndicatorRows(t)
	tree.EditText = "muuda"
	tree.RowsHTML = tree.rowsHTML()
	sampleActivityEditing(&act, t, problems)
	return map[string]any{
		"plan/indicator": sampleIndicatorPage(pp, t, problems),
		"plan/list": planListPage{planPage: pp, Strategies: []plan.Strategy{t.Strategy, {ID: 2, TitleEt: "Mustand", Status: plan.Draft}},
			CanCreate: true, Owners: act.Orgs, New: plan.Strategy{StartYear: 2026}, Form: form{Problems: problems}},
		"plan/show":     tree,
		"plan/activity": act,
		"plan/node_form": planNodeEditPage{planPage: pp, S: t.Strategy, N: t.Nodes[0], Edit: t.Nodes[0], Place: 1, Siblings: 2,
			Form: form{Problems: problems, Message: "conflict"}},
		"plan/organisations": planOrgPage{planPage: pp, CanEdit: true, EditID: 2,
			Others:         []plan.Organisation{{ID: 2, Kind: plan.Ministry, NameEt: "Ministeerium", Version: 1}, {ID: 3, Kind: plan.OtherOrg, NameEt: "Muu"}},
			EditIn:         plan.Organisation{ID: 2, Kind: plan.Ministry, Version: 1},
			Municipalities: []plan.Organisation{{ID: 4, Kind: plan.Municipality, NameEt: "Tartu linn", MunicipalityEHAK: "0793"}},
			New:            plan.Organisation{Kind: plan.Association}, Form: form{Problems: problems}},
		"plan/strategy_form": planStrategyEditPage{planPage: pp, S: t.Strategy, Edit: t.Strategy,
			StatusRows: withBlank(append(statusRows(t.Strategy.Statuses), statusRow{I: 5, S: plan.Status{Key: "x"}, Remove: true}), 1),
			Orgs:       act.Orgs, Form: form{Problems: append(problems, kovit.FieldError{Field: "statuses.5", Key: "plan.error.status_in_use"},
				kovit.FieldError{Field: "levels.task", Key: "error.required"}, kovit.FieldError{Field: "statuses", Key: "plan.error.colour"}), Message: "conflict"}},
	}
}

func TestTreeRowsAndFilter(t *testing.T) {
	tr := sampleTree()
	rows := treeRows(tr, plan.Rollup(tr), plan.ActivityFilter{})
	type got struct {
		Code        string
		Depth       int
		Parts, Done int
	}
	var all []got
	for _, r := range rows {
		all = append(all, got{r.N.Code, r.Depth, r.Parts, r.Done})
	}
	want := []got{{"1", 0, 0, 0}, {"1.1", 1, 2, 1}, {"1.2", 1, 0, 0}}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	// 1.1 is half done (one of two parts), 1.2 done with weight 2: (0.5 + 2) / 3.
	if p := rows[0].Progress; p == nil || *p < 0.833 || *p > 0.834 {
		t.Errorf("direction progress %v, want 5/6", p)
	}
	codes := func(rs []treeRow) (out []string) {
		for _, r := range rs {
			out = append(out, r.N.Code)
		}
		return out
	}
	one := int64(1)
	for _, c := range []struct {
		f    plan.ActivityFilter
		want []string
	}{
		{plan.ActivityFilter{Branch: 1, Status: plan.Done}, []string{"1", "1.2"}},
		{plan.ActivityFilter{Municipality: "0784"}, []string{"1", "1.1"}},
		{plan.ActivityFilter{LeadOrgID: one}, []string{"1", "1.1"}},
		{plan.ActivityFilter{Municipality: "0198"}, []string{"1"}},
	} {
		if diff := cmp.Diff(c.want, codes(treeRows(tr, nil, c.f))); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", c.f, diff)
		}
	}
}

// sampleActivityEditing fills what the activity page's edit and task forms show.
func sampleActivityEditing(act *planActivityPage, t plan.Tree, problems kovit.Problems) {
	done := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	money := kovit.Money(1250050)
	act.N.PartnerOrgIDs, act.N.PlannedBudget, act.N.FundingSource = []int64{1}, &money, "Riigieelarve"
	act.Edit.PartnerOrgIDs, act.Edit.ContactIDs, act.Edit.RelatedIDs = []int64{1}, []int64{1}, []int64{3}
	act.Choices = activityChoices{Partners: act.Orgs,
		Contacts:      []auth.User{{ID: 1, Name: "Mari Maasikas", Email: "mari@kovit.ee"}},
		Related:       []choice{{ID: 3, Label: "1.2 Only English"}},
		National:      []choiceGroup{{Label: "Riiklik kava", Choices: []choice{{ID: 9, Label: "2.1 Ühine teenus"}}}},
		PlannedBudget: "12 500,50", ActualBudget: "abc"}
	act.Tasks = append(act.Tasks, plan.Task{ID: 2, ActivityID: 2, TitleEt: "Tehtud", State: plan.TaskDone, CompletedAt: &done, CompletedBy: "Mari"})
	act.TaskID, act.TaskEdit, act.TaskForm = t.Tasks[0].ID, t.Tasks[0], form{Problems: problems, Message: "conflict"}
}
