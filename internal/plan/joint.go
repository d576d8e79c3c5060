package plan

import (
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Participant is one municipality's part in a joint activity. Its editors keep the status,
// completion and due date up to date; the activity's progress is the mean over its parts.
type Participant struct {
	ActivityID       int64      `json:"activity_id"`
	MunicipalityEHAK string     `json:"municipality_ehak"`
	Status           string     `json:"status"`
	Completion       int        `json:"completion"`
	Due              *time.Time `json:"due"`
	Version          int        `json:"version"`
	UpdatedAt        time.Time  `json:"updated_at"`
	UpdatedBy        string     `json:"updated_by"`
}

// Normalize gives a new participant the first status and settles completion against a
// done status.
func (p Participant) Normalize(statuses Statuses) Participant {
	if p.Status == "" {
		p.Status = statuses.Default()
	}
	p.Completion = statuses.Settle(p.Status, p.Completion)
	return p
}

// Validate checks a normalised participant against its strategy's statuses.
func (p Participant) Validate(statuses Statuses) error {
	var pr kovit.Problems
	if p.MunicipalityEHAK == "" {
		pr.Add("municipality_ehak", "error.required")
	}
	if _, ok := statuses.Find(p.Status); !ok {
		pr.Add("status", "plan.error.status")
	}
	if p.Completion < 0 || p.Completion > 100 {
		pr.Add("completion", "plan.error.completion")
	}
	optionalDate(&pr, "due", p.Due)
	if p.Version < 0 {
		pr.Add("version", "error.version")
	}
	return pr.Err()
}

// TaskState is where a task stands. Unlike activity statuses, the task states are fixed:
// a task is a small step, and a short fixed list keeps the digest simple.
type TaskState string

const (
	TaskNotStarted TaskState = "not_started"
	TaskInProgress TaskState = "in_progress"
	TaskDone       TaskState = "done"
	TaskCancelled  TaskState = "cancelled"
)

// Valid reports whether s is one of the states.
func (s TaskState) Valid() bool {
	switch s {
	case TaskNotStarted, TaskInProgress, TaskDone, TaskCancelled:
		return true
	}
	return false
}

// Open reports whether a task in state s still needs doing.
func (s TaskState) Open() bool { return s == TaskNotStarted || s == TaskInProgress }

// Task is a step under an activity.
type Task struct {
	ID          int64      `json:"id"`
	ActivityID  int64      `json:"activity_id"`
	TitleEt     string     `json:"title_et"`
	TitleEn     string     `json:"title_en"`
	Due         *time.Time `json:"due"`
	State       TaskState  `json:"state"`
	Position    int        `json:"position"`
	CompletedAt *time.Time `json:"completed_at"`
	CompletedBy string     `json:"completed_by"`
	// AssigneeID is the one of the activity's contact persons the task is given to, who
	// is told so (issue 12); nil for nobody in particular.
	AssigneeID *int64    `json:"assignee_id"`
	Version    int       `json:"version"`
	UpdatedAt  time.Time `json:"updated_at"`
	UpdatedBy  string    `json:"updated_by"`
}

// Validate checks a task.
func (t Task) Validate() error {
	var p kovit.Problems
	if strings.TrimSpace(t.TitleEt) == "" && strings.TrimSpace(t.TitleEn) == "" {
		p.Add("title_et", "error.required")
	}
	textLimits(&p, 500, "title_et", t.TitleEt, "title_en", t.TitleEn)
	if !t.State.Valid() {
		p.Add("state", "plan.error.task_state")
	}
	optionalDate(&p, "due", t.Due)
	if t.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// CompletionStamp returns when and by whom a task is completed after a save that moves it
// from before to state: reaching done stamps now and by, staying done keeps the first
// stamp, and leaving done clears it. The stamp comes from the stored task, never from input.
func CompletionStamp(before Task, state TaskState, now time.Time, by string) (*time.Time, string) {
	switch {
	case state != TaskDone:
		return nil, ""
	case before.State == TaskDone && before.CompletedAt != nil:
		return before.CompletedAt, before.CompletedBy
	}
	return &now, by
}

// optionalDate adds a problem for a date that is given but outside kovit.ValidDate.
func optionalDate(p *kovit.Problems, field string, d *time.Time) {
	if d != nil && !kovit.ValidDate(*d) {
		p.Add(field, "error.date")
	}
}
