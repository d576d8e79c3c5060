package need

import (
	"context"
	"slices"

	"kovit/internal/kovit"
)

// Store is what the module needs from storage. Every change is audited and takes the user
// from the context; permissions are the caller's to check (auth's policy), not the store's.
// Needs, consolidated needs, measures, rounds, projects and the weights carry a version: a
// save based on an older one fails with kovit.EConflict and the first save stays.
type Store interface {
	// ListNeeds returns the needs f selects in f's order (newest first unless f.Sort says
	// otherwise), and how many match in all.
	ListNeeds(ctx context.Context, f Filter) ([]Need, int, error)
	Need(ctx context.Context, id int64) (Need, error)
	// CreateNeed stores a new draft and records its creation as the first event.
	CreateNeed(ctx context.Context, n Need) (Need, error)
	// UpdateNeed changes a need's content; its state changes only through TransitionNeed.
	UpdateNeed(ctx context.Context, n Need) (Need, error)
	// TransitionNeed moves a need (Transition.Check) and records the move as an event.
	// Accepting into a consolidated need links the need to it.
	TransitionNeed(ctx context.Context, id int64, t Transition) (Need, error)
	// NeedEvents is a need's history, oldest first.
	NeedEvents(ctx context.Context, id int64) ([]Event, error)
	// ImportNeeds stores every need as a draft in one transaction, or none of them.
	ImportNeeds(ctx context.Context, needs []Need) ([]Need, error)

	// Similar returns the needs most like need id, best first, leaving out dismissed
	// pairs, drafts, and needs that are rejected or duplicates.
	Similar(ctx context.Context, id int64, limit int) ([]Suggestion, error)
	// AcceptSuggestion puts both needs into one consolidated need: the one either already
	// belongs to, or a new one made from the first need's title and description.
	AcceptSuggestion(ctx context.Context, needID, otherID int64) (Consolidated, error)
	// DismissSuggestion records that the two needs are not alike, so they are not
	// suggested again.
	DismissSuggestion(ctx context.Context, needID, otherID int64) error

	ListConsolidated(ctx context.Context, f ConsolidatedFilter) ([]Consolidated, error)
	Consolidated(ctx context.Context, id int64) (Consolidated, error)
	// CreateConsolidated makes a consolidated need and accepts needIDs into it.
	CreateConsolidated(ctx context.Context, c Consolidated, needIDs []int64) (Consolidated, error)
	// UpdateConsolidated changes what a coordinator sets; MeasureID changes only through
	// MapToMeasure.
	UpdateConsolidated(ctx context.Context, c Consolidated) (Consolidated, error)
	// LinkNeeds accepts more needs into a consolidated need.
	LinkNeeds(ctx context.Context, id int64, needIDs []int64) (Consolidated, error)
	// Endorse records a municipality's endorsement; a second one of the same
	// municipality is refused.
	Endorse(ctx context.Context, id int64, ehak string) (Consolidated, error)

	Weights(ctx context.Context) (Weights, error)
	SetWeights(ctx context.Context, w Weights) (Weights, error)
	// Priorities ranks the consolidated needs f selects by the stored weights.
	Priorities(ctx context.Context, f ConsolidatedFilter) ([]Ranked, error)

	ListMeasures(ctx context.Context, f MeasureFilter) ([]Measure, error)
	Measure(ctx context.Context, id int64) (Measure, error)
	CreateMeasure(ctx context.Context, m Measure) (Measure, error)
	UpdateMeasure(ctx context.Context, m Measure) (Measure, error)
	// MapToMeasure maps a consolidated need to a measure, or unmaps it with nil; a
	// measure that does not fund the need's category is refused.
	MapToMeasure(ctx context.Context, consolidatedID int64, measureID *int64, version int) (Consolidated, error)
	Budget(ctx context.Context, measureID int64) (Budget, error)
	MeasureTrace(ctx context.Context, measureID int64) (MeasureTrace, error)
	// Proposal puts together the proposal for the ministry from a measure and the
	// consolidated needs mapped to it, ranked among themselves.
	Proposal(ctx context.Context, measureID int64) (Proposal, error)

	ListRounds(ctx context.Context) ([]Round, error)
	Round(ctx context.Context, id int64) (Round, error)
	CreateRound(ctx context.Context, r Round) (Round, error)
	UpdateRound(ctx context.Context, r Round) (Round, error)
	Dashboard(ctx context.Context, roundID int64) (Dashboard, error)

	Projects(ctx context.Context, consolidatedID int64) ([]Project, error)
	Project(ctx context.Context, id int64) (Project, error)
	// CreateProject starts a project for a consolidated need and moves its accepted
	// needs to funded.
	CreateProject(ctx context.Context, p Project) (Project, error)
	// UpdateProject changes a project; marking it done moves its funded needs to done.
	UpdateProject(ctx context.Context, p Project) (Project, error)

	// Trace follows one need to the end of its path.
	Trace(ctx context.Context, needID int64) (Trace, error)
}

