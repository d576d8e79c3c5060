package landscape

import (
	"context"
	"slices"

	"kovit/internal/kovit"
)

// Store is what the module needs from storage. Every change is audited and takes the user
// from the context; permissions are the caller's to check (auth's policy). Solutions and
// rows carry a version: a save based on an older one fails with kovit.EConflict.
type Store interface {
	// ListSolutions returns the solutions f selects, by name, and how many match.
	ListSolutions(ctx context.Context, f SolutionFilter) ([]Solution, int, error)
	Solution(ctx context.Context, id int64) (Solution, error)
	// CreateSolution adds a solution in s.State: accepted when a coordinator adds it,
	// proposed when a municipality proposes it.
	CreateSolution(ctx context.Context, s Solution) (Solution, error)
	// UpdateSolution changes a solution's content; its state changes only through
	// AcceptSolution and MergeSolution.
	UpdateSolution(ctx context.Context, s Solution) (Solution, error)
	// AcceptSolution takes a proposal into the catalogue.
	AcceptSolution(ctx context.Context, id int64, version int) (Solution, error)
	// MergeSolution folds a proposal into the solution it duplicates: every landscape row
	// of the proposal moves to that solution, none is lost.
	MergeSolution(ctx context.Context, id, into int64, version int) (Solution, error)
	// LoadSolutions adds the seeded solutions the catalogue does not have by name yet.
	LoadSolutions(ctx context.Context, seeds []Solution) error

	// ListRows returns the landscape rows f selects and how many match.
	ListRows(ctx context.Context, f RowFilter) ([]Row, int, error)
	// AllRows is every municipality's every row in one read, the matrix's: only each row's
	// id, municipality, solution, version and status.
	AllRows(ctx context.Context) ([]Row, error)
	Row(ctx context.Context, id int64) (Row, error)
	// CreateRow declares a solution in a municipality's landscape; a second row of the
	// same municipality and solution is refused.
	CreateRow(ctx context.Context, r Row) (Row, error)
	// UpdateRow changes a row and confirms it; a new status is added to its history.
	UpdateRow(ctx context.Context, r Row) (Row, error)
	// ImportRows creates or updates every row of one municipality in one transaction, or
	// none of them; a row with an id updates that row at its version.
	ImportRows(ctx context.Context, ehak string, rows []Row) (created, updated int, err error)
	// ConfirmRows marks every row of a municipality as confirmed now.
	ConfirmRows(ctx context.Context, ehak string) (int, error)
	// SignOffLandscape records the lead's sign-off of a municipality's whole landscape.
	SignOffLandscape(ctx context.Context, ehak string) (SignOff, error)
	// LandscapeSignOff is a municipality's last sign-off; not found when there is none.
	LandscapeSignOff(ctx context.Context, ehak string) (SignOff, error)
	// Usage counts, per solution, the municipalities by status: what the public sees.
	Usage(ctx context.Context) (map[int64]map[Status]int, error)

	AdvisoryStore
	RecordsStore
	PracticeStore
}

// SolutionFilter selects solutions; empty fields do not filter.
type SolutionFilter struct {
	// States selects by catalogue state; empty means proposed and accepted (not merged).
	States []State
	Kind   Kind
	Area   Area
	// Query matches words of the name, supplier, owner and description.
	Query  string
	Limit  int
	Offset int
}

// Validate checks the filter and fills the default page size.
func (f *SolutionFilter) Validate() error {
	var p kovit.Problems
	for _, s := range f.States {
		if !s.Valid() {
			p.Add("state", "landscape.error.state")
			break
		}
	}
	if len(f.States) == 0 {
		f.States = []State{Proposed, Accepted}
	}
	if f.Kind != "" && !f.Kind.Valid() {
		p.Add("kind", "landscape.error.kind")
	}
	if f.Area != "" && !f.Area.Valid() {
		p.Add("area", "landscape.error.area")
	}
	if kovit.TooLong(f.Query, 200) {
		p.Add("q", "error.too_long")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 100)
	return p.Err()
}

// Matches reports whether s passes f's state, kind and area (not its query).
func (f SolutionFilter) Matches(s Solution) bool {
	return slices.Contains(f.States, s.State) && (f.Kind == "" || s.Kind == f.Kind) && (f.Area == "" || s.Area == f.Area)
}

// RowFilter selects landscape rows; empty fields do not filter.
type RowFilter struct {
	MunicipalityEHAK string
	SolutionID       int64
	Status           Status
	// StaleOnly keeps the rows not confirmed for StaleAfter.
	StaleOnly bool
	Limit     int
	Offset    int
}

// Validate checks the filter and fills the default page size.
func (f *RowFilter) Validate() error {
	var p kovit.Problems
	if f.MunicipalityEHAK != "" && len(f.MunicipalityEHAK) != 4 {
		p.Add("municipality", "landscape.error.municipality")
	}
	if f.Status != "" && !f.Status.Valid() {
		p.Add("status", "landscape.error.status")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 100)
	return p.Err()
}
