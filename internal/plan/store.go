package plan

import (
	"context"

	"kovit/internal/kovit"
)

// Store is what the module needs from storage. Every change is audited and takes the user
// from the context; permissions are the caller's to check (auth's policy), not the store's.
// Strategies, nodes, participants, tasks, indicators and measurements carry a version: a
// save based on an older one fails with kovit.EConflict and the first save stays.
type Store interface {
	ListStrategies(ctx context.Context, f StrategyFilter) ([]Strategy, int, error)
	Strategy(ctx context.Context, id int64) (Strategy, error)
	CreateStrategy(ctx context.Context, s Strategy) (Strategy, error)
	// UpdateStrategy changes everything but Code; a status still used by an activity or
	// participant cannot be removed from the list.
	UpdateStrategy(ctx context.Context, s Strategy) (Strategy, error)

	ListOrganisations(ctx context.Context) ([]Organisation, error)
	Organisation(ctx context.Context, id int64) (Organisation, error)
	CreateOrganisation(ctx context.Context, o Organisation) (Organisation, error)
	UpdateOrganisation(ctx context.Context, o Organisation) (Organisation, error)

	// StrategyTree loads a strategy with all its nodes, participants, tasks and indicators, with
	// one query per table, from one consistent snapshot.
	StrategyTree(ctx context.Context, strategyID int64) (Tree, error)
	Node(ctx context.Context, id int64) (Node, error)
	// CreateNode adds a node as the last child of its parent.
	CreateNode(ctx context.Context, n Node) (Node, error)
	// UpdateNode changes a node's content; its place changes only through MoveNode.
	UpdateNode(ctx context.Context, n Node) (Node, error)
	MoveNode(ctx context.Context, id int64, m Move) (Node, error)
	// DeleteNode removes a node with its participants and tasks; a node with children or
	// indicators is refused, so a slip cannot remove a whole branch.
	DeleteNode(ctx context.Context, id int64, version int) error

	Participants(ctx context.Context, f ParticipantFilter) ([]Participant, error)
	AddParticipant(ctx context.Context, p Participant) (Participant, error)
	UpdateParticipant(ctx context.Context, p Participant) (Participant, error)
	RemoveParticipant(ctx context.Context, activityID int64, ehak string, version int) error

	Tasks(ctx context.Context, activityID int64) ([]Task, error)
	Task(ctx context.Context, id int64) (Task, error)
	CreateTask(ctx context.Context, t Task) (Task, error)
	UpdateTask(ctx context.Context, t Task) (Task, error)
	DeleteTask(ctx context.Context, id int64, version int) error

	Indicator(ctx context.Context, id int64) (Indicator, error)
	CreateIndicator(ctx context.Context, i Indicator) (Indicator, error)
	UpdateIndicator(ctx context.Context, i Indicator) (Indicator, error)
	// DeleteIndicator removes an indicator with its measurements, all in one audit event.
	DeleteIndicator(ctx context.Context, id int64, version int) error
	Measurements(ctx context.Context, indicatorID int64) ([]Measurement, error)
	AddMeasurement(ctx context.Context, m Measurement) (Measurement, error)
	UpdateMeasurement(ctx context.Context, m Measurement) (Measurement, error)
	DeleteMeasurement(ctx context.Context, id int64, version int) error

	// LoadStrategies makes an organisation for every municipality that has none and adds
	// each seed whose Code is not yet stored: loading twice adds nothing, and nothing
	// users changed is overwritten.
	LoadStrategies(ctx context.Context, seeds []Seed) error
}

// StrategyFilter selects strategies; empty fields do not filter.
type StrategyFilter struct {
	Statuses []StrategyStatus // e.g. adopted and archived for the public
	OwnerID  int64
	Limit    int
	Offset   int
}

// Validate checks the filter and fills the default page size.
func (f *StrategyFilter) Validate() error {
	var p kovit.Problems
	for _, s := range f.Statuses {
		if !s.Valid() {
			p.Add("status", "plan.error.strategy_status")
			break
		}
	}
	if f.Limit == 0 {
		f.Limit = 50
	}
	if f.Limit < 0 || f.Limit > 500 {
		p.Add("limit", "error.limit")
	}
	if f.Offset < 0 {
		p.Add("offset", "error.offset")
	}
	return p.Err()
}

// ParticipantFilter selects participants; set at least one field.
type ParticipantFilter struct {
	ActivityID       int64
	MunicipalityEHAK string
}

// Seed is a strategy shipped as reference data, with its top-level nodes.
type Seed struct {
	Strategy Strategy
	Nodes    []Node
}
