package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// needShowPage is one need: its details, where it went and why (history and trace), the
// moves the user may make, and for coordinators the likely duplicates.
type needShowPage struct {
	needPage
	N           need.Need
	Trace       need.Trace
	RoundTitle  string
	CanEdit     bool
	Edit        needForm
	Moves       []need.State // where the user may move the need
	Move        need.Transition
	MoveForm    form
	Targets     []need.Consolidated // consolidated needs to accept it into
	Suggestions []need.Suggestion
}

// Readable reports whether the user may read need n, which a duplicate's trace names.
func (p needShowPage) Readable(n need.Need) bool {
	return p.mayRead().Allows(n)
}

// Path is the need's page.
func (p needShowPage) Path() string { return "/needs/" + strconv.FormatInt(p.N.ID, 10) }

// maxSuggestions is how many likely duplicates a need's page lists.
const maxSuggestions = 5

func (ui *UI) loadNeedShow(r *http.Request, id int64) (needShowPage, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	n, err := ui.readableNeed(ctx, id)
	if err != nil {
		return needShowPage{}, err
	}
	np, err := ui.needPage(r, "")
	if err != nil {
		return needShowPage{}, err
	}
	p := needShowPage{needPage: np, N: n, Move: need.Transition{Version: n.Version},
		CanEdit: auth.Allowed(auth.CanEditNeed(u, n.MunicipalityEHAK, n.State.Editable()))}
	p.Title = n.Title
	if p.Trace, err = ui.Needs.Trace(ctx, id); err != nil {
		return p, err
	}
	if n.RoundID != nil {
		if rd, err := ui.Needs.Round(ctx, *n.RoundID); err == nil {
			p.RoundTitle = rd.Title
		}
	}
	for _, to := range need.States {
		who, ok := need.Next(n.State)[to]
		if ok && auth.Allowed(auth.CanMoveNeed(u, n.MunicipalityEHAK, who == need.ByMunicipality)) {
			p.Moves = append(p.Moves, to)
		}
	}
	if p.CanEdit {
		p.Edit = needForm{In: n, Cost: moneyValue(n.Cost, p.L.Lang)}
		if err := ui.fillNeedForm(r, &p.Edit); err != nil {
			return p, err
		}
	}
	if p.Coordinator() {
		if p.Targets, err = ui.Needs.ListConsolidated(ctx, need.ConsolidatedFilter{}); err != nil {
			return p, err
		}
	}
	if p.SeesAll() && n.State != need.Draft {
		if p.Suggestions, err = ui.Needs.Similar(ctx, id, maxSuggestions); err != nil {
			return p, err
		}
		p.Suggestions = need.ReadableSuggestions(p.Suggestions, p.mayRead())
	}
	return p, nil
}

func (ui *UI) needShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := ui.loadNeedShow(r, id)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "need/show", p)
	return nil
}

// needTransition moves a need on: the municipality submits, a coordinator reviews,
// accepts, returns, rejects or marks a duplicate; the reason is kept in the history.
func (ui *UI) needTransition(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := ui.readableNeed(ctx, id)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	t := need.Transition{To: need.State(r.PostFormValue("to")), Reason: strings.TrimSpace(r.PostFormValue("reason")),
		DuplicateOf: formID(r, "duplicate_of", &problems), ConsolidatedID: formID(r, "consolidated_id", &problems),
		Version: formInt(r, "version", &problems)}
	// An impossible move is answered with its reason to anyone who may move the need at all.
	who, ok := need.Next(n.State)[t.To]
	if err := auth.CanMoveNeed(u, n.MunicipalityEHAK, !ok || who == need.ByMunicipality); err != nil {
		return err
	}
	status, problems, err := trySave(problems, func() error { _, err := ui.Needs.TransitionNeed(ctx, id, t); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/needs/"+strconv.FormatInt(id, 10), "flash.saved")
	}
	p, err := ui.loadNeedShow(r, id)
	if err != nil {
		return err
	}
	if status == http.StatusConflict {
		t.Version = p.N.Version
		p.MoveForm.Message = p.L.T("needui.error.moved_meanwhile")
	}
	p.Move, p.MoveForm.Problems = t, problems
	ui.render(w, r, status, "need/show", p)
	return nil
}

// needSuggestion records a coordinator's decision on a suggested duplicate: accept puts
// both needs into one consolidated need, dismiss stops suggesting the pair.
func (ui *UI) needSuggestion(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	other, err := pathID(r, "other")
	if err != nil {
		return err
	}
	switch r.PathValue("decision") {
	case "accept":
		c, err := ui.Needs.AcceptSuggestion(ctx, id, other)
		if err != nil {
			return err
		}
		return ui.redirect(w, r, "/consolidated/"+strconv.FormatInt(c.ID, 10), "needui.flash.consolidated")
	case "dismiss":
		if err := ui.Needs.DismissSuggestion(ctx, id, other); err != nil {
			return err
		}
		// The desk's queue of suggested duplicates dismisses too, and goes back there.
		return ui.redirect(w, r, localPath(r.PostFormValue("back"), "/needs/"+strconv.FormatInt(id, 10)), "needui.flash.dismissed")
	}
	return kovit.NotFound()
}
