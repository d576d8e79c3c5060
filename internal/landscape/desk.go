package landscape

import (
	"context"
	"strconv"
	"time"

	"kovit/internal/desk"
	"kovit/internal/kovit"
)

// The desk items of the landscape (issue 13).
const (
	// DeskEndOfSupport is a row of the editor's landscape running a version whose support
	// has ended or ends within SupportWarning.
	DeskEndOfSupport desk.Kind = "landscape_end_of_support"
	// DeskStale is a row of the editor's landscape not confirmed for StaleAfter.
	DeskStale desk.Kind = "landscape_stale"
	// DeskProposal is a proposed solution waiting for a coordinator's decision.
	DeskProposal desk.Kind = "solution_proposed"
)

// SupportWarning is how long before a version's end of support its users are warned.
const SupportWarning = 90 * 24 * time.Hour

// SupportEnds is when the row's version stops being supported, when the catalogue says.
func SupportEnds(r Row, s Solution) (time.Time, bool) {
	v, ok := s.FindVersion(r.SoftwareVersion)
	if !ok || v.EndOfSupport == "" {
		return time.Time{}, false
	}
	t, ok := Day(v.EndOfSupport)
	return t, ok && !t.IsZero()
}

// DeskProvider lists an editor's rows whose version's support ends or has ended, and rows
// gone stale; and a coordinator's proposals to decide. Rows of stopped use are left out.
func DeskProvider(s Store) desk.Provider {
	return func(ctx context.Context, v desk.Viewer, now time.Time) (desk.Found, error) {
		var found desk.Found
		if v.Queues {
			props, _, err := s.ListSolutions(ctx, SolutionFilter{States: []State{Proposed}, Limit: kovit.MaxLimit})
			if err != nil {
				return found, err
			}
			for _, p := range props {
				found.Items = append(found.Items, desk.Item{Kind: DeskProposal, MunicipalityEHAK: p.ProposedBy, TitleEt: p.Name,
					Link: "/solutions/" + strconv.FormatInt(p.ID, 10), Date: p.CreatedAt})
			}
		}
		if v.Municipality == "" {
			return found, nil
		}
		rows, _, err := s.ListRows(ctx, RowFilter{MunicipalityEHAK: v.Municipality, Limit: kovit.MaxLimit})
		if err != nil {
			return found, err
		}
		sols := map[int64]Solution{}
		for _, r := range rows {
			if r.Status == Stopped {
				continue
			}
			sol, ok := sols[r.SolutionID]
			if !ok {
				if sol, err = s.Solution(ctx, r.SolutionID); err != nil {
					return found, err
				}
				sols[r.SolutionID] = sol
			}
			link := "/landscape/rows/" + strconv.FormatInt(r.ID, 10)
			if end, ok := SupportEnds(r, sol); ok && end.Before(now.Add(SupportWarning)) {
				found.Items = append(found.Items, desk.Item{Kind: DeskEndOfSupport, MunicipalityEHAK: r.MunicipalityEHAK,
					TitleEt: sol.Name + " " + r.SoftwareVersion, Link: link, Date: end})
			}
			if r.Stale(now) {
				found.Items = append(found.Items, desk.Item{Kind: DeskStale, MunicipalityEHAK: r.MunicipalityEHAK,
					TitleEt: sol.Name, Link: link, Date: r.ConfirmedAt})
			}
		}
		return found, nil
	}
}
