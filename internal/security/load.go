package security

import (
	"context"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// LoadView reads municipality ehak's assessment in round id, laid out by module; empty
// (no Assessment) when it has not started. It does not ask who reads: the surfaces ask
// auth.CanReadAssessment first, as the embargo is theirs to keep.
func LoadView(ctx context.Context, s Store, id int64, ehak string) (View, error) {
	rd, err := s.SecurityRound(ctx, id)
	if err != nil {
		return View{}, err
	}
	modules, err := s.EITSModules(ctx, rd.Year)
	if err != nil {
		return View{}, err
	}
	measures, err := s.EITSMeasures(ctx, rd.Year)
	if err != nil {
		return View{}, err
	}
	a, answers, err := s.SecurityAssessment(ctx, id, ehak)
	var started *Assessment
	switch kovit.ErrorCode(err) {
	case "":
		started = &a
	case kovit.ENotFound:
		answers = nil
	default:
		return View{}, err
	}
	return ViewOf(rd, started, modules, measures, answers), nil
}

// LoadAggregates computes round rd's peer aggregates over the municipalities ms from the
// shares stored with each assessment. The surfaces ask auth.CanReadSecurityAggregates first.
func LoadAggregates(ctx context.Context, s Store, rd Round, ms []municipality.Municipality) ([]Spread, error) {
	shares, err := s.SecurityShares(ctx, rd.ID)
	if err != nil {
		return nil, err
	}
	return Aggregates(shares, ms), nil
}
