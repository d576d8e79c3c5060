package api

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// ReportDetail is a report with the state it shows: frozen once complete, the strategy's
// live state while open (Live says which). Internal notes only for signed-in users.
type ReportDetail struct {
	Report plan.Report   `json:"report"` // without frozen, which is State
	Live   bool          `json:"live"`
	State  plan.Snapshot `json:"state"`
}

// ReportComparison is what changed from the earlier of two reports to the later one.
type ReportComparison struct {
	From       plan.Report     `json:"from"`
	To         plan.Report     `json:"to"`
	Comparison plan.Comparison `json:"comparison"`
}

// VersionInput is a body that carries only the version a change is based on.
type VersionInput struct {
	Version int `json:"version"`
}

// activityUpdates lists an activity's progress updates, newest first.
func (a *API) activityUpdates(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	n, _, err := a.readableActivity(ctx, r)
	if err != nil {
		return err
	}
	items, err := a.plans.ProgressUpdates(ctx, n.ID)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

// postActivityUpdate adds a progress update by the caller, who must be one of the
// activity's contacts or allowed to edit its strategy.
func (a *API) postActivityUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return err
	}
	n, err := a.plans.Node(ctx, id)
	if err != nil {
		if perr := auth.CanEditNational(auth.UserFrom(ctx)); perr != nil && kovit.ErrorCode(err) == kovit.ENotFound {
			return perr // refused as for a national activity: nobody learns which ids exist
		}
		return err
	}
	// A contact may not post into a plan they may not read: answered as an unknown activity.
	s, err := a.readableStrategy(ctx, n.StrategyID)
	if err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	ehak, err := plan.OwnerEHAK(ctx, a.plans, s)
	if err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	if err := auth.CanPostProgressUpdate(u, ehak, u != nil && slices.Contains(n.ContactIDs, u.ID)); err != nil {
		return err
	}
	var in plan.ProgressUpdate
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	in.ActivityID = n.ID
	out, err := a.plans.PostProgressUpdate(ctx, in)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, out)
}

// readableActivity loads the activity of the path with its strategy, if the caller may
// read it.
func (a *API) readableActivity(ctx context.Context, r *http.Request) (plan.Node, plan.Strategy, error) {
	id, err := pathID(r)
	if err != nil {
		return plan.Node{}, plan.Strategy{}, err
	}
	n, err := a.plans.Node(ctx, id)
	if err != nil {
		return n, plan.Strategy{}, err
	}
	if n.Kind != plan.Activity {
		return n, plan.Strategy{}, kovit.NotFound()
	}
	s, err := a.readableStrategy(ctx, n.StrategyID)
	return n, s, err
}

// listReports lists reports, the latest period first: of public strategies for everyone,
// of drafts too for signed-in users.
func (a *API) listReports(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	drafts, editorOf := auth.ReadableDrafts(auth.UserFrom(ctx))
	pg := q.page()
	f := plan.ReportFilter{StrategyID: int64(q.int("strategy")), Limit: pg.Limit, Offset: pg.Offset,
		PublicOnly: !drafts, EditorOf: editorOf}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	items, total, err := a.plans.ListReports(ctx, f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, page[plan.Report]{orEmpty(items), total, f.Limit, f.Offset})
}

// readableReport loads a report whose strategy the caller may read with the state it shows.
func (a *API) readableReport(ctx context.Context, id int64) (ReportDetail, error) {
	rep, err := a.plans.Report(ctx, id)
	if err != nil {
		return ReportDetail{}, err
	}
	if _, err := a.readableStrategy(ctx, rep.StrategyID); err != nil {
		return ReportDetail{}, err
	}
	d := ReportDetail{Report: rep, Live: rep.Frozen == nil}
	if d.Live {
		if d.State, err = a.plans.LiveSnapshot(ctx, rep.StrategyID, rep.PeriodEnd); err != nil {
			return d, err
		}
	} else {
		d.State, d.Report.Frozen = *rep.Frozen, nil
	}
	if !auth.Allowed(auth.CanReadInternal(auth.UserFrom(ctx))) {
		d.State = d.State.Public()
	}
	return d, nil
}

func (a *API) getReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := a.readableReport(r.Context(), id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, d)
}

// openReport opens a report: strategy_id, title_et, title_en, period_start and period_end
// are read; other fields of the body are ignored.
func (a *API) openReport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageReports(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var in plan.Report
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.plans.OpenReport(ctx, plan.Report{StrategyID: in.StrategyID, TitleEt: in.TitleEt, TitleEn: in.TitleEn,
		PeriodStart: in.PeriodStart, PeriodEnd: in.PeriodEnd})
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/reports/"+strconv.FormatInt(out.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, out)
}

// completeReport freezes a report's state; the body carries the version last read.
func (a *API) completeReport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageReports(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in VersionInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if _, err := a.plans.CompleteReport(ctx, id, in.Version); err != nil {
		return err
	}
	d, err := a.readableReport(ctx, id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, d)
}

// compareReports compares two reports of one strategy; the one with the earlier period
// is "from", whichever order the path names them in.
func (a *API) compareReports(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var ids [2]int64
	for i, name := range []string{"a", "b"} {
		id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
		if err != nil || id < 1 {
			return kovit.NotFound()
		}
		ids[i] = id
	}
	from, err := a.readableReport(ctx, ids[0])
	if err != nil {
		return err
	}
	to, err := a.readableReport(ctx, ids[1])
	if err != nil {
		return err
	}
	if from.Report.StrategyID != to.Report.StrategyID {
		var p kovit.Problems
		p.Add("b", "plan.error.report_strategy")
		return p.Err()
	}
	if f, t := from.Report, to.Report; t.PeriodEnd.Before(f.PeriodEnd) || (t.PeriodEnd.Equal(f.PeriodEnd) && t.ID < f.ID) {
		from, to = to, from
	}
	return a.writeJSON(w, r, http.StatusOK, ReportComparison{from.Report, to.Report, plan.Compare(from.State, to.State)})
}
