package security

import (
	"context"
	"kovit/internal/audit"

	"kovit/internal/plan"
)

// Store is what the security module needs from storage; sqlstore implements it. Reading
// answers is not guarded here: the surfaces ask internal/auth first (CanReadAssessment),
// as the embargo is a rule of who asks.
type Store interface {
	// LoadEITSModules stores a catalogue year's modules at start, adding what is new.
	LoadEITSModules(ctx context.Context, rows []Module) error
	EITSYears(ctx context.Context) ([]int, error)
	EITSModules(ctx context.Context, year int) ([]Module, error)
	EITSMeasures(ctx context.Context, year int) ([]Measure, error)
	// ImportEITSMeasures replaces a catalogue year's measures, all or nothing, and says
	// how many were added, changed and removed.
	ImportEITSMeasures(ctx context.Context, year int, ms []Measure) (ImportResult, error)

	SecurityRounds(ctx context.Context) ([]Round, error)
	SecurityRound(ctx context.Context, id int64) (Round, error)
	CreateSecurityRound(ctx context.Context, r Round) (Round, error)
	UpdateSecurityRound(ctx context.Context, r Round) (Round, error)

	// SecurityAssessment is municipality ehak's assessment in a round and its answers;
	// not found until the municipality has started it.
	SecurityAssessment(ctx context.Context, roundID int64, ehak string) (Assessment, []Answer, error)
	// StartSecurityAssessment starts it, prefilled from the municipality's assessment in
	// the latest earlier round; one already started is returned as it is.
	StartSecurityAssessment(ctx context.Context, roundID int64, ehak string) (Assessment, error)
	UpdateSecurityAssessment(ctx context.Context, a Assessment) (Assessment, error)
	SaveSecurityAnswer(ctx context.Context, roundID int64, ehak string, a Answer) (Answer, error)
	// SaveSecurityAnswers saves many answers of one municipality, all or none, each
	// naming the version it read (0 for a new one).
	SaveSecurityAnswers(ctx context.Context, roundID int64, ehak string, as []Answer) (int, error)
	// ConfirmSecurityModule confirms a module's prefilled answers as they are.
	ConfirmSecurityModule(ctx context.Context, roundID int64, ehak, module string) (int, error)
	// SecurityRoundAnswers are every started assessment's answers in a round, by EHAK,
	// with only what the figures are made of (module, measure, applies, status,
	// prefilled): the aggregates' input, never shown as such.
	SecurityRoundAnswers(ctx context.Context, roundID int64) (map[string][]Answer, error)

	// SecurityShares are the basic-tier shares of the municipalities that have answered
	// in a round, by EHAK, as stored at each change (FiguresOf's Share).
	SecurityShares(ctx context.Context, roundID int64) (map[string]float64, error)

	// LoadMaturityCriteria seeds the maturity criteria at start, where missing.
	LoadMaturityCriteria(ctx context.Context, cs []MaturityCriterion) error
	MaturityCriteria(ctx context.Context) ([]MaturityCriterion, error)
	UpdateMaturityCriterion(ctx context.Context, c MaturityCriterion) (MaturityCriterion, error)
	// MaturityMet lists the criteria (ids) municipality ehak meets in a round.
	MaturityMet(ctx context.Context, roundID int64, ehak string) ([]int64, error)
	SetMaturityMet(ctx context.Context, roundID int64, ehak string, met []int64) ([]int64, error)

	// PlanSecurityActivity makes a "not implemented" answer an activity in strategy
	// strategyID, the municipality's own plan, and links the two.
	PlanSecurityActivity(ctx context.Context, roundID int64, ehak, module, measure string, strategyID int64) (plan.Node, error)
	// SecurityActivitiesDone lists the municipality's answers still "not implemented"
	// whose activity is complete: their new status is to be proposed.
	SecurityActivitiesDone(ctx context.Context, ehak string) ([]ActivityDone, error)

	// SecurityAssessmentHistory is the audit trail of municipality ehak's assessment in a
	// round, newest first, one page of f (its Limit and Offset) and the total: the
	// answers' changes (of one module when module is not ""), and the report's.
	SecurityAssessmentHistory(ctx context.Context, roundID int64, ehak, module string, f audit.Filter) ([]audit.Event, int, error)

	// ModuleSystems are the landscape rows (ids) municipality ehak's module covers in a
	// round; SetModuleSystems replaces them (rows of its own landscape only, at most
	// MaxModuleSystems); SystemModules are the modules that name a row, every round's.
	ModuleSystems(ctx context.Context, roundID int64, ehak, module string) ([]int64, error)
	SetModuleSystems(ctx context.Context, roundID int64, ehak, module string, rowIDs []int64) ([]int64, error)
	SystemModules(ctx context.Context, rowID int64) ([]SystemModule, error)
}

// MaxModuleSystems bounds the systems one module names: far above a municipality's
// landscape of a few dozen systems.
const MaxModuleSystems = 200

// SystemModule is a module of an assessment that names a landscape row.
type SystemModule struct {
	RoundID          int64  `json:"round_id"`
	RoundTitle       string `json:"round_title"`
	MunicipalityEHAK string `json:"municipality_ehak"`
	ModuleCode       string `json:"module_code"`
}

// ActivityDone is an answer whose plan activity is complete.
type ActivityDone struct {
	RoundID     int64
	ModuleCode  string
	MeasureCode string
	ActivityID  int64
	Title       string
}

// ImportResult counts what an import of measures did.
type ImportResult struct {
	Added   int `json:"added"`
	Changed int `json:"changed"`
	Removed int `json:"removed"`
}
