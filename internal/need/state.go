package need

import (
	"time"

	"kovit/internal/kovit"
)

// State is where a need is in its workflow; see transitions for the moves between states.
type State string

const (
	Draft       State = "draft"
	Submitted   State = "submitted"
	UnderReview State = "under_review"
	Accepted    State = "accepted" // into a consolidated need
	Returned    State = "returned" // to the municipality, for changes
	Rejected    State = "rejected"
	Duplicate   State = "duplicate" // of another need
	Funded      State = "funded"
	Done        State = "done"
)

// States lists the states in workflow order.
var States = []State{Draft, Submitted, UnderReview, Accepted, Returned, Rejected, Duplicate, Funded, Done}

// Valid reports whether s is one of States.
func (s State) Valid() bool { return oneOf(s, States) }

// Editable reports whether the municipality may still change the need: before it is
// submitted, or after it came back for changes. Coordinators may correct a need in any state.
func (s State) Editable() bool { return s == Draft || s == Returned }

// Actor is who may make a move: the need's own municipality or a coordinator.
type Actor string

const (
	ByMunicipality Actor = "municipality"
	ByCoordinator  Actor = "coordinator"
)

// transitions is the workflow: for each state, where a need may go and who moves it.
// Acceptance into a consolidated need, funding and completion are usually done by the
// consolidation and project steps, which make the same moves.
var transitions = map[State]map[State]Actor{
	Draft:       {Submitted: ByMunicipality},
	Returned:    {Submitted: ByMunicipality},
	Submitted:   {UnderReview: ByCoordinator, Accepted: ByCoordinator, Returned: ByCoordinator, Rejected: ByCoordinator, Duplicate: ByCoordinator},
	UnderReview: {Accepted: ByCoordinator, Returned: ByCoordinator, Rejected: ByCoordinator, Duplicate: ByCoordinator},
	Accepted:    {Funded: ByCoordinator, UnderReview: ByCoordinator},
	Funded:      {Done: ByCoordinator},
	Rejected:    {UnderReview: ByCoordinator},
	Duplicate:   {UnderReview: ByCoordinator},
}

// Next lists the states a need in s may move to, with who may move it.
func Next(s State) map[State]Actor { return transitions[s] }

// Transition is a request to move a need to another state.
type Transition struct {
	To     State  `json:"to"`
	Reason string `json:"reason"`
	// DuplicateOf names the need this one repeats; required when To is duplicate.
	DuplicateOf *int64 `json:"duplicate_of"`
	// ConsolidatedID is the consolidated need to accept into; required when To is accepted.
	ConsolidatedID *int64 `json:"consolidated_id"`
	// Version is the need's version the user saw.
	Version int `json:"version"`
}

// Check validates t for a need n and returns who may make the move. An illegal move is
// reported on the field "to"; a missing reason or link on its own field.
func (t Transition) Check(n Need) (Actor, error) {
	var p kovit.Problems
	who, ok := transitions[n.State][t.To]
	if !t.To.Valid() {
		p.Add("to", "need.error.state")
	} else if !ok {
		p.Add("to", "need.error.transition")
	}
	if kovit.TooLong(t.Reason, 2000) {
		p.Add("reason", "error.too_long")
	}
	if (t.To == Rejected || t.To == Returned) && blank(t.Reason) {
		p.Add("reason", "need.error.reason_required")
	}
	if t.To == Duplicate && (t.DuplicateOf == nil || *t.DuplicateOf == n.ID) {
		p.Add("duplicate_of", "need.error.duplicate_of")
	}
	if t.To == Accepted && t.ConsolidatedID == nil && n.ConsolidatedID == nil {
		p.Add("consolidated_id", "need.error.consolidated_required")
	}
	if t.Version < 1 {
		p.Add("version", "error.version")
	}
	return who, p.Err()
}

// Links returns what the need links to after the move: the need it repeats (only while a
// duplicate) and its consolidated need (kept while accepted, funded or done; a need sent
// back to review, returned or rejected leaves its consolidated need).
func (t Transition) Links(n Need) (duplicateOf, consolidatedID *int64) {
	switch t.To {
	case Duplicate:
		return t.DuplicateOf, nil
	case Accepted:
		if t.ConsolidatedID != nil {
			return nil, t.ConsolidatedID
		}
		return nil, n.ConsolidatedID
	case Funded, Done:
		return nil, n.ConsolidatedID
	}
	return nil, nil
}

// Event is one recorded move of a need: the municipality sees where its need went and why.
type Event struct {
	ID     int64     `json:"id"`
	NeedID int64     `json:"need_id"`
	From   State     `json:"from"` // "" for the need's creation
	To     State     `json:"to"`
	ByID   *int64    `json:"by_id"`
	ByName string    `json:"by_name"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

func blank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}
