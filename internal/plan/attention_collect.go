package plan

import (
	"cmp"
	"slices"
	"time"
)

// AttentionItem is an Attention with what a page, the API or an e-mail shows of it: the
// strategy, the activity and, for an overdue task, the task.
type AttentionItem struct {
	Kind             AttentionKind `json:"kind"`
	StrategyID       int64         `json:"strategy_id"`
	StrategyTitleEt  string        `json:"strategy_title_et"`
	StrategyTitleEn  string        `json:"strategy_title_en"`
	ActivityID       int64         `json:"activity_id"`
	ActivityCode     string        `json:"activity_code"`
	ActivityTitleEt  string        `json:"activity_title_et"`
	ActivityTitleEn  string        `json:"activity_title_en"`
	TaskID           int64         `json:"task_id,omitempty"`
	TaskTitleEt      string        `json:"task_title_et,omitempty"`
	TaskTitleEn      string        `json:"task_title_en,omitempty"`
	MunicipalityEHAK string        `json:"municipality_ehak,omitempty"`
	// Since is the last change (stale) or the due date (overdue); Days counts from it.
	Since time.Time `json:"since"`
	Days  int       `json:"days"`
}

// AttentionFilter selects attention items. StrategyID narrows to one strategy; of the
// other fields, an item is kept when any set one selects it, and with none set every item
// is kept. Archived strategies never need attention.
type AttentionFilter struct {
	StrategyID int64
	// EditorOf, an editor's municipalities, leaves out the items of other municipalities'
	// draft plans, as StrategyFilter.EditorOf does.
	EditorOf []string
	// Municipality selects what a municipality must see to: every item of the plans it
	// owns, and its own overdue participations in joint activities.
	Municipality string
	// ContactID selects every item of the activities the user is a contact of.
	ContactID int64
	// AssigneeID selects the overdue tasks given to the user (Task.AssigneeID), whether
	// or not they are still one of the activity's contacts.
	AssigneeID int64
	// Participations selects one municipality's overdue participations only, as its
	// editors' weekly digest needs them beside the activities they are contacts of.
	Participations string
}

// AttentionSource is a strategy's tree with the municipality owning it ("" for national).
type AttentionSource struct {
	Tree      Tree
	OwnerEHAK string
}

// CollectAttention lists the items of the sources that f selects (NeedsAttention of each
// tree), grouped by kind and oldest first. It is the one place that decides who sees what
// needs attention: the pages, the API and the digest all come here.
func CollectAttention(sources []AttentionSource, f AttentionFilter, now time.Time) []AttentionItem {
	return CollectAttentionEach(sources, []AttentionFilter{f}, now)[0]
}

// CollectAttentionEach is CollectAttention of each filter, in order, working out each
// tree's attention once for all of them: a coordinator's desk asks two filters of a plan
// of 10,000 activities.
func CollectAttentionEach(sources []AttentionSource, fs []AttentionFilter, now time.Time) [][]AttentionItem {
	out := make([][]AttentionItem, len(fs))
	for _, src := range sources {
		t := src.Tree
		var want []int // the filters that read this tree
		for i, f := range fs {
			if t.Strategy.Status == Archived || (f.StrategyID != 0 && t.Strategy.ID != f.StrategyID) ||
				(len(f.EditorOf) > 0 && t.Strategy.Status == Draft && src.OwnerEHAK != "" && !slices.Contains(f.EditorOf, src.OwnerEHAK)) {
				continue
			}
			want = append(want, i)
		}
		if len(want) == 0 {
			continue
		}
		nodes := make(map[int64]Node, len(t.Nodes))
		for _, n := range t.Nodes {
			nodes[n.ID] = n
		}
		tasks := make(map[int64]Task, len(t.Tasks))
		for _, k := range t.Tasks {
			tasks[k.ID] = k
		}
		for _, a := range NeedsAttention(t, now) {
			n := nodes[a.ActivityID]
			for _, i := range want {
				if !fs[i].selects(a, n, tasks[a.TaskID], src.OwnerEHAK) {
					continue
				}
				item := AttentionItem{Kind: a.Kind, StrategyID: t.Strategy.ID, StrategyTitleEt: t.Strategy.TitleEt,
					StrategyTitleEn: t.Strategy.TitleEn, ActivityID: n.ID, ActivityCode: n.Code, ActivityTitleEt: n.TitleEt,
					ActivityTitleEn: n.TitleEn, TaskID: a.TaskID, MunicipalityEHAK: a.MunicipalityEHAK, Since: a.Since, Days: a.Days}
				if a.TaskID != 0 {
					item.TaskTitleEt, item.TaskTitleEn = tasks[a.TaskID].TitleEt, tasks[a.TaskID].TitleEn
				}
				out[i] = append(out[i], item)
			}
		}
	}
	for _, items := range out {
		slices.SortStableFunc(items, func(a, b AttentionItem) int {
			return cmp.Or(cmp.Compare(a.Kind, b.Kind), a.Since.Compare(b.Since), cmp.Compare(a.StrategyID, b.StrategyID),
				cmp.Compare(a.ActivityID, b.ActivityID))
		})
	}
	return out
}

func (f AttentionFilter) selects(a Attention, activity Node, task Task, owner string) bool {
	if f.Municipality == "" && f.ContactID == 0 && f.Participations == "" && f.AssigneeID == 0 {
		return true
	}
	participation := func(ehak string) bool {
		return ehak != "" && a.Kind == OverdueParticipant && a.MunicipalityEHAK == ehak
	}
	return f.Municipality != "" && owner == f.Municipality ||
		participation(f.Municipality) || participation(f.Participations) ||
		f.ContactID != 0 && slices.Contains(activity.ContactIDs, f.ContactID) ||
		f.AssigneeID != 0 && a.Kind == OverdueTask && task.AssigneeID != nil && *task.AssigneeID == f.AssigneeID
}

// Title of the activity in lang, and whether the English one stands in.
func (i AttentionItem) Title(lang string) (string, bool) {
	return pick(lang, i.ActivityTitleEt, i.ActivityTitleEn)
}
