package api

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

// SolutionDetail is one solution with how many municipalities run it, by status: what the
// public may know of its use.
type SolutionDetail struct {
	Solution landscape.Solution       `json:"solution"`
	Usage    map[landscape.Status]int `json:"usage"`
}

// SolutionDecision is a coordinator's answer to a proposed solution.
type SolutionDecision struct {
	Decision string `json:"decision"` // accept or merge
	Into     int64  `json:"into"`     // the solution a merged proposal joins
	Version  int    `json:"version"`
}

// SignOffRequest names the municipality whose landscape the lead signs off.
type SignOffRequest struct {
	MunicipalityEHAK string `json:"municipality_ehak"`
}

// listSolutions lists the catalogue: the public sees accepted solutions only.
func (a *API) listSolutions(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	pg := q.page()
	f := landscape.SolutionFilter{Kind: landscape.Kind(q.str("kind")), Area: landscape.Area(q.str("area")), Query: q.str("q"),
		Limit: pg.Limit, Offset: pg.Offset}
	if s := q.str("state"); s != "" {
		f.States = []landscape.State{landscape.State(s)}
	}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	if auth.CanReadSolution(auth.UserFrom(ctx), false) != nil {
		if len(f.States) != 2 && (len(f.States) != 1 || f.States[0] != landscape.Accepted) {
			var p kovit.Problems
			p.Add("state", "landscape.error.state")
			return p.Err()
		}
		f.States = []landscape.State{landscape.Accepted}
	}
	items, total, err := a.landscape.ListSolutions(ctx, f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, page[landscape.Solution]{orEmpty(items), total, f.Limit, f.Offset})
}

func (a *API) getSolution(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	s, err := a.readableSolution(r)
	if err != nil {
		return err
	}
	usage, err := a.landscape.Usage(ctx)
	if err != nil {
		return err
	}
	u := usage[s.ID]
	if u == nil {
		u = map[landscape.Status]int{}
	}
	return a.writeJSON(w, r, http.StatusOK, SolutionDetail{s, u})
}

// readableSolution is the path's solution when the user may read it; a proposal is hidden
// from the public as a missing solution is.
func (a *API) readableSolution(r *http.Request) (landscape.Solution, error) {
	id, err := pathID(r)
	if err != nil {
		return landscape.Solution{}, err
	}
	s, err := a.landscape.Solution(r.Context(), id)
	if err != nil {
		return s, err
	}
	if auth.CanReadSolution(auth.UserFrom(r.Context()), s.State == landscape.Accepted) != nil {
		return s, kovit.NotFound()
	}
	return s, nil
}

// createSolution adds a solution for a coordinator, or a proposal of the editor's
// municipality.
func (a *API) createSolution(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanEditCatalogue(u); err != nil {
		if err := auth.CanProposeSolution(u); err != nil {
			return err
		}
	}
	var s landscape.Solution
	if err := decodeJSON(w, r, &s); err != nil {
		return err
	}
	s.State, s.ProposedBy = landscape.Accepted, ""
	if auth.CanEditCatalogue(u) != nil {
		s.State, s.ProposedBy = landscape.Proposed, auth.ListScope(u).Municipality
	}
	s, err := a.landscape.CreateSolution(ctx, s)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/solutions/"+strconv.FormatInt(s.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, s)
}

// updateSolution changes the fields the body names; the state changes only by a decision.
func (a *API) updateSolution(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditCatalogue(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	before, err := a.landscape.Solution(ctx, id)
	if err != nil {
		return err
	}
	s, err := decodePatch(w, r, before)
	if err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "id", s.ID != before.ID)
	readOnly(&p, "state", s.State != before.State)
	readOnly(&p, "proposed_by", s.ProposedBy != before.ProposedBy)
	readOnly(&p, "merged_into", !sameID(s.MergedInto, before.MergedInto))
	if err := versioned(&p, s.Version); err != nil {
		return err
	}
	if s, err = a.landscape.UpdateSolution(ctx, s); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, s)
}

// decideSolution accepts a proposal or merges it into the solution it duplicates.
func (a *API) decideSolution(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditCatalogue(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var d SolutionDecision
	if err := decodeJSON(w, r, &d); err != nil {
		return err
	}
	var s landscape.Solution
	switch d.Decision {
	case "accept":
		s, err = a.landscape.AcceptSolution(ctx, id, d.Version)
	case "merge":
		s, err = a.landscape.MergeSolution(ctx, id, d.Into, d.Version)
	default:
		var p kovit.Problems
		p.Add("decision", "landscape.error.decision")
		return p.Err()
	}
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, s)
}