// Filter selects needs; empty fields do not filter.
type Filter struct {
	MunicipalityEHAK string
	// Municipalities, when set, keeps the needs of any of them: an editor of several
	// municipalities lists all of theirs (WithinAny).
	Municipalities []string
	RoundID        int64
	States         []State
	Category       Category
	ConsolidatedID int64
	// Query matches words of the title and description, in any of their forms.
	Query string
	// SubmittedOnly leaves out the needs still editable by their municipality (drafts and
	// those returned for changes), which readers may not read (auth.NeedScope).
	SubmittedOnly bool
	// Sort is one of SortFields, SortCreated by default; Desc reverses it. An empty Sort
	// lists the newest first.
	Sort   string
	Desc   bool
	Limit  int
	Offset int
}

// Within narrows f to the needs a user may list (auth.NeedScope): one municipality's when
// ehak is not "", only submitted ones when submittedOnly. It reports false, changing
// nothing, when f asks for another municipality's needs than the one ehak allows.
func (f *Filter) Within(ehak string, submittedOnly bool) bool {
	if ehak != "" && f.MunicipalityEHAK != "" && f.MunicipalityEHAK != ehak {
		return false
	}
	if ehak != "" {
		f.MunicipalityEHAK = ehak
	}
	f.SubmittedOnly = f.SubmittedOnly || submittedOnly
	return true
}

// WithinAny is Within for an editor of several municipalities (auth.NeedScopeAll): the
// needs of the one f names when it is among ehaks, of all of ehaks when f names none. It
// reports false, changing nothing, when f names another municipality.
func (f *Filter) WithinAny(ehaks []string, submittedOnly bool) bool {
	if len(ehaks) > 0 {
		if f.MunicipalityEHAK != "" && !slices.Contains(ehaks, f.MunicipalityEHAK) {
			return false
		}
		if f.MunicipalityEHAK == "" {
			f.Municipalities = ehaks
		}
	}
	f.SubmittedOnly = f.SubmittedOnly || submittedOnly
	return true
}

// MaxLimit is the largest page of needs, as of every list.
const MaxLimit = kovit.MaxLimit

// Validate checks the filter and fills the default page size.
func (f *Filter) Validate() error {
	var p kovit.Problems
	for _, s := range f.States {
		if !s.Valid() {
			p.Add("state", "need.error.state")
			break
		}
	}
	if f.Category != "" && !f.Category.Valid() {
		p.Add("category", "need.error.category")
	}
	if f.Sort == "" {
		f.Sort, f.Desc = SortCreated, true
	} else if !slices.Contains(SortFields, f.Sort) {
		p.Add("sort", "error.sort")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 50)
	return p.Err()
}

// ConsolidatedFilter selects consolidated needs; empty fields do not filter.
type ConsolidatedFilter struct {
	PublishedOnly bool // for the public
	MeasureID     int64
	Category      Category
}

// MeasureFilter selects measures; empty fields do not filter.
type MeasureFilter struct {
	PublishedOnly bool // for the public
	Status        MeasureStatus
}
