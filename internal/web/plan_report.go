package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// planReportsPage lists a strategy's periodic reports, with the coordinators' form to
// open a new one.
type planReportsPage struct {
	planPage
	S         plan.Strategy
	Reports   []plan.Report
	CanManage bool
	New       plan.Report // the open form's values
	Form      form
}

func (p planReportsPage) Path() string {
	return "/plan/strategies/" + strconv.FormatInt(p.S.ID, 10) + "/reports"
}
func (p planReportsPage) StartValue() string { return dayValue(p.New.PeriodStart) }
func (p planReportsPage) EndValue() string   { return dayValue(p.New.PeriodEnd) }

func dayValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func (ui *UI) loadPlanReports(r *http.Request) (planReportsPage, error) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return planReportsPage{}, err
	}
	s, err := ui.readableStrategy(ctx, id)
	if err != nil {
		return planReportsPage{}, err
	}
	list, _, err := ui.Plans.ListReports(ctx, plan.ReportFilter{StrategyID: s.ID, Limit: 500})
	if err != nil {
		return planReportsPage{}, err
	}
	p := planReportsPage{planPage: planPage{ui.page(r, "report.list.title")}, S: s, Reports: list,
		CanManage: auth.Allowed(auth.CanManageReports(auth.UserFrom(ctx)))}
	p.Nav = "plan"
	p.naming(p.PlainText(s.TitleEt, s.TitleEn))
	// A fresh form suggests last year's report, the usual one to open.
	year := ui.Now().Year() - 1
	p.New = plan.Report{TitleEt: strconv.Itoa(year) + ". aasta aruanne", TitleEn: "Report for " + strconv.Itoa(year),
		PeriodStart: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)}
	return p, nil
}

func (ui *UI) planReports(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPlanReports(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "plan/reports", p)
	return nil
}

