package plan

import (
	"slices"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Kind is a node's level in a strategy's tree.
type Kind string

const (
	Goal      Kind = "goal"
	Direction Kind = "direction"
	Activity  Kind = "activity"
	// TaskLevel names the level of tasks under an activity (Levels.Of). Tasks are not
	// nodes, so it is not Valid for one.
	TaskLevel Kind = "task"
)

// rank orders the kinds from the root down; 0 means not a kind.
func (k Kind) rank() int {
	switch k {
	case Goal:
		return 1
	case Direction:
		return 2
	case Activity:
		return 3
	}
	return 0
}

// Valid reports whether k is one of the kinds.
func (k Kind) Valid() bool { return k.rank() > 0 }

// CanHold reports whether a node of kind parent may have a child of kind child. Any kind
// may sit at the top, because not every plan has goals (the 2012–2015 plan has only action
// directions); below that each level holds only lower levels. As ranks strictly fall on
// the way down, no move can make a cycle.
func CanHold(parent, child Kind) bool { return parent.rank() > 0 && parent.rank() < child.rank() }

// Node is one goal, action direction or activity. The fields after Weight belong to
// activities only; goals and directions keep them empty (see Normalize).
type Node struct {
	ID            int64  `json:"id"`
	StrategyID    int64  `json:"strategy_id"`
	ParentID      *int64 `json:"parent_id"`
	Kind          Kind   `json:"kind"`
	Code          string `json:"code"` // e.g. "2.3", unique in the strategy: imports match rows by it
	TitleEt       string `json:"title_et"`
	TitleEn       string `json:"title_en"`
	DescriptionEt string `json:"description_et"`
	DescriptionEn string `json:"description_en"`
	Position      int    `json:"position"` // order among siblings
	// Weight is the node's share in its parent's progress, relative to its siblings.
	Weight float64 `json:"weight"`

	LeadOrgID     *int64       `json:"lead_org_id"`
	PartnerOrgIDs []int64      `json:"partner_org_ids"`
	ContactIDs    []int64      `json:"contact_ids"` // users
	Start         *time.Time   `json:"start"`
	End           *time.Time   `json:"end"`
	Status        string       `json:"status"`     // a key of the strategy's Statuses
	Completion    int          `json:"completion"` // percent
	PlannedBudget *kovit.Money `json:"planned_budget"`
	ActualBudget  *kovit.Money `json:"actual_budget"`
	FundingSource string       `json:"funding_source"`
	// InternalNote is for signed-in users only; Public removes it.
	InternalNote string  `json:"internal_note"`
	RelatedIDs   []int64 `json:"related_ids"`
	// ContributesTo is the national activity a municipality's own activity serves.
	ContributesTo *int64 `json:"contributes_to"`

	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
	UpdatedBy string    `json:"updated_by"`
}

// Title returns the node's title in lang; en reports that the English one stands in.
func (n Node) Title(lang string) (title string, en bool) { return pick(lang, n.TitleEt, n.TitleEn) }

// Normalize returns n ready to store under a strategy: activity fields cleared on goals and
// directions, weight 1 when left out, a new activity's status the strategy's first, and
// completion settled against a done status. Lists are sorted and without repeats so that
// saving the same thing twice compares equal.
func (n Node) Normalize(statuses Statuses) Node {
	if n.Weight == 0 {
		n.Weight = 1
	}
	if n.Kind != Activity {
		keep := n
		n = Node{ID: keep.ID, StrategyID: keep.StrategyID, ParentID: keep.ParentID, Kind: keep.Kind, Code: keep.Code,
			TitleEt: keep.TitleEt, TitleEn: keep.TitleEn, DescriptionEt: keep.DescriptionEt, DescriptionEn: keep.DescriptionEn,
			Position: keep.Position, Weight: keep.Weight, Version: keep.Version, UpdatedAt: keep.UpdatedAt, UpdatedBy: keep.UpdatedBy}
		return n
	}
	if n.Status == "" {
		n.Status = statuses.Default()
	}
	n.Completion = statuses.Settle(n.Status, n.Completion)
	n.PartnerOrgIDs = uniqueSorted(n.PartnerOrgIDs)
	n.ContactIDs = uniqueSorted(n.ContactIDs)
	n.RelatedIDs = uniqueSorted(n.RelatedIDs)
	return n
}

// Validate checks a normalised node against its strategy's statuses. References to other
// records (organisations, users, nodes) are checked by the store, which can see them.
func (n Node) Validate(statuses Statuses) error {
	var p kovit.Problems
	if !n.Kind.Valid() {
		p.Add("kind", "plan.error.node_kind")
	}
	if !validCode(n.Code) {
		p.Add("code", "plan.error.code")
	}
	if strings.TrimSpace(n.TitleEt) == "" && strings.TrimSpace(n.TitleEn) == "" {
		p.Add("title_et", "error.required")
	}
	textLimits(&p, 500, "title_et", n.TitleEt, "title_en", n.TitleEn, "funding_source", n.FundingSource)
	textLimits(&p, 20000, "description_et", n.DescriptionEt, "description_en", n.DescriptionEn, "internal_note", n.InternalNote)
	if !(n.Weight > 0 && n.Weight <= 1000) {
		p.Add("weight", "plan.error.weight")
	}
	if n.Kind == Activity {
		if _, ok := statuses.Find(n.Status); !ok {
			p.Add("status", "plan.error.status")
		}
		if n.Completion < 0 || n.Completion > 100 {
			p.Add("completion", "plan.error.completion")
		}
		optionalDate(&p, "start", n.Start)
		optionalDate(&p, "end", n.End)
		if n.Start != nil && n.End != nil && n.End.Before(*n.Start) {
			p.Add("end", "error.until_before_since")
		}
		for _, f := range []struct {
			name string
			v    *kovit.Money
		}{{"planned_budget", n.PlannedBudget}, {"actual_budget", n.ActualBudget}} {
			if f.v != nil && *f.v < 0 {
				p.Add(f.name, "plan.error.money")
			}
		}
		if n.ID != 0 && (slices.Contains(n.RelatedIDs, n.ID) || (n.ContributesTo != nil && *n.ContributesTo == n.ID)) {
			p.Add("related_ids", "plan.error.related_self")
		}
	}
	if n.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// validCode accepts codes like "2", "2.3", "II" or "A-4": letters, digits, '.', '-'.
func validCode(c string) bool {
	if c == "" || len(c) > 20 {
		return false
	}
	for _, r := range c {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// Public returns the node as the public may see it: without the internal note.
func (n Node) Public() Node {
	n.InternalNote = ""
	return n
}

// Move says where a node goes: under ParentID (nil: the top), at Position among its new
// siblings. Version is the version of the node the user moved.
type Move struct {
	ParentID *int64 `json:"parent_id"`
	Position int    `json:"position"`
	Version  int    `json:"version"`
}

func uniqueSorted(ids []int64) []int64 {
	if len(ids) == 0 {
		return nil
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// Contribution is a municipality's own activity that serves a national one through its
// ContributesTo, with the strategy it belongs to, so a page can tell who may read it.
type Contribution struct {
	ActivityID      int64          `json:"activity_id"`
	Code            string         `json:"code"`
	TitleEt         string         `json:"title_et"`
	TitleEn         string         `json:"title_en"`
	StrategyID      int64          `json:"strategy_id"`
	StrategyTitleEt string         `json:"strategy_title_et"`
	StrategyTitleEn string         `json:"strategy_title_en"`
	StrategyStatus  StrategyStatus `json:"strategy_status"`
	// OwnerEHAK is the municipality whose plan it is; OwnerEt and OwnerEn name it.
	OwnerEHAK string `json:"owner_ehak"`
	OwnerEt   string `json:"owner_et"`
	OwnerEn   string `json:"owner_en"`
}
