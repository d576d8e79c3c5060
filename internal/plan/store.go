package plan

import (
	"context"
	"time"

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
	// one query per table, from one consistent snapshot. The tree may be shared with other
	// readers: change nothing in it (Public makes a copy to change).
	StrategyTree(ctx context.Context, strategyID int64) (Tree, error)
	Node(ctx context.Context, id int64) (Node, error)
	// CreateNode adds a node as the last child of its parent.
	CreateNode(ctx context.Context, n Node) (Node, error)
	// UpdateNode changes a node's content; its place changes only through MoveNode.
	UpdateNode(ctx context.Context, n Node) (Node, error)
	MoveNode(ctx context.Context, id int64, m Move) (Node, error)
	// Contributions lists the activities that contribute to the activity with id, of
	// every strategy: the caller leaves out those the user may not read.
	Contributions(ctx context.Context, activityID int64) ([]Contribution, error)
	// DeleteNode removes a node with its participants and tasks; a node with children or
	// indicators is refused, so a slip cannot remove a whole branch.
	DeleteNode(ctx context.Context, id int64, version int) error

	Participants(ctx context.Context, f ParticipantFilter) ([]Participant, error)
	AddParticipant(ctx context.Context, p Participant) (Participant, error)
	// AddParticipants adds municipalities to an activity in one transaction, each with
	// the strategy's first status: all or none. Those already taking part are skipped;
	// it returns the participants added.
	AddParticipants(ctx context.Context, activityID int64, ehaks []string) ([]Participant, error)
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
	// LatestValues is the latest national figure (Indicator.Series) of each of a strategy's
	// indicators that has one.
	LatestValues(ctx context.Context, strategyID int64) (map[int64]Point, error)
	// Measurement loads one value, so a request naming only the value finds its indicator.
	Measurement(ctx context.Context, id int64) (Measurement, error)
	AddMeasurement(ctx context.Context, m Measurement) (Measurement, error)
	UpdateMeasurement(ctx context.Context, m Measurement) (Measurement, error)
	DeleteMeasurement(ctx context.Context, id int64, version int) error

	// ImportPlan applies rows of an imported spreadsheet (ReadImport) to a strategy's tree
	// in one transaction, all or nothing; see Reconcile for what a row does.
	ImportPlan(ctx context.Context, strategyID int64, rows []ImportRow) (ImportResult, error)
	// Attention lists what needs attention in the strategies not archived (CollectAttention).
	Attention(ctx context.Context, f AttentionFilter, now time.Time) ([]AttentionItem, error)
	// MunicipalityParticipations lists a municipality's parts in joint activities of the
	// strategies readable selects (its Statuses and EditorOf).
	MunicipalityParticipations(ctx context.Context, ehak string, readable StrategyFilter) ([]Participation, error)

	// LoadStrategies makes an organisation for every municipality that has none and adds
	// each seed whose Code is not yet stored: loading twice adds nothing, and nothing
	// users changed is overwritten.
	LoadStrategies(ctx context.Context, seeds []Seed) error

	ReportStore
}

// StrategyFilter selects strategies; empty fields do not filter.
type StrategyFilter struct {
	Statuses []StrategyStatus // e.g. adopted and archived for the public
	OwnerID  int64
	// EditorOf, an editor's municipalities, leaves out the drafts of other municipalities'
	// own plans, which they may not read (auth.CanReadStrategy).
	EditorOf []string
	Limit    int
	Offset   int
}

// Readable is the filter of the strategies a user may read, from auth.ReadableDrafts:
// adopted and archived ones without drafts; with them, every one but other
// municipalities' draft plans when editorOf is set.
func Readable(drafts bool, editorOf []string) StrategyFilter {
	if !drafts {
		return StrategyFilter{Statuses: []StrategyStatus{Adopted, Archived}, Limit: 500}
	}
	return StrategyFilter{EditorOf: editorOf, Limit: 500}
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
	kovit.CheckPage(&p, &f.Limit, f.Offset, 50)
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