// planReportOpen opens a report on the strategy for a period.
func (ui *UI) planReportOpen(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageReports(auth.UserFrom(ctx)); err != nil {
		return err
	}
	p, err := ui.loadPlanReports(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	in := plan.Report{StrategyID: p.S.ID, TitleEt: strings.TrimSpace(r.PostFormValue("title_et")),
		TitleEn: strings.TrimSpace(r.PostFormValue("title_en"))}
	if d := optionalDate(r, "period_start", &problems); d != nil {
		in.PeriodStart = *d
	}
	if d := optionalDate(r, "period_end", &problems); d != nil {
		in.PeriodEnd = *d
	}
	var opened plan.Report
	status, problems, err := trySave(problems, func() (err error) { opened, err = ui.Plans.OpenReport(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/plan/reports/"+strconv.FormatInt(opened.ID, 10), "report.flash.opened")
	}
	p.New, p.Form.Problems = in, problems
	ui.render(w, r, status, "plan/reports", p)
	return nil
}

// readableReport loads a report whose strategy the user may read; another is not found.
func (ui *UI) readableReport(ctx context.Context, id int64) (plan.Report, plan.Strategy, error) {
	rep, err := ui.Plans.Report(ctx, id)
	if err != nil {
		return rep, plan.Strategy{}, err
	}
	s, err := ui.readableStrategy(ctx, rep.StrategyID)
	return rep, s, err
}

// reportState is what a report shows: its frozen state once complete, the live state of
// its strategy while open; internal notes only for signed-in users.
func reportState(ctx context.Context, plans plan.Store, rep plan.Report) (plan.Snapshot, error) {
	state := rep.Frozen
	if state == nil {
		live, err := plans.LiveSnapshot(ctx, rep.StrategyID, rep.PeriodEnd)
		if err != nil {
			return plan.Snapshot{}, err
		}
		state = &live
	}
	if !auth.Allowed(auth.CanReadInternal(auth.UserFrom(ctx))) {
		return state.Public(), nil
	}
	return *state, nil
}

// planReportPage is one report, printable: the state it keeps or the live one, clearly
// labelled as which, with the coordinators' buttons and a form to compare it.
type planReportPage struct {
	planPage
	S         plan.Strategy
	R         plan.Report
	State     plan.Snapshot
	Parts     map[int64][]plan.ParticipantState // by activity
	Others    []plan.Report                     // the strategy's other reports, to compare with
	CanManage bool
}

func (p planReportPage) Path() string { return reportPath(p.R.ID) }

func reportPath(id int64) string { return "/plan/reports/" + strconv.FormatInt(id, 10) }

// Live reports whether the page shows the strategy's state now rather than a frozen one.
func (p planReportPage) Live() bool { return p.R.Frozen == nil }

// Joint lists the activities that have participants, in reading order.
func (p planReportPage) Joint() []plan.NodeState {
	var out []plan.NodeState
	for _, n := range p.State.Nodes {
		if len(p.Parts[n.ID]) > 0 {
			out = append(out, n)
		}
	}
	return out
}

func (ui *UI) planReport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// The compare form can only send the other report as a parameter: turn that into
	// the comparison's address.
	if with := r.URL.Query().Get("compare_with"); with != "" {
		other, err := strconv.ParseInt(with, 10, 64)
		if err != nil || other <= 0 {
			return kovit.NotFound()
		}
		http.Redirect(w, r, reportPath(id)+"/compare/"+strconv.FormatInt(other, 10), http.StatusSeeOther)
		return nil
	}
	rep, s, err := ui.readableReport(ctx, id)
	if err != nil {
		return err
	}
	p := planReportPage{planPage: planPage{ui.page(r, "")}, S: s, R: rep, Parts: map[int64][]plan.ParticipantState{},
		CanManage: auth.Allowed(auth.CanManageReports(auth.UserFrom(ctx)))}
	p.Title, _ = rep.Title(p.L.Lang)
	p.Nav = "plan"
	if p.State, err = reportState(ctx, ui.Plans, rep); err != nil {
		return err
	}
	for _, pt := range p.State.Participants {
		p.Parts[pt.ActivityID] = append(p.Parts[pt.ActivityID], pt)
	}
	others, _, err := ui.Plans.ListReports(ctx, plan.ReportFilter{StrategyID: s.ID, Limit: 500})
	for _, o := range others {
		if o.ID != rep.ID {
			p.Others = append(p.Others, o)
		}
	}
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "plan/report", p)
	return nil
}

// planReportComplete freezes a report's state for good.
func (ui *UI) planReportComplete(w http.ResponseWriter, r *http.Request) error {
	return ui.changeReport(w, r, func(ctx context.Context, id int64, version int) (string, string, error) {
		_, err := ui.Plans.CompleteReport(ctx, id, version)
		return "/plan/reports/" + strconv.FormatInt(id, 10), "report.flash.completed", err
	})
}

// planReportDelete removes an open report.
func (ui *UI) planReportDelete(w http.ResponseWriter, r *http.Request) error {
	return ui.changeReport(w, r, func(ctx context.Context, id int64, version int) (string, string, error) {
		rep, err := ui.Plans.Report(ctx, id)
		if err != nil {
			return "", "", err
		}
		err = ui.Plans.DeleteReport(ctx, id, version)
		return "/plan/strategies/" + strconv.FormatInt(rep.StrategyID, 10) + "/reports", "report.flash.deleted", err
	})
}

// changeReport checks the right and the form's version, then runs change and redirects
// where it says. Its refusals (a stale version, a complete report) are error pages that
// say why: these forms are single buttons with nothing typed to keep.
func (ui *UI) changeReport(w http.ResponseWriter, r *http.Request, change func(ctx context.Context, id int64, version int) (to, flash string, err error)) error {
	ctx := r.Context()
	if err := auth.CanManageReports(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var problems kovit.Problems
	version := formInt(r, "version", &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	to, flash, err := change(ctx, id, version)
	if err != nil {
		return err
	}
	return ui.redirect(w, r, to, flash)
}
