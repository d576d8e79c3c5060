package need

import (
	"strings"
	"time"

	"kovit/internal/kovit"
)

// ProjectStatus is where a funded project is.
type ProjectStatus string

const (
	ProjectPlanned    ProjectStatus = "planned"
	ProjectInProgress ProjectStatus = "in_progress"
	ProjectDone       ProjectStatus = "done"
	ProjectCancelled  ProjectStatus = "cancelled"
)

// ProjectStatuses lists the statuses in order.
var ProjectStatuses = []ProjectStatus{ProjectPlanned, ProjectInProgress, ProjectDone, ProjectCancelled}

// Valid reports whether s is one of ProjectStatuses.
func (s ProjectStatus) Valid() bool { return oneOf(s, ProjectStatuses) }

// Project is what a funded consolidated need becomes; it may carry out an activity of
// the action plan.
type Project struct {
	ID             int64         `json:"id"`
	ConsolidatedID int64         `json:"consolidated_id"`
	Name           string        `json:"name"`
	ActivityID     *int64        `json:"activity_id"` // a plan node of kind activity
	Status         ProjectStatus `json:"status"`
	Version        int           `json:"version"`
	CreatedAt      time.Time     `json:"created_at"`
	UpdatedAt      time.Time     `json:"updated_at"`
}

// Normalize trims the name and fills the first status.
func (p *Project) Normalize() {
	p.Name = strings.TrimSpace(p.Name)
	if p.Status == "" {
		p.Status = ProjectPlanned
	}
}

// Validate checks a project; that the activity exists is the store's to check.
func (p Project) Validate() error {
	var pr kovit.Problems
	if p.ConsolidatedID < 1 {
		pr.Add("consolidated_id", "error.required")
	}
	required(&pr, "name", p.Name, 300)
	if !p.Status.Valid() {
		pr.Add("status", "need.error.project_status")
	}
	if p.Version < 0 {
		pr.Add("version", "error.version")
	}
	return pr.Err()
}

// Trace is the whole path of one need: need → consolidated need → measure → project →
// action-plan activity → done. Links not made yet are null. A need marked a duplicate
// goes on through the need it repeats (Repeats), so the municipality sees where its need
// went in the end.
type Trace struct {
	Need   Need    `json:"need"`
	Events []Event `json:"events"`
	// Repeats is the chain of needs this one duplicates, nearest first (DuplicateChain);
	// the consolidated need and what follows are the last one's. Empty for a need that is
	// no duplicate.
	Repeats      []Need        `json:"repeats"`
	Consolidated *Consolidated `json:"consolidated"`
	Measure      *Measure      `json:"measure"`
	Project      *Project      `json:"project"`
	Activity     *Activity     `json:"activity"`
	// Done is true when the need, or the project meeting it, is done.
	Done bool `json:"done"`
}

// Activity is what a trace shows of an action-plan activity.
type Activity struct {
	ID         int64  `json:"id"`
	StrategyID int64  `json:"strategy_id"`
	Code       string `json:"code"`
	Title      string `json:"title"`
	Status     string `json:"status"`     // a key of its strategy's statuses
	Completion int    `json:"completion"` // per cent
}

// MeasureTrace is everything behind a measure: its consolidated needs and every
// municipality and need behind those.
type MeasureTrace struct {
	Measure        Measure        `json:"measure"`
	Consolidated   []Consolidated `json:"consolidated"`
	Needs          []Need         `json:"needs"`
	Municipalities []string       `json:"municipalities"` // EHAK, sorted
}
